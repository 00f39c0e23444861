package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/disk"
)

// serverStudio opens a new database on the test server with a few
// records.
func serverStudio(t *testing.T) (*Store, string) {
	t.Helper()
	raw := pg.Need(t).Database(t)
	s, err := OpenServer(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { s.Close() })
	for _, n := range []string{"Anna Weiß", "Ben Roth"} {
		c := mustClient(t, s, n)
		if _, err := s.RecordPayment(context.Background(), data.Payment{ClientID: c.ID, Amount: 4500, Method: data.MethodCash,
			ReceivedOn: s.Today()}); err != nil {
			t.Fatal(err)
		}
	}
	return s, raw
}

// scratchLeft counts the scratch databases on the server.
func scratchLeft(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM pg_database WHERE strpos(datname, $1) > 0`, scratchInfix).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A server's backup is written by pg_dump and kept only when, restored
// into a scratch database, it holds every row of the snapshot it was
// dumped from; a damaged one is not kept. A login that may not create a
// database gets the program's own backup, a studio file.
func TestServerBackupByPgDump(t *testing.T) {
	needDump(t)
	ctx := context.Background()
	s, raw := serverStudio(t)
	dir := tempDir(t)
	path, err := s.BackupInto(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, disk.DumpExt) || !disk.IsDump(path) {
		t.Fatalf("the backup %s is no pg_dump archive", path)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the backup's mode: %v %v", fi, err)
	}
	if n := scratchLeft(t, s); n != 0 {
		t.Fatalf("%d scratch databases left", n)
	}
	s.afterCopy = func(p string) { os.Truncate(p, 2000) }
	s.Now = func() time.Time { return fixedNow.Add(time.Hour) }
	if _, err := s.BackupInto(ctx, dir); !errors.Is(err, data.AsError(err)) || data.AsError(err).Key != "backup.unsound" {
		t.Fatalf("a damaged dump: %v", err)
	}
	if list, _ := disk.Backups(dir, s.BackupPrefix()); len(list) != 1 {
		t.Fatalf("backups kept: %v", list)
	}
	s.afterCopy = nil

	r := Roles{Owner: "owner_dump", Counter: "counter_dump"}
	if err := SetUpServer(ctx, raw, r); err != nil {
		t.Fatal(err)
	}
	counter, err := OpenServer(ctx, asRole(t, raw, r.Counter))
	if err != nil {
		t.Fatal(err)
	}
	defer counter.Close()
	counter.Now = func() time.Time { return fixedNow.Add(2 * time.Hour) }
	own, err := counter.BackupInto(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := InspectBackup(own); err != nil || info.Clients != 2 || !strings.HasSuffix(own, ".db") {
		t.Fatalf("the counter's backup %s: %+v %v", own, info, err)
	}
	if err := counter.Backup(ctx, filepath.Join(dir, "x.dump")); data.AsError(err) == nil || data.AsError(err).Key != "backup.no_dump" {
		t.Fatalf("a .dump the login cannot check: %v", err)
	}
}

// A restore onto a server is refused while another counter is connected
// — named, and told through the change log — and nothing changes; with
// the counters gone, a pg_dump archive and the program's own backup each
// bring the studio back as it was, a safety copy kept of what was there.
func TestRestoreOntoServer(t *testing.T) {
	needDump(t)
	ctx := context.Background()
	s, raw := serverStudio(t)
	dir := tempDir(t)
	dumped, err := s.BackupInto(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(dir, "own.db")
	if err := s.Backup(ctx, own); err != nil {
		t.Fatal(err)
	}
	mustClient(t, s, "Cem Yılmaz") // after the backups
	feed, err := s.FollowChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()

	sep := "?"
	if strings.Contains(raw, "?") {
		sep = "&"
	}
	other, err := sql.Open("pgx", raw+sep+"application_name="+programPrefix+"tresen-2/4711")
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Ping(); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.RestoreServer(ctx, dumped)
	if e := data.AsError(err); e == nil || e.Key != "restore.others" || e.Args["List"] != "tresen-2" {
		t.Fatalf("restored beside another counter: %v %v", err, data.AsError(err).Args)
	}
	changes, err := feed.Next(ctx, time.Second)
	if err != nil || len(changes) != 1 || changes[0].Kind != KindRestoreAsked {
		t.Fatalf("the counters were told: %+v %v", changes, err)
	}
	if n, _ := s.CountClients(ctx); n != 3 {
		t.Fatalf("a refused restore left %d clients", n)
	}
	other.Close()
	deadline := time.Now().Add(5 * time.Second)
	for others, _ := s.OtherCounters(ctx); len(others) > 0; others, _ = s.OtherCounters(ctx) {
		if time.Now().After(deadline) {
			t.Fatalf("still connected: %v", others)
		}
		time.Sleep(50 * time.Millisecond)
	}

	bad := filepath.Join(dir, "bad.dump")
	head, _ := os.ReadFile(dumped)
	os.WriteFile(bad, head[:3000], 0o600)
	if _, _, err := s.RestoreServer(ctx, bad); data.AsError(err) == nil || data.AsError(err).Key != "backup.invalid" {
		t.Fatalf("a damaged dump: %v", err)
	}
	for i, from := range []string{dumped, own} {
		s.Now = func() time.Time { return fixedNow.Add(time.Duration(i+1) * time.Hour) }
		info, safety, err := s.RestoreServer(ctx, from)
		if err != nil {
			t.Fatalf("restore %s: %v", from, err)
		}
		if info.Clients != 2 || safety == "" {
			t.Fatalf("restore %s: %+v, safety %q", from, info, safety)
		}
		if _, err := os.Stat(safety); err != nil {
			t.Fatal(err)
		}
		after, err := OpenServer(ctx, raw)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := after.SearchClients(ctx, "", 10)
		after.Close()
		if err != nil || len(rows) != 2 || rows[0].Name+rows[1].Name != "Ben RothAnna Weiß" {
			t.Fatalf("after restoring %s: %+v %v", from, rows, err)
		}
		if _, err := s.RecordPayment(ctx, data.Payment{ClientID: rows[1].ID, Amount: 100, Method: data.MethodCash,
			ReceivedOn: s.Today()}); err != nil {
			t.Fatalf("recording after the restore: %v", err)
		}
	}
	if n := scratchLeft(t, s); n != 0 {
		t.Fatalf("%d scratch databases left", n)
	}
}

// needDump skips a test of pg_dump's backups in the PostgreSQL pass (it
// makes a server of its own in the SQLite pass) and where pg_dump is
// missing outside CI; CI installs it, and a missing one fails there.
func needDump(t *testing.T) {
	t.Helper()
	bothEngines(t)
	if dump, _ := pgTools(); dump == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("pg_dump is not installed (the postgresql package brings it)")
		}
		t.Skip("pg_dump is not installed")
	}
}
