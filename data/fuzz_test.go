package data

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseMoney: any input either parses to an amount within the limits
// that formats and parses back to itself, or is refused with a message
// key — never a panic.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12,50", "1.234,56 €", "€1,234.56", "-5", "12,5,0", "1e9", "", "٣", "9999999999999999999999"} {
		f.Add(s, "de")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, in, lang string) {
		if lang != "de" {
			lang = "en"
		}
		m, err := ParseMoney(in, lang)
		if err != nil {
			if AsError(err).Key == "" {
				t.Fatalf("error without a message key: %v", err)
			}
			return
		}
		if m > MaxMoney || m < -MaxMoney {
			t.Fatalf("%q parsed to %d, beyond the limits", in, m)
		}
		back, err := ParseMoney(m.Format(lang), lang)
		if err != nil || back != m {
			t.Fatalf("%q → %d → %q → %d, %v", in, m, m.Format(lang), back, err)
		}
	})
}

// FuzzParseLocalDate: any input gives a real day that prints and parses
// back to itself, or an error — never a panic.
func FuzzParseLocalDate(f *testing.F) {
	for _, s := range []string{"23.11.2026", "2026-02-30", "29.02.2024", "23 Nov 2026", "1.2.26", "31/12/1999", "..", "x y z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		for _, lang := range []string{"de", "en"} {
			d, err := ParseLocalDate(in, lang)
			if err != nil || d.IsZero() {
				continue
			}
			back, err := ParseLocalDate(d.Format(lang), lang)
			if err != nil || !back.Equal(d) {
				t.Fatalf("%q → %s → %q → %s, %v", in, d, d.Format(lang), back, err)
			}
		}
	})
}

// FuzzReadSheet: any bytes either read as a sheet whose lines are in order
// and whose every line plans to a client or to listed problems, or are
// refused with a message key — never a panic.
func FuzzReadSheet(f *testing.F) {
	for _, s := range []string{
		"Name;E-Mail\nAnna;a@b.de\n",
		"\xEF\xBB\xBFVorname,Nachname,Geburtsdatum\nJ\xc3\xbcrgen,M\xc3\xbcller,01.02.2003\n",
		"Name;Ort\nJ\xfcrgen;K\xf6ln\n",
		"Name\n\"unclosed\nx\n",
		"a\"b;c\n1;2;3\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		sh, err := ReadSheet(bytes.NewReader(in))
		if err != nil {
			if e := AsError(err); e == nil || e.Key == "" {
				t.Fatalf("error without a message key: %v", err)
			}
			return
		}
		last := 0
		mapping := GuessMapping(sh.Header)
		mapping[0] = SheetName
		for _, r := range sh.Rows {
			if r.Line <= last {
				t.Fatalf("line %d after line %d", r.Line, last)
			}
			last = r.Line
			if r.Problem != nil {
				continue
			}
			c, probs := sheetClient(r, mapping, NewDate(2026, 11, 23))
			if len(probs) == 0 && (c.Name == "" || !utf8.ValidString(c.Name+c.Address+c.Notes)) {
				t.Fatalf("line %d planned to an unsound client %+v", r.Line, c)
			}
		}
	})
}

// FuzzImportCSV: any text, read as any importable table, either fails
// with a message key, or yields lines in order whose every value has the
// type its column needs — never a panic.
func FuzzImportCSV(f *testing.F) {
	f.Add("clients", clientHeader+clientLine(1, "Anna Berg", "2012-03-04"))
	f.Add("clients", clientHeader+"1,\"Anna \"\"A\"\" Berg\",,,,,,de,active,,,,,,\n")
	f.Add("clients", "name\nAnna\n\"Ben\n")
	f.Add("clients", "id,name\n,Anna\n,\xff\n")
	f.Add("payments", "id,client_id,amount_cents,method,received_on,note,reverses,staff_id,created_at\n1,1,1000,cash,2026-11-01,,,,\n")
	f.Add("goodwill", "client_id,given_on,category,description\n7,2026-02-30,makeup,x\n")
	kinds := ImportKinds()
	f.Fuzz(func(t *testing.T, kind, in string) {
		if !slices.Contains(kinds, kind) {
			kind = kinds[len(kind)%len(kinds)]
		}
		rd, err := newImportReader(kind, strings.NewReader(in))
		if err != nil {
			if e := AsError(err); e == nil || e.Key == "" {
				t.Fatalf("error without a message key: %v", err)
			}
			return
		}
		last := 0
		err = rd.each("2026-11-23T10:30:00Z", func(line int, args []any) error {
			if line <= last {
				t.Fatalf("line %d after line %d", line, last)
			}
			last = line
			for i, c := range rd.spec.cols {
				switch v := args[i].(type) {
				case int64:
					if c.kind == colText || c.kind == colDate || c.kind == colStamp {
						t.Fatalf("%s holds a number", c.name)
					}
				case string:
					if !utf8.ValidString(v) || (c.kind != colText && c.kind != colDate && c.kind != colStamp) {
						t.Fatalf("%s holds %q", c.name, v)
					}
				case nil:
					if c.kind != colID && c.kind != colRef {
						t.Fatalf("%s is empty", c.name)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if e := rd.p.err(); e != nil && AsError(e).Key != "import.failed" {
			t.Fatalf("problems under another key: %v", e)
		}
	})
}
