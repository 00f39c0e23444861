package cli

import (
	"os"
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
			if help := Messages(lang).S("cli.help", "Path", "x", "Version", Version); !strings.Contains(help, "studiopartner "+name) {
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
