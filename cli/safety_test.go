package cli

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

func sum(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// A document never lands on the database, an existing file is replaced
// only with --force, and a failing command changes no file and records
// nothing.
func TestCommandsNeverOverwrite(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	if code, _, e := runCLI("--db", db, "demo", "--clients", "30"); code != 0 {
		t.Fatal(e)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	letter := filepath.Join(dir, "letter.pdf")
	os.WriteFile(letter, []byte("the owner's own letter"), 0o644)
	kept := sum(t, letter)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"reminder onto the database", []string{"reminder", "--client", "11", "-o", "studio.db"}, "studio's database"},
		{"agreement onto ./studio.db with force", []string{"agreement", "--client", "1", "-o", "./studio.db", "--force"}, "studio's database"},
		{"review onto the journal", []string{"review", "-o", "studio.db-wal.csv", "--force"}, ""},
		{"backup onto the journal", []string{"backup", "-o", "studio.db-wal"}, "studio's database"},
		{"export into the backup folder", []string{"export", filepath.Join("backups", "x")}, "backup folder"},
		{"agreement over an existing file", []string{"agreement", "--client", "1", "-o", letter}, "add --force"},
		{"failing agreement beside a file", []string{"agreement", "--client", "999999", "-o", letter, "--force"}, "no client no. 999999"},
		{"failing receipt beside a file", []string{"receipt", "--payment", "-1", "-o", letter, "--force"}, "no payment no. -1"},
		{"failing review beside a file", []string{"review", "--month", "1999-01", "-o", letter + ".csv"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"--db", db, "--lang", "en"}, c.args...)
			code, out, errOut := runCLI(args...)
			if c.want == "" {
				return // only the files matter
			}
			if code != exitUser || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
		})
	}
	os.Remove(letter + ".csv")
	os.Remove(filepath.Join(dir, "studio.db-wal.csv"))
	if sum(t, letter) != kept {
		t.Fatal("a failing command changed the existing file")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Fatalf("half-written files left: %v", left)
	}
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.AgreementsOf(t.Context(), 1)
	s.Close()
	n := len(list)
	if code, _, e := runCLI("--db", db, "--lang", "en", "agreement", "--client", "1", "-o", letter, "--force"); code != 0 {
		t.Fatal(e)
	}
	if b, _ := os.ReadFile(letter); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("--force did not replace the file")
	}
	s, _ = sqlstore.Open(db)
	list, _ = s.AgreementsOf(t.Context(), 1)
	s.Close()
	if len(list) != n+1 {
		t.Fatalf("agreements recorded: %d, want %d (refused ones must not count)", len(list), n+1)
	}
}

// Every command that names a record that does not exist says so in words.
func TestMissingRecordsInWords(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	runCLI("--db", db, "demo", "--clients", "5")
	for _, args := range [][]string{
		{"agreement", "--client", "999999"}, {"reminder", "--client", "999999"}, {"receipt", "--payment", "-1"},
		{"confirm-cancellation", "--contract", "999999"}, {"client-export", "--client", "999999"},
	} {
		out := filepath.Join(dir, "x.pdf")
		code, _, errOut := runCLI(append([]string{"--db", db, "--lang", "de"}, append(args, "-o", out)...)...)
		if code != exitUser || !strings.Contains(errOut, "gibt es nicht") || strings.Contains(errOut, "sql:") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	code, _, errOut := runCLI("--db", db, "--lang", "de", "confirm-cancellation", "--contract", "abc", "-o", "x.pdf")
	if code != exitUsage || !strings.Contains(errOut, "kein gültiger Wert für --contract") {
		t.Errorf("bad flag value: exit %d, %q", code, errOut)
	}
}

// A killed demo leaves no half studio, and bad options make no file.
func TestDemoAllOrNothing(t *testing.T) {
	if os.Getenv("DEMO_CHILD") != "" {
		os.Exit(Run([]string{"--db", os.Getenv("DEMO_CHILD"), "demo", "--clients", "20000"}, os.Stdout, os.Stderr, testWindow))
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, _ := runCLI("--db", db, "demo", "--clients", "-3"); code == 0 || sqlstore.Exists(db) {
		t.Fatal("invalid --clients made a file")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDemoAllOrNothing$")
	cmd.Env = append(os.Environ(), "DEMO_CHILD="+db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()
	// kill it once it is at work: its staging file beside the database
	// has grown past an empty schema
	working := false
	for deadline := time.Now().Add(60 * time.Second); !working && time.Now().Before(deadline); {
		select {
		case err := <-ended:
			t.Fatalf("the demo ended (%v) before it could be killed at work: the test would prove nothing", err)
		case <-time.After(50 * time.Millisecond):
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), ".demo.db.tmp-") && info.Size() > 1<<20 {
				working = true
			}
		}
	}
	if !working {
		t.Fatal("the demo never began writing its staging file")
	}
	cmd.Process.Kill()
	err := <-ended
	var exit *exec.ExitError
	if !errors.As(err, &exit) || (runtime.GOOS != "windows" && !exit.Sys().(interface{ Signaled() bool }).Signaled()) {
		t.Fatalf("the demo was not ended by the kill: %v", err)
	}
	if sqlstore.Exists(db) {
		t.Fatal("the killed demo left a database behind")
	}
	if code, _, e := runCLI("--db", db, "demo", "--clients", "10"); code != 0 {
		t.Fatalf("a demo after the killed one: %s", e)
	}
}

// check on a damaged database lists what the integrity check found.
func TestCheckDamaged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	runCLI("--db", db, "demo", "--clients", "40")
	f, err := os.OpenFile(db, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(bytes.Repeat([]byte{0xAB}, 4096), 5*4096)
	f.Close()
	code, _, errOut := runCLI("--db", db, "--lang", "en", "check")
	if code != exitUser || !strings.Contains(errOut, "problem") || strings.Contains(errOut, "unexpected") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// The command line says what the profile lacks, and prints terms that
// break consumer law only with --accept-warnings.
func TestAgreementRefusalsOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Müller"})
	s.Close()
	out := filepath.Join(dir, "pv.pdf")
	code, _, errOut := runCLI("--db", db, "--lang", "en", "agreement", "--client", "1", "-o", out)
	if code != exitUser || !strings.Contains(errOut, "Address") || !strings.Contains(errOut, "Responsible") {
		t.Fatalf("empty profile: exit %d, %q", code, errOut)
	}
	s, _ = sqlstore.Open(db)
	s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio", Address: "Weg 1\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger"})
	s.Close()
	code, _, errOut = runCLI("--db", db, "--lang", "en", "agreement", "--client", "1", "-o", out)
	if code != exitUser || !strings.Contains(errOut, "no running contract") || !strings.Contains(errOut, "--accept-warnings") {
		t.Fatalf("warnings: exit %d, %q", code, errOut)
	}
	if sqlstore.Exists(out) {
		t.Fatal("a refused agreement left a file")
	}
	code, _, errOut = runCLI("--db", db, "--lang", "en", "agreement", "--client", "1", "-o", out, "--accept-warnings")
	if code != 0 || !strings.Contains(errOut, "records that they were accepted") {
		t.Fatalf("accepted: exit %d, %q", code, errOut)
	}
	_ = c
}

// reprint gives the stored copy byte for byte; a number that does not
// exist is named.
func TestReprint(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	runCLI("--db", db, "demo", "--clients", "30")
	first := filepath.Join(dir, "pv.pdf")
	code, out, errOut := runCLI("--db", db, "--lang", "en", "agreement", "--client", "2", "-o", first, "--accept-warnings")
	if code != 0 {
		t.Fatal(errOut)
	}
	number := strings.TrimSuffix(strings.TrimSpace(out[strings.LastIndex(out, "(")+1:]), ").")
	again := filepath.Join(dir, "again.pdf")
	if code, _, errOut := runCLI("--db", db, "reprint", number, "-o", again); code != 0 {
		t.Fatalf("reprint %s: %s", number, errOut)
	}
	if sum(t, first) != sum(t, again) {
		t.Fatal("the reprint differs from the document as issued")
	}
	code, _, errOut = runCLI("--db", db, "--lang", "en", "reprint", "ZE-999999", "-o", filepath.Join(dir, "x.pdf"))
	if code != exitUser || !strings.Contains(errOut, "no document no. ZE-999999") {
		t.Fatalf("missing number: exit %d, %q", code, errOut)
	}
}
