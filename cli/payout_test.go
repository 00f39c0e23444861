package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// payout pays credit back, all of it by default; more than the credit,
// or nothing to pay, is refused with exit status 1 and nothing stored.
func TestPayoutOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = clock
	ctx := t.Context()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Müller", Language: "en"})
	broke, _ := s.CreateClient(ctx, data.Client{Name: "Ole Ohne", Language: "en"})
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 4250, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	id := strconv.FormatInt(c.ID, 10)

	code, _, errOut := runCLI("--db", db, "--lang", "en", "payout", "--client", id, "--amount", "50.00")
	if code != 1 || !strings.Contains(errOut, "At most the credit can be paid out: €42.50") {
		t.Fatalf("payout above the credit: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI("--db", db, "--lang", "en", "payout", "--client", strconv.FormatInt(broke.ID, 10))
	if code != 1 || !strings.Contains(errOut, "no credit to pay out") {
		t.Fatalf("payout without credit: exit %d, %q", code, errOut)
	}
	code, out, errOut := runCLI("--db", db, "--lang", "de", "payout", "--client", id, "--amount", "12,50", "--method", "transfer")
	if code != 0 || !strings.Contains(out, "12,50 € (Überweisung) an Lea Müller") || !strings.Contains(out, "verbleibendes Guthaben: 30,00 €") {
		t.Fatalf("payout of part: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut = runCLI("--db", db, "--lang", "en", "payout", "--client", id)
	if code != 0 || !strings.Contains(out, "credit left: €0.00") {
		t.Fatalf("payout of the rest: exit %d, %q %q", code, out, errOut)
	}
	s, err = sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b, err := s.BalanceOf(ctx, c.ID)
	if err != nil || b.Credit != 0 {
		t.Fatalf("credit after both payouts: %v (%v)", b.Credit, err)
	}
}
