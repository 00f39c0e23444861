package sqlstore

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"studiopartner/data"
	"sync"
	"testing"
	"time"

	"studiopartner/data/pgtest"
)

// fixedNow is the clock every store test runs at.
var fixedNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

// newStore opens a fresh database with a fixed clock: a file in a temp
// folder, or a database of its own on the test server when the tests run
// on PostgreSQL (STUDIO_TEST_ENGINE=postgres).
func newStore(t testing.TB) *Store {
	t.Helper()
	var s *Store
	var err error
	if pgtest.OnPostgres() {
		s, err = OpenServer(context.Background(), pg.Need(t).Prepared(t, func(url string) error {
			s, err := OpenServer(context.Background(), url)
			if err == nil {
				err = s.Close()
			}
			return err
		}))
	} else {
		return newFileStore(t)
	}
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { s.Close() })
	return s
}

// newFileStore opens a fresh SQLite file in a temp folder with a fixed
// clock, in either pass: for tests about the file or comparing engines.
func newFileStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(tempDir(t), "studio.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { s.Close() })
	return s
}

// bothEngines skips, in the PostgreSQL pass, a test that compares the
// engines itself: it ran in the SQLite pass.
func bothEngines(t testing.TB) {
	t.Helper()
	if pgtest.OnPostgres() {
		t.Skip("compares both engines itself; runs in the SQLite pass")
	}
}

// sqliteOnly skips a test in the PostgreSQL pass: it is about the SQLite
// file itself (why says how), and runs in the SQLite pass.
func sqliteOnly(t testing.TB, why string) {
	t.Helper()
	if pgtest.OnPostgres() {
		t.Skip("about the SQLite file: " + why)
	}
}

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(s)
	}
	return d
}

// wantField fails unless err is an invalid-input error naming field with key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	var e *data.Error
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

func mustClient(t testing.TB, s *Store, name string) data.Client {
	t.Helper()
	c, err := s.CreateClient(context.Background(), data.Client{Name: name})
	if err != nil {
		t.Fatalf("CreateClient(%q): %v", name, err)
	}
	return c
}

func mustService(t testing.TB, s *Store, name string, price data.Money) data.Service {
	t.Helper()
	sv, err := s.SaveService(context.Background(), data.Service{Name: name, Kind: data.KindCourse, Price: price, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 6, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
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

// x is the store's writer connection in the engine's dialect, for tests
// that change rows behind the store's back.
func (s *Store) x() *dbx { return &dbx{raw: s.db, ctx: context.Background(), d: s.d} }

// openAgain opens the store's database a second time, as another program
// would: the same file, or the same database on the server.
func openAgain(t testing.TB, s *Store) *Store {
	t.Helper()
	var other *Store
	var err error
	if s.OnServer() {
		other, err = OpenServer(context.Background(), s.conn)
	} else {
		other, err = Open(s.Path())
	}
	if err != nil {
		t.Fatal(err)
	}
	other.Now = s.Now
	t.Cleanup(func() { other.Close() })
	return other
}

// atOnce runs fn(0) … fn(n-1), each in a goroutine of its own, lets them
// all go at the same moment, and waits until all are done.
func atOnce(n int, fn func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}

// ImportCSV and ExportCSV are exchange.Import and exchange.Export, which
// the tests of this package cannot name (exchange imports it); the
// package's external tests fill them in (transfer_link_test.go).
var (
	ImportCSV func(ctx context.Context, s *Store, kind string, r io.Reader, size int64, progress Progress) (int, error)
	ExportCSV func(ctx context.Context, s *Store, dir string, progress Progress) ([]string, error)
	CSVSource func(r io.Reader) (RowSource, error)
)
