package disk

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"studiopartner/data"
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
	KeyFileExists    = "file.exists"
	KeyFileProtected = "file.protected"
	KeyFileIsFolder  = "file.is_folder"
	KeyFileNoFolder  = "file.folder_missing"
	KeyFileFailed    = "file.failed"
	KeyFolderFull    = "export.not_empty"
)

// Guard is what a store refuses to write onto: files and whole folders.
type Guard struct {
	Files, Dirs []string
}

// Check refuses a target that is one of the guarded files or lies in a
// guarded folder, comparing resolved paths (symlinks, "./", relative).
func (g Guard) Check(path string) error {
	target := ResolvePath(path)
	args := map[string]any{"Path": path}
	for _, f := range g.Files {
		if samePath(target, ResolvePath(f)) || Same(path, f) {
			return data.Errorf(data.CodeInvalid, KeyFileProtected, args)
		}
	}
	for _, d := range g.Dirs {
		if within(target, ResolvePath(d)) {
			return data.Errorf(data.CodeInvalid, KeyFileProtected, args)
		}
	}
	return nil
}

// ResolvePath returns the absolute path with every symlink resolved, also
// for a file that does not exist yet (its folder is resolved) and for a
// link that points at a missing file.
func ResolvePath(p string) string {
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

func CreateFile(path string, o WriteOptions, g Guard) (*StagedFile, error) {
	if err := g.Check(path); err != nil {
		return nil, err
	}
	args := map[string]any{"Path": path}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return nil, data.Errorf(data.CodeInvalid, KeyFileIsFolder, args)
		}
		if !o.Force {
			return nil, data.Errorf(data.CodeConflict, KeyFileExists, args)
		}
	} else if _, lerr := os.Lstat(path); lerr == nil && !o.Force {
		return nil, data.Errorf(data.CodeConflict, KeyFileExists, args) // a dangling link is still a name taken
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, data.Errorf(data.CodeInvalid, KeyFileNoFolder, map[string]any{"Path": path, "Folder": dir})
	}
	mode := o.Mode
	if mode == 0 {
		mode = 0o600
	}
	SweepStaging(dir)
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".tmp-"+RandomSuffix())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return nil, FileFailed(path, err)
	}
	HoldStaging(f) // until published or discarded: then no other program takes it for a leftover
	return &StagedFile{f: f, tmp: tmp, target: path, force: o.Force}, nil
}

func RandomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func FileFailed(path string, err error) error {
	return &data.Error{Code: data.CodeInvalid, Key: KeyFileFailed, Args: map[string]any{"Path": path, "Detail": err.Error()}, Err: err}
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
		return FileFailed(sf.target, err)
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
		var e *data.Error
		if errors.As(err, &e) {
			return err
		}
		return FileFailed(sf.target, err)
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
		return data.Errorf(data.CodeConflict, KeyFileExists, map[string]any{"Path": target})
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

// StagedFolder is a folder being filled: a temporary folder beside the
// target that becomes the target only when published.
type StagedFolder struct {
	tmp, target string
	done        bool
	marker      *os.File // held locked while the folder fills
}

// Create opens a new file (mode 0600) in the temporary folder.
func (sd *StagedFolder) Create(name string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(sd.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, FileFailed(filepath.Join(sd.target, name), err)
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
		return FileFailed(filepath.Join(sd.target, name), err)
	}
	return nil
}

// TempPath is the hidden folder being filled.
func (sd *StagedFolder) TempPath() string { return sd.tmp }

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
			return data.Errorf(data.CodeInvalid, KeyFolderFull, map[string]any{"Path": sd.target})
		}
	} else if err == nil {
		os.RemoveAll(sd.tmp)
		return data.Errorf(data.CodeConflict, KeyFileExists, map[string]any{"Path": sd.target})
	}
	if err := os.Rename(sd.tmp, sd.target); err != nil {
		os.RemoveAll(sd.tmp)
		return FileFailed(sd.target, err)
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
		os.Remove(filepath.Join(sd.tmp, StagingMarker))
		sd.marker = nil
	}
}

// CreateFolder starts filling the folder at path, which must not exist or
// be empty, and may not be one that g protects.
func CreateFolder(path string, g Guard) (*StagedFolder, error) {
	if err := g.Check(path); err != nil {
		return nil, err
	}
	args := map[string]any{"Path": path}
	if fi, err := os.Stat(path); err == nil {
		if !fi.IsDir() {
			return nil, data.Errorf(data.CodeConflict, KeyFileExists, args)
		}
		if entries, err := os.ReadDir(path); err != nil || len(entries) > 0 {
			return nil, data.Errorf(data.CodeInvalid, KeyFolderFull, args)
		}
	}
	parent := filepath.Dir(filepath.Clean(path))
	if st, err := os.Stat(parent); err != nil || !st.IsDir() {
		return nil, data.Errorf(data.CodeInvalid, KeyFileNoFolder, map[string]any{"Path": path, "Folder": parent})
	}
	SweepStaging(parent)
	tmp := filepath.Join(parent, "."+filepath.Base(filepath.Clean(path))+".tmp-"+RandomSuffix())
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return nil, FileFailed(path, err)
	}
	sd := &StagedFolder{tmp: tmp, target: path}
	if m, err := os.OpenFile(filepath.Join(tmp, StagingMarker), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		HoldStaging(m)
		sd.marker = m
	}
	return sd, nil
}
