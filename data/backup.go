package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Backup file names: the database's name and the time, as in
// studiopartner-2026-11-23-101500.db for studiopartner.db, so databases
// that share a backup folder never thin out each other's backups.
const (
	backupPrefix = "studiopartner-" // the default database's
	backupLayout = "2006-01-02-150405"
	// KeepDaily and KeepMonthly are how many backups the folder keeps: the
	// newest of each of the last days, and of each of the last months.
	KeepDaily   = 14
	KeepMonthly = 12
)

// DefaultBackupDir is the folder backups go to unless one is set: beside
// the database.
func (s *Store) DefaultBackupDir() string {
	return filepath.Join(filepath.Dir(s.path), "backups")
}

// Backup writes a consistent copy of the database to path (mode 0600),
// which must not exist yet.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return Errorf(CodeConflict, "backup.exists", map[string]any{"Path": path})
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return Errorf(CodeInvalid, "backup.folder_missing", map[string]any{"Folder": filepath.Dir(path)})
	}
	// an empty file made first keeps the copy private from its first byte
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": path}, Err: err}
	}
	f.Close()
	if _, err := s.read.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		os.Remove(path + "-journal")
		return &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": path}, Err: err}
	}
	return internal(os.Chmod(path, 0o600))
}

// BackupInto writes a backup named by the clock into dir, creating the
// folder, then thins the folder out to the newest of each of the last
// KeepDaily days and KeepMonthly months. It returns the new file.
func (s *Store) BackupInto(ctx context.Context, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": dir}, Err: err}
	}
	path := filepath.Join(dir, BackupPrefix(s.path)+s.Now().Format(backupLayout)+".db")
	if err := s.Backup(ctx, path); err != nil {
		return "", err
	}
	return path, prune(dir, BackupPrefix(s.path))
}

// BackupPrefix is how the backups of the database at dbPath are named.
func BackupPrefix(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// BackupFile is one backup in the folder.
type BackupFile struct {
	Path string
	At   time.Time
}

// Backups lists the backups in dir, newest first.
func Backups(dir, prefix string) ([]BackupFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	var out []BackupFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		at, err := time.ParseInLocation(backupLayout, strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db"), time.Local)
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, name), At: at})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// prune keeps the newest backup of each of the last KeepDaily days and of
// each of the last KeepMonthly months, and removes the rest.
func prune(dir, prefix string) error {
	all, err := Backups(dir, prefix)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	days, months := map[string]bool{}, map[string]bool{}
	for _, b := range all { // newest first: the first of a day or month is its newest
		d, m := b.At.Format("2006-01-02"), b.At.Format("2006-01")
		if !days[d] && len(days) < KeepDaily {
			days[d] = true
			keep[b.Path] = true
		}
		if !months[m] && len(months) < KeepMonthly {
			months[m] = true
			keep[b.Path] = true
		}
	}
	for _, b := range all {
		if !keep[b.Path] {
			if err := os.Remove(b.Path); err != nil {
				return err
			}
		}
	}
	return nil
}

// BackupInfo describes a database file: whether it can be restored, and
// what it holds.
type BackupInfo struct {
	Version  int
	Clients  int
	Payments int
	Goodwill int
	LastAt   string // the newest change in its audit log
}

// InspectBackup checks that path is a sound Studio Partner database of a
// schema this program knows, without changing it.
func InspectBackup(path string) (BackupInfo, error) {
	var info BackupInfo
	args := map[string]any{"Path": path}
	f, err := os.Open(path)
	if err != nil {
		return info, Errorf(CodeInvalid, "restore.unreadable", args)
	}
	head := make([]byte, len(sqliteHeader))
	n, _ := f.Read(head)
	f.Close()
	if n != len(sqliteHeader) || string(head) != string(sqliteHeader) {
		return info, Errorf(CodeInvalid, "restore.not_backup", args)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return info, Errorf(CodeInvalid, "restore.not_backup", args)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return info, Errorf(CodeInvalid, "restore.damaged", args)
	}
	if err := db.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&info.Version); err != nil || info.Version == 0 {
		return info, Errorf(CodeInvalid, "restore.not_backup", args)
	}
	if info.Version > SchemaVersion() {
		return info, Errorf(CodeInvalid, "db.too_new", map[string]any{"Path": path, "Version": info.Version, "Known": SchemaVersion()})
	}
	counts := []struct {
		table string
		into  *int
	}{{"clients", &info.Clients}, {"payments", &info.Payments}, {"goodwill", &info.Goodwill}}
	for _, c := range counts {
		// a table an older schema did not have yet simply counts nothing
		_ = db.QueryRow(`SELECT count(*) FROM ` + c.table).Scan(c.into)
	}
	_ = db.QueryRow(`SELECT coalesce(max(at), '') FROM audit_log`).Scan(&info.LastAt)
	return info, nil
}

// Restore replaces the database at dbPath with the backup at from: it
// checks the backup first, keeps a safety copy of the current database
// beside it, then swaps. The database must not be open. It returns what
// was restored and the safety copy's path.
func Restore(dbPath, from string) (BackupInfo, string, error) {
	if same(dbPath, from) {
		return BackupInfo{}, "", Errorf(CodeInvalid, "restore.same_file", map[string]any{"Path": from})
	}
	if inUse(dbPath) {
		return BackupInfo{}, "", Errorf(CodeConflict, "restore.in_use", map[string]any{"Path": dbPath})
	}
	info, err := InspectBackup(from)
	if err != nil {
		return info, "", err
	}
	safety := ""
	if Exists(dbPath) {
		cur, err := Open(dbPath)
		if err != nil {
			return info, "", err
		}
		safety = dbPath + ".before-restore-" + time.Now().Format(backupLayout)
		err = cur.Backup(context.Background(), safety)
		cur.Close()
		if err != nil {
			return info, "", err
		}
	}
	tmp := dbPath + ".restoring"
	os.Remove(tmp)
	src, err := sql.Open("sqlite", "file:"+filepath.ToSlash(from)+"?mode=ro")
	if err != nil {
		return info, safety, internal(err)
	}
	_, err = src.Exec(`VACUUM INTO ?`, tmp)
	src.Close()
	if err != nil {
		os.Remove(tmp)
		return info, safety, &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": tmp}, Err: err}
	}
	os.Chmod(tmp, 0o600)
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dbPath + suffix)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return info, safety, internal(err)
	}
	return info, safety, nil
}

func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// String names a backup in messages.
func (b BackupFile) String() string {
	return fmt.Sprintf("%s (%s)", filepath.Base(b.Path), b.At.Format(time.RFC3339))
}
