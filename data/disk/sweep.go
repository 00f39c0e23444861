package disk

import (
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// A backup, export, restore or demo that is killed leaves its temporary
// file or folder behind. Each is named by the safe-write helper's own
// pattern (".NAME.tmp-" and 12 hex digits, with SQLite's "-journal",
// "-wal" and "-shm" beside a database being built) and held locked by the
// program writing it, so the next program can tell a leftover from work
// in progress: it removes what matches the pattern and nobody holds,
// and never touches any other file.

// stagingName matches the helper's temporary names; group 1 is the name
// without SQLite's suffix.
var stagingName = regexp.MustCompile(`^(\..+\.tmp-[0-9a-f]{12})(-journal|-wal|-shm)?$`)

// StagingMarker is the file a staging folder holds locked while it fills.
const StagingMarker = ".staging"

// folderGrace is how long a staging folder without its marker is left
// alone: the moment between taking the marker away and publishing.
const folderGrace = 10 * time.Minute

// HoldStaging locks a new temporary file for as long as it is written:
// shared, so a database being built in it can still be opened (a store
// holds its file shared too); the sweeper's exclusive try fails either way.
func HoldStaging(f *os.File) { _ = tryLock(f, false) }

// SweepStaging removes the leftovers of killed runs in dir.
func SweepStaging(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := stagingName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		path := filepath.Join(dir, e.Name())
		switch {
		case m[2] != "": // SQLite's file beside a database being built: goes with it
			if !Present(filepath.Join(dir, m[1])) {
				os.Remove(path)
			}
		case e.IsDir():
			if staleFolder(path) {
				os.RemoveAll(path)
			}
		case e.Type().IsRegular() && unheld(path):
			os.Remove(path)
			for _, suffix := range []string{"-journal", "-wal", "-shm"} {
				os.Remove(path + suffix)
			}
		}
	}
}

// unheld reports whether nobody holds the lock of the file at path.
func unheld(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return tryLock(f, true) == nil
}

// staleFolder reports whether a staging folder is left from a killed run:
// its marker is held by nobody, or it has none and is older than the
// grace time.
func staleFolder(path string) bool {
	marker := filepath.Join(path, StagingMarker)
	if Present(marker) {
		return unheld(marker)
	}
	fi, err := os.Stat(path)
	return err == nil && time.Since(fi.ModTime()) > folderGrace
}

func Present(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
