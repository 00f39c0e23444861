package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the program's command line in-process.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut, testWindow)
	return code, out.String(), errOut.String()
}

// testWindow stands in for the window: the command line's tests need no
// display.
var testWindow = Window{Pages: []string{"counter", "clients", "flags"}, Version: "9.8.7"}

// firstDebtor makes the demo studio TestCLI makes and returns the number
// of the first client on the balances list: the one a reminder can go to.
func firstDebtor(t *testing.T, db string) string {
	t.Helper()
	if code, _, errOut := runCLI("--db", db, "--lang", "en", "demo", "--clients", "25", "--seed", "5"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	_, out, _ := runCLI("--db", db, "--lang", "en", "balances")
	id, _, ok := strings.Cut(out, "\t")
	if !ok {
		t.Fatalf("nobody owes anything in the demo studio: %q", out)
	}
	return id
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("hello"), 0o600)
	debtor := firstDebtor(t, filepath.Join(dir, "debtor.db"))
	cases := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"help", []string{"--help", "--lang", "en"}, 0, "studiopartner demo", ""},
		{"version", []string{"--version"}, 0, "Studio Partner 9.8.7", ""},
		{"demo", []string{"--db", db, "--lang", "en", "demo", "--clients", "25", "--seed", "5"}, 0, "25 clients", ""},
		{"demo twice is refused", []string{"--db", db, "--lang", "en", "demo", "--clients", "5"}, 1, "", "already holds 25 clients"},
		{"check", []string{"--db", db, "--lang", "de", "check"}, 0, "in Ordnung", ""},
		{"charges again creates none", []string{"--db", db, "--lang", "en", "charges"}, 0, "0 new charges created", ""},
		{"balances", []string{"--db", db, "--lang", "en", "balances"}, 0, "\t", "received this month"},
		{"flags", []string{"--db", db, "--lang", "en", "flags"}, 0, "\toverdue\t", ""},
		{"agreement", []string{"--db", db, "--lang", "de", "agreement", "--client", "1", "-o", filepath.Join(dir, "pv.pdf")}, 0, "(PV-", ""},
		{"reminder", []string{"--db", db, "--lang", "en", "reminder", "--client", debtor, "-o", filepath.Join(dir, "r.pdf")}, 0, "ZE-000001", ""},
		{"receipt of nothing", []string{"--db", db, "--lang", "en", "receipt", "--payment", "99999", "-o", filepath.Join(dir, "q.pdf")}, 1, "", "no payment no. 99999"},
		{"confirm without a contract", []string{"--db", db, "--lang", "en", "confirm-cancellation", "-o", filepath.Join(dir, "k.pdf")}, 2, "", "--contract"},
		{"review csv", []string{"--db", db, "--lang", "de", "review", "--month", "2026-10", "-o", filepath.Join(dir, "r.csv")}, 0, "2026-10", ""},
		{"review pdf", []string{"--db", db, "--lang", "en", "review", "-o", filepath.Join(dir, "review.pdf")}, 0, "review.pdf", ""},
		{"review over the reminder", []string{"--db", db, "--lang", "en", "review", "-o", filepath.Join(dir, "r.pdf")}, 1, "", "add --force"},
		{"review replacing the reminder", []string{"--db", db, "--lang", "en", "review", "-o", filepath.Join(dir, "r.pdf"), "--force"}, 0, "r.pdf", ""},
		{"review of a future month", []string{"--db", db, "--lang", "en", "review", "--month", "2030-01", "-o", filepath.Join(dir, "f.pdf")}, 1, "", "in the future"},
		{"review as text", []string{"--db", db, "--lang", "en", "review", "-o", filepath.Join(dir, "r.txt")}, 2, "", ".pdf or .csv"},
		{"review of a bad month", []string{"--db", db, "--lang", "en", "review", "--month", "2026-13", "-o", filepath.Join(dir, "r.pdf")}, 2, "", "YYYY-MM"},
		{"backup", []string{"--db", db, "--lang", "en", "backup", "-o", filepath.Join(dir, "copy.db")}, 0, "Backed up", ""},
		{"backup over a file", []string{"--db", db, "--lang", "en", "backup", "-o", filepath.Join(dir, "copy.db")}, 1, "", "exists already"},
		{"backup into the folder", []string{"--db", db, "--lang", "en", "backup"}, 0, "backups", ""},
		{"restore", []string{"--db", db, "--lang", "en", "restore", filepath.Join(dir, "copy.db")}, 0, "Restored: backup of", ""},
		{"restore a foreign file", []string{"--db", db, "--lang", "en", "restore", notDB}, 1, "", "not a Studio Partner backup"},
		{"restore without a file", []string{"--db", db, "--lang", "en", "restore"}, 2, "", "name the backup"},
		{"export", []string{"--db", db, "--lang", "en", "export", filepath.Join(dir, "csv")}, 0, "23 tables written", ""},
		{"export into a full folder", []string{"--db", db, "--lang", "en", "export", filepath.Join(dir, "csv")}, 1, "", "is not empty"},
		{"export without a folder", []string{"--db", db, "--lang", "en", "export"}, 2, "", "target folder"},
		{"import into an empty database", []string{"--db", filepath.Join(dir, "i.db"), "--lang", "en", "import", "clients", filepath.Join(dir, "csv", "clients.csv")}, 0, "25 rows imported into clients", ""},
		{"import payments before clients", []string{"--db", filepath.Join(dir, "i2.db"), "--lang", "en", "import", "payments", filepath.Join(dir, "csv", "payments.csv")}, 1, "", "nothing was imported"},
		{"import of a table that cannot be", []string{"--db", filepath.Join(dir, "i.db"), "--lang", "en", "import", "audit_log", filepath.Join(dir, "csv", "audit_log.csv")}, 1, "", "cannot be imported"},
		{"import without a file", []string{"--db", db, "--lang", "en", "import", "clients"}, 2, "", "KIND FILE.csv"},
		{"import a missing file", []string{"--db", db, "--lang", "en", "import", "clients", filepath.Join(dir, "none.csv")}, 1, "", "cannot be read"},
		{"client export", []string{"--db", db, "--lang", "en", "client-export", "--client", "1", "-o", filepath.Join(dir, "c1")}, 0, "summary (PDF), all data (JSON)", ""},
		{"client export into a full folder", []string{"--db", db, "--lang", "en", "client-export", "--client", "1", "-o", filepath.Join(dir, "c1")}, 1, "", "is not empty"},
		{"client export of nobody", []string{"--db", db, "--lang", "en", "client-export", "--client", "999", "-o", filepath.Join(dir, "c9")}, 1, "", "no client no. 999"},
		{"client export without a folder", []string{"--db", db, "--lang", "en", "client-export", "--client", "1"}, 2, "", "--client ID -o FOLDER"},
		{"agreement without -o", []string{"--db", db, "--lang", "en", "agreement", "--client", "1"}, 2, "", "-o FILE"},
		{"agreement for nobody", []string{"--db", db, "--lang", "en", "agreement", "--client", "999", "-o", filepath.Join(dir, "x.pdf")}, 1, "", "no client no. 999"},
		{"agreement to a folder that is not there", []string{"--db", db, "--lang", "en", "agreement", "--client", "1", "-o", filepath.Join(dir, "no", "x.pdf")}, 1, "", "Cannot write"},
		{"db flag after the command", []string{"check", "--db", db, "--lang", "en"}, 0, "good order", ""},
		{"missing folder", []string{"--db", filepath.Join(dir, "no", "x.db"), "--lang", "en", "check"}, 1, "", "does not exist"},
		{"not a database", []string{"--db", notDB, "--lang", "de", "check"}, 1, "", "keine Studio-Partner-Datenbank"},
		{"zero demo clients", []string{"--db", filepath.Join(dir, "d2.db"), "--lang", "en", "demo", "--clients", "0"}, 1, "", "--clients must be between"},
		{"unknown command", []string{"--lang", "en", "frobnicate"}, 2, "", "unknown command"},
		{"unknown flag", []string{"--lang", "en", "--frob"}, 2, "", "--help"},
		{"bad language", []string{"--lang", "fr", "check"}, 2, "", "--lang"},
		{"bad page", []string{"--lang", "en", "--page", "nowhere"}, 2, "", "--page knows counter, clients, flags, not \"nowhere\""},
		{"search on a page without a search", []string{"--lang", "en", "--page", "flags", "--search", "anna"}, 2, "", "--search works on the counter"},
		{"stray argument", []string{"--db", db, "--lang", "en", "check", "extra"}, 2, "", "unexpected"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			if !strings.Contains(out, c.out) {
				t.Errorf("stdout %q lacks %q", out, c.out)
			}
			if !strings.Contains(errOut, c.err) {
				t.Errorf("stderr %q lacks %q", errOut, c.err)
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			if c.code == 1 && len(lines) > 1 {
				// only a refused import lists its problems, one per line, then sums up
				if !strings.HasPrefix(lines[0], "Line ") || !strings.HasPrefix(lines[len(lines)-1], "studiopartner: ") {
					t.Errorf("a user error should be one line: %q", errOut)
				}
			}
		})
	}
	if pdf, err := os.ReadFile(filepath.Join(dir, "pv.pdf")); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the agreement file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed agreement left a file behind")
	}
	if got, _ := os.ReadFile(notDB); string(got) != "hello" {
		t.Error("the foreign file was changed")
	}
}

// The version comes from FyneApp.toml, the one place it is written.
func TestVersionFromFyneApp(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	v := VersionFrom(string(b))
	if parts := strings.Split(v, "."); len(parts) != 3 {
		t.Fatalf("FyneApp.toml's version reads as %q", v)
	}
	for in, want := range map[string]string{
		"[Details]\n  Version = \"1.2.3\"\n":                  "1.2.3",
		"[Other]\nVersion = \"9\"\n[Details]\nName = \"x\"\n": "dev",
		"": "dev",
	} {
		if got := VersionFrom(in); got != want {
			t.Errorf("VersionFrom(%q) = %q, want %q", in, got, want)
		}
	}
}
