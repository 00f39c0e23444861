package data

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Every file the program writes goes through this helper: the bytes go to a
// temporary file in the target's folder, are synced, and only then is the
// temporary file moved onto the target — which must not exist unless the
// caller says to replace it. The database, its journals, the erasure
// register and the backup folders are never a target, however the path is
// spelled. A failure leaves what was there byte for byte and removes the
// temporary file.

// WriteOptions say how a file may be written.
type WriteOptions struct {
	Force bool        // replace an existing file (--force, or the save dialog's "replace?")
	Mode  os.FileMode // the file's mode; 0 means 0600, for files holding personal data
}

// Message keys of the safe-write helper.
const (
	keyFileExists    = "file.exists"
	keyFileProtected = "file.protected"
	keyFileIsFolder  = "file.is_folder"
	keyFileNoFolder  = "file.folder_missing"
	keyFileFailed    = "file.failed"
	keyFolderFull    = "export.not_empty"
)

// guard is what a store refuses to write onto: files and whole folders.
type guard struct {
	files, dirs []string
}

// protected lists the store's own files and folders.
func (s *Store) protected() guard {
	g := guard{files: []string{s.path, s.path + "-wal", s.path + "-shm", s.path + "-journal", erasureRegister(s.path)}}
	g.dirs = []string{s.DefaultBackupDir()}
	if dir := s.configuredBackupDir(); dir != "" {
		g.dirs = append(g.dirs, dir)
	}
	return g
}

// check refuses a target that is one of the guarded files or lies in a
// guarded folder, comparing resolved paths (symlinks, "./", relative).
func (g guard) check(path string) error {
	target := resolvePath(path)
	args := map[string]any{"Path": path}
	for _, f := range g.files {
		if samePath(target, resolvePath(f)) || same(path, f) {
			return Errorf(CodeInvalid, keyFileProtected, args)
		}
	}
	for _, d := range g.dirs {
		if within(target, resolvePath(d)) {
			return Errorf(CodeInvalid, keyFileProtected, args)
		}
	}
	return nil
}

// resolvePath returns the absolute path with every symlink resolved, also
// for a file that does not exist yet (its folder is resolved) and for a
// link that points at a missing file.
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	for range 16 { // follow at most a few links that point at missing files
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return r
		}
		fi, err := os.Lstat(abs)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		link, err := os.Readlink(abs)
		if err != nil {
			break
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(abs), link)
		}
		abs = filepath.Clean(link)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// samePath compares two resolved paths as the file system does.
func samePath(a, b string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		path, dir = strings.ToLower(path), strings.ToLower(dir)
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// StagedFile is a file being written: a temporary file beside its target
// that becomes the target only when published.
type StagedFile struct {
	f       *os.File
	tmp     string
	target  string
	force   bool
	done    bool
	written bool
	claimed bool // published by Claim, not yet kept by Publish
}

// CreateFile starts writing the file at path: it checks that path may be
// written (not one of the store's own files, not existing unless
// o.Force) and opens a temporary file beside it. Write to it, then
// Publish; Discard drops it.
func (s *Store) CreateFile(path string, o WriteOptions) (*StagedFile, error) {
	return createFile(path, o, s.protected())
}

func createFile(path string, o WriteOptions, g guard) (*StagedFile, error) {
	if err := g.check(path); err != nil {
		return nil, err
	}
	args := map[string]any{"Path": path}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return nil, Errorf(CodeInvalid, keyFileIsFolder, args)
		}
		if !o.Force {
			return nil, Errorf(CodeConflict, keyFileExists, args)
		}
	} else if _, lerr := os.Lstat(path); lerr == nil && !o.Force {
		return nil, Errorf(CodeConflict, keyFileExists, args) // a dangling link is still a name taken
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, Errorf(CodeInvalid, keyFileNoFolder, map[string]any{"Path": path, "Folder": dir})
	}
	mode := o.Mode
	if mode == 0 {
		mode = 0o600
	}
	sweepStaging(dir)
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".tmp-"+randomSuffix())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return nil, fileFailed(path, err)
	}
	holdStaging(f) // until published or discarded: then no other program takes it for a leftover
	return &StagedFile{f: f, tmp: tmp, target: path, force: o.Force}, nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func fileFailed(path string, err error) error {
	return &Error{Code: CodeInvalid, Key: keyFileFailed, Args: map[string]any{"Path": path, "Detail": err.Error()}, Err: err}
}

// Write adds bytes to the temporary file.
func (sf *StagedFile) Write(b []byte) (int, error) {
	sf.written = true
	return sf.f.Write(b)
}

// TempPath is the temporary file's path, for writers that need a path
// (SQLite's VACUUM INTO); the file exists and is empty.
func (sf *StagedFile) TempPath() string { return sf.tmp }

// Path is the target's path.
func (sf *StagedFile) Path() string { return sf.target }

// Sync flushes the temporary file to the disk; Publish does it too.
func (sf *StagedFile) Sync() error {
	if err := sf.f.Sync(); err != nil {
		return fileFailed(sf.target, err)
	}
	return nil
}

// Publish syncs the temporary file and moves it onto the target; without
// Force it never replaces a file that appeared meanwhile. On failure the
// temporary file is removed.
func (sf *StagedFile) Publish() error {
	sf.claimed = false // a claimed file is kept
	if sf.done {
		return nil
	}
	sf.done = true
	err := sf.f.Sync()
	if cerr := sf.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = moveOnto(sf.tmp, sf.target, sf.force)
	}
	if err != nil {
		os.Remove(sf.tmp)
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		return fileFailed(sf.target, err)
	}
	syncDir(filepath.Dir(sf.target))
	return nil
}

// Claim publishes the file now, inside the work that records it, when it
// replaces nothing: if the name was taken meanwhile (another program
// writing the same file), it fails, and the record is not kept. Discard
// takes a claimed file back; Publish keeps it. With Force it does nothing:
// the file replaces its target only at Publish, once the record is kept.
func (sf *StagedFile) Claim() error {
	if sf.force || sf.done {
		return nil
	}
	if err := sf.Publish(); err != nil {
		return err
	}
	sf.claimed = true
	return nil
}

// Discard drops the temporary file, or a claimed file not yet kept; the
// target stays as it was. It does nothing after Publish.
func (sf *StagedFile) Discard() {
	if sf.claimed {
		sf.claimed = false
		os.Remove(sf.target)
		syncDir(filepath.Dir(sf.target))
		return
	}
	if sf.done {
		return
	}
	sf.done = true
	sf.f.Close()
	os.Remove(sf.tmp)
}

// moveOnto renames tmp to target. Without force a hard link publishes it
// atomically only if the name is free; where links are not possible the
// name is checked just before the rename.
func moveOnto(tmp, target string, force bool) error {
	if force {
		return os.Rename(tmp, target)
	}
	err := os.Link(tmp, target)
	if err == nil {
		return os.Remove(tmp)
	}
	if _, lerr := os.Lstat(target); lerr == nil {
		return Errorf(CodeConflict, keyFileExists, map[string]any{"Path": target})
	}
	return os.Rename(tmp, target)
}

// syncDir makes a rename in dir durable; where folders cannot be synced
// (Windows) it does nothing.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// WriteFile writes a whole file through the helper: fill writes the
// content; nothing is published if it fails.
func (s *Store) WriteFile(path string, o WriteOptions, fill func(w io.Writer) error) error {
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

// StagedFolder is a folder being filled: a temporary folder beside the
// target that becomes the target only when published.
type StagedFolder struct {
	tmp, target string
	done        bool
	marker      *os.File // held locked while the folder fills
}

// CreateFolder starts filling the folder at path, which must not exist or
// be empty, and may not be one of the store's own folders.
func (s *Store) CreateFolder(path string) (*StagedFolder, error) {
	if err := s.protected().check(path); err != nil {
		return nil, err
	}
	args := map[string]any{"Path": path}
	if fi, err := os.Stat(path); err == nil {
		if !fi.IsDir() {
			return nil, Errorf(CodeConflict, keyFileExists, args)
		}
		if entries, err := os.ReadDir(path); err != nil || len(entries) > 0 {
			return nil, Errorf(CodeInvalid, keyFolderFull, args)
		}
	}
	parent := filepath.Dir(filepath.Clean(path))
	if st, err := os.Stat(parent); err != nil || !st.IsDir() {
		return nil, Errorf(CodeInvalid, keyFileNoFolder, map[string]any{"Path": path, "Folder": parent})
	}
	sweepStaging(parent)
	tmp := filepath.Join(parent, "."+filepath.Base(filepath.Clean(path))+".tmp-"+randomSuffix())
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return nil, fileFailed(path, err)
	}
	sd := &StagedFolder{tmp: tmp, target: path}
	if m, err := os.OpenFile(filepath.Join(tmp, stagingMarker), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		holdStaging(m)
		sd.marker = m
	}
	return sd, nil
}

// Create opens a new file (mode 0600) in the temporary folder.
func (sd *StagedFolder) Create(name string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(sd.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fileFailed(filepath.Join(sd.target, name), err)
	}
	return f, nil
}

// WriteFile writes one whole file into the temporary folder and syncs it.
func (sd *StagedFolder) WriteFile(name string, b []byte) error {
	f, err := sd.Create(name)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileFailed(filepath.Join(sd.target, name), err)
	}
	return nil
}

// Target is the path the folder will have once published.
func (sd *StagedFolder) Target() string { return sd.target }

// Publish moves the filled folder onto its target; an empty folder there
// is replaced, anything else is refused.
func (sd *StagedFolder) Publish() error {
	if sd.done {
		return nil
	}
	sd.done = true
	sd.dropMarker()
	syncDir(sd.tmp)
	if fi, err := os.Stat(sd.target); err == nil && fi.IsDir() {
		if err := os.Remove(sd.target); err != nil { // removes an empty folder only
			os.RemoveAll(sd.tmp)
			return Errorf(CodeInvalid, keyFolderFull, map[string]any{"Path": sd.target})
		}
	} else if err == nil {
		os.RemoveAll(sd.tmp)
		return Errorf(CodeConflict, keyFileExists, map[string]any{"Path": sd.target})
	}
	if err := os.Rename(sd.tmp, sd.target); err != nil {
		os.RemoveAll(sd.tmp)
		return fileFailed(sd.target, err)
	}
	syncDir(filepath.Dir(filepath.Clean(sd.target)))
	return nil
}

// Discard removes the temporary folder and all it holds.
func (sd *StagedFolder) Discard() {
	if sd.done {
		return
	}
	sd.done = true
	sd.dropMarker()
	os.RemoveAll(sd.tmp)
}

// dropMarker lets go of the folder's marker and takes it out, so the
// published folder holds only what was written into it.
func (sd *StagedFolder) dropMarker() {
	if sd.marker != nil {
		sd.marker.Close()
		os.Remove(filepath.Join(sd.tmp, stagingMarker))
		sd.marker = nil
	}
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
	lock, ok := lockExclusive(path)
	if !ok {
		return Errorf(CodeConflict, "restore.in_use", map[string]any{"Path": path})
	}
	defer lock.Close()
	sf, err := createFile(path, WriteOptions{Force: replace}, guard{})
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
	lock.beforeSwap()
	if err := sf.Publish(); err != nil {
		if lostSwap(err) {
			return Errorf(CodeConflict, "restore.in_use", map[string]any{"Path": path})
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
		return Errorf(CodeConflict, "demo.not_empty", map[string]any{"Count": n})
	}
	return nil
}
