package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/pgtest"
)

// A studio server that goes away (stopped, as by its restart) and comes
// back: what is asked meanwhile is refused with its own message and
// nothing of it lands; once the server is back the same store goes on by
// itself, and a counter following the changes sees them again.
func TestServerGoesAwayAndComesBack(t *testing.T) {
	bothEngines(t) // a server of its own, stopped and started, in the SQLite pass
	srv, err := pgtest.Start()
	if errors.Is(err, pgtest.ErrMissing) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	ctx := context.Background()
	s, err := OpenServer(ctx, srv.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.CreateClient(ctx, data.Client{Name: "Ida Roth"})
	if err != nil {
		t.Fatal(err)
	}
	pay := func() error {
		_, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()})
		return err
	}
	if err := pay(); err != nil {
		t.Fatal(err)
	}
	feed, err := s.FollowChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	if err := srv.Halt(); err != nil {
		t.Fatal(err)
	}
	for _, try := range []func() error{pay, func() error { _, err := s.ClientSummary(ctx, c.ID, data.SummaryLimits{}); return err }} {
		var e *data.Error
		if err := try(); !errors.As(err, &e) || e.Key != keyServerGone {
			t.Fatalf("with the server gone: %v", err)
		}
	}
	if got, err := feed.Next(ctx, 300*time.Millisecond); err == nil && len(got) > 0 {
		t.Fatalf("changes from a server that is gone: %+v", got)
	}
	if err := srv.Resume(); err != nil {
		t.Fatal(err)
	}
	var err2 error
	for range 20 { // the first look after the server's return may find a connection it closed
		if err2 = pay(); err2 == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err2 != nil {
		t.Fatalf("after the server came back: %v", err2)
	}
	b, err := s.BalanceOf(ctx, c.ID)
	if err != nil || b.Credit != 2000 {
		t.Fatalf("credit %d (%v): want the payment before and the one after, not the refused one", b.Credit, err)
	}
	got, err := feed.Next(ctx, 5*time.Second)
	if err != nil || len(got) != 1 || got[0].Kind != "payments.create" {
		t.Errorf("the feed after the server's return: %+v, %v", got, err)
	}
}
