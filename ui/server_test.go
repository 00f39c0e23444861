package ui

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"studiopartner/data"
	"studiopartner/data/pgtest"
	"studiopartner/data/sqlstore"
	"studiopartner/data/vault"
)

// ownServer starts a throwaway server for one test (stopped, or asking
// for a password): skipped without PostgreSQL here, except under CI.
func ownServer(t *testing.T, start func() (*pgtest.Server, error)) *pgtest.Server {
	t.Helper()
	srv, err := start()
	if errors.Is(err, pgtest.ErrMissing) && os.Getenv("CI") == "" {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return srv
}

// withoutPassword is a server's URL without its password.
func withoutPassword(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(u.User.Username())
	return u.String()
}

// studioOn makes a studio with one client on the server's database.
func studioOn(t *testing.T, db string) {
	t.Helper()
	s, err := sqlstore.OpenServer(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateClient(context.Background(), data.Client{Name: "Ida Roth"}); err != nil {
		t.Fatal(err)
	}
}

// tapButton taps the button labelled text in o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in %q", text, renderedText(o))
	}
	test.Tap(found)
}

// A counter whose server needs a password: the window asks for it, says
// when it is wrong, opens the studio with the right one and keeps it in
// the credential store, so the next start opens at once; the status bar
// and Settings name the server.
func TestWindowOnServerAsksForPassword(t *testing.T) {
	srv := ownServer(t, func() (*pgtest.Server, error) { return pgtest.StartWithPassword("Tanz-2026") })
	db := srv.Database(t)
	studioOn(t, db)
	addr, err := data.ParseServerAddress(withoutPassword(t, db))
	if err != nil {
		t.Fatal(err)
	}
	vault.Forget(addr.Key())
	o := Options{Lang: "en", FilePath: filepath.Join(t.TempDir(), "own.db")}
	fy := test.NewTempApp(t)
	a := newWindow(fy, o)
	a.inline = true
	a.win.Resize(fyne.NewSize(WindowWidth, WindowHeight))
	c := connection{onServer: true, addr: addr}
	a.connectAtStart(c, o)
	if got := renderedText(a.win.Content()); !strings.Contains(got, "Please enter the password of the login “studio”") {
		t.Fatalf("no password asked for: %q", got)
	}
	typePassword := func(pw string) {
		entries := findEntries(a.win.Content())
		if len(entries) != 1 || !entries[0].Password {
			t.Fatalf("%d entries on the password screen", len(entries))
		}
		test.Type(entries[0], pw)
		entries[0].OnSubmitted(entries[0].Text)
	}
	typePassword("falsch")
	if got := renderedText(a.win.Content()); a.store != nil || !strings.Contains(got, "refused the login as “studio”") {
		t.Fatalf("a wrong password: store %v, %q", a.store != nil, got)
	}
	if pw, _ := vault.Password(addr.Key()); pw != "" {
		t.Errorf("a refused password was kept: %q", pw)
	}
	typePassword("Tanz-2026")
	if a.store == nil || !a.store.OnServer() {
		t.Fatalf("the studio did not open: %q", renderedText(a.win.Content()))
	}
	defer a.store.Close()
	if got := a.status.Text; !strings.Contains(got, "Studio server: "+addr.Shown()) || strings.Contains(got, "not encrypted") {
		t.Errorf("status bar: %q", got)
	}
	if pw, _ := vault.Password(addr.Key()); pw != "Tanz-2026" {
		t.Errorf("kept password %q", pw)
	}
	a.show(PageSettings)
	if got := renderedText(a.win.Content()); !strings.Contains(got, "Studio server: "+addr.Shown()+", login studio") {
		t.Errorf("Settings do not name the server: %q", got)
	}

	// the next start finds the kept password
	b := newWindow(test.NewTempApp(t), o)
	b.inline = true
	b.connectAtStart(c, o)
	if b.store == nil {
		t.Fatalf("the kept password did not open the studio: %q", renderedText(b.win.Content()))
	}
	defer b.store.Close()
	if n, err := b.store.CountClients(context.Background()); err != nil || n != 1 {
		t.Errorf("%d clients (%v)", n, err)
	}
}

// A server that cannot be opened at start: its own message and the ways
// on — the connection's form (where bad input is refused beside its
// field) and this computer's file.
func TestWindowOnServerThatFails(t *testing.T) {
	o := Options{Lang: "en", FilePath: filepath.Join(t.TempDir(), "own.db")}
	fy := test.NewTempApp(t)
	a := newWindow(fy, o)
	a.inline = true
	a.win.Resize(fyne.NewSize(WindowWidth, WindowHeight))
	gone := data.ServerAddress{Host: "127.0.0.1", Port: 1, Database: "studio", User: "counter"}
	saveConnection(fy.Preferences(), true, gone)
	a.connectAtStart(connection{onServer: true, addr: gone}, o)
	got := renderedText(a.win.Content())
	if a.store != nil || !strings.Contains(got, "The studio server could not be opened") || !strings.Contains(got, "cannot be reached") {
		t.Fatalf("an unreachable server: %q", got)
	}
	tapButton(t, a.win.Content(), "Connection…")
	entries := findEntries(a.win.Content())
	if len(entries) != 6 {
		t.Fatalf("%d entries in the connection form", len(entries))
	}
	host, port := entries[0], entries[1]
	host.SetText("studio-server.example")
	port.SetText("99999")
	tapButton(t, a.win.Content(), "Connect")
	got = renderedText(a.win.Content())
	for _, want := range []string{"The port is a number from 1 to 65535", "please choose the studio's certificate authority file"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	if a.store != nil {
		t.Fatal("bad input connected")
	}
	// back to this computer's file: it opens, and is remembered
	a.connectFailed(connection{onServer: true, addr: gone}, o, errors.New("x"))
	tapButton(t, a.win.Content(), "Use this computer's file")
	if a.store == nil || a.store.OnServer() {
		t.Fatalf("the file did not open: %q", renderedText(a.win.Content()))
	}
	defer a.store.Close()
	if _, ok := SavedServer(fy.Preferences()); ok {
		t.Error("the server is still this computer's choice")
	}
	if !strings.Contains(a.status.Text, o.FilePath) {
		t.Errorf("status bar: %q", a.status.Text)
	}
}

// The server stopped under a running window: the status bar says so, a
// new client is refused with that message and its form keeps what was
// typed; when the server is back the window catches up by itself, also
// with what another counter saved meanwhile.
func TestWindowWhenServerGoesAway(t *testing.T) {
	srv := ownServer(t, pgtest.Start)
	db := srv.Database(t)
	studioOn(t, db)
	store, err := sqlstore.OpenServer(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a := New(test.NewTempApp(t), store, Options{Lang: "en"})
	a.inline = true
	defer func() { a.store.Close() }()
	a.show(PageCounter)
	a.lookForChanges() // the feed starts
	if strings.Contains(a.status.Text, "not reachable") {
		t.Fatalf("status bar before: %q", a.status.Text)
	}
	if err := srv.Halt(); err != nil {
		t.Fatal(err)
	}
	a.lookForChanges()
	if !strings.Contains(a.status.Text, "studio server not reachable — trying again") {
		t.Fatalf("status bar with the server gone: %q", a.status.Text)
	}
	a.keys.handle(ctrl(fyne.KeyN))
	f := a.clients.form
	test.Type(f.name, "Ole Berg")
	f.dlg.submit()
	if len(a.keys.dialogs) != 1 || f.name.Text != "Ole Berg" {
		t.Fatal("the form closed or lost its text")
	}
	if got := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(got, "not reachable right now") {
		t.Errorf("the refused save said: %q", got)
	}
	if err := srv.Resume(); err != nil {
		t.Fatal(err)
	}
	other, err := sqlstore.OpenServer(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.CreateClient(context.Background(), data.Client{Name: "Mia Kern"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for a.serverDown && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		a.lookForChanges()
	}
	if a.serverDown || strings.Contains(a.status.Text, "not reachable") {
		t.Fatalf("the window did not catch up: %q", a.status.Text)
	}
	f.dlg.submit() // the same form, saved now
	if n, err := a.store.CountClients(context.Background()); err != nil || n != 3 {
		t.Errorf("%d clients after the server came back (%v)", n, err)
	}
	if !strings.Contains(a.status.Text, "3 clients") {
		t.Errorf("status bar after: %q", a.status.Text)
	}
}

// The owner restoring a backup onto the server while this counter is
// open: the refused restore tells the counter to close; once it is alone,
// the owner's window restores and shows the studio of the backup.
func TestRestoreOntoServerFromTheWindow(t *testing.T) {
	db := pg.Need(t).Database(t)
	studioOn(t, db)
	ctx := context.Background()
	store, err := sqlstore.OpenServer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // the backups folder of a server's studio
	backup := filepath.Join(t.TempDir(), "studio.db")
	if err := store.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	a := New(test.NewTempApp(t), store, Options{Lang: "en"})
	a.inline = true
	defer func() { a.store.Close() }()
	a.lookForChanges() // the feed starts

	// the owner at another computer asks while this counter is open
	sep := "?"
	if strings.Contains(db, "?") {
		sep = "&"
	}
	owner, err := sqlstore.OpenServer(ctx, db+sep+"application_name=studiopartner/buero/1")
	if err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("pgx", db+sep+"application_name=studiopartner/tresen/2")
	if err != nil {
		t.Fatal(err)
	}
	other.Ping()
	if _, _, err := owner.RestoreServer(ctx, backup); data.AsError(err) == nil || data.AsError(err).Key != "restore.others" {
		t.Fatalf("restored beside counters: %v", err)
	}
	owner.Close()
	other.Close()
	a.lookForChanges()
	if got := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(got, "owner wants to restore a backup") {
		t.Fatalf("the counter was told: %q", got)
	}

	// alone, the window restores it itself
	n, _ := a.store.CountClients(ctx)
	if _, err := a.store.CreateClient(ctx, data.Client{Name: "Nach der Sicherung"}); err != nil {
		t.Fatal(err)
	}
	a.restoreOnServer(backup)
	if got := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(got, "StudioPartner/backups/studiopartner-") {
		t.Fatalf("the restore said: %q", got)
	}
	if m, err := a.store.CountClients(ctx); err != nil || m != n {
		t.Fatalf("after the restore: %d clients (want %d), %v", m, n, err)
	}
}

// A server that is not on this computer, reached without a checked
// certificate because the owner allowed it for this network: the status
// bar says so. (0.0.0.0 reaches this computer's server but is not named
// as this computer.)
func TestWindowOnUncheckedServer(t *testing.T) {
	db := pg.Need(t).Database(t)
	studioOn(t, db)
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = "0.0.0.0:" + u.Port()
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	if _, err := sqlstore.OpenServer(context.Background(), u.String()); data.AsError(err) == nil {
		t.Fatalf("a server elsewhere without TLS was opened unasked: %v", err)
	}
	store, err := sqlstore.OpenServerWith(context.Background(), u.String(), sqlstore.ServerOptions{AllowInsecure: true})
	if err != nil {
		t.Fatal(err)
	}
	a := New(test.NewTempApp(t), store, Options{Lang: "en"})
	a.inline = true
	defer func() { a.store.Close() }()
	if !strings.Contains(a.status.Text, "not encrypted with a checked certificate (allowed for this network)") {
		t.Fatalf("status bar: %q", a.status.Text)
	}
}
