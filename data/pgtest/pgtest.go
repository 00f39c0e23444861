// Package pgtest gives tests a real PostgreSQL server: the one
// STUDIO_TEST_PG names, or a throwaway cluster in a temporary folder
// (Debian's postgresql package: initdb and pg_ctl, as the postgres user
// when the tests run as root), listening on 127.0.0.1 on a free port and
// stopped when the tests end. Each test gets a database of its own.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for database/sql
)

// EnvURL names a running server to test against instead of a throwaway
// one, as postgres://USER@HOST:PORT/DB?sslmode=…; its database must allow
// CREATE DATABASE.
const EnvURL = "STUDIO_TEST_PG"

// EnvEngine chooses the engine of the store tests: "postgres" runs them
// on PostgreSQL; anything else, or nothing, on SQLite.
const EnvEngine = "STUDIO_TEST_ENGINE"

// OnPostgres reports whether this test run's stores are on PostgreSQL.
func OnPostgres() bool { return os.Getenv(EnvEngine) == "postgres" }

// Server is a PostgreSQL server the tests may use.
type Server struct {
	URL  string // the maintenance database's URL
	dir  string // the throwaway cluster's folder; "" for STUDIO_TEST_PG
	bin  string
	made atomic.Int64

	tmplOnce sync.Once
	tmpl     string // a database prepared once, copied for each test
	tmplErr  error

	mu      sync.Mutex
	lasting []string // databases kept until the server stops (Lasting)

	tls      [2][]byte // a TLS server's certificate and key (PEM); none: no TLS
	password string    // logins over TCP need it (scram-sha-256); none: every login is trusted
}

// ErrMissing says there is no PostgreSQL to start here.
var ErrMissing = errors.New("no PostgreSQL server: install Debian's postgresql package (scripts/install-deps.sh) or set " + EnvURL)

// Start returns the server the tests use; Stop it when they end.
func Start() (*Server, error) {
	if u := os.Getenv(EnvURL); u != "" {
		return &Server{URL: u}, nil
	}
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "studiopartner-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	if err := s.initAndStart(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// StartTLS starts a throwaway server of its own that speaks TLS with the
// certificate and key given (PEM), for the tests of checked connections;
// its URL names the host localhost. Stop it when the test ends.
func StartTLS(certPEM, keyPEM []byte) (*Server, error) {
	s, err := startOwn("studiopartner-pgtls-", [2][]byte{certPEM, keyPEM}, "")
	if err != nil {
		return nil, err
	}
	s.URL = strings.Replace(s.URL, "@127.0.0.1:", "@localhost:", 1)
	s.URL = strings.Replace(s.URL, "?sslmode=disable", "", 1)
	return s, nil
}

// StartWithPassword starts a throwaway server of its own on which logins
// over the network need the password (scram-sha-256), for the tests of
// passwords asked for and kept. Its URL carries the password; Stop it
// when the test ends.
func StartWithPassword(password string) (*Server, error) {
	return startOwn("studiopartner-pgpw-", [2][]byte{}, password)
}

// startOwn makes and starts a server in a new folder named by prefix,
// speaking TLS with the certificate and key given, or needing a password.
func startOwn(prefix string, tls [2][]byte, password string) (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin, tls: tls, password: password}
	if err := s.initAndStart(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// binDir finds initdb and pg_ctl: Debian keeps them under
// /usr/lib/postgresql/VERSION/bin, the newest version first.
func binDir() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d, nil
		}
	}
	return "", ErrMissing
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// initAndStart makes the cluster and starts it on a free port; the
// server refuses to run as root, so as root it runs as postgres.
func (s *Server) initAndStart() error {
	data := filepath.Join(s.dir, "data")
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(s.dir, uid, gid); err != nil {
			return err
		}
	}
	auth := []string{"--auth=trust"}
	if s.password != "" {
		pwfile := filepath.Join(s.dir, "pwfile")
		if err := os.WriteFile(pwfile, []byte(s.password+"\n"), 0o644); err != nil {
			return err
		}
		auth = []string{"--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile}
	}
	if out, err := s.run("initdb", append([]string{"-D", data, "-U", "studio", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"}, auth...)...); err != nil {
		return fmt.Errorf("initdb: %v: %s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off", port, s.dir)
	if s.tls[0] != nil {
		if err := s.placeCertificate(data); err != nil {
			return err
		}
		opts += " -c ssl=on -c ssl_cert_file=tls-server.crt -c ssl_key_file=tls-server.key"
	}
	if out, err := s.run("pg_ctl", "-D", data, "-w", "-t", "60", "-l", filepath.Join(s.dir, "server-log"), "-o", opts, "start"); err != nil {
		return fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	login := url.User("studio")
	if s.password != "" {
		login = url.UserPassword("studio", s.password)
	}
	s.URL = fmt.Sprintf("postgres://%s@127.0.0.1:%d/postgres?sslmode=disable", login.String(), port)
	return nil
}

// Halt stops a throwaway server as its restart would: every connection is
// cut and its databases are kept (a power cut would also lose what the
// throwaway server, which writes lazily, had not written yet); Resume
// starts it again on the same port.
func (s *Server) Halt() error {
	if s.dir == "" {
		return errors.New("pgtest: a server named by " + EnvURL + " is not stopped by tests")
	}
	out, err := s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "fast", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

// Resume starts a halted server again.
func (s *Server) Resume() error {
	u, err := url.Parse(s.URL)
	if err != nil {
		return err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %s -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off", u.Port(), s.dir)
	out, err := s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-w", "-t", "60", "-l", filepath.Join(s.dir, "server-log"), "-o", opts, "start")
	if err != nil {
		return fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	return nil
}

// placeCertificate puts the TLS certificate and key into the cluster's
// folder, readable by the server only.
func (s *Server) placeCertificate(data string) error {
	for i, name := range []string{"tls-server.crt", "tls-server.key"} {
		path := filepath.Join(data, name)
		if err := os.WriteFile(path, s.tls[i], 0o600); err != nil {
			return err
		}
		if os.Geteuid() == 0 {
			u, err := user.Lookup("postgres")
			if err != nil {
				return err
			}
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			if err := os.Chown(path, uid, gid); err != nil {
				return err
			}
		}
	}
	return nil
}

// run runs one of the server's programs, as postgres when we are root.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, prog)
	var c *exec.Cmd
	if os.Geteuid() == 0 {
		c = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		c = exec.Command(path, args...)
	}
	c.Dir = s.dir
	return c.CombinedOutput()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops a throwaway server and removes its folder; a server named by
// STUDIO_TEST_PG keeps running.
func (s *Server) Stop() {
	if s == nil {
		return
	}
	s.mu.Lock()
	drop := append([]string{s.tmpl}, s.lasting...)
	s.mu.Unlock()
	if admin, err := sql.Open("pgx", s.URL); err == nil {
		for _, name := range drop {
			if name != "" {
				admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
			}
		}
		admin.Close()
	}
	if s.dir == "" {
		return
	}
	if s.URL != "" {
		s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	}
	os.RemoveAll(s.dir)
}

// Database makes a fresh, empty database for one test and returns its
// URL; it is dropped when the test ends.
func (s *Server) Database(tb testing.TB) string {
	tb.Helper()
	return s.database(tb, "")
}

// Lasting makes a fresh, empty database that outlives the test that asks
// for it, for what several tests or benchmarks share (a large studio
// built once); it is dropped when the server stops.
func (s *Server) Lasting() (string, error) {
	name := fmt.Sprintf("studio_shared_%d_%d", os.Getpid(), s.made.Add(1))
	if err := s.create(name, ""); err != nil {
		return "", err
	}
	s.mu.Lock()
	s.lasting = append(s.lasting, name)
	s.mu.Unlock()
	return s.urlOf(name), nil
}

// Prepared makes a fresh database for one test as a copy of one that
// prepare set up once (for example migrated to the newest schema), which
// is much quicker than preparing each; prepare must close its connections.
func (s *Server) Prepared(tb testing.TB, prepare func(url string) error) string {
	tb.Helper()
	s.tmplOnce.Do(func() {
		name := fmt.Sprintf("studio_template_%d", os.Getpid())
		s.tmplErr = s.create(name, "")
		if s.tmplErr == nil {
			s.tmplErr = prepare(s.urlOf(name))
		}
		s.tmpl = name
	})
	if s.tmplErr != nil {
		tb.Fatalf("pgtest: preparing the template database: %v", s.tmplErr)
	}
	return s.database(tb, s.tmpl)
}

// Copy makes a fresh database for one test as a copy of the server's
// database at url, which nothing may be connected to, and returns its
// URL; it is dropped when the test ends.
func (s *Server) Copy(tb testing.TB, of string) string {
	tb.Helper()
	u, err := url.Parse(of)
	if err != nil {
		tb.Fatal(err)
	}
	return s.database(tb, strings.TrimPrefix(u.Path, "/"))
}

// create makes a database, optionally as a copy of template.
func (s *Server) create(name, template string) error {
	admin, err := sql.Open("pgx", s.URL)
	if err != nil {
		return err
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q := `CREATE DATABASE ` + name
	if template != "" {
		q += ` TEMPLATE ` + template
	}
	if _, err := admin.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("CREATE DATABASE on %s: %w", redact(s.URL), err)
	}
	return nil
}

// urlOf is the URL of the server's database name.
func (s *Server) urlOf(name string) string {
	u, err := url.Parse(s.URL)
	if err != nil {
		return s.URL
	}
	u.Path = "/" + name
	return u.String()
}

func (s *Server) database(tb testing.TB, template string) string {
	tb.Helper()
	name := fmt.Sprintf("studio_test_%d_%d", os.Getpid(), s.made.Add(1))
	if err := s.create(name, template); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", s.URL)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	})
	return s.urlOf(name)
}

// redact is a URL without its password, for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a malformed URL)"
	}
	return u.Redacted()
}

// Lazy is the server of a package's tests: started when a test first
// needs it (a test binary run again as a child process never starts one)
// and stopped by Main when the tests end.
type Lazy struct {
	once   sync.Once
	server *Server
	err    error
}

// Main runs the package's tests, then stops the server if one started.
func (l *Lazy) Main(m *testing.M) int {
	code := m.Run()
	l.server.Stop()
	return code
}

// Need returns the server, starting it on first use. Without PostgreSQL
// here the test skips, except under CI, where that fails it.
func (l *Lazy) Need(tb testing.TB) *Server {
	tb.Helper()
	l.once.Do(func() { l.server, l.err = Start() })
	switch {
	case l.err == nil:
		return l.server
	case errors.Is(l.err, ErrMissing) && os.Getenv("CI") == "":
		tb.Skip(l.err.Error())
	default:
		tb.Fatalf("pgtest: %v", l.err)
	}
	return nil
}
