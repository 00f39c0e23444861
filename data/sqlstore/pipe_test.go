package sqlstore

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/pgtest"
)

// What the counter does most takes at most five round trips to a server,
// counted on the connection itself: a network's delay is paid per answer
// awaited, so a LAN's millisecond costs each action a few milliseconds.
func TestCounterActionsRoundTrips(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("round trips are a server's; a file sends its statements within the program")
	}
	s := newStore(t)
	ctx := context.Background()
	carded := mustClient(t, s, "Ida Roth")
	mustContract(t, s, carded.ID, mustCard(t, s, "Zehner", 10, 6, 12000), "2026-11-01")
	bare := mustClient(t, s, "Ole Berg")
	lim := data.SummaryLimits{Payments: 8, Goodwill: 6, Visits: 8, Demands: 6}
	hour := 9
	actions := []struct {
		name string
		do   func() error
	}{
		{"search", func() error { _, err := s.SearchClients(ctx, "Rot", 50); return err }},
		{"summary", func() error { _, err := s.ClientSummary(ctx, carded.ID, lim); return err }},
		{"payment", func() error {
			_, err := s.RecordPayment(ctx, data.Payment{ClientID: carded.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()})
			return err
		}},
		{"check-in on a card", func() error {
			hour++
			setClock(s, localAt("2026-11-23", hour, 0))
			_, err := s.CheckIn(ctx, data.CheckIn{ClientID: carded.ID})
			return err
		}},
		{"check-in as goodwill", func() error {
			hour++
			setClock(s, localAt("2026-11-23", hour, 0))
			_, err := s.CheckIn(ctx, data.CheckIn{ClientID: bare.ID, Beyond: data.BeyondGoodwill, Text: "Probestunde"})
			return err
		}},
	}
	var sent []string
	sentHook = func(q string) { sent = append(sent, strings.Join(strings.Fields(q), " ")) }
	t.Cleanup(func() { sentHook = nil })
	for _, a := range actions {
		// the first time, the server learns the statements (pgx prepares
		// each once per connection); a connection idle for a second is
		// pinged when it is taken again: neither is the action's own
		if err := a.do(); err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		sent = nil
		before := s.RoundTrips()
		if err := a.do(); err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		trips := s.RoundTrips() - before
		t.Logf("%s: %d round trips, %d statements", a.name, trips, len(sent))
		if trips > 5 || trips < 1 {
			t.Errorf("%s took %d round trips (want 1 to 5); it sent:\n  %s", a.name, trips, strings.Join(sent, "\n  "))
		}
	}
}

// A statement sent later that the server refuses fails the whole write
// at its commit: nothing of it stays, and the connection is ready for the
// next one.
func TestLaterStatementFailsTheWrite(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Ida Roth")
	err := s.write(ctx, func(tx *dbx) error {
		if err := tx.later(`UPDATE clients SET notes = 'changed' WHERE id = ?`, c.ID); err != nil {
			return err
		}
		// a second client of the same id breaks the key
		return tx.later(`INSERT INTO clients (id, name, created_at, updated_at) VALUES (?, 'Twin', '', '')`, c.ID)
	})
	if err == nil {
		t.Fatal("a write whose statement the database refused succeeded")
	}
	got, err := s.Client(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes == "changed" {
		t.Error("the refused write left its first statement behind")
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 500, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatalf("the next write failed: %v", err)
	}
	// a cancelled write sends nothing and leaves nothing
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.RecordPayment(cctx, data.Payment{ClientID: c.ID, Amount: 700, Method: data.MethodCash, ReceivedOn: s.Today()}); err == nil {
		t.Error("a payment was recorded under a cancelled context")
	}
	b, err := s.BalanceOf(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Credit != 500 {
		t.Errorf("credit %d, want the one payment of 500", b.Credit)
	}
}

// A server's values read through a pipe land in the program's types as
// database/sql puts them there.
func TestAssignConvertsAsDatabaseSQL(t *testing.T) {
	var (
		i     int64
		n     int
		b     bool
		str   string
		money data.Money
		cat   data.GoodwillCategory
		f     float64
		raw   []byte
		ns    sql.NullString
		ni    sql.NullInt64
	)
	cases := []struct {
		dest, v any
		check   func() bool
	}{
		{&i, int32(7), func() bool { return i == 7 }},
		{&n, int64(42), func() bool { return n == 42 }},
		{&b, int64(1), func() bool { return b }},
		{&str, int64(12), func() bool { return str == "12" }},
		{&str, "Müller", func() bool { return str == "Müller" }},
		{&money, int64(-250), func() bool { return money == -250 }},
		{&cat, "makeup", func() bool { return cat == data.CatMakeup }},
		{&f, int64(3), func() bool { return f == 3 }},
		{&raw, []byte{1, 2}, func() bool { return len(raw) == 2 && raw[1] == 2 }},
		{&ns, nil, func() bool { return !ns.Valid }},
		{&ni, int64(5), func() bool { return ni.Valid && ni.Int64 == 5 }},
		{&i, "17", func() bool { return i == 17 }},
	}
	for k, c := range cases {
		if err := assign(c.dest, c.v); err != nil {
			t.Errorf("case %d: %v", k, err)
		} else if !c.check() {
			t.Errorf("case %d: %T %v stored wrong", k, c.v, c.v)
		}
	}
	for k, c := range []struct{ dest, v any }{
		{&i, nil}, {&str, nil}, {&b, int64(2)}, {&i, "x"}, {&n, time.Now()}, {i, int64(1)},
	} {
		if err := assign(c.dest, c.v); err == nil {
			t.Errorf("bad case %d: %T into %T was accepted", k, c.v, c.dest)
		}
	}
}

// At a counter across a LAN (a round trip of 2 ms, made by a delaying
// proxy) the search, the client's card and a check-in each answer well
// within 50 ms, at the 95th percentile; and the delay is real: each
// action took at least its round trips' worth.
func TestCounterOverALan(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("a network is a server's; a file is on this computer")
	}
	const rtt = 2 * time.Millisecond
	base := newStore(t)
	base.Close()
	ctx := context.Background()
	s, err := OpenServer(ctx, pgtest.Delayed(t, base.conn, rtt))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return fixedNow }
	var ids []int64
	for _, name := range []string{"Ida Roth", "Ole Berg", "Jana Rothe", "Mia Roth-Lenz"} {
		c := mustClient(t, s, name)
		mustContract(t, s, c.ID, mustCard(t, s, "Zehner "+name, 10, 6, 12000), "2026-11-01")
		ids = append(ids, c.ID)
	}
	lim := data.SummaryLimits{Payments: 8, Goodwill: 6, Visits: 8, Demands: 6}
	minute := 0
	actions := []struct {
		name string
		do   func(i int) error
	}{
		{"search", func(int) error { _, err := s.SearchClients(ctx, "Rot", 50); return err }},
		{"summary", func(i int) error { _, err := s.ClientSummary(ctx, ids[i%len(ids)], lim); return err }},
		{"check-in", func(i int) error {
			minute += 30 // a new visit each time, not a repeat
			setClock(s, fixedNow.Add(time.Duration(minute)*time.Minute))
			_, err := s.CheckIn(ctx, data.CheckIn{ClientID: ids[i%len(ids)], Confirmed: true})
			return err
		}},
	}
	for _, a := range actions {
		if err := a.do(0); err != nil { // statements learnt, connections open
			t.Fatalf("%s: %v", a.name, err)
		}
		var times []time.Duration
		for i := range 20 {
			before := s.RoundTrips()
			t0 := time.Now()
			if err := a.do(i); err != nil {
				t.Fatalf("%s: %v", a.name, err)
			}
			took := time.Since(t0)
			if trips := s.RoundTrips() - before; took < time.Duration(trips)*rtt {
				t.Fatalf("%s: %d round trips took only %v: the network's delay is missing", a.name, trips, took)
			}
			times = append(times, took)
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		p95 := times[len(times)*95/100]
		t.Logf("%s over a 2 ms network: p50 %v, p95 %v", a.name, times[len(times)/2], p95)
		if p95 > 50*time.Millisecond {
			t.Errorf("%s took %v at the 95th percentile over a 2 ms network; want under 50 ms", a.name, p95)
		}
	}
}
