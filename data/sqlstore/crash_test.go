package sqlstore

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"studiopartner/data"
	"syscall"
	"testing"
	"time"
)

// TestCrashSafety runs a writing workload in a child process, kills it
// with SIGKILL at 50 random moments, and checks after each that every
// record the child saw committed is there and the database is sound.
func TestCrashSafety(t *testing.T) {
	if os.Getenv("SP_CRASH_CHILD") == "1" {
		crashChild()
		return
	}
	dir := tempDir(t)
	db, logPath := filepath.Join(dir, "crash.db"), filepath.Join(dir, "committed.log")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(50, 50))
	for i := range 50 {
		cmd := exec.Command(exe, "-test.run=^TestCrashSafety$")
		cmd.Env = append(os.Environ(), "SP_CRASH_CHILD=1", "SP_CRASH_DB="+db, "SP_CRASH_LOG="+logPath)
		before := len(readLines(t, logPath))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// once the child is writing (a slow start on a busy machine does not
		// count), kill it at a random moment of its work
		for deadline := time.Now().Add(5 * time.Second); len(readLines(t, logPath)) == before && time.Now().Before(deadline); {
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(time.Duration(rnd.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, err := Open(db)
		if err != nil {
			t.Fatalf("kill %d: the database does not open: %v", i, err)
		}
		res, err := s.Check(context.Background())
		if err != nil || !res.OK {
			t.Fatalf("kill %d: check: %+v, %v", i, res, err)
		}
		stored := map[string]bool{}
		rows, _ := s.ListClients(context.Background(), 0, 1_000_000)
		for _, r := range rows {
			stored[r.Name] = true
		}
		s.Close()
		for _, name := range readLines(t, logPath) {
			if !stored[name] {
				t.Fatalf("kill %d: %q was committed but is gone", i, name)
			}
		}
	}
	if n := len(readLines(t, logPath)); n < 25 {
		t.Fatalf("only %d records committed over 50 runs: the workload hardly ran", n)
	}
}

// crashChild writes clients until it is killed, noting each one after its
// transaction has committed.
func crashChild() {
	s, err := Open(os.Getenv("SP_CRASH_DB"))
	if err != nil {
		os.Exit(3)
	}
	log, err := os.OpenFile(os.Getenv("SP_CRASH_LOG"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		os.Exit(3)
	}
	ctx := context.Background()
	for n := 0; ; n++ {
		name := fmt.Sprintf("client %d-%d", os.Getpid(), n)
		c, err := s.CreateClient(ctx, data.Client{Name: name, Email: "a@example.de"})
		if err != nil {
			os.Exit(4)
		}
		if _, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: s.Today(), Category: data.CatOther, Description: "x", Value: 100}); err != nil {
			os.Exit(5)
		}
		fmt.Fprintln(log, name)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// a line cut off by the kill was never finished, so never counted
		if line := sc.Text(); strings.HasPrefix(line, "client ") {
			out = append(out, line)
		}
	}
	return out
}
