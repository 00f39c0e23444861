package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// TestCheckinCommand checks a client in on a card twice (the second time
// only with --confirm), lists the visits, and makes a client with no
// contract choose what the visit is.
func TestCheckinCommand(t *testing.T) {
	old := clock
	clock = func() time.Time { return time.Date(2026, 11, 23, 17, 0, 0, 0, time.Local) }
	defer func() { clock = old }()
	db := filepath.Join(t.TempDir(), "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	card, err := s.SaveService(ctx, data.Service{Name: "10er-Karte", Kind: data.KindCard, Price: 12000, Active: true,
		Sessions: 10, ValidMonths: 6, Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: 6,
			Notice: data.Notice{Unit: data.NoticeDays}, Renewal: data.RenewNone}})
	if err != nil {
		t.Fatal(err)
	}
	anna, _ := s.CreateClient(ctx, data.Client{Name: "Anna Weiß"})
	ben, _ := s.CreateClient(ctx, data.Client{Name: "Ben Roth", Language: "en"})
	if err := s.SetSetting(ctx, data.SettingLanguage, "de"); err != nil { // a German studio
		t.Fatal(err)
	}
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: anna.ID, ServiceID: card.ID, Price: card.Price, Terms: card.Terms,
		Start: data.NewDate(2026, 11, 1)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	a, b := strconv.FormatInt(anna.ID, 10), strconv.FormatInt(ben.ID, 10)
	for _, x := range []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"on the card", []string{"checkin", "--client", a, "--at", "16:55"}, 0, "9 of 10 left, valid until 30 Apr 2027", ""},
		{"again", []string{"checkin", "--client", a}, 1, "", "--confirm"},
		{"again, confirmed", []string{"checkin", "--client", a, "--confirm"}, 0, "8 of 10 left", ""},
		{"in the future", []string{"checkin", "--client", a, "--at", "2026-11-24 18:00", "--confirm"}, 1, "", "future"},
		{"not a time", []string{"checkin", "--client", a, "--at", "halb sieben"}, 1, "", "not a time"},
		{"no contract", []string{"checkin", "--client", b}, 1, "", "--beyond goodwill"},
		{"no such choice", []string{"checkin", "--client", b, "--beyond", "free"}, 2, "", "--beyond"},
		{"as goodwill", []string{"checkin", "--client", b, "--beyond", "goodwill"}, 0, "as goodwill", ""},
		{"no client", []string{"checkin"}, 2, "", "--client"},
		{"visits", []string{"visits", "--client", a}, 0, "\tattended\t10er-Karte\t1\t", ""},
		{"visits from tomorrow", []string{"visits", "--client", a, "--from", "2026-11-24"}, 0, "", ""},
	} {
		t.Run(x.name, func(t *testing.T) {
			code, out, errOut := runCLI(append([]string{"--db", db, "--lang", "en"}, x.args...)...)
			if code != x.code || !strings.Contains(out, x.out) || !strings.Contains(errOut, x.err) ||
				strings.Contains(errOut, "unexpected") { // an expected refusal is worded as what it is
				t.Fatalf("exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", code, x.code, out, x.out, errOut, x.err)
			}
		})
	}
	s, err = sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: ben.ID})
	if len(gs) != 1 || gs[0].Description != "Zusätzliche Stunde am 23.11.2026" { // the studio's record, in its language
		t.Fatalf("the extra session's goodwill: %+v", gs)
	}
	if _, out, _ := runCLI("--db", db, "visits", "--client", a); strings.Count(out, "\n") != 2 {
		t.Fatalf("Anna's visits:\n%s", out)
	}
	if _, out, _ := runCLI("--db", db, "visits", "--client", a, "--from", "2026-11-24"); out != "" {
		t.Fatalf("visits from tomorrow:\n%s", out)
	}
}

// One client checked in at two counters at the same moment — two programs
// of their own on one server — makes one visit: one counter records it,
// the other is told the client is checked in already.
func TestCheckinAtTwoCountersAtOnce(t *testing.T) {
	db := pg.Need(t).Database(t)
	s, err := sqlstore.OpenServer(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ben, err := s.CreateClient(context.Background(), data.Client{Name: "Ben Roth"})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--db", db, "--lang", "en", "checkin", "--client", strconv.FormatInt(ben.ID, 10), "--beyond", "goodwill"}
	type result struct {
		code int
		out  string
	}
	results := make(chan result, 2)
	start := make(chan struct{})
	for range 2 {
		go func() {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), childArgs+"="+strings.Join(args, "\x1f"))
			<-start
			out, _ := cmd.CombinedOutput()
			results <- result{cmd.ProcessState.ExitCode(), string(out)}
		}()
	}
	close(start)
	codes := map[int]int{}
	var said []string
	for range 2 {
		r := <-results
		codes[r.code]++
		said = append(said, r.out)
	}
	if codes[0] != 1 || codes[1] != 1 {
		t.Fatalf("exit codes %v: %q", codes, said)
	}
	_, out, _ := runCLI("--db", db, "visits", "--client", strconv.FormatInt(ben.ID, 10))
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; strings.TrimSpace(out) == "" || n != 1 {
		t.Errorf("%d visits after two check-ins at once: %q (%q)", n, out, said)
	}
}

// A computer's commands record at the branch STUDIO_BRANCH names; visits
// and the review read one branch or all; a name the store cannot take
// stops the command before anything is done.
func TestCommandsAtABranch(t *testing.T) {
	old := clock
	clock = func() time.Time { return time.Date(2026, 11, 23, 17, 0, 0, 0, time.Local) }
	defer func() { clock = old }()
	db := filepath.Join(t.TempDir(), "studio.db")
	s, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	anna, err := s.CreateClient(context.Background(), data.Client{Name: "Anna Weiß"})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	a := strconv.FormatInt(anna.ID, 10)
	checkin := func(branch, at string) (int, string) {
		t.Setenv(EnvBranch, branch)
		code, _, errOut := runCLI("--db", db, "--lang", "en", "checkin", "--client", a, "--beyond", "goodwill", "--at", at, "--confirm")
		return code, errOut
	}
	if code, errOut := checkin("Mitte", "10:00"); code != 0 {
		t.Fatalf("at Mitte: %d %s", code, errOut)
	}
	if code, errOut := checkin("Nord", "12:00"); code != 0 {
		t.Fatalf("at Nord: %d %s", code, errOut)
	}
	if code, errOut := checkin("Nord\tSüd", "14:00"); code != 1 || !strings.Contains(errOut, "STUDIO_BRANCH: A branch’s name is one line") {
		t.Fatalf("a bad name: %d %s", code, errOut)
	}
	t.Setenv(EnvBranch, "")
	_, all, _ := runCLI("--db", db, "visits", "--client", a)
	if lines := strings.Split(strings.TrimSpace(all), "\n"); len(lines) != 2 || !strings.HasSuffix(lines[0], "\tNord") ||
		!strings.HasSuffix(lines[1], "\tMitte") {
		t.Fatalf("every branch's visits:\n%s", all)
	}
	_, nord, _ := runCLI("--db", db, "visits", "--client", a, "--branch", "Nord")
	if strings.Count(nord, "\n") != 1 || !strings.Contains(nord, "T12:00\t") {
		t.Fatalf("Nord's visits:\n%s", nord)
	}
	dir := t.TempDir()
	for branch, want := range map[string]string{"Mitte": "Mitte", "": ""} {
		out := filepath.Join(dir, "review-"+branch+".csv")
		if code, _, errOut := runCLI("--db", db, "--lang", "en", "review", "--month", "2026-11", "--branch", branch, "-o", out); code != 0 {
			t.Fatalf("review of %q: %s", branch, errOut)
		}
		b, _ := os.ReadFile(out)
		if has := strings.Contains(string(b), "Branch,Mitte"); has != (want != "") {
			t.Fatalf("review of %q:\n%s", branch, b)
		}
	}
}
