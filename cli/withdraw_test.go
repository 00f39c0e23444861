package cli

import (
	"database/sql"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// A withdrawal is recorded as what it is and confirmed by its own letter;
// one at the studio, or a second one, is refused with exit status 1. A
// contract stored with void terms is listed by check and its agreement is
// not printed, not even with --accept-warnings.
func TestWithdrawAndVoidTermsOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = clock // the command line's day in these tests
	ctx := t.Context()
	if err := s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio", Address: "Weg 1\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger"}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Müller", Language: "en"})
	terms := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 6, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
	sv, err := s.SaveService(ctx, data.Service{Name: "Yoga", Kind: data.KindCourse, Price: 3000, Active: true, Terms: terms})
	if err != nil {
		t.Fatal(err)
	}
	k := data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3000, Terms: terms, Start: s.Today(), Concluded: data.ConcludedDistance}
	phone, err := s.CreateContract(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	k.Concluded = data.ConcludedStudio
	studio, err := s.CreateContract(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	id := func(k data.Contract) string { return strconv.FormatInt(k.ID, 10) }

	code, out, errOut := runCLI("--db", db, "--lang", "en", "withdraw", "--contract", id(phone))
	if code != 0 || !strings.Contains(out, "Withdrawal from contract no. "+id(phone)+" (Yoga) recorded") {
		t.Fatalf("withdraw: exit %d, %q %q", code, out, errOut)
	}
	code, _, errOut = runCLI("--db", db, "--lang", "en", "withdraw", "--contract", id(phone))
	if code != exitUser || !strings.Contains(errOut, "already recorded") {
		t.Fatalf("second withdrawal: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI("--db", db, "--lang", "en", "withdraw", "--contract", id(studio))
	if code != exitUser || !strings.Contains(errOut, "concluded at the studio") {
		t.Fatalf("withdrawal at the studio: exit %d, %q", code, errOut)
	}
	letter := filepath.Join(dir, "wb.pdf")
	if code, _, errOut := runCLI("--db", db, "--lang", "en", "confirm-withdrawal", "--contract", id(phone), "-o", letter); code != 0 {
		t.Fatalf("confirm-withdrawal: %s", errOut)
	}
	text, err := exec.Command("pdftotext", letter, "-").Output()
	if err != nil || !strings.Contains(string(text), "Confirmation of your withdrawal") || !strings.Contains(string(text), "never been made") {
		t.Fatalf("letter: %v %q", err, text)
	}

	// a contract with void terms, as an older program could store it
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE contracts SET min_term_months = 36, void_terms = 1 WHERE id = ?`, studio.ID); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, _, errOut = runCLI("--db", db, "--lang", "en", "check")
	if code != exitUser || !strings.Contains(errOut, "Contract no. "+id(studio)+" of Lea Müller") || !strings.Contains(errOut, "void") {
		t.Fatalf("check: exit %d, %q", code, errOut)
	}
	pv := filepath.Join(dir, "pv.pdf")
	code, _, errOut = runCLI("--db", db, "--lang", "en", "agreement", "--client", strconv.FormatInt(c.ID, 10), "-o", pv, "--accept-warnings")
	if code != exitUser || !strings.Contains(errOut, "cannot be printed: Yoga") || sqlstore.Exists(pv) {
		t.Fatalf("agreement with void terms: exit %d, %q", code, errOut)
	}
}

// Six commands racing to write the same letter to the same file: one
// writes it and keeps its number; the others fail, use no number and
// record nothing.
func TestRacingDocumentsKeepOneRecord(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	client := firstDebtor(t, db)
	out := filepath.Join(dir, "reminder.pdf")
	codes := make(chan int, 6)
	start := make(chan struct{})
	for range 6 {
		go func() {
			<-start
			code, _, _ := runCLI("--db", db, "--lang", "en", "reminder", "--client", client, "-o", out)
			codes <- code
		}()
	}
	close(start)
	ok := 0
	for range 6 {
		if <-codes == 0 {
			ok++
		}
	}
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n, maxSeq int
	raw.QueryRow(`SELECT count(*), coalesce(max(seq), 0) FROM documents WHERE kind = 'reminder' AND client_id = ?`, client).Scan(&n, &maxSeq)
	var all int
	raw.QueryRow(`SELECT count(*) FROM documents WHERE kind = 'reminder'`).Scan(&all)
	if ok != 1 || n != 1 || maxSeq != all || !sqlstore.Exists(out) {
		t.Fatalf("%d commands succeeded, %d reminders recorded for the client (numbers up to %d of %d)", ok, n, maxSeq, all)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".reminder.pdf.tmp-*"))
	if len(leftovers) != 0 {
		t.Fatalf("left behind: %v", leftovers)
	}
}
