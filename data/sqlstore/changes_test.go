package sqlstore

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/pgtest"
)

// A counter following the changes sees what another counter (a store on
// its own connections) does within a second — a new client, a check-in, a
// payment — each once, oldest first, with its kind, record and client;
// on a server by the notification at the other's commit, not a poll.
func TestChangeFeedSeesTheOtherCounter(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	other := openAgain(t, s)
	feed, err := s.FollowChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	if got, err := feed.Next(ctx, 100*time.Millisecond); err != nil || len(got) != 0 {
		t.Fatalf("a feed of nothing gave %v, %v", got, err)
	}
	done := make(chan data.Client, 1)
	go func() {
		time.Sleep(150 * time.Millisecond) // the feed is waiting by then
		c, err := other.CreateClient(ctx, data.Client{Name: "Ida Roth"})
		if err != nil {
			t.Error(err)
		}
		done <- c
	}()
	start := time.Now()
	got, err := feed.Next(ctx, 5*time.Second)
	took := time.Since(start)
	c := <-done
	if err != nil || len(got) != 1 || got[0].Kind != "clients.create" || got[0].Record != c.ID || got[0].ClientID != c.ID {
		t.Fatalf("the new client came as %+v, %v", got, err)
	}
	if took > time.Second {
		t.Errorf("the change took %v to arrive", took)
	}
	if s.OnServer() && took > 150*time.Millisecond+filePoll {
		t.Errorf("on a server the change took %v: it waited for a poll, not the notification", took)
	}
	if _, err := other.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 500, Method: data.MethodCash, ReceivedOn: other.Today()}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.CheckIn(ctx, data.CheckIn{ClientID: c.ID, Beyond: data.BeyondGoodwill, Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	got, err = feed.Next(ctx, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	kinds := ""
	for _, ch := range got {
		kinds += ch.Kind + " "
		if ch.ClientID != c.ID {
			t.Errorf("%s names client %d, want %d", ch.Kind, ch.ClientID, c.ID)
		}
	}
	if kinds != "payments.create goodwill.create visits.create " {
		t.Errorf("the changes came as %q", kinds)
	}
	if again, err := feed.Next(ctx, 50*time.Millisecond); err != nil || len(again) != 0 {
		t.Errorf("changes came twice: %+v, %v", again, err)
	}
}

// On a server a change that took a lower number but committed after a
// higher one is not missed: the feed looks for it until it comes.
func TestChangeFeedMissesNoLateCommit(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("a file's writers commit in the order of their numbers")
	}
	s := newStore(t)
	ctx := context.Background()
	feed, err := s.FollowChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	raw := func() *sql.DB {
		db, err := sql.Open("pgx", s.conn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	insert := `INSERT INTO audit_log (at, table_name, row_id, action, before, after) VALUES ('2026-11-23T10:30:00Z', $1, 1, 'create', '', '') RETURNING id`
	slow, err := raw().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var low, high int64
	if err := slow.QueryRowContext(ctx, insert, "slow").Scan(&low); err != nil {
		t.Fatal(err)
	}
	if err := raw().QueryRowContext(ctx, insert, "quick").Scan(&high); err != nil {
		t.Fatal(err)
	}
	if high <= low {
		t.Fatalf("ids %d then %d", low, high)
	}
	got, err := feed.Next(ctx, 2*time.Second)
	if err != nil || len(got) != 1 || got[0].ID != high {
		t.Fatalf("first came %+v, %v; want only %d", got, err, high)
	}
	if err := slow.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err = feed.Next(ctx, 2*time.Second)
	if err != nil || len(got) != 1 || got[0].ID != low || got[0].Kind != "slow.create" {
		t.Fatalf("the late commit came as %+v, %v; want %d", got, err, low)
	}
}
