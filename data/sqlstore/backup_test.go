package sqlstore

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"studiopartner/data"
	"studiopartner/data/disk"
	"testing"
	"time"
)

func TestBackupAndRestore(t *testing.T) {
	sqliteOnly(t, "backups copy the database file")
	ctx := context.Background()
	dir := tempDir(t)
	dbPath := filepath.Join(dir, "studio.db")
	s, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	mustClient(t, s, "Anna Weiß")
	backups := filepath.Join(dir, "backups")
	file, err := s.BackupInto(ctx, backups)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(file) != "studio-2026-11-23-103000.db" {
		t.Fatalf("backup named %s", file)
	}
	wantPrivate(t, file)
	if _, err := s.BackupInto(ctx, backups); data.ErrorCode(err) != data.CodeConflict {
		t.Fatalf("a second backup in the same second overwrote the first: %v", err)
	}
	mustClient(t, s, "Ben Koch") // after the backup
	s.Close()

	t.Run("ErrForeignFile", func(t *testing.T) {
		p := filepath.Join(dir, "notes.db")
		os.WriteFile(p, []byte("not a database at all, just words"), 0o600)
		_, _, err := Restore(dbPath, p, data.RoleOwner)
		if e := data.AsError(err); e == nil || e.Key != "restore.not_backup" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrDamaged", func(t *testing.T) {
		good, _ := os.ReadFile(file)
		bad := append([]byte{}, good...)
		for i := 4096; i < len(bad) && i < 4096*3; i++ {
			bad[i] ^= 0x5a // scribble over the second and third pages
		}
		p := filepath.Join(dir, "damaged.db")
		os.WriteFile(p, bad, 0o600)
		_, _, err := Restore(dbPath, p, data.RoleOwner)
		if e := data.AsError(err); e == nil || (e.Key != "restore.damaged" && e.Key != "restore.not_backup") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrSameFile", func(t *testing.T) {
		_, _, err := Restore(dbPath, dbPath, data.RoleOwner)
		if e := data.AsError(err); e == nil || e.Key != "restore.same_file" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrOpenNow", func(t *testing.T) {
		open, err := Open(dbPath) // as a window would hold it
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Restore(dbPath, file, data.RoleOwner)
		open.Close()
		if e := data.AsError(err); e == nil || e.Key != "restore.in_use" {
			t.Fatalf("restoring the open database: err = %v", err)
		}
	})
	before, _ := os.ReadFile(dbPath)
	if !bytes.Equal(before, mustRead(t, dbPath)) {
		t.Fatal("a refused restore changed the database")
	}
	t.Run("OK", func(t *testing.T) {
		info, safety, err := Restore(dbPath, file, data.RoleOwner)
		if err != nil {
			t.Fatal(err)
		}
		if info.Clients != 1 || info.Version != SchemaVersion() || info.LastAt == "" {
			t.Fatalf("info = %+v", info)
		}
		s, err := Open(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if n, _ := s.CountClients(ctx); n != 1 {
			t.Fatalf("%d clients after restoring the backup, want 1", n)
		}
		old, err := Open(safety)
		if err != nil {
			t.Fatal(err)
		}
		defer old.Close()
		if n, _ := old.CountClients(ctx); n != 2 {
			t.Fatalf("the safety copy has %d clients, want 2", n)
		}
	})
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPrune keeps the newest backup of each of the last 14 days and 12
// months.
func TestPrune(t *testing.T) {
	sqliteOnly(t, "backups copy the database file")
	dir := tempDir(t)
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local)
	for d := 0; d < 700; d++ {
		for _, h := range []int{9, 18} {
			at := start.AddDate(0, 0, d).Add(time.Duration(h-9) * time.Hour)
			os.WriteFile(filepath.Join(dir, disk.DefaultBackupPrefix+at.Format(disk.BackupLayout)+".db"), fakeDatabase(), 0o600)
		}
	}
	if err := disk.Prune(dir, disk.DefaultBackupPrefix, time.Time{}); err != nil {
		t.Fatal(err)
	}
	left, _ := disk.Backups(dir, disk.DefaultBackupPrefix)
	// the last 14 days (18 Nov – 1 Dec 2026), and 12 months, of which
	// December and November are already kept by their days
	if len(left) != 14+10 {
		t.Fatalf("%d backups left", len(left))
	}
	if left[0].At.Hour() != 18 {
		t.Fatal("the newest backup of a day was not the one kept")
	}
}

// fakeDatabase is one page that looks like a SQLite database to the cheap
// check that thinning does.
func fakeDatabase() []byte {
	b := make([]byte, 4096)
	copy(b, disk.SqliteHeader)
	b[16], b[17] = 0x10, 0x00
	return b
}

// A backup or export onto a full disk or a read-only folder fails with a
// clear message and leaves no partial file behind. It needs a small tmpfs,
// which only root can mount.
func TestBackupFullAndReadOnly(t *testing.T) {
	sqliteOnly(t, "backups copy the database file")
	full, ro := tempDir(t), tempDir(t)
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", full).Run(); err != nil {
		t.Skip("cannot mount a small tmpfs here:", err)
	}
	defer exec.Command("umount", full).Run()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro).Run(); err != nil {
		t.Skip("cannot mount a read-only tmpfs here:", err)
	}
	defer exec.Command("umount", ro).Run()
	s := newStore(t)
	var b strings.Builder
	b.WriteString(clientHeader)
	for i := 1; i <= 4000; i++ {
		b.WriteString(clientLine(i, fmt.Sprintf("Kundin Nummer %d mit langem Namen", i), ""))
	}
	if _, err := ImportCSV(context.Background(), s, "clients", strings.NewReader(b.String()), 0, nil); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{full, ro} {
		_, err := s.BackupInto(context.Background(), filepath.Join(dir, "backups"))
		if e := data.AsError(err); e == nil || e.Key != "backup.failed" {
			t.Errorf("backup into %s: err = %v", dir, err)
		}
		_, err = ExportCSV(context.Background(), s, filepath.Join(dir, "export"), nil)
		if e := data.AsError(err); e == nil || (e.Key != "export.write" && e.Key != "export.dir" && e.Key != disk.KeyFileFailed) {
			t.Errorf("export into %s: err = %v", dir, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(full, "*", "*"))
	if _, err := os.Stat(filepath.Join(full, "export")); err == nil {
		left = append(left, "export/")
	}
	if len(left) != 0 {
		t.Errorf("partial files left on the full disk: %v", left)
	}
}

// Two databases backed up into one folder keep their own backups: the
// thinning of one never removes the other's.
func TestSharedBackupFolder(t *testing.T) {
	sqliteOnly(t, "backups copy the database file")
	dir := tempDir(t)
	backups := filepath.Join(dir, "backups")
	var stores []*Store
	for _, name := range []string{"studio.db", "salon.db"} {
		s, err := Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.Now = func() time.Time { return fixedNow }
		stores = append(stores, s)
	}
	for i, s := range stores {
		s.Now = func() time.Time { return fixedNow.Add(time.Duration(i) * time.Minute) }
		if _, err := s.BackupInto(context.Background(), backups); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stores {
		if list, _ := disk.Backups(backups, disk.BackupPrefix(s.Path())); len(list) != 1 {
			t.Errorf("%s has %d backups in the shared folder", s.Path(), len(list))
		}
	}
}

// The day's backup is made once a day by the first counter: a second
// counter starting while the first one makes it leaves it to that one,
// and one starting later the same day finds it made.
func TestDailyBackupOnce(t *testing.T) {
	s := newStore(t)
	dir := tempDir(t)
	mustClient(t, s, "Ida Roth")
	ctx := context.Background()
	if s.OnServer() {
		other := openAgain(t, s)
		conn, err := other.pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(dailyLock)); err != nil {
			t.Fatal(err)
		}
		path, made, err := s.DailyBackup(ctx, dir)
		if err != nil || made || path != "" {
			t.Fatalf("while another counter makes it: %q %v %v", path, made, err)
		}
		conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, int64(dailyLock))
		conn.Close()
	}
	path, made, err := s.DailyBackup(ctx, dir)
	if err != nil || !made {
		t.Fatalf("the day's first: %q %v %v", path, made, err)
	}
	if s.OnServer() && s.dumps(ctx) { // a server's, by pg_dump: checked in a scratch database as it was made
		if !strings.HasSuffix(path, disk.DumpExt) || !disk.IsDump(path) {
			t.Errorf("the server's backup %s is no pg_dump archive", path)
		}
	} else if info, err := InspectBackup(path); err != nil || info.Clients != 1 {
		t.Errorf("the backup: %+v %v", info, err)
	}
	again := openAgain(t, s)
	if path, made, err := again.DailyBackup(ctx, dir); err != nil || made {
		t.Errorf("the same day again: %q %v %v", path, made, err)
	}
	s.Now = func() time.Time { return fixedNow.AddDate(0, 0, 1) }
	if _, made, err := s.DailyBackup(ctx, dir); err != nil || !made {
		t.Errorf("the next day: %v %v", made, err)
	}
}
