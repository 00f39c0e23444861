package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// A collection run from the command line: refused without a creditor;
// the dry run prints the debits and the charges left out; the run writes
// a file the German banks' schema accepts and a second finds nothing; a
// run is cancelled, and then collected again.
func TestSepaRunCommand(t *testing.T) {
	s, db := storeAt(t, time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local))
	dir := filepath.Dir(db)
	ctx := context.Background()
	sv := monthly(t, s, "Ballett", data.KindMembership)
	for _, name := range []string{"Zoë Brandt", "Ole Sand"} {
		c, _ := s.CreateClient(ctx, data.Client{Name: name})
		if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
			Start: data.NewDate(2026, 12, 1), DirectDebit: true}); err != nil {
			t.Fatal(err)
		}
		if name == "Zoë Brandt" {
			if _, err := s.AddMandate(ctx, data.Mandate{ClientID: c.ID, SignedOn: data.NewDate(2026, 11, 20), IBAN: "DE89370400440532013000",
				Holder: "Jonas & Maria Brandt"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.GenerateCharges(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	run := func(args ...string) (int, string, string) {
		return runCLI(append([]string{"--db", db, "--lang", "en"}, args...)...)
	}
	if code, _, errOut := run("sepa-run", "--dry-run"); code != 1 || !strings.Contains(errOut, "creditor identifier and account first") {
		t.Fatalf("without a creditor: %d %s", code, errOut)
	}
	if code, _, errOut := run("creditor", "--id", "DE98ZZZ09999999999", "--iban", "DE89370400440532013000"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run("sepa-run", "--dry-run", "--collect-on", "2026-12-02"); code != 1 || !strings.Contains(errOut, "earliest collection date is 3 Dec 2026") {
		t.Fatalf("too early: %d %s", code, errOut)
	}
	code, out, errOut := run("sepa-run", "--dry-run")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "debit\t") || !strings.Contains(lines[0], "\tJonas & Maria Brandt\t49.00\tSP-000001-1\tRCUR\t2026-12-03") ||
		!strings.HasPrefix(lines[1], "left_out\t") || !strings.Contains(lines[1], "\tno_mandate\tno mandate") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errOut)
	}
	file := filepath.Join(dir, "run.xml")
	if code, out, errOut := run("sepa-run", "-o", file); code != 0 || !strings.Contains(out, "Collection run no. 1: 1 debits, €49.00") {
		t.Fatalf("run: %d %s %s", code, out, errOut)
	}
	validateRun(t, file)
	if code, _, errOut := run("sepa-run", "-o", filepath.Join(dir, "again.xml")); code != 1 || !strings.Contains(errOut, "Nothing to collect") {
		t.Fatalf("a second run: %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "again.xml")); err == nil {
		t.Fatal("an empty run wrote a file")
	}
	if code, out, _ := run("sepa-runs", "--cancel", "1"); code != 0 || !strings.Contains(out, "cancelled") {
		t.Fatalf("cancel: %s", out)
	}
	if code, out, errOut := run("sepa-run", "-o", filepath.Join(dir, "run2.xml")); code != 0 || !strings.Contains(out, "no. 2: 1 debits") {
		t.Fatalf("after the cancel: %d %s %s", code, out, errOut)
	}
	if _, out, _ := run("sepa-runs"); !strings.Contains(out, "\tprepared\t1\t49.00") || !strings.Contains(out, "\tcancelled\t1\t49.00") {
		t.Fatalf("runs:\n%s", out)
	}
}

// validateRun checks a run's file against the German banks' schema.
func validateRun(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing (libxml2-utils)")
		}
		t.Skip("xmllint is not installed (make deps installs it)")
	}
	xsd := filepath.Join("..", "data", "exchange", "testdata", "pain.008.001.08_GBIC_4.xsd")
	if out, err := exec.Command("xmllint", "--noout", "--schema", xsd, path).CombinedOutput(); err != nil {
		t.Fatalf("the banks' schema refuses %s: %v\n%s", path, err, out)
	}
}

// storeAt opens a new studio file whose clock, and the commands', stands
// at at until the test ends.
func storeAt(t *testing.T, at time.Time) (*sqlstore.Store, string) {
	t.Helper()
	old := clock
	clock = func() time.Time { return at }
	t.Cleanup(func() { clock = old })
	db := filepath.Join(t.TempDir(), "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = clock
	return s, db
}

// monthly stores a service of 49 € a month, a month's notice.
func monthly(t *testing.T, s *sqlstore.Store, name string, kind data.ServiceKind) data.Service {
	t.Helper()
	sv, err := s.SaveService(context.Background(), data.Service{Name: name, Kind: kind, Price: 4900, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
			Renewal: data.RenewMonthly}})
	if err != nil {
		t.Fatal(err)
	}
	return sv
}
