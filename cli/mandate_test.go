package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// Mandates and the creditor from the command line: each refusal its own
// message on stderr and nothing stored; the list shows accounts shortened.
func TestMandateCommands(t *testing.T) {
	old := clock
	clock = func() time.Time { return time.Date(2026, 11, 23, 17, 0, 0, 0, time.Local) }
	defer func() { clock = old }()
	db := filepath.Join(t.TempDir(), "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	lea, err := s.CreateClient(context.Background(), data.Client{Name: "Lea Brandt"})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(lea.ID, 10)
	for _, x := range []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"creditor unset", []string{"creditor"}, 0, "\t\t\t2\t14\tno", ""},
		{"creditor check digits", []string{"creditor", "--id", "DE97ZZZ09999999999", "--iban", "DE89370400440532013000"}, 1, "",
			"creditor identifier’s check digits do not match"},
		{"creditor", []string{"creditor", "--id", "de98 zzz0 9999 9999 99", "--iban", "DE89370400440532013000", "--lead-days", "3"}, 0,
			"DE98ZZZ09999999999\tDE89 3704 0044 0532 0130 00\t\t3\t14", ""},
		{"no IBAN", []string{"mandate", "add", "--client", id}, 2, "", "--iban"},
		{"wrong check digits", []string{"mandate", "add", "--client", id, "--iban", "DE89370400440532013001"}, 1, "", "check digits do not match"},
		{"signed tomorrow", []string{"mandate", "add", "--client", id, "--iban", "DE89370400440532013000", "--signed", "2026-11-24"}, 1, "",
			"cannot be signed in the future"},
		{"forbidden characters", []string{"mandate", "add", "--client", id, "--iban", "DE89370400440532013000", "--reference", "Brandt&Co"}, 1, "",
			"A mandate reference may contain"},
		{"add", []string{"mandate", "add", "--client", id, "--iban", "DE89 3704 0044 0532 0130 00", "--holder", "Jonas Brandt",
			"--reference", "LEA-2026"}, 0, "LEA-2026 for Lea Brandt", ""},
		{"duplicate", []string{"mandate", "add", "--client", id, "--iban", "DE89370400440532013000", "--reference", "lea-2026"}, 1, "",
			"has the reference lea-2026 already"},
		{"list", []string{"mandates", "--client", id}, 0, "\tLea Brandt\tLEA-2026\tactive\t", ""},
		{"change", []string{"mandate", "change", "--mandate", "1", "--iban", "DE02120300000000202051"}, 0, "new account DE•• … 2051", ""},
		{"revoke", []string{"mandate", "revoke", "--mandate", "1", "--why", "Kündigung"}, 0, "LEA-2026 revoked", ""},
		{"revoke again", []string{"mandate", "revoke", "--mandate", "1"}, 1, "", "revoked on"},
		{"no such action", []string{"mandate", "sign"}, 2, "", "add, revoke or change"},
	} {
		t.Run(x.name, func(t *testing.T) {
			code, out, errOut := runCLI(append([]string{"--db", db, "--lang", "en"}, x.args...)...)
			if code != x.code || !strings.Contains(out, x.out) || !strings.Contains(errOut, x.err) {
				t.Fatalf("exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", code, x.code, out, x.out, errOut, x.err)
			}
		})
	}
	_, out, _ := runCLI("--db", db, "mandates")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || strings.Contains(out, "0532013000") ||
		!strings.Contains(lines[0], "\trevoked\t") || !strings.Contains(lines[0], "\tJonas Brandt\t") {
		t.Fatalf("mandates:\n%s", out)
	}
}

// The mandate form and the pre-notification are letters of the command
// line: each written, recorded with its number, refused with its reason.
func TestDebitLetterCommands(t *testing.T) {
	s, db := storeAt(t, time.Date(2026, 11, 23, 17, 0, 0, 0, time.Local))
	dir := filepath.Dir(db)
	ctx := context.Background()
	s.SaveStudio(ctx, data.Studio{Name: "Tanzhaus", Address: "Hauptstr. 1\n04109 Leipzig", Responsible: "Inh. A. Berg"})
	s.SaveCreditor(ctx, data.Creditor{ID: "DE98ZZZ09999999999", IBAN: "DE89370400440532013000", LeadDays: 2, NoticeDays: 14})
	lea, _ := s.CreateClient(ctx, data.Client{Name: "Lea Brandt", Language: "de"})
	sv := monthly(t, s, "Salsa", data.KindCourse)
	_, err := s.CreateContract(ctx, data.Contract{ClientID: lea.ID, ServiceID: sv.ID, Price: 4900, Terms: sv.Terms, Start: data.NewDate(2026, 11, 1),
		DirectDebit: true})
	if err != nil {
		t.Fatal(err)
	}
	s.GenerateCharges(ctx)
	m, err := s.AddMandate(ctx, data.Mandate{ClientID: lea.ID, SignedOn: data.NewDate(2026, 11, 1), IBAN: "DE89370400440532013000"})
	s.RecordPayment(ctx, data.Payment{ClientID: lea.ID, Amount: 900, Method: data.MethodCash, ReceivedOn: data.NewDate(2026, 11, 23)})
	ben, _ := s.CreateClient(ctx, data.Client{Name: "Ben Ott"})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	id, mid, benID := strconv.FormatInt(lea.ID, 10), strconv.FormatInt(m.ID, 10), strconv.FormatInt(ben.ID, 10)
	form, notice := filepath.Join(dir, "form.pdf"), filepath.Join(dir, "notice.pdf")
	for _, x := range []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"form without a mandate", []string{"mandate-form", "-o", form}, 2, "", "--mandate ID"},
		{"form", []string{"mandate-form", "--mandate", mid, "-o", form}, 0, "(LM-000001)", ""},
		{"nothing to announce", []string{"prenotice", "--client", benID, "-o", notice}, 1, "", "no collection to announce"},
		{"notice", []string{"prenotice", "--client", id, "-o", notice}, 0, "(VA-000001)", ""},
		{"no second notice", []string{"prenotice", "--client", id, "-o", notice, "--force"}, 1, "", "no collection to announce"},
	} {
		t.Run(x.name, func(t *testing.T) {
			code, out, errOut := runCLI(append([]string{"--db", db, "--lang", "en"}, x.args...)...)
			if code != x.code || !strings.Contains(out, x.out) || !strings.Contains(errOut, x.err) {
				t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
			}
		})
	}
	for _, f := range []string{form, notice} {
		if b, err := os.ReadFile(f); err != nil || !strings.HasPrefix(string(b), "%PDF") {
			t.Fatalf("%s: %v", f, err)
		}
	}
}
