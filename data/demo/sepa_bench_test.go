package demo

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// BenchmarkSepaRun50k times a collection run over 50,000 clients, each
// with a contract paid by direct debit, a mandate and the month's open
// charge: the preview, and the run made with its pain.008 file (which the
// banks' schema is asked about afterwards, untimed).
func BenchmarkSepaRun50k(b *testing.B) {
	dir, err := mkTemp()
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sepa.db")
	s, err := sqlstore.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	sv, err := s.SaveService(ctx, data.Service{Name: "Mitgliedschaft", Kind: data.KindMembership, Price: 4900, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
			Renewal: data.RenewMonthly}})
	if err != nil {
		b.Fatal(err)
	}
	today := s.Today()
	start := data.NewDate(today.Year(), today.Month(), 1)
	for done := 0; done < 50_000; done += 5000 {
		batch := make([]data.ClientWithContracts, 5000)
		for i := range batch {
			batch[i] = data.ClientWithContracts{Client: data.Client{Name: fmt.Sprintf("Mitglied %05d", done+i)},
				Contracts: []data.Contract{{ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms, Start: start, DirectDebit: true}}}
		}
		if _, err := s.CreateClients(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.GenerateCharges(ctx); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	// one mandate per client, at once (the counter adds them one by one)
	if _, err := raw.Exec(`INSERT INTO mandates (client_id, reference, signed_on, holder, iban, created_at, updated_at)
		SELECT id, 'SP-' || printf('%06d', id) || '-1', ?, 'Eltern von ' || name, 'DE89370400440532013000', '2026-01-01T00:00:00Z',
			'2026-01-01T00:00:00Z' FROM clients`, start.AddMonthsClamped(-1).String()); err != nil {
		b.Fatal(err)
	}
	raw.Close()
	if _, err := s.SaveCreditor(ctx, data.Creditor{ID: "DE98ZZZ09999999999", IBAN: "DE89370400440532013000", LeadDays: 2,
		NoticeDays: 14}); err != nil {
		b.Fatal(err)
	}
	until := start.AddMonthsClamped(1).AddDays(-1)
	t0 := time.Now()
	plan, err := s.PlanDebits(ctx, until, data.Date{})
	planned := time.Since(t0)
	if err != nil || plan.Count != 50_000 {
		b.Fatalf("plan: %d debits, %d left out, %v", plan.Count, len(plan.LeftOut), err)
	}
	var file bytes.Buffer
	var inside, written time.Duration
	t0 = time.Now()
	run, err := s.CreateDebitRun(ctx, until, data.Date{}, "Tanzschule", func(r data.DebitRun, cr data.Creditor) ([]byte, error) {
		inside = time.Since(t0)
		t1 := time.Now()
		err := exchange.WritePain008(&file, r, cr, "Tanzschule", time.Now())
		written = time.Since(t1)
		return file.Bytes(), err
	})
	made := time.Since(t0)
	if err != nil || run.Count != 50_000 {
		b.Fatalf("run: %+v %v", run.Count, err)
	}
	for b.Loop() {
	}
	b.ReportMetric(planned.Seconds(), "s/preview")
	b.ReportMetric(made.Seconds(), "s/run+file")
	b.ReportMetric(inside.Seconds(), "s/plan+store")
	b.ReportMetric(written.Seconds(), "s/file")
	b.ReportMetric(float64(file.Len())/1e6, "MB-file")
	out := filepath.Join(dir, "run.xml")
	if err := os.WriteFile(out, file.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	if _, err := exec.LookPath("xmllint"); err == nil {
		xsd := filepath.Join("..", "exchange", "testdata", "pain.008.001.08_GBIC_4.xsd")
		if msg, err := exec.Command("xmllint", "--noout", "--huge", "--schema", xsd, out).CombinedOutput(); err != nil {
			b.Fatalf("the banks' schema refuses the 50k run: %v\n%s", err, msg)
		}
	}
}
