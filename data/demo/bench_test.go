package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// The search benchmark runs over a demo studio of 50,000 clients, made
// once per run.
var (
	bigOnce  sync.Once
	bigPath  string
	bigNames []string
	bigErr   error
	bigTime  time.Duration
)

func bigStudio(b *testing.B) (*sqlstore.Store, *sql.DB) {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := mkTemp()
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		s, err := sqlstore.Open(bigPath)
		if err != nil {
			bigErr = err
			return
		}
		defer s.Close()
		start := time.Now()
		bigErr = Fill(context.Background(), s, Options{Clients: 50_000, Months: 24, Seed: 42})
		bigTime = time.Since(start)
		rows, err := s.ListClients(context.Background(), 0, 50_000)
		if err != nil {
			bigErr = err
			return
		}
		for _, r := range rows {
			bigNames = append(bigNames, r.Name)
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	s, err := sqlstore.Open(bigPath)
	if err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+bigPath+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(); raw.Close() })
	return s, raw
}

// BenchmarkDemo50k reports how long the demo studio of 50,000 clients took.
func BenchmarkDemo50k(b *testing.B) {
	bigStudio(b)
	for b.Loop() {
	}
	b.ReportMetric(bigTime.Seconds(), "s/50k-clients")
}

// inputs draws search inputs of one kind from the studio's real names.
func inputs(kind string, n int) []string {
	r := rand.New(rand.NewPCG(9, 9))
	out := make([]string, n)
	for i := range out {
		name := strings.ToLower(bigNames[r.IntN(len(bigNames))])
		words := strings.Fields(name)
		w := []rune(words[len(words)-1])
		switch kind {
		case "1-letter":
			out[i] = string(w[:1])
		case "3-letter":
			out[i] = string(w[:min(3, len(w))])
		case "6-letter":
			out[i] = string(w[:min(6, len(w))])
		case "contains":
			if len(w) > 4 {
				w = w[1:4]
			}
			out[i] = string(w)
		}
	}
	return out
}

// rawQueries are the statements the store runs for a search of this kind,
// as one query each, to run straight through database/sql; for a contains
// search also a plain LIKE scan over the names, for scale.
func rawQueries(kind string) map[string]string {
	if kind == "contains" {
		return map[string]string{
			"raw-sql": `SELECT c.id, c.name, c.phone, c.email, c.status FROM client_fts f JOIN clients c ON c.id = f.rowid
				WHERE f.search_text LIKE '%' || ? || '%' LIMIT 50`,
			"like-scan": `SELECT id, name, phone, email, status FROM clients WHERE sort_name LIKE '%' || ? || '%' LIMIT 50`,
		}
	}
	return map[string]string{"raw-sql": `SELECT c.id, c.name, c.phone, c.email, c.status FROM client_terms t
		JOIN clients c ON c.id = t.client_id WHERE t.term >= ? AND t.term < ? || char(1114111)
		ORDER BY t.term, t.client_id LIMIT 50`}
}

func report(b *testing.B, ds []time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	if len(ds) == 0 {
		return
	}
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds()), "p95-µs")
}

// BenchmarkSearch50k times SearchClients (50 rows) over 50,000 clients,
// beside the raw SQL of the same kind, and reports median and p95.
func BenchmarkSearch50k(b *testing.B) {
	s, raw := bigStudio(b)
	ctx := context.Background()
	for _, kind := range []string{"1-letter", "3-letter", "6-letter", "contains"} {
		in := inputs(kind, 1000)
		b.Run(kind+"/store", func(b *testing.B) {
			var ds []time.Duration
			i := 0
			for b.Loop() {
				q := in[i%len(in)]
				i++
				t0 := time.Now()
				rows, err := s.SearchClients(ctx, q, 50)
				ds = append(ds, time.Since(t0))
				if err != nil || (kind != "contains" && len(rows) == 0) {
					b.Fatalf("search %q: %d rows, %v", q, len(rows), err)
				}
			}
			report(b, ds)
		})
		for name, query := range rawQueries(kind) {
			b.Run(kind+"/"+name, func(b *testing.B) { benchRaw(b, raw, query, in) })
		}
	}
}

// benchRaw times one raw statement over the inputs.
func benchRaw(b *testing.B, raw *sql.DB, query string, in []string) {
	stmt, err := raw.Prepare(query)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	params := strings.Count(query, "?")
	var ds []time.Duration
	i := 0
	for b.Loop() {
		q := in[i%len(in)]
		i++
		args := []any{q}
		if params == 2 {
			args = append(args, q)
		}
		t0 := time.Now()
		rows, err := stmt.Query(args...)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var id int64
			var name, phone, email, status string
			if err := rows.Scan(&id, &name, &phone, &email, &status); err != nil {
				b.Fatal(err)
			}
		}
		rows.Close()
		ds = append(ds, time.Since(t0))
	}
	report(b, ds)
}

// The billing benchmark's studio: 50,000 clients, each with a monthly
// contract that started 24 months ago, billed once from nothing.
var (
	billOnce            sync.Once
	billPath            string
	billFirst, billNext time.Duration
	billCreated         int
	billErr             error
)

func billingStudio(b *testing.B) {
	b.Helper()
	billOnce.Do(func() {
		dir, err := mkTemp()
		if err != nil {
			billErr = err
			return
		}
		billPath = filepath.Join(dir, "billing.db")
		billErr = buildBillingStudio(billPath)
	})
	if billErr != nil {
		b.Fatal(billErr)
	}
}

func buildBillingStudio(path string) error {
	s, err := sqlstore.Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	sv, err := s.SaveService(ctx, data.Service{Name: "Mitgliedschaft", Kind: data.KindMembership, Price: 4900, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 12, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	if err != nil {
		return err
	}
	start := s.Today().AddMonthsClamped(-24).AddDays(1)
	for done := 0; done < 50_000; done += 5000 {
		batch := make([]data.ClientWithContracts, 5000)
		for i := range batch {
			batch[i] = data.ClientWithContracts{
				Client:    data.Client{Name: fmt.Sprintf("Mitglied %05d", done+i)},
				Contracts: []data.Contract{{ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms, Start: start}},
			}
		}
		if _, err := s.CreateClients(ctx, batch); err != nil {
			return err
		}
	}
	t0 := time.Now()
	billCreated, err = s.GenerateCharges(ctx)
	billFirst = time.Since(t0)
	if err != nil {
		return err
	}
	if billCreated != 50_000*24 {
		return fmt.Errorf("created %d charges, want %d", billCreated, 50_000*24)
	}
	t0 = time.Now()
	n, err := s.GenerateCharges(ctx)
	billNext = time.Since(t0)
	if err == nil && n != 0 {
		err = fmt.Errorf("the second run created %d charges", n)
	}
	return err
}

// BenchmarkBilling50kx24 reports how long billing 50,000 clients × 24
// months took from nothing, and how long the next run (nothing new) took.
func BenchmarkBilling50kx24(b *testing.B) {
	billingStudio(b)
	for b.Loop() {
	}
	b.ReportMetric(billFirst.Seconds(), "s/first-run")
	b.ReportMetric(float64(billCreated), "charges")
	b.ReportMetric(billNext.Seconds(), "s/second-run")
}

// BenchmarkBalancesAllOpen50kx24 times the balance reads over that studio,
// where nothing is paid: the open-balances list's worst case.
func BenchmarkBalancesAllOpen50kx24(b *testing.B) {
	billingStudio(b)
	s, err := sqlstore.Open(billPath)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	timeBalances(b, s, "all-open")
}

// BenchmarkOpenBalances50k times the open-balances list (first page of
// 200), the studio totals, and one client's balance over the demo studio.
func BenchmarkOpenBalances50k(b *testing.B) {
	s, _ := bigStudio(b)
	timeBalances(b, s, "demo")
}

// timeBalances times the balance reads over a studio.
func timeBalances(b *testing.B, s *sqlstore.Store, name string) {
	ctx := context.Background()
	b.Run(name+"/list-200", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			t0 := time.Now()
			rows, err := s.OpenBalances(ctx, 0, 200)
			ds = append(ds, time.Since(t0))
			if err != nil || len(rows) == 0 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
		report(b, ds)
	})
	b.Run(name+"/totals", func(b *testing.B) {
		timed(b, func() error {
			_, err := s.Totals(ctx)
			return err
		})
	})
	b.Run(name+"/one-client", func(b *testing.B) {
		i := int64(0)
		timed(b, func() error {
			i++
			_, err := s.BalanceOf(ctx, 1+i%50_000)
			return err
		})
	})
}

// BenchmarkFlags50k times every client's flags, and one client's, over
// the demo studio grown to 500,000 goodwill entries over five years and
// 100,000 demands in every state.
func BenchmarkFlags50k(b *testing.B) {
	path := copyBig(b)
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	today := time.Now().UTC()
	for _, q := range []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000 - (SELECT count(*) FROM goodwill))
		 INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, created_at, updated_at)
		 SELECT 1 + abs(random()) % 50000, date(?, '-' || (abs(random()) % 1825) || ' days'),
		        'extra_session', 'Extra', 500 + abs(random()) % 5000, abs(random()) % 60, ?, ? FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000 - (SELECT count(*) FROM demands))
		 INSERT INTO demands (client_id, raised_on, asked, claimed_cents, status, status_on, created_at)
		 SELECT 1 + abs(random()) % 50000, date(?, '-' || (abs(random()) % 1825) || ' days'), 'Rabatt', 2000,
		        CASE abs(random()) % 20 WHEN 0 THEN 'open' WHEN 1 THEN 'disputed' WHEN 2 THEN 'declined'
		             WHEN 3 THEN 'granted' ELSE 'settled' END, ?, ? FROM n`,
	} {
		day := today.Format("2006-01-02")
		if _, err := raw.Exec(q, day, day, today.Format(time.RFC3339)); err != nil {
			b.Fatal(err)
		}
	}
	// entries written behind the store's back: its 90-day sums are to be
	// computed again, as after midnight
	if _, err := raw.Exec(`DELETE FROM settings WHERE key = 'flag:goodwill_as_of'`); err != nil {
		b.Fatal(err)
	}
	raw.Close()
	s, err := sqlstore.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.RecountSums(ctx); err != nil { // the entries came behind the store's back
		b.Fatal(err)
	}
	s.Flags(ctx) // the day's refreshes happen once, as at start
	b.Run("all-clients", func(b *testing.B) {
		var ds []time.Duration
		n := 0
		for b.Loop() {
			t0 := time.Now()
			fs, err := s.Flags(ctx)
			ds = append(ds, time.Since(t0))
			if err != nil || len(fs) == 0 {
				b.Fatalf("%d flags, %v", len(fs), err)
			}
			n = len(fs)
		}
		report(b, ds)
		b.ReportMetric(float64(n), "flags")
	})
	b.Run("one-client", func(b *testing.B) {
		i := int64(0)
		timed(b, func() error {
			i++
			_, err := s.FlagsOf(ctx, 1+(i*7919)%50_000)
			return err
		})
	})
}

// copyBig copies the 50,000-client demo studio, so a benchmark may change it.
func copyBig(b *testing.B) string {
	b.Helper()
	bigStudio(b)
	src, err := sql.Open("sqlite", "file:"+bigPath)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst := filepath.Join(b.TempDir(), "copy.db")
	if _, err := src.Exec(`VACUUM INTO ?`, dst); err != nil {
		b.Fatal(err)
	}
	return dst
}

// reviewRaw is the review's heaviest statements, run straight through
// database/sql for comparison.
var reviewRaw = []string{
	`SELECT part, entries, value_cents, minutes FROM goodwill_sums WHERE month = substr(?1, 1, 7) AND kind = 'category'`,
	`SELECT part, entries, value_cents, minutes FROM goodwill_sums WHERE month = substr(?1, 1, 7) AND kind = 'staff'`,
	`SELECT count(*) FROM goodwill_sums WHERE month = substr(?1, 1, 7) AND kind = 'client'`,
	`SELECT part, value_cents FROM goodwill_sums WHERE month = substr(?1, 1, 7) AND kind = 'client' ORDER BY value_cents DESC LIMIT 10`,
	`SELECT month, value_cents FROM goodwill_sums WHERE kind = 'month' AND part = '' AND month BETWEEN substr(date(?1, '-12 months'), 1, 7) AND substr(?1, 1, 7)`,
	`SELECT count(*), sum(claimed_cents) FROM demands WHERE raised_on BETWEEN ?1 AND ?2`,
}

// reviewPlain is the same month aggregated from the entries themselves
// through the covering date index, for scale.
var reviewPlain = `SELECT category, count(*), sum(value_cents), sum(minutes) FROM goodwill INDEXED BY goodwill_month
	WHERE deleted_on = '' AND given_on BETWEEN ?1 AND ?2 GROUP BY category`

// addGoodwill grows a studio to 1,000,000 goodwill entries over the last
// five years, given by the demo's three staff members.
func addGoodwill(engine string) func(raw *sql.DB, now time.Time) error {
	return func(raw *sql.DB, now time.Time) error {
		day, stamp := now.UTC().Format("2006-01-02"), now.UTC().Format(time.RFC3339)
		var err error
		if engine == "sqlite" {
			_, err = raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000 - (SELECT count(*) FROM goodwill))
				INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, given_by, created_at, updated_at)
				SELECT 1 + abs(random()) % 50000, date(?1, '-' || (abs(random()) % 1825) || ' days'),
				       CASE abs(random()) % 8 WHEN 0 THEN 'extra_session' WHEN 1 THEN 'makeup' WHEN 2 THEN 'extended_time'
				            WHEN 3 THEN 'free_product' WHEN 4 THEN 'price_concession' WHEN 5 THEN 'rule_bent'
				            WHEN 6 THEN 'personal_time' ELSE 'other' END,
				       'Extra', 500 + abs(random()) % 5000, abs(random()) % 60, 1 + abs(random()) % 3, ?2, ?2 FROM n`, day, stamp)
		} else {
			_, err = raw.Exec(`INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, given_by,
					created_at, updated_at)
				SELECT 1 + floor(random() * 50000)::int, to_char($1::date - floor(random() * 1825)::int, 'YYYY-MM-DD'),
				       (ARRAY['extra_session', 'makeup', 'extended_time', 'free_product', 'price_concession', 'rule_bent',
				              'personal_time', 'other'])[1 + floor(random() * 8)::int],
				       'Extra', 500 + floor(random() * 5000)::int, floor(random() * 60)::int, 1 + floor(random() * 3)::int, $2, $2
				FROM generate_series(1, 1000000 - (SELECT count(*) FROM goodwill))`, day, stamp)
		}
		if err != nil {
			return err
		}
		_, err = raw.Exec(`DELETE FROM settings WHERE key = 'flag:goodwill_as_of'`)
		return err
	}
}

// BenchmarkReview1M times one month's review over 1,000,000 goodwill
// entries spread over five years, and every client's flags (the heavy
// goodwill among them), on each engine; on SQLite beside the review's raw
// statements, for scale.
func BenchmarkReview1M(b *testing.B) {
	ctx := context.Background()
	for _, engine := range benchEngines {
		s := grownStudio(b, engine, addGoodwill(engine))
		month := s.Today().AddMonthsClamped(-1)
		b.Run("review/"+engine, func(b *testing.B) {
			timeAction(b, s, func() error {
				r, err := s.MonthlyReview(ctx, month)
				if err == nil && r.Total.Entries < 10_000 {
					return fmt.Errorf("the month holds only %d entries", r.Total.Entries)
				}
				return err
			})
		})
		b.Run("heavy-goodwill-flags/"+engine, func(b *testing.B) {
			timeAction(b, s, func() error {
				_, err := s.Flags(ctx)
				return err
			})
		})
		if engine != "sqlite" {
			continue
		}
		raw, err := sql.Open("sqlite", "file:"+s.Path())
		if err != nil {
			b.Fatal(err)
		}
		first := data.NewDate(month.Year(), month.Month(), 1)
		last := first.AddMonthsClamped(1).AddDays(-1)
		b.Run("plain-category-aggregate", func(b *testing.B) { benchStatements(b, raw, []string{reviewPlain}, first, last) })
		b.Run("raw-sql", func(b *testing.B) { benchStatements(b, raw, reviewRaw, first, last) })
		raw.Close()
	}
}

// benchStatements times running the statements one after another.
func benchStatements(b *testing.B, raw *sql.DB, queries []string, first, last data.Date) {
	{
		var stmts []*sql.Stmt
		for _, q := range queries {
			st, err := raw.Prepare(q)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			stmts = append(stmts, st)
		}
		var ds []time.Duration
		for b.Loop() {
			t0 := time.Now()
			for _, st := range stmts {
				rows, err := st.Query(first.String(), last.String())
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
			}
			ds = append(ds, time.Since(t0))
		}
		report(b, ds)
	}
}

// timed runs fn once per benchmark iteration and reports the median and
// 95th percentile of its own time.
func timed(b *testing.B, fn func() error) {
	var ds []time.Duration
	for b.Loop() {
		t0 := time.Now()
		err := fn()
		ds = append(ds, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	report(b, ds)
}

// BenchmarkTransfer50k exports the demo studio of 50,000 clients, reads
// every table back into an empty database, and reads a 200,000-line
// spreadsheet of clients (plan and import), once each.
func BenchmarkTransfer50k(b *testing.B) {
	s, _ := bigStudio(b)
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "csv")
	start := time.Now()
	if _, err := exchange.Export(ctx, s, dir, nil); err != nil {
		b.Fatal(err)
	}
	exported := time.Since(start)
	t, err := sqlstore.Open(filepath.Join(b.TempDir(), "in.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer t.Close()
	start = time.Now()
	rows := 0
	for _, kind := range sqlstore.ImportKinds() {
		f, err := os.Open(filepath.Join(dir, kind+".csv"))
		if err != nil {
			b.Fatal(err)
		}
		n, err := exchange.Import(ctx, t, kind, f, 0, nil)
		f.Close()
		if err != nil {
			b.Fatal(kind, err)
		}
		rows += n
	}
	imported := time.Since(start)

	var sheet strings.Builder
	sheet.WriteString("Vorname;Nachname;E-Mail;Geburtsdatum\r\n")
	for i := 0; i < 200_000; i++ {
		fmt.Fprintf(&sheet, "Vorname%d;Nachname%d;kunde%d@example.org;%02d.%02d.%d\r\n", i, i, i, i%28+1, i%12+1, 1950+i%60)
	}
	start = time.Now()
	sh, err := exchange.ReadSheet(strings.NewReader(sheet.String()))
	if err != nil {
		b.Fatal(err)
	}
	plan, err := exchange.PlanSheet(ctx, t, sh, exchange.GuessMapping(sh.Header))
	if err != nil {
		b.Fatal(err)
	}
	planned := time.Since(start)
	start = time.Now()
	if _, err := t.ImportPlanned(ctx, plan, false, nil); err != nil {
		b.Fatal(err)
	}
	sheetIn := time.Since(start)
	for b.Loop() {
	}
	b.ReportMetric(exported.Seconds(), "s/export")
	b.ReportMetric(imported.Seconds(), "s/import-all")
	b.ReportMetric(float64(rows), "rows-imported")
	b.ReportMetric(planned.Seconds(), "s/sheet-200k-read+plan")
	b.ReportMetric(sheetIn.Seconds(), "s/sheet-200k-import")
}
