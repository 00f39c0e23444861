package disk

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"studiopartner/data"
	"time"
)

// Backup file names: the database's name and the time, as in
// studiopartner-2026-11-23-101500.db for studiopartner.db, so databases
// that share a backup folder never thin out each other's backups.
const (
	DefaultBackupPrefix = "studiopartner-" // the default database's
	BackupLayout        = "2006-01-02-150405"
	// KeepDaily and KeepMonthly are how many backups the folder keeps: the
	// newest of each of the last days, and of each of the last months.
	KeepDaily   = 14
	KeepMonthly = 12
)

// SettingBackupDir is the backup folder chosen in Settings; empty means
// beside the database.
const SettingBackupDir = "backup:dir"

// UpdatePrefix is how the copies of the database at dbPath are named that
// a newer program keeps before it first changes the database's schema:
// studiopartner-before-update-2026-12-04-101500.db.
func UpdatePrefix(dbPath string) string { return BackupPrefix(dbPath) + "before-update-" }

// SafetyPrefix is how restore names the safety copies of the database at
// dbPath in the backup folder.
func SafetyPrefix(dbPath string) string { return BackupPrefix(dbPath) + safetyInfix }

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
		ext := filepath.Ext(name)
		if e.IsDir() || !strings.HasPrefix(name, prefix) || (ext != ".db" && ext != DumpExt) {
			continue
		}
		at, err := time.ParseInLocation(BackupLayout, strings.TrimSuffix(strings.TrimPrefix(name, prefix), ext), time.Local)
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, name), At: at})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// Prune keeps the newest sound backup of each of the last KeepDaily days
// and of each of the last KeepMonthly months that have backups, and
// removes the rest; it keeps every file of the day of keepDay too (the
// safety copies of several restores on one day). A file that does not even
// look like a database does not count as a day's backup, and is left for
// the owner to look at.
func Prune(dir, prefix string, keepDay time.Time) error {
	SweepStaging(dir) // a killed backup's copy is neither kept nor counted
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

// DumpExt ends the names of a studio server's backups written by
// pg_dump; DumpHeader begins such an archive (its custom format).
const DumpExt = ".dump"

var DumpHeader = []byte("PGDMP")

// IsDump reports whether the file at path is a pg_dump archive.
func IsDump(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(DumpHeader))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, DumpHeader)
}

// looksSound is the cheap test of a kept backup: a SQLite header and a
// whole number of pages, or a pg_dump archive's header.
func looksSound(path string) bool {
	if strings.HasSuffix(path, DumpExt) {
		return IsDump(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head[:len(SqliteHeader)], SqliteHeader) {
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

// safetyInfix names the safety copies restore keeps in the backup folder:
// studiopartner-before-restore-2026-11-23-101500.db.
const safetyInfix = "before-restore-"

// CopyBytes copies a file into a staged file, byte for byte.
func CopyBytes(from string, sf *StagedFile) error {
	f, err := os.Open(from)
	if err != nil {
		sf.Discard()
		return &data.Error{Code: data.CodeInvalid, Key: "restore.unreadable", Args: map[string]any{"Path": from}, Err: err}
	}
	defer f.Close()
	if _, err := io.Copy(sf, f); err != nil {
		sf.Discard()
		return FileFailed(sf.Path(), err)
	}
	return nil
}

func Same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// String names a backup in messages.
func (b BackupFile) String() string {
	return fmt.Sprintf("%s (%s)", filepath.Base(b.Path), b.At.Format(time.RFC3339))
}
