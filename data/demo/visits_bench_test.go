package demo

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// BenchmarkVisits2M grows the 50,000-client demo studio to 2,000,000
// visits over two years and times, at the counter: a check-in (the write
// included) on a client with a card or course, the client's summary with
// what is left on the cards (contracts, last visits, worth, flags and the
// check-in's plan, as the counter reads them), and every client's flags.
func BenchmarkVisits2M(b *testing.B) {
	path := copyBig(b)
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	if _, err := raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000 - (SELECT count(*) FROM visits))
		INSERT INTO visits (client_id, at, outcome, uses_session, created_at)
		SELECT 1 + abs(random()) % 50000, strftime('%Y-%m-%dT%H:%M', ?, '-' || (60 + abs(random()) % 1051200) || ' minutes'),
		       CASE abs(random()) % 25 WHEN 0 THEN 'no_show' WHEN 1 THEN 'cancelled_late' WHEN 2 THEN 'cancelled_in_time'
		            ELSE 'attended' END, 0, ? FROM n`, now.Format("2006-01-02 15:04"), now.UTC().Format(time.RFC3339)); err != nil {
		b.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE clients SET last_visit_on = coalesce((SELECT substr(max(v.at), 1, 10) FROM visits v
		WHERE v.client_id = clients.id AND v.outcome = 'attended'), '')`); err != nil {
		b.Fatal(err)
	}
	// the clients a check-in finds a contract for: a valid card with
	// sessions left, or a running course or membership
	var candidates []int64
	err = eachID(raw, `SELECT DISTINCT k.client_id FROM contracts k JOIN clients c ON c.id = k.client_id
		WHERE c.status = 'active' AND k.start_on <= date('now') ORDER BY random() LIMIT 6000`, &candidates)
	raw.Close()
	if err != nil {
		b.Fatal(err)
	}
	s, err := sqlstore.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.RecountSums(ctx); err != nil { // the visits came behind the store's back
		b.Fatal(err)
	}
	var ids []int64
	for _, id := range candidates {
		p, err := s.PlanCheckIn(ctx, id, 0, time.Time{})
		if err == nil && p.Contract != nil && (!p.Contract.IsCard() || p.Contract.Left() > 1) && len(ids) < 3000 {
			ids = append(ids, id)
		}
	}
	if len(ids) < 1000 {
		b.Fatalf("only %d clients to check in", len(ids))
	}
	s.Flags(ctx) // the day's refreshes happen once, as at start
	b.Run("checkin", func(b *testing.B) {
		i := 0
		timed(b, func() error {
			i++
			_, err := s.CheckIn(ctx, data.CheckIn{ClientID: ids[i%len(ids)], Confirmed: true})
			return err
		})
	})
	b.Run("counter-summary", func(b *testing.B) {
		i := 0
		timed(b, func() error {
			i++
			id := ids[(i*7)%len(ids)]
			if _, err := s.PlanCheckIn(ctx, id, 0, time.Time{}); err != nil {
				return err
			}
			if _, err := s.ContractsOf(ctx, id); err != nil {
				return err
			}
			if _, err := s.Visits(ctx, id, data.Date{}, 8); err != nil {
				return err
			}
			if _, err := s.WorthOf(ctx, id); err != nil {
				return err
			}
			_, err := s.FlagsOf(ctx, id)
			return err
		})
	})
	b.Run("flags-all-clients", func(b *testing.B) {
		n := 0
		timed(b, func() error {
			fs, err := s.Flags(ctx)
			n = len(fs)
			return err
		})
		b.ReportMetric(float64(n), "flags")
	})
}

// eachID reads one column of ids.
func eachID(db *sql.DB, q string, into *[]int64) error {
	rows, err := db.Query(q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		*into = append(*into, id)
	}
	return rows.Err()
}
