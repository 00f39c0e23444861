package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"studiopartner/data"
	"studiopartner/data/disk"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultBackupDir is the folder backups go to unless one is set: beside
// the database; for a studio server, the backups folder in this
// computer's folder of the program.
func (s *Store) DefaultBackupDir() string {
	if s.OnServer() {
		dir, err := os.UserConfigDir()
		if err != nil {
			dir = os.TempDir()
		}
		return filepath.Join(dir, "StudioPartner", "backups")
	}
	return filepath.Join(filepath.Dir(s.path), "backups")
}

// BackupPrefix begins the names of the database's backups: the file's
// name, or the server database's name.
func (s *Store) BackupPrefix() string {
	if s.OnServer() {
		name := "server"
		if cfg, err := pgx.ParseConfig(strings.TrimSpace(s.conn)); err == nil && cfg.Database != "" {
			name = cfg.Database
		}
		return "studiopartner-" + data.FileWord(name) + "-"
	}
	return disk.BackupPrefix(s.path)
}

// configuredBackupDir is the folder chosen in Settings, or "".
func (s *Store) configuredBackupDir() string {
	var dir string
	_ = s.read.QueryRow(`SELECT value FROM settings WHERE key = ?`, disk.SettingBackupDir).Scan(&dir)
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
//
// A studio server's backup to a path ending in .dump is written by
// pg_dump (see dump.go); to any other, it is the studio moved into a new
// SQLite file: one snapshot of every table, compared table by table with
// what was read (MoveTo); it opens like any studio file.
func (s *Store) Backup(ctx context.Context, path string) error {
	return s.backupAt(ctx, path, s.protected())
}

// backupAt is Backup to a path the guard allows.
func (s *Store) backupAt(ctx context.Context, path string, g disk.Guard) error {
	dump := s.OnServer() && strings.HasSuffix(path, disk.DumpExt)
	if s.OnServer() && !dump {
		_, err := s.MoveTo(ctx, path, nil)
		return err
	}
	if dump && !s.dumps(ctx) {
		return data.Errorf(data.CodeInvalid, "backup.no_dump", map[string]any{"Path": path})
	}
	sf, err := disk.CreateFile(path, disk.WriteOptions{}, g)
	if err != nil {
		return err
	}
	if dump {
		return s.dumpTo(ctx, sf)
	}
	return s.backupTo(ctx, sf)
}

// backupTo copies the database into a staged file, checks the copy and
// publishes it only when it is sound.
func (s *Store) backupTo(ctx context.Context, sf *disk.StagedFile) error {
	fail := func(key string, err error) error {
		sf.Discard()
		os.Remove(sf.TempPath() + "-journal")
		return &data.Error{Code: data.CodeInvalid, Key: key, Args: map[string]any{"Path": sf.Path()}, Err: err}
	}
	if _, err := s.read.ExecContext(ctx, `VACUUM INTO ?`, sf.TempPath()); err != nil {
		return fail("backup.failed", err)
	}
	if s.afterCopy != nil {
		s.afterCopy(sf.TempPath())
	}
	if err := CheckCopy(sf.TempPath()); err != nil {
		return fail("backup.unsound", err)
	}
	return sf.Publish()
}

// BackupInto writes a checked backup named by the clock into dir, creating
// the folder, then thins the folder out (see prune). A copy that fails its
// check is not kept and nothing is thinned. It returns the new file.
func (s *Store) BackupInto(ctx context.Context, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &data.Error{Code: data.CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": dir}, Err: err}
	}
	path := filepath.Join(dir, s.BackupPrefix()+s.Now().Format(disk.BackupLayout)+".db")
	if s.OnServer() && s.dumps(ctx) {
		path = strings.TrimSuffix(path, ".db") + disk.DumpExt
	}
	if err := s.backupAt(ctx, path, disk.Guard{}); err != nil { // the folder of backups is the store's own
		return "", err
	}
	return path, disk.Prune(dir, s.BackupPrefix(), time.Time{})
}

// InspectBackup checks that path is a sound Studio Partner database of a
// schema this program knows, without changing it.
func InspectBackup(path string) (disk.BackupInfo, error) {
	var info disk.BackupInfo
	args := map[string]any{"Path": path}
	f, err := os.Open(path)
	if err != nil {
		return info, data.Errorf(data.CodeInvalid, "restore.unreadable", args)
	}
	head := make([]byte, len(disk.SqliteHeader))
	n, _ := f.Read(head)
	f.Close()
	if n != len(disk.SqliteHeader) || string(head) != string(disk.SqliteHeader) {
		return info, data.Errorf(data.CodeInvalid, "restore.not_backup", args)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return info, data.Errorf(data.CodeInvalid, "restore.not_backup", args)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return info, data.Errorf(data.CodeInvalid, "restore.damaged", args)
	}
	if err := db.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&info.Version); err != nil || info.Version == 0 {
		return info, data.Errorf(data.CodeInvalid, "restore.not_backup", args)
	}
	if info.Version > SchemaVersion() {
		return info, data.Errorf(data.CodeInvalid, "db.too_new", map[string]any{"Path": path, "Version": info.Version, "Known": SchemaVersion()})
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
func Restore(dbPath, from string, by data.Role) (disk.BackupInfo, string, error) {
	if by != data.RoleOwner {
		return disk.BackupInfo{}, "", data.Errorf(data.CodeForbidden, "forbidden", map[string]any{"Op": string(data.OpRestore)})
	}
	real := disk.ResolvePath(dbPath)
	if disk.Same(real, from) {
		return disk.BackupInfo{}, "", data.Errorf(data.CodeInvalid, "restore.same_file", map[string]any{"Path": from})
	}
	lock, ok := disk.LockExclusive(real)
	if !ok {
		return disk.BackupInfo{}, "", data.Errorf(data.CodeConflict, "restore.in_use", map[string]any{"Path": dbPath})
	}
	defer lock.Close()
	info, err := InspectBackup(from)
	if err != nil {
		return info, "", err
	}
	safety := ""
	if Exists(real) {
		if safety, err = KeepCopy(real, BackupDirOf(real), disk.SafetyPrefix(real)); err != nil {
			return info, "", err
		}
	}
	tmp, err := disk.CreateFile(real, disk.WriteOptions{Force: true}, disk.Guard{})
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
		err = CheckCopy(tmp.TempPath())
	}
	if err != nil {
		tmp.Discard()
		return info, safety, &data.Error{Code: data.CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": dbPath}, Err: err}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Discard()
		return info, safety, err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(real + suffix)
	}
	lock.BeforeSwap()
	if err := tmp.Publish(); err != nil {
		if disk.LostSwap(err) {
			return info, safety, data.Errorf(data.CodeConflict, "restore.in_use", map[string]any{"Path": dbPath})
		}
		return info, safety, err
	}
	return info, safety, nil
}

// CheckCopy runs SQLite's integrity check on a copy.
func CheckCopy(path string) error {
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

// BackupDirOf reads the backup folder of the database at dbPath without
// opening a store; a database that cannot be read uses the default one.
func BackupDirOf(dbPath string) string {
	dir := ""
	if db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(dbPath)+"?mode=ro"); err == nil {
		_ = db.QueryRow(`SELECT value FROM settings WHERE key = ?`, disk.SettingBackupDir).Scan(&dir)
		db.Close()
	}
	if dir == "" {
		dir = filepath.Join(filepath.Dir(dbPath), "backups")
	}
	return dir
}

// KeepCopy copies the database into the backup folder, named by prefix
// and the time, before a restore replaces it or an update changes its
// schema, and thins those copies out like the backups.
func KeepCopy(dbPath, backupDir, prefix string) (string, error) {
	if err := os.MkdirAll(backupDir, 0o700); err != nil {
		return "", &data.Error{Code: data.CodeInvalid, Key: "backup.failed", Args: map[string]any{"Path": backupDir}, Err: err}
	}
	at := time.Now().Truncate(time.Second)
	if older, _ := disk.Backups(backupDir, prefix); len(older) > 0 && !at.After(older[0].At) {
		at = older[0].At.Add(time.Second) // two restores within a second: the new copy is still the newest
	}
	path := filepath.Join(backupDir, prefix+at.Format(disk.BackupLayout)+".db")
	sf, err := disk.CreateFile(path, disk.WriteOptions{}, disk.Guard{})
	if err != nil {
		return "", err
	}
	if err := copySafety(dbPath, sf); err != nil {
		return "", err
	}
	return path, disk.Prune(backupDir, prefix, at)
}

// copySafety writes a sound database as a consistent copy; a damaged or
// unreadable one (and its write-ahead log) is copied byte for byte.
func copySafety(dbPath string, sf *disk.StagedFile) error {
	if CheckCopy(dbPath) == nil {
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
			return &data.Error{Code: data.CodeInvalid, Key: "restore.unreadable", Args: map[string]any{"Path": dbPath}, Err: err}
		}
		return nil
	}
	f.Close()
	if err := disk.CopyBytes(dbPath, sf); err != nil {
		return err
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		wal, err := disk.CreateFile(sf.Path()+"-wal", disk.WriteOptions{}, disk.Guard{})
		if err != nil {
			sf.Discard()
			return err
		}
		if err := disk.CopyBytes(dbPath+"-wal", wal); err != nil {
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

// dailyLock is the advisory lock under which one counter of a studio
// server makes the day's backup ("SPdayBak" in ASCII).
const dailyLock = 0x5350646179426b61

// DailyBackup makes the day's backup into dir unless one was made today:
// the first counter to start on a day makes it, holding an advisory lock
// on a server so that a counter starting meanwhile leaves it to that one
// (made false, no error). The day is kept in the settings, which every
// counter of the studio shares.
func (s *Store) DailyBackup(ctx context.Context, dir string) (path string, made bool, err error) {
	today := s.Today().String()
	if day, err := s.Setting(ctx, SettingBackupDay); err == nil && day == today {
		return "", false, nil
	}
	if s.OnServer() {
		conn, err := s.pool.Conn(ctx)
		if err != nil {
			return "", false, internal(err)
		}
		defer conn.Close()
		var got bool
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, int64(dailyLock)).Scan(&got); err != nil {
			return "", false, internal(err)
		}
		if !got {
			return "", false, nil // another counter is making it
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(dailyLock))
		if day, err := s.Setting(ctx, SettingBackupDay); err == nil && day == today {
			return "", false, nil // made by a counter that let go of the lock just now
		}
	}
	if path, err = s.BackupInto(ctx, dir); err != nil {
		return "", false, err
	}
	return path, true, s.SetSetting(ctx, SettingBackupDay, today)
}

// SettingBackupDay remembers the day of the last automatic backup.
const SettingBackupDay = "backup:last_day"
