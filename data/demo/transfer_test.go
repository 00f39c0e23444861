package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// Export → import into an empty database → export gives identical files
// for every table that can be read back, and the derived values
// (balances, credit, 90-day goodwill) come out the same.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := open(t)
	if err := Fill(ctx, a, Options{Clients: 150, Months: 14, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	announceOne(t, a)
	first := filepath.Join(t.TempDir(), "first")
	files, err := exchange.Export(ctx, a, first, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := countLines(t, filepath.Join(first, "prenotices.csv")); n != 2 {
		t.Fatalf("prenotices.csv has %d lines, want a header and the one announced", n)
	}
	if len(files) != len(sqlstore.ExportTables()) {
		t.Fatalf("export wrote %d files, want %d", len(files), len(sqlstore.ExportTables()))
	}
	b := open(t)
	for _, kind := range sqlstore.ImportKinds() {
		f, err := os.Open(filepath.Join(first, kind+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		var last float64
		n, err := exchange.Import(ctx, b, kind, f, st.Size(), func(p float64) { last = p })
		f.Close()
		if err != nil {
			t.Fatalf("import %s: %v", kind, err)
		}
		if lines := countLines(t, filepath.Join(first, kind+".csv")) - 1; n != lines {
			t.Errorf("import %s stored %d rows, the file has %d", kind, n, lines)
		}
		if last != 1 {
			t.Errorf("import %s: progress ended at %v", kind, last)
		}
	}
	second := filepath.Join(t.TempDir(), "second")
	if _, err := exchange.Export(ctx, b, second, nil); err != nil {
		t.Fatal(err)
	}
	for _, kind := range sqlstore.ImportKinds() {
		x, _ := os.ReadFile(filepath.Join(first, kind+".csv"))
		y, _ := os.ReadFile(filepath.Join(second, kind+".csv"))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s.csv differs after the round trip (%d and %d bytes)", kind, len(x), len(y))
		}
	}
	ta, _ := a.Totals(ctx)
	tb, _ := b.Totals(ctx)
	if ta != tb {
		t.Errorf("totals after import %+v, before %+v", tb, ta)
	}
	ra, _ := a.OpenBalances(ctx, 0, 1000)
	rb, _ := b.OpenBalances(ctx, 0, 1000)
	if !slices.Equal(ra, rb) {
		t.Errorf("open balances differ after import: %d and %d rows", len(ra), len(rb))
	}
	hits, err := b.SearchClients(ctx, firstWord(t, a), 5)
	if err != nil || len(hits) == 0 {
		t.Errorf("imported clients are not found by search: %v %v", hits, err)
	}
	fa, _ := a.Flags(ctx)
	fb, _ := b.Flags(ctx)
	if len(fa) != len(fb) {
		t.Errorf("flags: %d before, %d after import", len(fa), len(fb))
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

func firstWord(t *testing.T, s *sqlstore.Store) string {
	rows, err := s.ListClients(context.Background(), 0, 1)
	if err != nil || len(rows) == 0 {
		t.Fatal("no clients", err)
	}
	return rows[0].Name[:3]
}

// announceOne pays part of a charge the next run collects and records the
// pre-notification of the rest, so what it announced travels too.
func announceOne(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	next, err := s.PlanDebits(ctx, data.Date{}, data.Date{})
	if err != nil || len(next.Debits) == 0 {
		t.Fatalf("the demo's next run: %d debits, %v", len(next.Debits), err)
	}
	// the part paid goes to the client's oldest open charge: the first
	// client whose oldest one is the run's
	var client int64
	var p data.PreNotice
	for _, d := range next.Debits {
		if _, err := s.RecordPayment(ctx, data.Payment{ClientID: d.ClientID, Amount: 100, Method: data.MethodCash,
			ReceivedOn: s.Today()}); err != nil {
			t.Fatal(err)
		}
		if p, err = s.PreNoticeOf(ctx, d.ClientID); err == nil {
			client = d.ClientID
			break
		}
	}
	if client == 0 {
		t.Fatal("no charge of the next run could be announced")
	}
	if _, _, err := s.IssueDocument(ctx, data.Document{Kind: data.DocPreNotice, ClientID: client, RefID: client, Language: "de",
		Announces: p.Items}, func(string) ([]byte, error) { return []byte("%PDF announced"), nil }, nil); err != nil {
		t.Fatal(err)
	}
}
