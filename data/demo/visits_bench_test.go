package demo

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// benchEngines are the engines the large benchmarks run on, each on its
// own copy of the 50,000-client demo studio.
var benchEngines = []string{"sqlite", "postgres"}

// grownStudio copies the 50,000-client demo studio on engine, lets grow
// add rows to the copy straight through the engine's driver (SQL of the
// engine's own, for speed), and opens the copy with its kept sums
// recounted and the day's refreshes done, as at the counter's start.
func grownStudio(b *testing.B, engine string, grow func(raw *sql.DB, now time.Time) error) *sqlstore.Store {
	b.Helper()
	ctx := context.Background()
	var raw *sql.DB
	var open func() (*sqlstore.Store, error)
	var err error
	if engine == "sqlite" {
		path := copyBig(b)
		raw, err = sql.Open("sqlite", "file:"+path)
		open = func() (*sqlstore.Store, error) { return sqlstore.Open(path) }
	} else {
		url := pg.Need(b).Copy(b, pgBig(b))
		raw, err = sql.Open("pgx", url)
		open = func() (*sqlstore.Store, error) { return sqlstore.OpenServer(ctx, url) }
	}
	if err != nil {
		b.Fatal(err)
	}
	if err := grow(raw, time.Now()); err != nil {
		raw.Close()
		b.Fatalf("%s: %v", engine, err)
	}
	if engine != "sqlite" {
		if _, err := raw.Exec(`ANALYZE`); err != nil { // as the store does after a build or an import
			b.Fatal(err)
		}
	}
	raw.Close()
	s, err := open()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.RecountSums(ctx); err != nil { // the rows came behind the store's back
		b.Fatal(err)
	}
	if _, err := s.Flags(ctx); err != nil {
		b.Fatal(err)
	}
	return s
}

// addVisits grows a studio to 2,000,000 visits over the last two years,
// one in 25 a no-show and two in 25 cancelled.
func addVisits(engine string) func(raw *sql.DB, now time.Time) error {
	return func(raw *sql.DB, now time.Time) error {
		stamp := now.UTC().Format(time.RFC3339)
		var err error
		if engine == "sqlite" {
			_, err = raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000 - (SELECT count(*) FROM visits))
				INSERT INTO visits (client_id, at, outcome, uses_session, created_at)
				SELECT 1 + abs(random()) % 50000, strftime('%Y-%m-%dT%H:%M', ?, '-' || (60 + abs(random()) % 1051200) || ' minutes'),
				       CASE abs(random()) % 25 WHEN 0 THEN 'no_show' WHEN 1 THEN 'cancelled_late' WHEN 2 THEN 'cancelled_in_time'
				            ELSE 'attended' END, 0, ? FROM n`, now.Format("2006-01-02 15:04"), stamp)
		} else {
			_, err = raw.Exec(`INSERT INTO visits (client_id, at, outcome, uses_session, created_at)
				SELECT 1 + floor(random() * 50000)::int,
				       to_char($1::timestamp - make_interval(mins => 60 + floor(random() * 1051200)::int), 'YYYY-MM-DD"T"HH24:MI'),
				       CASE floor(random() * 25)::int WHEN 0 THEN 'no_show' WHEN 1 THEN 'cancelled_late' WHEN 2 THEN 'cancelled_in_time'
				            ELSE 'attended' END, 0, $2
				FROM generate_series(1, 2000000 - (SELECT count(*) FROM visits))`, now.Format("2006-01-02 15:04"), stamp)
		}
		if err != nil {
			return err
		}
		_, err = raw.Exec(`UPDATE clients SET last_visit_on = coalesce((SELECT substr(max(v.at), 1, 10) FROM visits v
			WHERE v.client_id = clients.id AND v.outcome = 'attended'), '')`)
		return err
	}
}

// BenchmarkVisits2M grows the 50,000-client demo studio to 2,000,000
// visits over two years and times, at the counter, on each engine: a
// check-in (the write included) of a client with a card or course, the
// client's summary with the check-in's plan (what is left on the cards),
// and every client's flags.
func BenchmarkVisits2M(b *testing.B) {
	ctx := context.Background()
	for _, engine := range benchEngines {
		s := grownStudio(b, engine, addVisits(engine))
		ids := checkInClients(b, s)
		b.Run("checkin/"+engine, func(b *testing.B) {
			i := 0
			timeAction(b, s, func() error {
				i++
				_, err := s.CheckIn(ctx, data.CheckIn{ClientID: ids[i%len(ids)], Confirmed: true})
				return err
			})
		})
		b.Run("counter-summary/"+engine, func(b *testing.B) {
			i := 0
			timeAction(b, s, func() error {
				i++
				id := ids[(i*7)%len(ids)]
				if _, err := s.PlanCheckIn(ctx, id, 0, time.Time{}); err != nil {
					return err
				}
				return summary(ctx, s, id)
			})
		})
		b.Run("flags-all-clients/"+engine, func(b *testing.B) {
			n := 0
			timeAction(b, s, func() error {
				fs, err := s.Flags(ctx)
				n = len(fs)
				return err
			})
			b.ReportMetric(float64(n), "flags")
		})
	}
}

// checkInClients are up to 3,000 clients a check-in finds a contract for
// (a card with more than one session left, or a running course or
// membership), picked at random.
func checkInClients(b *testing.B, s *sqlstore.Store) []int64 {
	b.Helper()
	ctx := context.Background()
	clients, err := s.ListClients(ctx, 0, 50_000)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	r.Shuffle(len(clients), func(i, j int) { clients[i], clients[j] = clients[j], clients[i] })
	var ids []int64
	for _, c := range clients {
		if len(ids) == 3000 {
			break
		}
		p, err := s.PlanCheckIn(ctx, c.ID, 0, time.Time{})
		if err == nil && p.Contract != nil && (!p.Contract.IsCard() || p.Contract.Left() > 1) {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) < 1000 {
		b.Fatalf("only %d clients to check in", len(ids))
	}
	return ids
}
