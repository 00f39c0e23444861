package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
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

// SettingBackupDir is the backup folder chosen in Settings; empty means
// beside the database.
const SettingBackupDir = "backup:dir"

// DefaultBackupDir is the folder backups go to unless one is set: beside
// the database.
func (s *Store) DefaultBackupDir() string {
	return filepath.Join(filepath.Dir(s.path), "backups")
}

// UpdatePrefix is how the copies of the database at dbPath are named that
// a newer program keeps before it first changes the database's schema:
// studiopartner-before-update-2026-12-04-101500.db.
func UpdatePrefix(dbPath string) string { return BackupPrefix(dbPath) + "before-update-" }

// SafetyPrefix is how restore names the safety copies of the database at
// dbPath in the backup folder.
func SafetyPrefix(dbPath string) string { return BackupPrefix(dbPath) + safetyInfix }

// configuredBackupDir is the folder chosen in Settings, or "".
func (s *Store) configuredBackupDir() string {
	var dir string
	_ = s.read.QueryRow(`SELECT value FROM settings WHERE key = ?`, SettingBackupDir).Scan(&dir)
	return dir
}

// BackupDir is the folder backups go to: the one chosen in Settings, else
// the default one.
func (s *Store) BackupDir() string {
	if dir := s.configuredBackupDir(); dir != "" {
		return dir
	}
	return s.DefaultBackupDir()
}

// Backup writes a consistent, checked copy of the database to path (mode
// 0600), which must not exist yet and may not be one of the store's own
// files or folders.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.fileOnly(); err != nil {
		return err
	}
	sf, err := s.CreateFile(path, WriteOptions{})
	if err != nil {
		return err
	}
	return s.backupTo(ctx, sf)
}

// backupTo copies the database into a staged file, checks the copy and
// publishes it only when it is sound.
func (s *Store) backupTo(ctx context.Context, sf *StagedFile) error {
	fail := func(key string, err error) error {
		sf.Discard()
		os.Remove(sf.TempPath() + "-journal")
		return &Error{Code: CodeInvalid, Key: key, Args: map[string]any{"Path": sf.Path()}, Err: err}
	}
	if _, err := s.read.ExecContext(ctx, `VACUUM INTO ?`, sf.TempPath()); err != nil {
		return fail("backup.failed", err)
	}
	if s.afterCopy != nil {
		s.afterCopy(sf.TempPath())
	}
	if err := checkCopy(sf.TempPath()); err != nil {
		return fail("backup.unsound", err)
	}
	return sf.Publish()
}

// checkCopy runs SQLite's integrity check on a copy.
func checkCopy(path string) error {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var first string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&first); err != nil {
		return err
	}
	if first != "ok" {
		return errors.New(first)
	}
	return nil
}

// BackupInto writes a checked backup named by the clock into dir, creating
// the folder, then thins the folder out (see prune). A copy that fails its
// check is not kept and nothing is thinned. It returns the new file.
func (s *Store) BackupInto(ctx context.Context, dir string) (string, error) {
	if err := s.fileOnly(); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": dir}, Err: err}
	}
	path := filepath.Join(dir, BackupPrefix(s.path)+s.Now().Format(backupLayout)+".db")
	sf, err := createFile(path, WriteOptions{}, guard{})
	if err != nil {
		return "", err
	}
	if err := s.backupTo(ctx, sf); err != nil {
		return "", err
	}
	return path, prune(dir, BackupPrefix(s.path), time.Time{})
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

// prune keeps the newest sound backup of each of the last KeepDaily days
// and of each of the last KeepMonthly months that have backups, and
// removes the rest; it keeps every file of the day of keepDay too (the
// safety copies of several restores on one day). A file that does not even
// look like a database does not count as a day's backup, and is left for
// the owner to look at.
func prune(dir, prefix string, keepDay time.Time) error {
	sweepStaging(dir) // a killed backup's copy is neither kept nor counted
	all, err := Backups(dir, prefix)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	days, months := map[string]bool{}, map[string]bool{}
	for _, b := range all { // newest first: the first of a day or month is its newest
		if !looksSound(b.Path) || (!keepDay.IsZero() && sameDay(b.At, keepDay)) {
			keep[b.Path] = true
			continue
		}
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

func sameDay(a, b time.Time) bool {
	return a.Format("2006-01-02") == b.Format("2006-01-02")
}

// looksSound is the cheap test of a kept backup: a SQLite header and a
// whole number of pages.
func looksSound(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head[:len(sqliteHeader)], sqliteHeader) {
		return false
	}
	page := int64(head[16])<<8 | int64(head[17])
	if page == 1 {
		page = 65536
	}
	st, err := f.Stat()
	return err == nil && page >= 512 && st.Size() > 0 && st.Size()%page == 0
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

// safetyInfix names the safety copies restore keeps in the backup folder:
// studiopartner-before-restore-2026-11-23-101500.db.
const safetyInfix = "before-restore-"

// Restore replaces the database at dbPath with the backup at from: it checks the backup, keeps a safety copy of
// the current database (a sound one copied, a damaged one byte for byte)
// in the backup folder, then swaps. It holds the database exclusively for
// the whole check and swap, so no store opens it meanwhile; it refuses
// while any store has it open. A database path that is a symlink keeps
// pointing at the restored file. It returns what was restored and the
// safety copy's path.
//
// Only the owner restores: by is the role of whoever asks (the command
// line acts as the owner).
func Restore(dbPath, from string, by Role) (BackupInfo, string, error) {
	if by != RoleOwner {
		return BackupInfo{}, "", Errorf(CodeForbidden, "forbidden", map[string]any{"Op": string(OpRestore)})
	}
	real := resolvePath(dbPath)
	if same(real, from) {
		return BackupInfo{}, "", Errorf(CodeInvalid, "restore.same_file", map[string]any{"Path": from})
	}
	lock, ok := lockExclusive(real)
	if !ok {
		return BackupInfo{}, "", Errorf(CodeConflict, "restore.in_use", map[string]any{"Path": dbPath})
	}
	defer lock.Close()
	info, err := InspectBackup(from)
	if err != nil {
		return info, "", err
	}
	safety := ""
	if Exists(real) {
		if safety, err = keepCopy(real, backupDirOf(real), SafetyPrefix(real)); err != nil {
			return info, "", err
		}
	}
	tmp, err := createFile(real, WriteOptions{Force: true}, guard{})
	if err != nil {
		return info, safety, err
	}
	src, err := sql.Open("sqlite", "file:"+filepath.ToSlash(from)+"?mode=ro")
	if err != nil {
		tmp.Discard()
		return info, safety, internal(err)
	}
	_, err = src.Exec(`VACUUM INTO ?`, tmp.TempPath())
	src.Close()
	if err == nil {
		err = checkCopy(tmp.TempPath())
	}
	if err != nil {
		tmp.Discard()
		return info, safety, &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": dbPath}, Err: err}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Discard()
		return info, safety, err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(real + suffix)
	}
	lock.beforeSwap()
	if err := tmp.Publish(); err != nil {
		if lostSwap(err) {
			return info, safety, Errorf(CodeConflict, "restore.in_use", map[string]any{"Path": dbPath})
		}
		return info, safety, err
	}
	return info, safety, nil
}

// backupDirOf reads the backup folder of the database at dbPath without
// opening a store; a database that cannot be read uses the default one.
func backupDirOf(dbPath string) string {
	dir := ""
	if db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(dbPath)+"?mode=ro"); err == nil {
		_ = db.QueryRow(`SELECT value FROM settings WHERE key = ?`, SettingBackupDir).Scan(&dir)
		db.Close()
	}
	if dir == "" {
		dir = filepath.Join(filepath.Dir(dbPath), "backups")
	}
	return dir
}

// keepCopy copies the database into the backup folder, named by prefix
// and the time, before a restore replaces it or an update changes its
// schema, and thins those copies out like the backups.
func keepCopy(dbPath, backupDir, prefix string) (string, error) {
	if err := os.MkdirAll(backupDir, 0o700); err != nil {
		return "", &Error{Code: CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": backupDir}, Err: err}
	}
	at := time.Now().Truncate(time.Second)
	if older, _ := Backups(backupDir, prefix); len(older) > 0 && !at.After(older[0].At) {
		at = older[0].At.Add(time.Second) // two restores within a second: the new copy is still the newest
	}
	path := filepath.Join(backupDir, prefix+at.Format(backupLayout)+".db")
	sf, err := createFile(path, WriteOptions{}, guard{})
	if err != nil {
		return "", err
	}
	if err := copySafety(dbPath, sf); err != nil {
		return "", err
	}
	return path, prune(backupDir, prefix, at)
}

// copySafety writes a sound database as a consistent copy; a damaged or
// unreadable one (and its write-ahead log) is copied byte for byte.
func copySafety(dbPath string, sf *StagedFile) error {
	if checkCopy(dbPath) == nil {
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(dbPath))
		if err == nil {
			_, err = db.Exec(`VACUUM INTO ?`, sf.TempPath())
			db.Close()
		}
		if err == nil {
			return sf.Publish()
		}
		os.Truncate(sf.TempPath(), 0)
	}
	f, err := os.Open(dbPath)
	if err != nil {
		// unreadable: the file itself is moved aside, as it is
		sf.Discard()
		if rerr := os.Rename(dbPath, sf.Path()); rerr != nil {
			return &Error{Code: CodeInvalid, Key: "restore.unreadable", Args: map[string]any{"Path": dbPath}, Err: err}
		}
		return nil
	}
	f.Close()
	if err := copyBytes(dbPath, sf); err != nil {
		return err
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		wal, err := createFile(sf.Path()+"-wal", WriteOptions{}, guard{})
		if err != nil {
			sf.Discard()
			return err
		}
		if err := copyBytes(dbPath+"-wal", wal); err != nil {
			sf.Discard()
			return err
		}
		if err := wal.Publish(); err != nil {
			sf.Discard()
			return err
		}
	}
	return sf.Publish()
}

// copyBytes copies a file into a staged file, byte for byte.
func copyBytes(from string, sf *StagedFile) error {
	f, err := os.Open(from)
	if err != nil {
		sf.Discard()
		return &Error{Code: CodeInvalid, Key: "restore.unreadable", Args: map[string]any{"Path": from}, Err: err}
	}
	defer f.Close()
	if _, err := io.Copy(sf, f); err != nil {
		sf.Discard()
		return fileFailed(sf.Path(), err)
	}
	return nil
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
