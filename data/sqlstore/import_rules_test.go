package sqlstore

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"studiopartner/data"
	"testing"
)

// wantInvalid fails unless the import refused line with a rule problem
// naming column and the inner key.
func wantInvalid(t *testing.T, e *data.Error, line int, column, key string) {
	t.Helper()
	for _, f := range e.Fields {
		if f.Key == "import.row.invalid" && f.Args["Line"] == line && f.Args["Column"] == column && f.Args["InnerKey"] == key {
			return
		}
	}
	t.Errorf("want %s/%s on line %d, got %v", column, key, line, e)
}

const paymentHeader = "id,client_id,amount_cents,method,received_on,note,reverses,staff_id,created_at\n"

// Every imported row obeys the rules the window applies.
func TestImportObeysTheWindowsRules(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := ImportCSV(ctx, s, "clients", strings.NewReader(clientHeader+clientLine(1, "Anna Berg", "")+clientLine(2, "Ben Kurz", "")), 0, nil); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrClients", func(t *testing.T) {
		in := clientHeader +
			"3,\"Eve\tForged\t999\",,,,,,de,active,,,,,,\n" +
			"4,\"Zeile\nzwei\",,,,,,de,active,,,,,,\n" +
			"5,Carl,,,not-an-email,,,de,active,,,,,,\n" +
			"6,Dora,,12ab!,,,,de,active,,,,,,\n" +
			"7," + strings.Repeat("x", data.MaxNameLen+1) + ",,,,,,de,active,,,,,,\n" +
			"8,Emil,,,,,2199-01-01,de,active,,,,,,\n"
		e := importErr(t, s, "clients", in)
		wantInvalid(t, e, 2, "name", "field.control")
		wantInvalid(t, e, 3, "name", "field.control")
		wantInvalid(t, e, 5, "email", "client.email.invalid")
		wantInvalid(t, e, 6, "phone", "client.phone.invalid")
		wantInvalid(t, e, 7, "name", "client.name.too_long")
		wantInvalid(t, e, 8, "birth_date", "client.birth_date.future")
		if n := clientCount(t, s); n != 2 {
			t.Fatalf("%d clients after a refused import", n)
		}
	})
	t.Run("ErrPayments", func(t *testing.T) {
		in := paymentHeader +
			"1,1,100000000001,cash,2026-11-01,,,,\n" + // over 1,000,000 €
			"2,1,5000,cash,2026-11-01,,,,\n" +
			"3,1,-5000,cash,2026-11-02,,99,,\n" + // reverses nothing
			"4,1,-2500,cash,2026-11-02,,2,,\n" + // not its amount
			"5,2,-5000,cash,2026-11-02,,2,,\n" + // another client's payment
			"6,1,-700,cash,2026-11-02,,,,\n" + // negative without a reversal
			"7,1,-5000,cash,2026-11-02,,2,,\n" + // a sound reversal
			"8,1,-5000,cash,2026-11-03,,2,,\n" + // the same payment again
			"9,1,1000,cash,2027-01-01,,,,\n" // in the future
		e := importErr(t, s, "payments", in)
		wantInvalid(t, e, 2, "amount", "money.too_large")
		wantInvalid(t, e, 4, "reverses", "import.reversal.missing")
		wantInvalid(t, e, 5, "amount", "import.reversal.amount")
		wantInvalid(t, e, 6, "reverses", "import.reversal.other_client")
		wantInvalid(t, e, 7, "amount", "import.payment.negative")
		wantInvalid(t, e, 9, "reverses", "import.reversal.twice")
		wantInvalid(t, e, 10, "received_on", "payment.received.future")
		for _, f := range e.Fields {
			if f.Args["Line"] == 3 || f.Args["Line"] == 8 {
				t.Errorf("a sound line was refused: %v", f)
			}
		}
	})
	t.Run("ErrDatabaseRuleAfterAProblem", func(t *testing.T) {
		in := clientHeader + "9,\"A\tB\",,,,,,de,active,,,,,,\n" + clientLine(1, "Doppelt", "")
		e := importErr(t, s, "clients", in)
		wantRow(t, e, 3, "import.row.taken")
	})
}

// A cell a spreadsheet would run as a formula is written as text, and
// reading our own export back gives the original value.
func TestNoFormulaInjection(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	evil := []string{`=HYPERLINK("http://evil.example","Rechnung")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "'quoted", "''twice"}
	for _, name := range evil {
		if _, err := s.CreateClient(ctx, data.Client{Name: name, Notes: "\tnotiz"}); err == nil {
			continue
		}
		if _, err := s.CreateClient(ctx, data.Client{Name: name}); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
	}
	mustClient(t, s, "-1500")
	first := filepath.Join(tempDir(t), "one")
	if _, err := ExportCSV(ctx, s, first, nil); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(first, "clients.csv"))
	for _, bad := range []string{"\n1,\"=HYPERLINK", "\n2,+cmd", "\n3,-2+3", "\n4,@SUM", "\n5,'quoted"} {
		if bytes.Contains(raw, []byte(bad)) {
			t.Errorf("exported unescaped: %q", bad)
		}
	}
	if !bytes.Contains(raw, []byte(`'=HYPERLINK`)) || !bytes.Contains(raw, []byte("\n7,-1500,")) {
		t.Errorf("escaping wrong:\n%s", raw)
	}
	fresh := newStore(t)
	f, _ := os.Open(filepath.Join(first, "clients.csv"))
	if _, err := ImportCSV(ctx, fresh, "clients", f, 0, nil); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for i, name := range evil {
		c, err := fresh.Client(ctx, int64(i+1))
		if err != nil || c.Name != name {
			t.Errorf("client %d = %q, want %q (%v)", i+1, c.Name, name, err)
		}
	}
}
