package cli

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/pgtest"
	"studiopartner/data/sqlstore"
	"studiopartner/data/vault"
)

// pg is the PostgreSQL server of this package's tests, started when a
// test first needs it.
var pg pgtest.Lazy

// The same demo, made with the same seed in a file and on a server, gives
// the same balances, flags and charges, and exports the same rows; check
// says what it checks on a server; backup and restore say they are the
// server's own.
func TestCommandsOnBothEngines(t *testing.T) {
	server := pg.Need(t).Database(t)
	file := filepath.Join(t.TempDir(), "studio.db")
	for _, db := range []string{file, server} {
		if code, _, errOut := runCLI("--db", db, "demo", "--clients", "40", "--seed", "7"); code != 0 {
			t.Fatalf("demo on %s: %s", db, errOut)
		}
	}
	for _, args := range [][]string{{"charges"}, {"balances"}, {"flags"}, {"visits", "--client", "2", "--from", "01.01.2020"}} {
		_, onFile, errFile := runCLI(append([]string{"--db", file, "--lang", "de"}, args...)...)
		code, onServer, errServer := runCLI(append([]string{"--db", server, "--lang", "de"}, args...)...)
		if code != 0 || onFile != onServer || errFile != errServer {
			t.Errorf("%v: exit %d\nfile:\n%s%s\nserver:\n%s%s", args, code, onFile, errFile, onServer, errServer)
		}
		if len(strings.TrimSpace(onFile)) == 0 {
			t.Errorf("%v printed nothing: the comparison tells nothing", args)
		}
	}
	reviews := map[string]string{}
	for _, db := range []string{file, server} {
		out := filepath.Join(t.TempDir(), "review.csv")
		if code, _, errOut := runCLI("--db", db, "--lang", "de", "review", "--month", "2026-10", "-o", out); code != 0 {
			t.Fatalf("review on %s: %s", db, errOut)
		}
		b, _ := os.ReadFile(out)
		reviews[db] = string(b)
	}
	if reviews[file] != reviews[server] || strings.Count(reviews[file], "\n") < 5 {
		t.Errorf("the review differs:\n%s\n%s", reviews[file], reviews[server])
	}
	dirs := map[string]string{}
	for _, db := range []string{file, server} {
		dir := filepath.Join(t.TempDir(), "export")
		if code, _, errOut := runCLI("--db", db, "export", dir); code != 0 {
			t.Fatalf("export from %s: %s", db, errOut)
		}
		dirs[db] = dir
	}
	names, _ := filepath.Glob(filepath.Join(dirs[file], "*.csv"))
	if len(names) < 10 {
		t.Fatalf("the export wrote %d tables", len(names))
	}
	for _, n := range names {
		a, _ := os.ReadFile(n)
		b, err := os.ReadFile(filepath.Join(dirs[server], filepath.Base(n)))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs between the engines (%v)", filepath.Base(n), err)
		}
	}
	code, out, errOut := runCLI("--db", server, "--lang", "en", "check")
	if code != 0 || !strings.Contains(out, "the records were checked") {
		t.Errorf("check on a server: exit %d, %q %q", code, out, errOut)
	}
	// a server's backup to a .db is a studio file, checked table by table
	copyPath := filepath.Join(t.TempDir(), "server-backup.db")
	if code, out, errOut := runCLI("--db", server, "--lang", "en", "backup", "-o", copyPath); code != 0 || !strings.Contains(out, copyPath) {
		t.Fatalf("backup of a server: exit %d, %q %q", code, out, errOut)
	}
	_, onServer, _ := runCLI("--db", server, "--lang", "de", "balances")
	if _, fromBackup, _ := runCLI("--db", copyPath, "--lang", "de", "balances"); fromBackup != onServer {
		t.Errorf("the server's backup holds other balances:\n%s\nwant\n%s", fromBackup, onServer)
	}
	// and comes back onto it by restore, a safety copy kept in this
	// computer's backups folder
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	code, out, errOut = runCLI("--db", server, "--lang", "en", "restore", copyPath)
	if code != 0 || !strings.Contains(out, "Restored") {
		t.Errorf("restore onto a server: exit %d, %q %q", code, out, errOut)
	}
	if _, again, _ := runCLI("--db", server, "--lang", "de", "balances"); again != onServer {
		t.Errorf("the restored server holds other balances:\n%s\nwant\n%s", again, onServer)
	}
	// an import into the server's studio takes what the file's exported
	fresh := pg.Need(t).Database(t)
	for _, kind := range sqlstore.ImportKinds() {
		csv := filepath.Join(dirs[file], kind+".csv")
		if _, err := os.Stat(csv); err != nil {
			continue
		}
		if code, out, errOut := runCLI("--db", fresh, "import", kind, csv); code != 0 {
			t.Fatalf("import %s into a server: %s %s", kind, out, errOut)
		}
	}
	_, onFile, _ := runCLI("--db", file, "--lang", "de", "balances")
	if _, imported, _ := runCLI("--db", fresh, "--lang", "de", "balances"); imported != onFile {
		t.Errorf("balances after the import:\n%s\nwant\n%s", imported, onFile)
	}
}

// The documents and the counter's commands work on a server as on a file:
// the same demo, the same steps, the same output (paths aside).
func TestCounterCommandsOnBothEngines(t *testing.T) {
	server := pg.Need(t).Database(t)
	file := filepath.Join(t.TempDir(), "studio.db")
	outs := map[string]string{file: t.TempDir(), server: t.TempDir()}
	debtor := firstDebtor(t, file) // makes the demo studio
	if firstDebtor(t, server) != debtor {
		t.Fatal("the same demo owes differently on the server")
	}
	sheet := filepath.Join(t.TempDir(), "liste.csv")
	os.WriteFile(sheet, []byte("Vorname;Nachname;E-Mail\nLena;Weiß;lena@example.org\nOle;Brand;ole@example.org\n"), 0o600)
	steps := [][]string{
		{"charges"},
		{"agreement", "--client", "2", "-o", "OUT/pv.pdf", "--accept-warnings"},
		{"reminder", "--client", debtor, "-o", "OUT/mahnung.pdf"},
		{"checkin", "--client", "2", "--beyond", "charge", "--confirm"},
		{"visits", "--client", "2"},
		{"receipt", "--payment", "1", "-o", "OUT/quittung.pdf"},
		{"client-export", "--client", "4", "-o", "OUT/auskunft"},
		{"import-sheet", sheet},
		{"balances"},
		{"flags"},
	}
	for _, step := range steps {
		var want string
		for _, db := range []string{file, server} {
			args := make([]string, len(step))
			for i, a := range step {
				args[i] = strings.ReplaceAll(a, "OUT", outs[db])
			}
			code, out, errOut := runCLI(append([]string{"--db", db, "--lang", "de"}, args...)...)
			if code != 0 {
				t.Fatalf("%v on %s: exit %d, %s", step, sqlstore.ShownURL(db), code, errOut)
			}
			out = strings.ReplaceAll(out, outs[db], "OUT")
			if db == file {
				want = out
			} else if out != want {
				t.Errorf("%v:\nfile:\n%s\nserver:\n%s", step, want, out)
			}
		}
	}
	for _, name := range []string{"pv.pdf", "mahnung.pdf", "quittung.pdf"} {
		if st, err := os.Stat(filepath.Join(outs[server], name)); err != nil || st.Size() < 1000 {
			t.Errorf("%s from the server: %v", name, err)
		}
	}
}

// Each way a server cannot be used gets its own message, exit status 1,
// no password shown, and nothing written.
func TestServerRefusals(t *testing.T) {
	srv := pg.Need(t)
	good := srv.Database(t)
	withPassword := func(raw string) string {
		u, _ := url.Parse(raw)
		u.User = url.UserPassword(u.User.Username(), "geheim")
		return u.String()
	}
	other := srv.Database(t)
	db, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE kunden (id BIGINT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	newer := srv.Database(t)
	if code, _, errOut := runCLI("--db", newer, "balances"); code != 0 {
		t.Fatal(errOut)
	}
	ndb, err := sql.Open("pgx", newer)
	if err != nil {
		t.Fatal(err)
	}
	defer ndb.Close()
	if _, err := ndb.Exec(`INSERT INTO schema_migrations VALUES (999, 'migrations/0999_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	nobody, _ := url.Parse(good)
	nobody.User = url.UserPassword("nobody_here", "geheim")
	missing, _ := url.Parse(good)
	missing.Path = "/no_such_studio"
	gone := "postgres://studio:geheim@127.0.0.1:1/studio?sslmode=disable&connect_timeout=3"
	cases := []struct{ name, url, de, en string }{
		{"malformed", "postgres://studio:geheim@[::1/studio", "keine gültige Server-Adresse", "not a valid server address"},
		{"unreachable", gone, "nicht erreichbar", "cannot be reached"},
		{"login", nobody.String(), "Anmeldung als „nobody_here“ abgelehnt", "refused the login as “nobody_here”"},
		{"no database", withPassword(missing.String()), "keine Datenbank „no_such_studio“", "no database “no_such_studio”"},
		{"another program", withPassword(other), "Tabellen eines anderen Programms", "another program's tables"},
		{"newer", withPassword(newer), "neueren Studio-Partner-Version", "newer Studio Partner"},
	}
	for _, c := range cases {
		for lang, want := range map[string]string{"de": c.de, "en": c.en} {
			code, out, errOut := runCLI("--db", c.url, "--lang", lang, "balances")
			if code != exitUser || !strings.Contains(errOut, want) || strings.Contains(errOut+out, "geheim") {
				t.Errorf("%s (%s): exit %d, %q", c.name, lang, code, errOut)
			}
		}
	}
	var tables int
	db.QueryRowContext(context.Background(), `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&tables)
	if tables != 1 {
		t.Errorf("the other program's database now has %d tables", tables)
	}
	// the window takes the server --db names, beside this computer's own file
	path, server, err := WindowDB(withPassword(good))
	if err != nil || server != withPassword(good) || path == "" || sqlstore.IsServerURL(path) {
		t.Errorf("the window on a server: %q, %q, %v", path, server, err)
	}
}

// move takes a demo studio from its file to a server and from there into
// a new file: both moves check every table, and the three give the same
// balances, flags and export; a move without --to, into a file that
// exists or onto a server's studio is refused.
func TestMoveThereAndBack(t *testing.T) {
	server := pg.Need(t).Database(t)
	dir := t.TempDir()
	file, back := filepath.Join(dir, "studio.db"), filepath.Join(dir, "back.db")
	if code, _, errOut := runCLI("--db", file, "demo", "--clients", "30", "--seed", "3"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, out, errOut := runCLI("--db", file, "--lang", "en", "move", "--to", server)
	if code != 0 || !strings.Contains(out, "and checked: 27 tables") || !strings.Contains(out, "payments\t") {
		t.Fatalf("move to the server: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI("--db", server, "--lang", "de", "move", "--to", back)
	if code != 0 || !strings.Contains(out, "umgezogen und geprüft") {
		t.Fatalf("move back: exit %d\n%s%s", code, out, errOut)
	}
	for _, args := range [][]string{{"balances"}, {"flags"}} {
		var outs []string
		for _, db := range []string{file, server, back} {
			code, o, e := runCLI(append([]string{"--db", db, "--lang", "de"}, args...)...)
			if code != 0 {
				t.Fatalf("%v on %s: %s", args, db, e)
			}
			outs = append(outs, o)
		}
		if outs[0] != outs[1] || outs[0] != outs[2] || strings.TrimSpace(outs[0]) == "" {
			t.Errorf("%v differs after the moves:\n%s\n%s\n%s", args, outs[0], outs[1], outs[2])
		}
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--db", file, "--lang", "en", "move"}, exitUsage, "Please name where the studio moves"},
		{[]string{"--db", file, "--lang", "en", "move", "--to", back}, exitUser, "already exists"},
		{[]string{"--db", back, "--lang", "en", "move", "--to", server}, exitUser, "already holds a studio"},
		{[]string{"--db", file, "--lang", "en", "move", "--to", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"}, exitUser, "reach"},
	} {
		code, _, errOut := runCLI(c.args...)
		if code != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args[3:], code, errOut, c.code, c.says)
		}
	}
}

// server-setup prints its SQL, or runs it as the administrator; the
// counters' role it made then works at the counter but cannot delete a
// payment; a file, a bad role name and a malformed address are refused.
func TestServerSetup(t *testing.T) {
	server := pg.Need(t).Database(t)
	suffix := strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 10)
	owner, counter := "own_"+suffix, "desk_"+suffix
	code, out, errOut := runCLI("--db", server, "server-setup", "--owner", owner, "--counter", counter, "--print")
	if code != 0 || !strings.HasPrefix(out, "BEGIN;") || !strings.Contains(out, "REVOKE DELETE ON charges, payments") {
		t.Fatalf("--print: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI("--db", server, "--lang", "en", "server-setup", "--owner", owner, "--counter", counter)
	if code != 0 || !strings.Contains(out, "Counters connect as "+counter) {
		t.Fatalf("server-setup: exit %d\n%s%s", code, out, errOut)
	}
	u, _ := url.Parse(server)
	u.User = url.User(counter)
	for _, args := range [][]string{{"charges"}, {"balances"}, {"flags"}} {
		if code, _, errOut := runCLI(append([]string{"--db", u.String()}, args...)...); code != 0 {
			t.Errorf("%v as the counters' role: exit %d, %q", args, code, errOut)
		}
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--db", filepath.Join(t.TempDir(), "x.db"), "--lang", "en", "server-setup"}, "sets up a studio server"},
		{[]string{"--db", server, "--lang", "en", "server-setup", "--owner", "Bad Name"}, "cannot name a role"},
		{[]string{"--db", "postgres://%zz", "--lang", "en", "server-setup", "--print"}, "postgres"},
	} {
		if code, _, errOut := runCLI(c.args...); code != exitUser || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, %q", c.args[2:], code, errOut)
		}
	}
}

// --db names a server without its password: it comes from the computer's
// credential store, where the window keeps it; without one there the
// login is refused with its own message.
func TestServerPasswordFromCredentialStore(t *testing.T) {
	srv, err := pgtest.StartWithPassword("Salsa-7")
	if errors.Is(err, pgtest.ErrMissing) && os.Getenv("CI") == "" {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	db := srv.Database(t)
	u, _ := url.Parse(db)
	u.User = url.User(u.User.Username())
	bare := u.String()
	addr, err := data.ParseServerAddress(bare)
	if err != nil {
		t.Fatal(err)
	}
	vault.Forget(addr.Key())
	if code, _, errOut := runCLI("--db", bare, "--lang", "en", "balances"); code != exitUser || !strings.Contains(errOut, "refused the login") {
		t.Fatalf("without a password: exit %d, %q", code, errOut)
	}
	if err := vault.Keep(addr.Key(), "Salsa-7"); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("--db", bare, "--lang", "en", "balances"); code != 0 {
		t.Fatalf("with the kept password: exit %d, %q", code, errOut)
	}
}
