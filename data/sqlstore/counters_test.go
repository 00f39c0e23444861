package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"studiopartner/data"
	"studiopartner/data/disk"
	"sync"
	"testing"
	"time"
)

// A record deleted when its retention ended never lends its number to the
// next one: charges, payments, agreements and letters.
func TestNumbersNeverGivenTwice(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Ida Roth")
	charge := func() int64 {
		ch, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Schuhe", Amount: 3000, Due: s.Today()})
		if err != nil {
			t.Fatal(err)
		}
		return ch.ID
	}
	pay := func() int64 {
		p, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	letter := func() data.Document {
		d, _, err := s.IssueDocument(ctx, data.Document{Kind: data.DocReminder, ClientID: c.ID, Language: "de"},
			func(string) ([]byte, error) { return []byte("%PDF"), nil }, nil)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cs, err := s.SaveClauses(ctx, data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "intro", Title: "T", Body: "B"}}})
	if err != nil {
		t.Fatal(err)
	}
	agreement := func() data.Agreement {
		a, _, err := s.IssueAgreement(ctx, c.ID, cs, nil, nil, func(string) ([]byte, error) { return []byte("%PDF"), nil }, nil)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	gone := func(table string, id int64) { // as the clean-up deletes at the end of the retention
		if _, err := s.x().Exec(`DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	}
	first := charge()
	gone("charges", first)
	if again := charge(); again <= first {
		t.Errorf("a charge got id %d after %d was deleted", again, first)
	}
	p := pay()
	gone("payments", p)
	if again := pay(); again <= p {
		t.Errorf("a payment got id %d after %d was deleted", again, p)
	}
	d := letter()
	gone("documents", d.ID)
	if again := letter(); again.Number == d.Number || again.ID <= d.ID {
		t.Errorf("a letter got %s (%d) after %s (%d) was deleted", again.Number, again.ID, d.Number, d.ID)
	}
	a := agreement()
	gone("agreements", a.ID)
	if again := agreement(); again.Number() == a.Number() {
		t.Errorf("an agreement got the number %s of a deleted one", again.Number())
	}
}

// The erasure register, which a restored backup reads to erase again,
// holds only erasures that were committed.
func TestErasureRegisteredOnlyAfterCommit(t *testing.T) {
	sqliteOnly(t, "the erasure register is a file beside the database")
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Erik Ende")
	failed := errors.New("the disk is full")
	s.beforeCommit = func() error { return failed }
	if err := s.EraseClient(ctx, c.ID); !errors.Is(err, failed) {
		t.Fatalf("erase with a failing commit: %v", err)
	}
	if list, _ := disk.ReadErasures(s.Path()); len(list) != 0 {
		t.Fatalf("an erasure that did not happen is registered: %+v", list)
	}
	if got, _ := s.Client(ctx, c.ID); !got.ErasedOn.IsZero() {
		t.Fatal("the client is erased after all")
	}
	s.beforeCommit = nil
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := disk.ReadErasures(s.Path()); len(list) != 1 {
		t.Fatalf("the erasure is not registered: %+v", list)
	}
}

// Drawing a PDF and checking a PIN happen outside any write: a second
// program writing meanwhile does not wait for them.
func TestSlowWorkOutsideWrites(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Ida Roth")
	owner := mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	other := openAgain(t, s)
	const slow = 600 * time.Millisecond
	for _, x := range []struct {
		name string
		run  func()
	}{
		{"drawing a letter", func() {
			s.IssueDocument(ctx, data.Document{Kind: data.DocReminder, ClientID: c.ID, Language: "de"},
				func(string) ([]byte, error) { time.Sleep(slow); return []byte("%PDF"), nil }, nil)
		}},
		{"checking a PIN", func() {
			for range 3 {
				s.SignIn(ctx, owner.ID, "0000") // wrong: counted, after Argon2
			}
		}},
	} {
		done := make(chan struct{})
		go func() { x.run(); close(done) }()
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		if err := other.SetSetting(ctx, "ui:note", x.name); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > 200*time.Millisecond {
			t.Errorf("while %s, a write of another program waited %v", x.name, took)
		}
		<-done
	}
}

// The month's payments follow the payments the clean-up deletes at the
// end of their retention; they match the payments left.
func TestPaymentMonthsFollowTheCleanUp(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Ida Roth")
	old := day("2016-05-02")
	if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kurs", Amount: 4900, Due: old}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 4900, Method: data.MethodCash, ReceivedOn: old}); err != nil {
		t.Fatal(err)
	}
	other := mustClient(t, s, "Ben Roth")
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: other.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: old}); err != nil {
		t.Fatal(err)
	}
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	plan, err := s.CleanUp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Total() == 0 {
		t.Fatal("the clean-up deleted nothing")
	}
	var kept, raw int64
	s.x().QueryRow(`SELECT coalesce((SELECT amount_cents FROM payment_months WHERE month = '2016-05'), 0)`).Scan(&kept)
	s.x().QueryRow(`SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE received_on LIKE '2016-05-%'`).Scan(&raw)
	if kept != 1000 || raw != 1000 {
		t.Fatalf("May 2016: the month's sum says %d, the payments left %d; want 1000", kept, raw)
	}
}

// A read over many rows stops when its context ends.
func TestReadsHonourTheContext(t *testing.T) {
	s := newStore(t)
	c := mustClient(t, s, "Ida Roth")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ContractsOf(ctx, c.ID); err == nil {
		t.Error("contracts were read for a cancelled context")
	}
	if _, err := s.Flags(ctx); err == nil {
		t.Error("flags were read for a cancelled context")
	}
}

// Two counters saving the clauses at the same moment (two stores, each
// with its own connections) both succeed, with versions that follow one
// another: the version comes from a counter row, not the highest plus one.
func TestClauseVersionsAtTwoCounters(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	counters := []*Store{s, openAgain(t, s)}
	seen := map[int]bool{}
	for round := range 6 {
		got := make([]data.ClauseSet, 2)
		errs := make([]error, 2)
		atOnce(2, func(i int) {
			got[i], errs[i] = counters[i].SaveClauses(ctx, data.ClauseSet{Language: "de",
				Sections: []data.Section{{Key: "intro", Title: "Vorwort", Body: fmt.Sprint("Runde ", round, " Platz ", i)}}})
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, counter %d: %v", round, i, err)
			}
			if seen[got[i].Version] {
				t.Fatalf("round %d: version %d given twice", round, got[i].Version)
			}
			seen[got[i].Version] = true
		}
	}
	if len(seen) != 12 || !seen[1] || !seen[12] {
		t.Fatalf("versions %v, want 1 to 12", seen)
	}
}

// Two counters whose writes take two clients' rows in opposite order run
// into a deadlock on a server; the server rolls one back, and that write
// is tried again and succeeds: both are stored, none is lost.
func TestDeadlockedWriteTriedAgain(t *testing.T) {
	s := newStore(t)
	if !s.OnServer() {
		t.Skip("SQLite has one writer at a time: no deadlock between writes")
	}
	ctx := context.Background()
	a, b := mustClient(t, s, "Ida Roth"), mustClient(t, s, "Ole Brand")
	counters := []*Store{s, openAgain(t, s)}
	var mu sync.Mutex
	runs := 0
	firstLocked := make(chan struct{}, 2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, order := range [][2]int64{{a.ID, b.ID}, {b.ID, a.ID}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			try := 0
			errs[i] = counters[i].write(ctx, func(tx *dbx) error {
				mu.Lock()
				runs++
				mu.Unlock()
				try++
				if err := lockClient(tx, order[0]); err != nil {
					return err
				}
				if try == 1 { // both hold their first row before either takes its second
					firstLocked <- struct{}{}
					for len(firstLocked) < 2 {
						time.Sleep(time.Millisecond)
					}
				}
				if err := lockClient(tx, order[1]); err != nil {
					return err
				}
				_, err := tx.Exec(`UPDATE clients SET notes = notes || ? WHERE id = ?`, fmt.Sprint(" counter ", i), order[0])
				return err
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("counter %d: %v", i, err)
		}
	}
	if runs != 3 {
		t.Fatalf("the writes ran %d times, want 3 (one of them twice)", runs)
	}
	for _, id := range []int64{a.ID, b.ID} {
		c, err := s.Client(ctx, id)
		if err != nil || !strings.Contains(c.Notes, "counter") {
			t.Fatalf("client %d: %q, %v", id, c.Notes, err)
		}
	}
}
