package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
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
	if filepath.Base(file) != "studiopartner-2026-11-23-103000.db" {
		t.Fatalf("backup named %s", file)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Fatalf("backup mode %v", st.Mode())
	}
	if _, err := s.BackupInto(ctx, backups); ErrorCode(err) != CodeConflict {
		t.Fatalf("a second backup in the same second overwrote the first: %v", err)
	}
	mustClient(t, s, "Ben Koch") // after the backup
	s.Close()

	t.Run("ErrForeignFile", func(t *testing.T) {
		p := filepath.Join(dir, "notes.db")
		os.WriteFile(p, []byte("not a database at all, just words"), 0o600)
		_, _, err := Restore(dbPath, p)
		if e := AsError(err); e == nil || e.Key != "restore.not_backup" {
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
		_, _, err := Restore(dbPath, p)
		if e := AsError(err); e == nil || (e.Key != "restore.damaged" && e.Key != "restore.not_backup") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrSameFile", func(t *testing.T) {
		_, _, err := Restore(dbPath, dbPath)
		if e := AsError(err); e == nil || e.Key != "restore.same_file" {
			t.Fatalf("err = %v", err)
		}
	})
	before, _ := os.ReadFile(dbPath)
	if !bytes.Equal(before, mustRead(t, dbPath)) {
		t.Fatal("a refused restore changed the database")
	}
	t.Run("OK", func(t *testing.T) {
		info, safety, err := Restore(dbPath, file)
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
	dir := t.TempDir()
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local)
	for d := 0; d < 700; d++ {
		for _, h := range []int{9, 18} {
			at := start.AddDate(0, 0, d).Add(time.Duration(h-9) * time.Hour)
			os.WriteFile(filepath.Join(dir, backupPrefix+at.Format(backupLayout)+".db"), nil, 0o600)
		}
	}
	if err := prune(dir); err != nil {
		t.Fatal(err)
	}
	left, _ := Backups(dir)
	// the last 14 days (18 Nov – 1 Dec 2026), and 12 months, of which
	// December and November are already kept by their days
	if len(left) != 14+10 {
		t.Fatalf("%d backups left", len(left))
	}
	if left[0].At.Hour() != 18 {
		t.Fatal("the newest backup of a day was not the one kept")
	}
}
