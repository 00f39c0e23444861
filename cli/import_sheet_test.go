package cli

import (
	"os"
	"path/filepath"
	"strings"
	"studiopartner/data/vault"
	"testing"
	"time"
)

// The commands' tests run on one fixed day, whatever the calendar says.
func TestMain(m *testing.M) {
	clock = func() time.Time { return time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC) }
	if args, ok := os.LookupEnv(childArgs); ok { // the test binary as a program of its own
		os.Exit(Run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr, testWindow))
	}
	vault.UseMemory() // no credential store on a test machine
	os.Exit(pg.Main(m))
}

// import-sheet prints the preview the window shows, stores nothing on a
// dry run, and then the ready lines only unless duplicates are asked for.
func TestImportSheet(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "studio.db")
	sheet := filepath.Join(dir, "liste.csv")
	os.WriteFile(sheet, []byte("Vorname;Nachname;E-Mail;Geburtstag;Spalte X\n"+
		"Lena;Weiß;lena@example.org;04.03.2012;a\n"+
		"Tom;Berger;keine-mail;;b\n"+
		"Mia;;;;c\n"+
		"Lena;Weiss;lena@example.org;;d\n"+
		"Jonas;Frank;jonas@example.org;31.02.2010;e\n"), 0o600)
	run := func(args ...string) (int, string, string) {
		return runCLI(append([]string{"--db", db, "--lang", "en"}, args...)...)
	}
	code, out, errOut := run("import-sheet", sheet, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"3\tTom Berger\t", "4\tMia\tOnly “Mia” and no contact details", "6\tJonas Frank\t", "5\tLena Weiss\tas line 2", "2\tLena Weiß\tready"}
	if len(lines) != len(want) {
		t.Fatalf("preview:\n%s", out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d is %q, want it to start %q", i, lines[i], w)
		}
	}
	if !strings.Contains(errOut, "Ready: 1 · likely duplicates: 1 · with errors: 3") || !strings.Contains(errOut, "nothing was stored") {
		t.Errorf("dry run summary: %s", errOut)
	}
	if _, _, errOut := run("check"); strings.Contains(errOut, "problem") {
		t.Fatal(errOut)
	}
	if code, out, _ := run("balances"); code != 0 || out != "" {
		t.Fatalf("a dry run stored something: %d %q", code, out)
	}

	// columns mapped by hand: "Spalte X" becomes the notes, the birthdays
	// (with Jonas's impossible one) are left out
	if code, out, errOut := run("import-sheet", "--map", "Spalte X=notes", "--map", "4=ignore", sheet); code != 0 ||
		!strings.Contains(out, "2 clients imported.") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if code, out, _ := run("import-sheet", sheet, "--with-duplicates", "--dry-run"); code != 0 ||
		!strings.Contains(out, "likely there already: no. 1 Lena Weiß") {
		t.Fatalf("the stored client is not found again: %s", out)
	}

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"import-sheet"}, 2, "Please name the client list"},
		{[]string{"import-sheet", sheet, "--map", "Farbe=notes"}, 2, "no column \"Farbe\""},
		{[]string{"import-sheet", sheet, "--map", "1=colour"}, 2, "\"colour\" is not a client field"},
		{[]string{"import-sheet", sheet, "--map", "Vorname"}, 2, "--map expects COLUMN=FIELD"},
		{[]string{"import-sheet", sheet, "--map", "Vorname=ignore", "--map", "Nachname=ignore"}, 1, "No column is mapped to the name"},
		{[]string{"import-sheet", filepath.Join(dir, "missing.csv")}, 1, "missing.csv"},
	} {
		code, _, errOut := run(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: %d %q, want %d %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}
