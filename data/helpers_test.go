package data

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// fixedNow is the clock every store test runs at.
var fixedNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

// newStore opens a fresh database in a temp folder with a fixed clock.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(tempDir(t), "studio.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { s.Close() })
	return s
}

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(s)
	}
	return d
}

// wantField fails unless err is an invalid-input error naming field with key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *data.Error", err)
	}
	f := e.Field(field)
	if f == nil {
		t.Fatalf("err = %v, want a problem with field %q", err, field)
	}
	if f.Key != key {
		t.Fatalf("field %q key = %q, want %q", field, f.Key, key)
	}
}

func mustClient(t testing.TB, s *Store, name string) Client {
	t.Helper()
	c, err := s.CreateClient(context.Background(), Client{Name: name})
	if err != nil {
		t.Fatalf("CreateClient(%q): %v", name, err)
	}
	return c
}

func mustService(t testing.TB, s *Store, name string, price Money) Service {
	t.Helper()
	sv, err := s.SaveService(context.Background(), Service{Name: name, Kind: KindCourse, Price: price, Active: true,
		Terms: Terms{Billing: BillingMonthly, MinTermMonths: 6, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}})
	if err != nil {
		t.Fatalf("SaveService: %v", err)
	}
	return sv
}

// tempDir is a fresh folder removed after the test, file by file: under
// Wine, where the Windows tests run, os.RemoveAll's newer system calls
// fail, and a folder left in the Wine prefix's Temp must not fail a test.
func tempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "studiopartner-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeTree(dir) })
	return dir
}

// removeTree removes a folder's files and folders one by one, deepest
// first; what cannot be removed stays.
func removeTree(dir string) {
	var paths []string
	filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			paths = append(paths, p)
		}
		return nil
	})
	for i := len(paths) - 1; i >= 0; i-- {
		os.Chmod(paths[i], 0o700)
		os.Remove(paths[i])
	}
}

// wantPrivate fails unless only the owner may read path (mode 0600) on
// systems with Unix file modes; on Windows the per-user folder is what
// keeps others out.
func wantPrivate(t testing.TB, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("%s: mode %v, want 0600", filepath.Base(path), st.Mode().Perm())
	}
}
