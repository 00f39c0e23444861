package cli

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"testing"
	"time"
)

// childArgs, set in a child's environment, makes this test binary run the
// command line with these arguments (separated by the unit separator, 0x1F) instead of tests.
const childArgs = "STUDIO_CLI_CHILD_ARGS"

// openStore opens a file or a server's database.
func openStore(db string) (*sqlstore.Store, error) {
	if sqlstore.IsServerURL(db) {
		return sqlstore.OpenServer(context.Background(), db)
	}
	return sqlstore.Open(db)
}

// startChild runs the command line as a program of its own and returns
// its output as it comes, line by line.
func startChild(t *testing.T, args ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgs+"="+strings.Join(args, "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return cmd, lines
}

// watch, a program of its own, prints what another program does to the
// same studio — on a file and on a server — one tab-separated line per
// change (time, kind, record, client), within a second, and ends after
// --count changes.
func TestWatchSeesAnotherProgram(t *testing.T) {
	for _, db := range []string{filepath.Join(t.TempDir(), "studio.db"), pg.Need(t).Database(t)} {
		if code, _, errOut := runCLI("--db", db, "demo", "--clients", "8", "--seed", "2"); code != 0 {
			t.Fatalf("demo: %s", errOut)
		}
		cmd, lines := startChild(t, "--db", db, "watch", "--count", "2")
		time.Sleep(700 * time.Millisecond) // the child has started following by then
		start := time.Now()
		var ids []int64
		func() {
			s, err := openStore(db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, name := range []string{"Neu Eins", "Neu Zwei"} {
				c, err := s.CreateClient(context.Background(), data.Client{Name: name})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, c.ID)
			}
		}()
		var got []string
		for len(got) < 2 {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("%s: watch ended after %q", db, got)
				}
				got = append(got, l)
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: watch printed %q in 5 s", db, got)
			}
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: the check-in took %v to show", db, took)
		}
		for i, l := range got {
			id := strconv.FormatInt(ids[i], 10)
			want := "\tclients.create\t" + id + "\t" + id
			if !strings.HasSuffix(l, want) || !strings.HasPrefix(l, "20") || strings.Count(l, "\t") != 3 {
				t.Errorf("%s: line %d is %q, want time%q", db, i+1, l, want)
			}
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("%s: watch --count 2 did not end well: %v", db, err)
		}
	}
	if code, _, errOut := runCLI("--lang", "en", "watch", "--count", "-1"); code != exitUsage || !strings.Contains(errOut, "--count takes") {
		t.Errorf("watch --count -1: exit %d, %q", code, errOut)
	}
}
