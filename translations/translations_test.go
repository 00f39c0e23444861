package translations

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// message is one entry of a file: its plural forms and template variables.
type message struct {
	forms []string
	vars  []string
}

var varPattern = regexp.MustCompile(`\{\{\s*\.(\w+)`)

func load(t *testing.T, lang string) map[string]message {
	t.Helper()
	var raw map[string]any
	if _, err := toml.DecodeFile("active."+lang+".toml", &raw); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	out := map[string]message{}
	for k, v := range raw {
		var m message
		var texts []string
		switch v := v.(type) {
		case string:
			m.forms = []string{"other"}
			texts = []string{v}
		case map[string]any:
			for form, text := range v {
				m.forms = append(m.forms, form)
				texts = append(texts, fmt.Sprint(text))
			}
		default:
			t.Fatalf("%s: %s has an unexpected shape %T", lang, k, v)
		}
		seen := map[string]bool{}
		for _, text := range texts {
			for _, match := range varPattern.FindAllStringSubmatch(text, -1) {
				seen[match[1]] = true
			}
		}
		for v := range seen {
			m.vars = append(m.vars, v)
		}
		sort.Strings(m.forms)
		sort.Strings(m.vars)
		out[k] = m
	}
	return out
}

// TestParity checks that both files hold the same keys, plural forms and
// template variables.
func TestParity(t *testing.T) {
	de, en := load(t, "de"), load(t, "en")
	if len(de) < 100 {
		t.Fatalf("only %d German messages: the file did not load as expected", len(de))
	}
	for k, m := range de {
		o, ok := en[k]
		if !ok {
			t.Errorf("%s is German only", k)
			continue
		}
		if !reflect.DeepEqual(m.forms, o.forms) {
			t.Errorf("%s: plural forms de %v, en %v", k, m.forms, o.forms)
		}
		if !reflect.DeepEqual(m.vars, o.vars) {
			t.Errorf("%s: variables de %v, en %v", k, m.vars, o.vars)
		}
	}
	for k := range en {
		if _, ok := de[k]; !ok {
			t.Errorf("%s is English only", k)
		}
	}
}

var (
	// calls of the T API with a literal key
	callPattern = regexp.MustCompile(`\.(?:S|N)\(\s*"([^"]+)"\s*[,)]`)
	// table columns and menus list their header keys first in a literal
	columnPattern = regexp.MustCompile(`\{"([a-z_]+(?:\.[a-z0-9_]+)+)",`)
	// message keys written in the store and the demo: dotted lower-case literals
	keyPattern = regexp.MustCompile(`"([a-z_]+(?:\.[a-z0-9_]+)+)"`)
)

// TestKeysUsedExist reads the program's source and checks that every key
// it uses is in the files.
func TestKeysUsedExist(t *testing.T) {
	msgs := load(t, "de")
	used := map[string]string{}
	root := ".."
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range callPattern.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = p
		}
		if strings.Contains(filepath.ToSlash(p), "ui/") {
			for _, m := range columnPattern.FindAllStringSubmatch(string(src), -1) {
				used[m[1]] = p
			}
		}
		if strings.Contains(filepath.ToSlash(p), "data/") {
			for _, m := range keyPattern.FindAllStringSubmatch(string(src), -1) {
				// SQL column names such as "d.client_id" are no keys
				if !strings.Contains(m[1], "example") && !strings.HasSuffix(m[1], ".sql") && len(strings.SplitN(m[1], ".", 2)[0]) > 1 {
					used[m[1]] = p
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in the source: the scan is broken", len(used))
	}
	for k, file := range used {
		if _, ok := msgs[k]; !ok {
			t.Errorf("%s uses %q, which is in neither file", file, k)
		}
	}
}

// TestEnumsTranslated checks that every value of the store's enumerations
// has a name in both languages.
func TestEnumsTranslated(t *testing.T) {
	var keys []string
	add := func(prefix string, values ...any) {
		for _, v := range values {
			keys = append(keys, fmt.Sprintf("%s.%v", prefix, v))
		}
	}
	for _, v := range data.ClientStatuses {
		add("client.status", v)
	}
	for _, v := range data.DeclineGrounds {
		add("client.ground", v)
	}
	for _, v := range data.Billings {
		add("billing", v)
		add("billing.per", v)
	}
	for _, v := range data.NoticeUnits {
		add("notice.unit", v)
		add("notice", v)
	}
	for _, v := range data.Renewals {
		add("renewal", v)
	}
	for _, v := range data.Roles {
		add("role", v)
	}
	for _, v := range data.ServiceKinds {
		add("service.kind", v)
	}
	for _, v := range []data.ContractStatus{data.ContractUpcoming, data.ContractActive, data.ContractEnding, data.ContractEnded} {
		add("contract.status", v)
	}
	for _, v := range data.Languages {
		add("lang", v)
	}
	for _, v := range data.PaymentMethods {
		add("payment.method", v)
	}
	for _, v := range data.DemandStatuses {
		add("demand.status", v)
		add("demand.next", v) // why a move from this status is refused
	}
	for _, v := range data.DemandStatuses[1:] {
		add("demand.action", v) // the button that moves a demand there
	}
	for _, v := range data.Settlements {
		add("demand.settlement", v)
	}
	for _, v := range data.GoodwillCategories {
		add("goodwill.category", v)
	}
	for _, v := range data.FlagKinds {
		add("flag.kind", v)
		add("flag.reason", v)
	}
	for _, v := range data.VisitOutcomes {
		add("visit.outcome", v)
	}
	for _, v := range data.Beyonds {
		add("visit.choice", v)
	}
	add("visit.beyond", data.ReasonUsedUp, data.ReasonExpired, data.ReasonNoContract)
	add("audit.action", stringsAny(data.AuditActions)...)
	add("client.media", "unknown", "yes", "no")
	add("sheet.field", append([]any{"ignore"}, stringsAny(exchange.SheetFields)...)...)
	add("csv.table", stringsAny(sqlstore.ImportKinds())...)
	// the agreement's sections, as the agreement texts screen labels them
	add("clauses.section", "promises", "client_part", "rules", "goodwill", "cancellation", "privacy")
	for m := 1; m <= 12; m++ {
		add("month", m)
	}
	// default file names of documents, by kind
	add("doc.name", "agreement", "reminder", "receipt", "cancellation")
	// the studio profile's fields, as the settings screen labels them
	add("studio.field", "name", "address", "phone", "email", "website", "tax_id", "bank_name", "iban", "bic", "logo")
	for _, lang := range Languages {
		msgs := load(t, lang)
		for _, k := range keys {
			if _, ok := msgs[k]; !ok {
				t.Errorf("%s: no text for %s", lang, k)
			}
		}
	}
}

func TestLocalize(t *testing.T) {
	de, en := New("de_DE.UTF-8"), New("en")
	if got := de.N("status.clients", 1); got != "1 Kunde" {
		t.Errorf("de one = %q", got)
	}
	if got := en.N("status.clients", 3); got != "3 clients" {
		t.Errorf("en other = %q", got)
	}
	if got := de.S("money.too_large", "Max", data.MaxMoney); got != "Höchstens 1.000.000,00 €." {
		t.Errorf("de template = %q", got)
	}
	if got := en.S("contract.cancel.already", "Date", data.NewDate(2026, 12, 31)); !strings.Contains(got, "31 Dec 2026") {
		t.Errorf("en date argument = %q", got)
	}
	// a flag's reason with a count of one reads in the singular, as the
	// window and the command line render it (S, the count among the pairs)
	for _, c := range []struct {
		tr   *T
		key  string
		n    int
		want string
	}{
		{de, "flag.reason.heavy_goodwill", 1, "(1 Eintrag)"}, {de, "flag.reason.heavy_goodwill", 2, "(2 Einträge)"},
		{en, "flag.reason.heavy_goodwill", 1, "(1 entry)"}, {en, "flag.reason.heavy_goodwill", 2, "(2 entries)"},
		{de, "flag.reason.card_expiring", 1, "noch 1 Stunde offen"}, {en, "flag.reason.card_expiring", 1, "1 session left"},
		{en, "flag.reason.card_expiring", 7, "7 sessions left"},
	} {
		if got := c.tr.S(c.key, "Amount", data.Money(10500), "Count", c.n, "Until", data.NewDate(2026, 12, 12)); !strings.Contains(got, c.want) {
			t.Errorf("%s with %d = %q, want %q in it", c.key, c.n, got, c.want)
		}
	}
	if got := en.S("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
	if New("C").Lang() != "de" || New("en_GB.UTF-8").Lang() != "en" {
		t.Error("locale normalisation")
	}
	_, err := data.ParseMoney("12.50", "de")
	if got := de.Err(err); !strings.Contains(got, "1.234,56") {
		t.Errorf("de money error = %q", got)
	}
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// One word, one meaning: in German a charge is a "Posten" and a demand
// always a "Kulanzforderung", never a bare "Forderung", which front-desk
// staff take for either.
func TestOneWordOneMeaning(t *testing.T) {
	b, err := os.ReadFile("active.de.toml")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		bare := strings.ReplaceAll(strings.ReplaceAll(line, "Kulanzforderung", ""), "kulanzforderung", "")
		if strings.Contains(bare, "Forderung") {
			t.Errorf("active.de.toml:%d says Forderung: %s", i+1, line)
		}
	}
}

// No text uses the arrows ← → ↑ ↓ before a space: the window's font
// draws them with a broken glyph after them there (menu paths use ›).
func TestNoBrokenArrows(t *testing.T) {
	for _, f := range []string{"active.de.toml", "active.en.toml"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, arrow := range []string{"← ", "→ ", "↑ ", "↓ "} {
				if strings.Contains(line, arrow) {
					t.Errorf("%s:%d has %q: %s", f, i+1, arrow, line)
				}
			}
		}
	}
}
