package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/pgtest"
	"studiopartner/data/sqlstore"
)

// pg is the PostgreSQL server of this package's tests and benchmarks,
// started when one first needs it.
var pg pgtest.Lazy

func TestMain(m *testing.M) { os.Exit(pg.Main(m)) }

// The engines benchmark's server studio: the same 50,000-client demo as
// the SQLite one (bigStudio), made once per run on the test server.
var (
	pgBigOnce sync.Once
	pgBigURL  string
	pgBigErr  error
	pgBigTime time.Duration
)

func pgBigStudio(b *testing.B) *sqlstore.Store {
	b.Helper()
	s, err := sqlstore.OpenServer(context.Background(), pgBig(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// pgBig builds the server studio once per run and returns its URL.
func pgBig(b *testing.B) string {
	b.Helper()
	pgBigOnce.Do(func() {
		// shared by the benchmarks of the run: not dropped when the first ends
		if pgBigURL, pgBigErr = pg.Need(b).Lasting(); pgBigErr != nil {
			return
		}
		start := time.Now()
		pgBigErr = sqlstore.BuildServerDatabase(context.Background(), pgBigURL, func(s *sqlstore.Store) error {
			return Fill(context.Background(), s, Options{Clients: 50_000, Months: 24, Seed: 42})
		})
		pgBigTime = time.Since(start)
	})
	if pgBigErr != nil {
		b.Fatal(pgBigErr)
	}
	return pgBigURL
}

// BenchmarkEngines50k runs what the counter does most — search, the
// client's summary, check-in, a payment — and every client's flags on
// the same 50,000-client demo studio on SQLite and on PostgreSQL
// (localhost), and reports for each the median, the 95th percentile and
// the statements sent per action (each a round trip to a server).
func BenchmarkEngines50k(b *testing.B) {
	lite, _ := bigStudio(b)
	engines := []struct {
		name  string
		store *sqlstore.Store
	}{{"sqlite", lite}, {"postgres", pgBigStudio(b)}}
	b.Run("build/postgres", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(pgBigTime.Seconds(), "s/50k-clients")
		b.ReportMetric(bigTime.Seconds(), "s-sqlite/50k-clients")
	})
	ctx := context.Background()
	for _, e := range engines {
		s := e.store
		clients, err := s.ListClients(ctx, 0, 50_000)
		if err != nil || len(clients) != 50_000 {
			b.Fatalf("%s: %d clients, %v", e.name, len(clients), err)
		}
		pick := func(r *rand.Rand) int64 { return clients[r.IntN(len(clients))].ID }
		in := inputs("3-letter", 1000)
		b.Run("search/"+e.name, func(b *testing.B) {
			i := 0
			timeAction(b, s, func() error {
				i++
				_, err := s.SearchClients(ctx, in[i%len(in)], 50)
				return err
			})
		})
		b.Run("summary/"+e.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			timeAction(b, s, func() error { return summary(ctx, s, pick(r)) })
		})
		b.Run("checkin/"+e.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			timeAction(b, s, func() error {
				_, err := s.CheckIn(ctx, data.CheckIn{ClientID: pick(r), Beyond: data.BeyondGoodwill, Confirmed: true,
					Text: "Probestunde"})
				return err
			})
		})
		b.Run("payment/"+e.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(5, 6))
			timeAction(b, s, func() error {
				_, err := s.RecordPayment(ctx, data.Payment{ClientID: pick(r), Amount: 1000, Method: data.MethodCash,
					ReceivedOn: s.Today()})
				return err
			})
		})
		b.Run("flags/"+e.name, func(b *testing.B) {
			timeAction(b, s, func() error {
				_, err := s.Flags(ctx)
				return err
			})
		})
	}
}

// summary reads what the counter shows of a client, as the window does:
// in one snapshot.
func summary(ctx context.Context, s *sqlstore.Store, id int64) error {
	_, err := s.ClientSummary(ctx, id, data.SummaryLimits{Payments: 8, Goodwill: 6, Visits: 8, Demands: 6})
	return err
}

// timeAction runs action once per iteration and reports the median, the
// 95th percentile, the statements it sent and the round trips they took
// (on a file, where nothing travels, the statements).
func timeAction(b *testing.B, s *sqlstore.Store, action func() error) {
	var ds []time.Duration
	before, trips0 := s.Trips(), s.RoundTrips()
	for b.Loop() {
		t0 := time.Now()
		if err := action(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
	}
	statements := float64(s.Trips()-before) / float64(len(ds))
	trips := float64(s.RoundTrips()-trips0) / float64(len(ds))
	report(b, ds)
	b.ReportMetric(statements, "statements/op")
	b.ReportMetric(trips, "round-trips/op")
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "%s: %.1f statements, %.1f round trips per action\n", b.Name(), statements, trips)
	}
}

// BenchmarkLan50k runs the search, the client's summary and a check-in on
// the 50,000-client demo studio on the file and on the server across a
// network whose round trip takes 2 ms (a delaying proxy on this
// computer), as a counter at the studio's LAN would.
func BenchmarkLan50k(b *testing.B) {
	ctx := context.Background()
	lite, _ := bigStudio(b)
	post, err := sqlstore.OpenServer(ctx, pgtest.Delayed(b, pgBig(b), 2*time.Millisecond))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { post.Close() })
	for _, e := range []struct {
		name  string
		store *sqlstore.Store
	}{{"sqlite", lite}, {"postgres", post}} {
		s := e.store
		clients, err := s.ListClients(ctx, 0, 50_000)
		if err != nil || len(clients) != 50_000 {
			b.Fatalf("%s: %d clients, %v", e.name, len(clients), err)
		}
		pick := func(r *rand.Rand) int64 { return clients[r.IntN(len(clients))].ID }
		in := inputs("3-letter", 1000)
		b.Run("search/"+e.name, func(b *testing.B) {
			i := 0
			timeAction(b, s, func() error {
				i++
				_, err := s.SearchClients(ctx, in[i%len(in)], 50)
				return err
			})
		})
		b.Run("summary/"+e.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(11, 12))
			timeAction(b, s, func() error { return summary(ctx, s, pick(r)) })
		})
		b.Run("checkin/"+e.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(13, 14))
			timeAction(b, s, func() error {
				_, err := s.CheckIn(ctx, data.CheckIn{ClientID: pick(r), Beyond: data.BeyondGoodwill, Confirmed: true,
					Text: "Probestunde"})
				return err
			})
		})
	}
}
