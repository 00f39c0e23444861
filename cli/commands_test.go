package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// commandNames lists every subcommand the program has.
func commandNames() []string {
	var names []string
	for _, c := range commandTable() {
		names = append(names, c.name)
	}
	sort.Strings(names)
	return names
}

// Every command is in the help text of both languages and in the README's
// command list, and every command the README documents exists.
func TestCommandsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^studiopartner ([a-z][a-z-]+)`).FindAllStringSubmatch(string(readme), -1) {
		documented[m[1]] = true
	}
	for _, name := range commandNames() {
		if !documented[name] {
			t.Errorf("README's command list lacks %s", name)
		}
		for _, lang := range []string{"de", "en"} {
			if help := Messages(lang).S("cli.help", "Path", "x", "Version", "1.0.0"); !strings.Contains(help, "studiopartner "+name) {
				t.Errorf("the %s help lacks %s", lang, name)
			}
		}
	}
	known := map[string]bool{}
	for _, n := range commandNames() {
		known[n] = true
	}
	for name := range documented {
		if !known[name] {
			t.Errorf("README documents %s, which does not exist", name)
		}
	}
}

// The README's architecture names every package folder and every file of
// production code in it, so a newcomer finds each one there.
func TestArchitectureNamesEveryFile(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, arch, _ := strings.Cut(string(readme), "## Architecture")
	arch, _, _ = strings.Cut(arch, "\n## ")
	if arch == "" {
		t.Fatal("the README has no architecture section")
	}
	words := map[string]bool{}
	for _, w := range regexp.MustCompile(`[A-Za-z0-9_./-]+`).FindAllString(arch, -1) {
		words[strings.TrimRight(w, ".,)")] = true
		words[strings.TrimSuffix(strings.TrimRight(w, ".,)"), ".go")] = true
	}
	err = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "build") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel("..", filepath.Dir(path))
		if rel != "." && !words[filepath.ToSlash(rel)+"/"] && !words[filepath.Base(rel)+"/"] {
			t.Errorf("the architecture does not name the folder %s/", rel)
		}
		if stem := strings.TrimSuffix(name, ".go"); !words[stem] && rel != "scripts/funclen" && rel != "scripts/figures" {
			t.Errorf("the architecture does not name %s", filepath.Join(rel, name))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
