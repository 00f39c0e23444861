package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"studiopartner/data"
	"studiopartner/translations"
)

// Every screen is declared once and complete: a name the help texts list
// for --page, a label in both languages, an icon, and a screen that
// builds and shows; its shortcut opens it, and an owner's screen is
// hidden from the front desk.
func TestPageRegistry(t *testing.T) {
	names := strings.Join(PageNames(), ", ")
	for _, lang := range []string{"de", "en"} {
		help := translations.New(lang).S("cli.help", "Path", "x", "Version", "1")
		m := regexp.MustCompile(`\((?:PAGE|SEITE): ([^)]*)\)`).FindStringSubmatch(help)
		if m == nil || strings.Join(strings.Fields(m[1]), " ") != names {
			t.Errorf("the %s help lists other pages than %s: %v", lang, names, m)
		}
		for _, p := range pages {
			if !translations.New(lang).Has(p.label) {
				t.Errorf("%s lacks %s", lang, p.label)
			}
		}
	}
	a, s := newTestApp(t, "en")
	keys := map[fyne.KeyName]string{}
	for _, p := range pages {
		if !ValidPage(p.name) || p.icon() == nil {
			t.Errorf("%s is not valid or has no icon", p.name)
		}
		if other, ok := keys[p.key]; ok && p.key != "" {
			t.Errorf("Ctrl+%s opens %s and %s", p.key, other, p.name)
		}
		keys[p.key] = p.name
		a.show(p.name)
		if a.page != p.name || a.body.Objects[0] == nil {
			t.Errorf("%s did not show", p.name)
		}
	}
	if ValidPage("nowhere") {
		t.Error("an unknown page is valid")
	}
	for _, p := range pages {
		if p.key == "" {
			continue
		}
		a.show(PageSettings)
		a.keys.handle(ctrl(p.key))
		if a.page != p.name {
			t.Errorf("Ctrl+%s opened %s, not %s", p.key, a.page, p.name)
		}
	}
	desk, err := s.SaveStaff(a.ctx, data.Staff{Name: "Ben", Role: data.RoleFrontDesk, Active: true, PIN: "2468"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(a.ctx, desk.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if a.mayOpen(p.name) == p.owner {
			t.Errorf("front desk may open %s: %v, owner-only: %v", p.name, a.mayOpen(p.name), p.owner)
		}
	}
}
