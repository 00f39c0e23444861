package cli

import (
	"go/parser"
	"go/token"
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

// The README's architecture names every package folder and every file of// packageDirs maps every folder of the program that holds Go code (tests
// aside) to its source files.
func packageDirs(t *testing.T) map[string][]string {
	t.Helper()
	dirs := map[string][]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
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
		dirs[filepath.ToSlash(rel)] = append(dirs[filepath.ToSlash(rel)], path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// The README's architecture names every package of the program.
func TestArchitectureNamesEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, arch, _ := strings.Cut(string(readme), "## Architecture")
	arch, _, _ = strings.Cut(arch, "\n## ")
	if arch == "" {
		t.Fatal("the README has no architecture section")
	}
	dirs := packageDirs(t)
	if len(dirs) < 10 {
		t.Fatalf("found only %d packages: the walk is broken", len(dirs))
	}
	for dir := range dirs {
		name := dir + "/"
		switch {
		case dir == ".":
			name = "main.go"
		case strings.HasPrefix(dir, "scripts/"): // the helpers are named in scripts/' line
			name = `\s` + regexp.QuoteMeta(strings.TrimPrefix(dir, "scripts/")+"/")
		default:
			name = `(?m)^` + regexp.QuoteMeta(name)
		}
		if !regexp.MustCompile(name + `\s`).MatchString(arch) {
			t.Errorf("the architecture does not describe %s", dir)
		}
	}
}

// Each package imports only what its layer may: the domain no database,
// the store alone the drivers, the window, the command line and the
// documents neither database/sql nor a driver.
func TestLayers(t *testing.T) {
	database := regexp.MustCompile(`^(database/sql|modernc\.org/sqlite|github\.com/jackc/)`)
	forbidden := map[string]*regexp.Regexp{
		"data":          regexp.MustCompile(`^(database/sql|modernc\.org/|github\.com/jackc/|studiopartner/|fyne\.io/)`),
		"data/disk":     regexp.MustCompile(`^(database/sql|modernc\.org/|github\.com/jackc/|studiopartner/data/.|studiopartner/(ui|cli|reports)|fyne\.io/)`),
		"data/vault":    regexp.MustCompile(`^(database/sql|modernc\.org/|github\.com/jackc/|studiopartner/data/.|studiopartner/(ui|cli|reports)|fyne\.io/)`),
		"data/exchange": regexp.MustCompile(`^(database/sql|modernc\.org/|github\.com/jackc/|studiopartner/(ui|cli|reports)|fyne\.io/)`),
		"data/sqlstore": regexp.MustCompile(`^(studiopartner/data/exchange|studiopartner/(ui|cli|reports)|fyne\.io/)`),
		"ui":            database,
		"cli":           regexp.MustCompile(`^(database/sql|modernc\.org/|github\.com/jackc/|fyne\.io/)`),
		"reports":       regexp.MustCompile(`^(database/sql|modernc\.org/|github\.com/jackc/|fyne\.io/)`),
	}
	dirs := packageDirs(t)
	fset := token.NewFileSet()
	for dir, rule := range forbidden {
		if len(dirs[dir]) == 0 {
			t.Errorf("no package %s", dir)
		}
		for _, path := range dirs[dir] {
			f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				if p := strings.Trim(imp.Path.Value, `"`); rule.MatchString(p) {
					t.Errorf("%s imports %s", path, p)
				}
			}
		}
	}
}

// No package holds more than 40% of the program's lines (tests aside).
func TestNoPackageHoldsMostOfTheProgram(t *testing.T) {
	lines, total := map[string]int{}, 0
	for dir, files := range packageDirs(t) {
		if strings.HasPrefix(dir, "scripts") {
			continue
		}
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			n := strings.Count(string(b), "\n")
			lines[dir] += n
			total += n
		}
	}
	for dir, n := range lines {
		if share := float64(n) / float64(total); share > 0.4 {
			t.Errorf("%s holds %.0f%% of the program's %d lines", dir, share*100, total)
		}
	}
}
