package exchange

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"studiopartner/data"
)

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
			if e := data.AsError(err); e == nil || e.Key == "" {
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
			c, probs := sheetClient(r, mapping, data.NewDate(2026, 11, 23))
			if len(probs) == 0 && (c.Name == "" || !utf8.ValidString(c.Name+c.Address+c.Notes)) {
				t.Fatalf("line %d planned to an unsound client %+v", r.Line, c)
			}
		}
	})
}
