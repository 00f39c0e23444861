package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"studiopartner/data"
	"studiopartner/data/disk"
)

// programPrefix begins the name every connection of this program gives
// the server (application_name): "studiopartner/COMPUTER/PROCESS", so a
// restore can name the other counters connected.
const programPrefix = "studiopartner/"

// programName is this program's name on the server.
var programName = func() string {
	host, _ := os.Hostname()
	if len(host) > 36 {
		host = host[:36]
	}
	return fmt.Sprintf("%s%s/%d", programPrefix, host, os.Getpid())
}()

// restoreAsked is the change a refused restore records: every counter's
// window says that the owner wants to restore a backup.
const restoreAsked = "restore_asked"

// KindRestoreAsked is that change's kind in the change feed.
const KindRestoreAsked = "studio." + restoreAsked

// OtherCounters names, once each, the other programs connected to the
// studio's database: the computers of counters running Studio Partner,
// and any other program by its login.
func (s *Store) OtherCounters(ctx context.Context) ([]string, error) {
	if !s.OnServer() {
		return nil, nil
	}
	seen := map[string]bool{}
	err := eachRow(ctx, s.read, `SELECT coalesce(application_name, ''), coalesce(usename, '') FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
			AND coalesce(application_name, '') <> ?`, func(r rowsOf) error {
		var app, user string
		if err := r.Scan(&app, &user); err != nil {
			return err
		}
		name := user
		if rest, ok := strings.CutPrefix(app, programPrefix); ok {
			name, _, _ = strings.Cut(rest, "/")
		} else if app != "" {
			name = user + " (" + app + ")"
		}
		seen[name] = true
		return nil
	}, programName)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, internal(err)
}

// RestoreServer replaces the studio on the store's server with a backup:
// a studio file (a file's backup, or a server's own export) or a pg_dump
// archive of a server. Only the owner restores, and only while no other
// counter is connected: otherwise they are told (a change every window
// shows) and the refusal names them. The backup is checked first (a file
// as a file's restore checks it, a dump by restoring it into a scratch
// database); the studio as it is goes into the backup folder as a safety
// copy; then the backup's studio is built beside it, compared table by
// table, and put in its place in one step. It returns what the backup
// holds and the safety copy.
func (s *Store) RestoreServer(ctx context.Context, from string) (disk.BackupInfo, string, error) {
	if err := s.Allow(data.OpRestore); err != nil {
		return disk.BackupInfo{}, "", err
	}
	if !s.OnServer() {
		return disk.BackupInfo{}, "", data.Errorf(data.CodeInvalid, "restore.server.only", nil)
	}
	others, err := s.OtherCounters(ctx)
	if err != nil {
		return disk.BackupInfo{}, "", err
	}
	if len(others) > 0 {
		if err := s.write(ctx, func(tx *dbx) error {
			return s.audit(tx, "studio", 0, restoreAsked, nil, map[string]any{"from": programName})
		}); err != nil {
			return disk.BackupInfo{}, "", err
		}
		return disk.BackupInfo{}, "", data.Errorf(data.CodeConflict, "restore.others",
			map[string]any{"Count": len(others), "List": strings.Join(others, ", ")})
	}
	if disk.IsDump(from) {
		return s.restoreDump(ctx, from)
	}
	return s.restoreFile(ctx, from)
}

// restoreFile restores a studio file onto the server from a copy of it
// (opening a studio file may bring it up to date: the backup stays as it
// was).
func (s *Store) restoreFile(ctx context.Context, from string) (disk.BackupInfo, string, error) {
	info, err := InspectBackup(from)
	if err != nil {
		return info, "", err
	}
	dir, err := os.MkdirTemp("", "studiopartner-restore-")
	if err != nil {
		return info, "", internal(err)
	}
	defer os.RemoveAll(dir)
	work := filepath.Join(dir, "backup"+".db") // a name of our own, not a message
	if err := copyPlain(from, work); err != nil {
		return info, "", internal(err)
	}
	src, err := Open(work)
	if err != nil {
		return info, "", err
	}
	defer src.Close()
	safety, err := s.replaceWith(ctx, src)
	return info, safety, err
}

// restoreDump restores a pg_dump archive into a scratch database, which
// checks it, and from there onto the studio's.
func (s *Store) restoreDump(ctx context.Context, from string) (disk.BackupInfo, string, error) {
	var info disk.BackupInfo
	var safety string
	_, restore := pgTools()
	if restore == "" || !s.dumps(ctx) {
		return info, "", data.Errorf(data.CodeInvalid, "backup.no_dump", map[string]any{"Path": from})
	}
	err := s.inScratch(ctx, func(_ *sql.DB, name string) error {
		scratch, password, err := toolLogin(s.conn, name)
		if err != nil {
			return err
		}
		if err := runTool(ctx, password, restore, "--exit-on-error", "--clean", "--if-exists", "--no-owner", "--no-privileges",
			"--single-transaction", "--dbname="+scratch, from); err != nil {
			return &data.Error{Code: data.CodeInvalid, Key: "backup.invalid", Args: map[string]any{"Path": from}, Err: err}
		}
		if password != "" {
			u, _ := url.Parse(scratch)
			scratch = withPassword(scratch, u.User.Username(), password)
		}
		src, err := OpenServer(ctx, scratch)
		if err != nil {
			return err
		}
		defer src.Close()
		if info, err = src.backupInfo(ctx); err != nil {
			return err
		}
		safety, err = s.replaceWith(ctx, src)
		return err
	})
	return info, safety, err
}

// replaceWith keeps a safety copy of the studio on the server, then
// builds src's studio beside it and puts it in its place.
func (s *Store) replaceWith(ctx context.Context, src *Store) (string, error) {
	safety, err := s.BackupInto(ctx, s.BackupDir())
	if err != nil {
		return "", err
	}
	err = buildServer(ctx, s.conn, true, func(dst *Store) error {
		_, err := src.copyInto(ctx, dst, nil)
		return err
	})
	return safety, err
}

// backupInfo is what a studio holds, as InspectBackup says of a file.
func (s *Store) backupInfo(ctx context.Context) (disk.BackupInfo, error) {
	info := disk.BackupInfo{Version: SchemaVersion()}
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM payments),
		(SELECT count(*) FROM goodwill), coalesce((SELECT max(at) FROM audit_log), '')`).
		Scan(&info.Clients, &info.Payments, &info.Goodwill, &info.LastAt)
	return info, internal(err)
}

// copyPlain copies a file byte for byte to a new one, for a moment (the
// restore works on it, then it is removed).
func copyPlain(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	sf, err := disk.CreateFile(to, disk.WriteOptions{}, disk.Guard{})
	if err != nil {
		return err
	}
	if _, err := io.Copy(sf, in); err != nil {
		sf.Discard()
		return err
	}
	return sf.Publish()
}
