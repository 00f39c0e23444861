package sqlstore

import (
	"slices"
	"strings"
	"studiopartner/data"
	"testing"
	"unicode/utf8"
)

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
		src, err := CSVSource(strings.NewReader(in))
		var rd *importReader
		if err == nil {
			rd, err = newImportReader(kind, src)
		}
		if err != nil {
			if e := data.AsError(err); e == nil || e.Key == "" {
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
		if e := rd.p.err(); e != nil && data.AsError(e).Key != "import.failed" {
			t.Fatalf("problems under another key: %v", e)
		}
	})
}
