package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"studiopartner/data"
	"studiopartner/data/disk"
	"testing"
	"time"
)

func fileSum(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func writeString(s *Store, path string, o disk.WriteOptions, text string) error {
	return s.WriteFile(path, o, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}

// leftovers lists the temporary files the helper left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	return m
}

// The database, its journals, the register and the backup folder are never
// a target, however the path is spelled.
func TestWriteFileRefusesTheStoresFiles(t *testing.T) {
	sqliteOnly(t, "the store's own files")
	s := newStore(t)
	mustClient(t, s, "Lea Müller")
	dir := filepath.Dir(s.Path())
	if _, err := s.BackupInto(context.Background(), s.BackupDir()); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, s.Path())
	link := filepath.Join(tempDir(t), "looks-harmless.pdf")
	if err := os.Symlink(s.Path(), link); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(tempDir(t), "wal-link.pdf")
	os.Symlink(s.Path()+"-journal", dangling)
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	targets := []string{s.Path(), "studio.db", "./studio.db", "../" + filepath.Base(dir) + "/studio.db", dir + "//studio.db",
		link, s.Path() + "-wal", s.Path() + "-shm", "studio.db-journal", dangling, disk.ErasureRegister(s.Path()),
		filepath.Join(s.BackupDir(), "letter.pdf"), s.BackupDir()}
	for _, target := range targets {
		for _, force := range []bool{false, true} {
			err := writeString(s, target, disk.WriteOptions{Force: force}, "%PDF-")
			if e := data.AsError(err); e == nil || e.Key != disk.KeyFileProtected {
				t.Errorf("write onto %s (force %v): err = %v", target, force, err)
			}
		}
	}
	if fileSum(t, s.Path()) != before {
		t.Fatal("the database changed")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Fatalf("left behind: %v", l)
	}
	// a configured backup folder is guarded too
	other := tempDir(t)
	s.SetSetting(context.Background(), disk.SettingBackupDir, other)
	if err := writeString(s, filepath.Join(other, "x.csv"), disk.WriteOptions{}, "a"); data.AsError(err) == nil || data.AsError(err).Key != disk.KeyFileProtected {
		t.Fatalf("write into the chosen backup folder: %v", err)
	}
}

// An existing file is replaced only when told to; a failed write leaves it
// byte for byte and no temporary file behind; new files are private.
func TestWriteFileKeepsExistingFiles(t *testing.T) {
	s := newStore(t)
	dir := tempDir(t)
	p := filepath.Join(dir, "letter.pdf")
	t.Run("OK", func(t *testing.T) {
		if err := writeString(s, p, disk.WriteOptions{}, "first"); err != nil {
			t.Fatal(err)
		}
		wantPrivate(t, p)
	})
	t.Run("ErrExists", func(t *testing.T) {
		err := writeString(s, p, disk.WriteOptions{}, "second")
		if e := data.AsError(err); e == nil || e.Key != disk.KeyFileExists || e.Code != data.CodeConflict {
			t.Fatalf("err = %v", err)
		}
		if b, _ := os.ReadFile(p); string(b) != "first" {
			t.Fatalf("file = %q", b)
		}
	})
	t.Run("FailureKeepsTheOld", func(t *testing.T) {
		err := s.WriteFile(p, disk.WriteOptions{Force: true}, func(w io.Writer) error {
			io.WriteString(w, "half a docu")
			return data.Errorf(data.CodeNotFound, "client.not_found", nil)
		})
		if data.ErrorCode(err) != data.CodeNotFound {
			t.Fatalf("err = %v", err)
		}
		if b, _ := os.ReadFile(p); string(b) != "first" {
			t.Fatalf("file = %q", b)
		}
	})
	t.Run("Force", func(t *testing.T) {
		if err := writeString(s, p, disk.WriteOptions{Force: true}, "second"); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "second" {
			t.Fatalf("file = %q", b)
		}
	})
	t.Run("ErrFolder", func(t *testing.T) {
		if e := data.AsError(writeString(s, dir, disk.WriteOptions{Force: true}, "x")); e == nil || e.Key != disk.KeyFileIsFolder {
			t.Fatalf("err = %v", e)
		}
		if e := data.AsError(writeString(s, filepath.Join(dir, "no", "x.pdf"), disk.WriteOptions{}, "x")); e == nil || e.Key != disk.KeyFileNoFolder {
			t.Fatalf("err = %v", e)
		}
	})
	t.Run("NameTakenMeanwhile", func(t *testing.T) {
		q := filepath.Join(dir, "race.pdf")
		sf, err := s.CreateFile(q, disk.WriteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sf.Write([]byte("mine"))
		os.WriteFile(q, []byte("theirs"), 0o600)
		if e := data.AsError(sf.Publish()); e == nil || e.Key != disk.KeyFileExists {
			t.Fatalf("err = %v", e)
		}
		if b, _ := os.ReadFile(q); string(b) != "theirs" {
			t.Fatalf("file = %q", b)
		}
	})
	if l := leftovers(t, dir); len(l) > 0 {
		t.Fatalf("left behind: %v", l)
	}
}

// A folder is filled beside its target and appears whole or not at all.
func TestCreateFolder(t *testing.T) {
	s := newStore(t)
	dir := filepath.Join(tempDir(t), "export")
	sd, err := s.CreateFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	sd.WriteFile("a.csv", []byte("x"))
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("the folder appeared before it was published")
	}
	sd.Discard()
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*")); len(m) > 0 {
		t.Fatalf("left behind: %v", m)
	}
	if _, err := s.CreateFolder(s.DefaultBackupDir()); data.AsError(err) == nil || data.AsError(err).Key != disk.KeyFileProtected {
		t.Fatalf("the backup folder as export target: %v", err)
	}
}

// A SQLite file of another program is refused and left byte for byte; an
// empty file becomes a private database; a damaged or locked file gets its
// own message.
func TestOpenOnlyOurFiles(t *testing.T) {
	sqliteOnly(t, "which files open as a database")
	foreign := func(t *testing.T, setup string) string {
		p := filepath.Join(tempDir(t), "other.sqlite")
		db, err := sql.Open("sqlite", "file:"+p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(setup); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return p
	}
	for name, setup := range map[string]string{
		"ErrOtherApplicationID": `PRAGMA application_id = 42; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`,
		"ErrOtherTables":        `CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)`,
		"ErrOtherMigrations":    `CREATE TABLE schema_migrations (version INTEGER, name TEXT); INSERT INTO schema_migrations VALUES (1, '20240101_users.rb')`,
	} {
		t.Run(name, func(t *testing.T) {
			p := foreign(t, setup)
			before := fileSum(t, p)
			_, err := Open(p)
			if e := data.AsError(err); e == nil || e.Key != disk.KeyDBNotOurs {
				t.Fatalf("err = %v", err)
			}
			if fileSum(t, p) != before {
				t.Fatal("the foreign file was changed")
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		p := filepath.Join(tempDir(t), "empty.db")
		os.WriteFile(p, nil, 0o644)
		s, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		var id int
		s.read.QueryRow(`PRAGMA application_id`).Scan(&id)
		s.Close()
		if id != ApplicationID {
			t.Fatalf("application_id = %d", id)
		}
		wantPrivate(t, p)
	})
	t.Run("ErrTruncated", func(t *testing.T) {
		s := newStore(t)
		mustClient(t, s, "Lea Müller")
		p := s.Path()
		s.Close()
		b, _ := os.ReadFile(p)
		short := filepath.Join(tempDir(t), "short.db")
		os.WriteFile(short, b[:60], 0o600)
		if e := data.AsError(openOnly(short)); e == nil || e.Key != disk.KeyDBDamaged {
			t.Fatalf("60 bytes: err = %v", e)
		}
		os.WriteFile(short, b[:len(b)/3], 0o600)
		if e := data.AsError(openOnly(short)); e == nil || e.Key != disk.KeyDBDamaged {
			t.Fatalf("a third: err = %v", e)
		}
	})
	t.Run("ErrLockedByAnother", func(t *testing.T) {
		p := foreign(t, `PRAGMA application_id = 1397781108; CREATE TABLE t (x)`)
		other, _ := sql.Open("sqlite", "file:"+p)
		other.SetMaxOpenConns(1)
		defer other.Close()
		if _, err := other.Exec(`PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		if e := data.AsError(openOnly(p)); e == nil || e.Key != disk.KeyDBLocked {
			t.Fatalf("err = %v", e)
		}
	})
	t.Run("ErrReadOnlyFolder", func(t *testing.T) {
		s := newStore(t)
		p := s.Path()
		s.Close()
		ro := tempDir(t)
		if err := mountReadOnlyCopy(t, p, ro); err != nil {
			t.Skip("cannot mount a read-only folder here:", err)
		}
		if e := data.AsError(openOnly(filepath.Join(ro, "studio.db"))); e == nil || e.Key != disk.KeyDBReadOnly {
			t.Fatalf("err = %v", e)
		}
	})
}

// openOnly opens and closes a database, returning the error.
func openOnly(p string) error {
	s, err := Open(p)
	if err == nil {
		s.Close()
	}
	return err
}

// Reads run while another connection holds a write transaction for longer
// than the busy timeout; a write says in words that it could not get in.
func TestReadsDoNotWaitForWriters(t *testing.T) {
	sqliteOnly(t, "SQLite's write lock and the file opened beside the store")
	s := newStore(t)
	mustClient(t, s, "Lea Müller")
	p := s.Path()
	s.Close()
	other, _ := sql.Open("sqlite", dsn(p, false))
	other.SetMaxOpenConns(1)
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('held', 'by another')`); err != nil {
		t.Fatal(err)
	}
	s, err = Open(p)
	if err != nil {
		t.Fatalf("opening while another writes: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	start := time.Now()
	if _, err := s.OpenBalances(ctx, 0, 50); err != nil {
		t.Errorf("balances: %v", err)
	}
	if _, err := s.Flags(ctx); err != nil {
		t.Errorf("flags: %v", err)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
	if _, err := ExportCSV(ctx, s, filepath.Join(tempDir(t), "export"), nil); err != nil {
		t.Errorf("export: %v", err)
	}
	if _, err := s.BackupInto(ctx, s.BackupDir()); err != nil {
		t.Errorf("backup: %v", err)
	}
	if took := time.Since(start); took > disk.BusyTimeout/2 {
		t.Errorf("the reads waited %v for the writer", took)
	}
	_, err = s.CreateClient(ctx, data.Client{Name: "Ida Roth"})
	if e := data.AsError(err); e == nil || e.Key != disk.KeyDBBusy || e.Code != data.CodeConflict {
		t.Fatalf("a write while another writes: %v", err)
	}
}

// A copy that fails its check is not kept, and nothing is thinned out.
func TestDamagedBackupNotCounted(t *testing.T) {
	sqliteOnly(t, "backups copy the database file")
	s := newStore(t)
	mustClient(t, s, "Lea Müller")
	dir := s.BackupDir()
	os.MkdirAll(dir, 0o700)
	// sixteen old daily backups: thinning would remove two of them
	var old []string
	for i := 0; i < 16; i++ {
		p := filepath.Join(dir, disk.BackupPrefix(s.Path())+fixedNow.AddDate(0, 0, -20+i).Format(disk.BackupLayout)+".db")
		os.WriteFile(p, fakeDatabase(), 0o600)
		old = append(old, p)
	}
	s.afterCopy = func(tmp string) {
		f, _ := os.OpenFile(tmp, os.O_WRONLY, 0)
		f.WriteAt(bytes.Repeat([]byte{0xAB}, 4096), 4096) // page 2 turned to noise
		f.Close()
	}
	_, err := s.BackupInto(context.Background(), dir)
	if e := data.AsError(err); e == nil || e.Key != "backup.unsound" {
		t.Fatalf("err = %v", err)
	}
	left, _ := disk.Backups(dir, disk.BackupPrefix(s.Path()))
	if len(left) != len(old) {
		t.Fatalf("%d backups left, want the %d old ones untouched", len(left), len(old))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Fatalf("left behind: %v", l)
	}
	s.afterCopy = nil
	if _, err := s.BackupInto(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if left, _ := disk.Backups(dir, disk.BackupPrefix(s.Path())); len(left) != disk.KeepDaily {
		t.Fatalf("after a sound backup %d are left", len(left))
	}
}

// Restoring over a truncated database keeps the damaged file byte for byte
// as the safety copy, in the backup folder.
func TestRestoreOverDamaged(t *testing.T) {
	sqliteOnly(t, "restores replace the database file")
	s := newStore(t)
	mustClient(t, s, "Lea Müller")
	backup := filepath.Join(tempDir(t), "good.db")
	if err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	p := s.Path()
	s.Close()
	b, _ := os.ReadFile(p)
	os.WriteFile(p, b[:len(b)/2], 0o600)
	os.Remove(p + "-wal")
	damaged := fileSum(t, p)
	_, safety, err := Restore(p, backup, data.RoleOwner)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(safety) != filepath.Join(filepath.Dir(p), "backups") || !strings.Contains(safety, "before-restore") {
		t.Fatalf("safety copy at %s", safety)
	}
	if fileSum(t, safety) != damaged {
		t.Fatal("the safety copy is not the damaged file byte for byte")
	}
	r, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if list, _ := r.SearchClients(context.Background(), "Lea", 10); len(list) != 1 {
		t.Fatalf("restored clients = %v", list)
	}
}

// A database path that is a symlink keeps pointing at the restored file.
func TestRestoreThroughSymlink(t *testing.T) {
	sqliteOnly(t, "restores replace the database file")
	s := newStore(t)
	mustClient(t, s, "Lea Müller")
	backup := filepath.Join(tempDir(t), "good.db")
	s.Backup(context.Background(), backup)
	mustClient(t, s, "Ida Roth")
	real := s.Path()
	s.Close()
	link := filepath.Join(tempDir(t), "studio.db")
	os.Symlink(real, link)
	if _, _, err := Restore(link, backup, data.RoleOwner); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the symlink was replaced by a file")
	}
	r, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if list, _ := r.SearchClients(context.Background(), "Ida", 10); len(list) != 0 {
		t.Fatal("the restore did not reach the file the link points at")
	}
}

// mountReadOnlyCopy copies a database into dir and mounts dir read-only
// (a bind mount), which only root can do.
func mountReadOnlyCopy(t *testing.T, db, dir string) error {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "studio.db"), b, 0o600); err != nil {
		return err
	}
	if err := exec.Command("mount", "--bind", dir, dir).Run(); err != nil {
		return err
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return exec.Command("mount", "-o", "remount,ro,bind", dir).Run()
}

// A write racing a restore is either in the safety copy (it was done
// before) or in the restored database (it waited): nothing reported as
// written is lost.
func TestWriteRacingRestore(t *testing.T) {
	sqliteOnly(t, "restores replace the database file")
	s := newStore(t)
	mustClient(t, s, "Vorher")
	backup := filepath.Join(tempDir(t), "good.db")
	if err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	p := s.Path()
	s.Close()
	has := func(db, name string) bool {
		c, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
		if err != nil {
			return false
		}
		defer c.Close()
		var n int
		if err := c.QueryRow(`SELECT count(*) FROM clients WHERE name = ?`, name).Scan(&n); err != nil {
			t.Fatalf("reading %s: %v", db, err)
		}
		return n > 0
	}
	count := 0
	for round := 0; round < 5; round++ {
		written := make(chan string, 1000)
		stop := make(chan struct{})
		go func() {
			defer close(written)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				w, err := Open(p)
				if err != nil {
					continue // refused while the restore holds the file: nothing claimed
				}
				name := "Kundin " + fmtInt(round) + "-" + fmtInt(i)
				if _, err := w.CreateClient(context.Background(), data.Client{Name: name}); err == nil {
					written <- name
				}
				w.Close()
			}
		}()
		time.Sleep(30 * time.Millisecond)
		var safety string
		for {
			_, sc, err := Restore(p, backup, data.RoleOwner)
			if err == nil {
				safety = sc
				break
			}
			if data.ErrorCode(err) != data.CodeConflict {
				t.Fatal(err)
			}
		}
		time.Sleep(30 * time.Millisecond)
		close(stop)
		var names []string
		for name := range written {
			names = append(names, name)
		}
		for _, name := range names {
			count++
			if !has(p, name) && !has(safety, name) {
				t.Fatalf("%q was reported as written and is lost", name)
			}
		}
	}
	t.Logf("%d writes raced 5 restores", count)
}

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// An erasure made after a backup is applied again when that backup is
// restored, and the restored file says so.
func TestErasureSurvivesRestore(t *testing.T) {
	sqliteOnly(t, "the erasure register beside the file, read after a restore")
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Jürgen Geheimnisträger")
	backup := filepath.Join(tempDir(t), "before.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	p := s.Path()
	s.Close()
	if _, _, err := Restore(p, backup, data.RoleOwner); err != nil {
		t.Fatal(err)
	}
	r, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.ReappliedErasures(); len(got) != 1 || got[0] != c.ID {
		t.Fatalf("reapplied = %v", got)
	}
	back, _ := r.Client(ctx, c.ID)
	r.Close()
	if back.Name != data.ErasedName(c.ID) || back.ErasedOn.IsZero() {
		t.Fatalf("client after restore = %+v", back)
	}
	raw, _ := os.ReadFile(p)
	if bytes.Contains(raw, []byte("Geheimnisträger")) {
		t.Fatal("the erased name is still in the file")
	}
	again, _ := Open(p)
	defer again.Close()
	if n := len(again.ReappliedErasures()); n != 0 {
		t.Fatalf("applied again on every opening: %d", n)
	}
}

// Reads inside a snapshot see one state of the database, even while a
// write commits in the middle: the state of its first read.
func TestSnapshotReads(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mustClient(t, s, "Lea Müller")
	err := s.snapshot(ctx, func(v *Store) error {
		if n, _ := v.CountClients(ctx); n != 1 {
			t.Errorf("the snapshot's first read sees %d clients, want 1", n)
		}
		mustClient(t, s, "Ida Roth") // committed by the writer meanwhile
		if n, _ := v.CountClients(ctx); n != 1 {
			t.Errorf("the snapshot sees %d clients, want 1", n)
		}
		if rows, _ := v.SearchClients(ctx, "Ida", 5); len(rows) != 0 {
			t.Error("the snapshot sees a client written after it began")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountClients(ctx); n != 2 {
		t.Fatalf("after the snapshot %d clients", n)
	}
	c, _ := s.SearchClients(ctx, "Lea", 1)
	if _, err := s.ClientExport(ctx, c[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WorthOf(ctx, c[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MonthlyReview(ctx, day("2026-10-01")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Flags(ctx); err != nil {
		t.Fatal(err)
	}
}

// The charge of an erased client's billed demand loses its text like the
// demand does.
func TestErasureAnonymisesBilledDemandCharge(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Jürgen Müller")
	d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: day("2026-11-20"), Asked: "Privatstunde für Jürgen Müller"})
	if err != nil {
		t.Fatal(err)
	}
	if d, err = s.BillDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Bill{What: "Privatstunde", Amount: 2500, Due: day("2026-11-23")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 2500, Method: data.MethodCash, ReceivedOn: day("2026-11-23")}); err != nil {
		t.Fatal(err)
	}
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	var text string
	s.read.QueryRow(`SELECT description FROM charges WHERE id = ?`, d.ChargeID).Scan(&text)
	if strings.Contains(text, "Müller") || strings.Contains(text, "Privatstunde") {
		t.Fatalf("the charge still says %q", text)
	}
}

// A claimed file has its name at once; Discard takes it back, Publish
// keeps it; a name taken meanwhile makes the claim fail and leaves the
// other file as it was.
func TestClaim(t *testing.T) {
	s := newStore(t)
	dir := tempDir(t)
	path := dir + "/letter.pdf"
	sf, err := s.CreateFile(path, disk.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sf.Write([]byte("mine"))
	if err := sf.Claim(); err != nil || !Exists(path) {
		t.Fatalf("claim: %v", err)
	}
	sf.Discard()
	if Exists(path) {
		t.Fatal("a discarded claim left its file")
	}
	sf, _ = s.CreateFile(path, disk.WriteOptions{})
	sf.Write([]byte("mine"))
	sf.Claim()
	if err := sf.Publish(); err != nil {
		t.Fatal(err)
	}
	sf.Discard()
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Fatalf("a published claim became %q", b)
	}
	os.Remove(path)
	sf, _ = s.CreateFile(path, disk.WriteOptions{})
	sf.Write([]byte("mine"))
	os.WriteFile(path, []byte("theirs"), 0o600)
	if err := sf.Claim(); err == nil {
		t.Fatal("a claim took a name another program had just taken")
	}
	sf.Discard()
	if b, _ := os.ReadFile(path); string(b) != "theirs" {
		t.Fatalf("the other program's file became %q", b)
	}
	if left, _ := filepath.Glob(dir + "/.letter.pdf.tmp-*"); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// What a killed backup, export, restore or demo leaves is removed by the
// next program that opens the database or writes beside it; a temporary
// file still being written, a folder still filling and any file of
// another name stay.
func TestLeftoversOfKilledRuns(t *testing.T) {
	dir := tempDir(t)
	db := filepath.Join(dir, "studio.db")
	s, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	os.MkdirAll(backups, 0o700)
	left := []string{
		filepath.Join(dir, ".studio.db.tmp-0123456789ab"), // a demo's database
		filepath.Join(dir, ".studio.db.tmp-0123456789ab-wal"),
		filepath.Join(dir, ".studio.db.tmp-0123456789ab-journal"),
		filepath.Join(backups, ".studio-2026-11-23-103000.db.tmp-abcdefabcdef"), // a backup's copy
	}
	for _, p := range left {
		os.WriteFile(p, []byte("half"), 0o600)
	}
	export := filepath.Join(dir, ".export.tmp-aaaaaaaaaaaa") // an export's folder, its marker let go
	os.MkdirAll(export, 0o700)
	os.WriteFile(filepath.Join(export, disk.StagingMarker), nil, 0o600)
	os.WriteFile(filepath.Join(export, "clients.csv"), []byte("id"), 0o600)
	others := []string{filepath.Join(dir, "notes.tmp-0123456789ab"), filepath.Join(dir, ".studio.db.tmp-xyz"),
		filepath.Join(backups, "mine.db")}
	for _, p := range others {
		os.WriteFile(p, []byte("keep"), 0o600)
	}
	busy, err := s.CreateFile(filepath.Join(dir, "letter.pdf"), disk.WriteOptions{}) // being written right now
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Discard()
	filling, err := s.CreateFolder(filepath.Join(dir, "export2"))
	if err != nil {
		t.Fatal(err)
	}
	defer filling.Discard()
	s.Close()

	s, err = Open(db) // the next run
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range append(left, export) {
		if disk.Present(p) {
			t.Errorf("left behind: %s", filepath.Base(p))
		}
	}
	for _, p := range append(others, busy.TempPath(), filling.TempPath()) {
		if !disk.Present(p) {
			t.Errorf("removed though not a leftover: %s", filepath.Base(p))
		}
	}
	if err := filling.WriteFile("a.csv", []byte("x")); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "export2")
	if err := filling.Publish(); err != nil {
		t.Fatal(err)
	}
	if disk.Present(filepath.Join(target, disk.StagingMarker)) {
		t.Fatal("the published folder holds the staging marker")
	}
}
