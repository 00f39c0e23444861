package sqlstore

import (
	"context"
	"testing"
	"time"

	"studiopartner/data"
)

// The daily refresh on one counter and a write on another at the same
// moment, on a server: the refresh never puts back a kept value the write
// changed. (Read in a snapshot taken before the write committed, its new
// values would be stale; it gives way instead and runs at the next look.)
func TestDailyRefreshBesideAWrite(t *testing.T) {
	s := newStore(t)
	if !s.OnServer() {
		t.Skip("SQLite has one writer: the refresh and the write go one after the other")
	}
	ctx := context.Background()
	for round := range 4 {
		c := mustClient(t, s, "Ida Roth")
		if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kurs", Amount: 5000, Due: s.Today()}); err != nil {
			t.Fatal(err)
		}
		other := openAgain(t, s)
		next := fixedNow.AddDate(0, 0, 30*(round+1)) // a later day: the charge is overdue there
		other.Now = func() time.Time { return next }
		hold, release := make(chan struct{}), make(chan struct{})
		s.beforeCommit = func() error { close(hold); <-release; return nil }
		wrote := make(chan error, 1)
		go func() {
			_, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 5000, Method: data.MethodCash, ReceivedOn: s.Today()})
			wrote <- err
		}()
		<-hold // the payment holds the client's row and has not committed
		refreshed := make(chan error, 1)
		go func() { refreshed <- other.freshen(ctx) }()
		time.Sleep(20 * time.Millisecond) // the refresh reaches the held row
		close(release)
		if err := <-wrote; err != nil {
			t.Fatal(err)
		}
		if err := <-refreshed; err != nil {
			t.Fatal(err)
		}
		s.beforeCommit = nil
		if err := other.freshen(ctx); err != nil { // the next look
			t.Fatal(err)
		}
		var open, overdue int64
		if err := s.read.QueryRowContext(ctx, `SELECT open_cents, overdue_cents FROM clients WHERE id = ?`, c.ID).Scan(&open, &overdue); err != nil {
			t.Fatal(err)
		}
		if open != 0 || overdue != 0 {
			t.Fatalf("round %d: kept %d open, %d overdue after the charge was paid", round, open, overdue)
		}
	}
}
