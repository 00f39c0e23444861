package sqlstore

import (
	"context"
	"io"
	"os"
	"studiopartner/data"
	"studiopartner/data/disk"
)

// protected lists the store's own files and folders.
func (s *Store) protected() disk.Guard {
	g := disk.Guard{Files: []string{s.path, s.path + "-wal", s.path + "-shm", s.path + "-journal", disk.ErasureRegister(s.path)}}
	g.Dirs = []string{s.DefaultBackupDir()}
	if dir := s.configuredBackupDir(); dir != "" {
		g.Dirs = append(g.Dirs, dir)
	}
	return g
}

// CreateFile starts writing the file at path: it checks that path may be
// written (not one of the store's own files, not existing unless
// o.Force) and opens a temporary file beside it. Write to it, then
// Publish; Discard drops it.
func (s *Store) CreateFile(path string, o disk.WriteOptions) (*disk.StagedFile, error) {
	return disk.CreateFile(path, o, s.protected())
}

// WriteFile writes a whole file through the helper: fill writes the
// content; nothing is published if it fails.
func (s *Store) WriteFile(path string, o disk.WriteOptions, fill func(w io.Writer) error) error {
	sf, err := s.CreateFile(path, o)
	if err != nil {
		return err
	}
	if err := fill(sf); err != nil {
		sf.Discard()
		return err
	}
	return sf.Publish()
}

// CreateFolder starts filling the folder at path, which must not exist or
// be empty, and may not be one of the store's own folders.
func (s *Store) CreateFolder(path string) (*disk.StagedFolder, error) {
	return disk.CreateFolder(path, s.protected())
}

// BuildDatabase makes a whole database at path in one go: fill runs on a
// new database in a temporary file beside path, which takes path's place
// only when fill succeeded, so a failed or killed build leaves no half
// database. path must not exist, be an empty file, or hold a database
// with no clients that no store has open.
func BuildDatabase(ctx context.Context, path string, fill func(s *Store) error) error {
	replace := false
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		if err := replaceableDatabase(ctx, path); err != nil {
			return err
		}
		replace = true
	} else if err == nil {
		replace = true // an empty file
	}
	lock, ok := disk.LockExclusive(path)
	if !ok {
		return data.Errorf(data.CodeConflict, "restore.in_use", map[string]any{"Path": path})
	}
	defer lock.Close()
	sf, err := disk.CreateFile(path, disk.WriteOptions{Force: replace}, disk.Guard{})
	if err != nil {
		return err
	}
	tmp := sf.TempPath()
	dropTemp := func() {
		sf.Discard()
		for _, suffix := range []string{"-wal", "-shm", "-journal", ".erasures"} {
			os.Remove(tmp + suffix)
		}
	}
	s, err := Open(tmp)
	if err != nil {
		dropTemp()
		return err
	}
	s.path = path // documents and backups name the real database
	err = fill(s)
	s.path = tmp
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		dropTemp()
		return err
	}
	lock.BeforeSwap()
	if err := sf.Publish(); err != nil {
		if disk.LostSwap(err) {
			return data.Errorf(data.CodeConflict, "restore.in_use", map[string]any{"Path": path})
		}
		return err
	}
	return nil
}

// replaceableDatabase accepts a Studio Partner database without clients.
func replaceableDatabase(ctx context.Context, path string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.CountClients(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return data.Errorf(data.CodeConflict, "demo.not_empty", map[string]any{"Count": n})
	}
	return nil
}
