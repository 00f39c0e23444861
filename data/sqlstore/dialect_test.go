package sqlstore

import (
	"context"
	"testing"
	"time"
)

// PostgreSQL's sums come back as 64-bit integers: every sum(…), also one
// over a window or inside another expression, is cast; quoted text and
// names that merely end in "sum" are left alone.
func TestSumsCastOnPostgreSQL(t *testing.T) {
	cases := map[string]string{
		`SELECT sum(a) FROM t`:                                          `SELECT CAST(sum(a) AS BIGINT) FROM t`,
		`SELECT coalesce(SUM(a - b), 0) FROM t`:                         `SELECT coalesce(CAST(SUM(a - b) AS BIGINT), 0) FROM t`,
		`SELECT sum(CASE WHEN x <= ? THEN (a) ELSE 0 END)`:              `SELECT CAST(sum(CASE WHEN x <= $1 THEN (a) ELSE 0 END) AS BIGINT)`,
		`SELECT sum(a) OVER w - b FROM t WINDOW w AS (ORDER BY id)`:     `SELECT CAST(sum(a) OVER w AS BIGINT) - b FROM t WINDOW w AS (ORDER BY id)`,
		`SELECT sum(a) over (PARTITION BY c ORDER BY id), 1`:            `SELECT CAST(sum(a) over (PARTITION BY c ORDER BY id) AS BIGINT), 1`,
		`SELECT checksum(a), 'sum(x)', t.sum FROM t`:                    `SELECT checksum(a), 'sum(x)', t.sum FROM t`,
		`SELECT sum(a) * 100 > ? * coalesce((SELECT sum(b) FROM p), 1)`: `SELECT CAST(sum(a) AS BIGINT) * 100 > $1 * coalesce((SELECT CAST(sum(b) AS BIGINT) FROM p), 1)`,
	}
	d := &dialect{engine: enginePostgres}
	for in, want := range cases {
		if got := d.sql(in); got != want {
			t.Errorf("%s\n got  %s\n want %s", in, got, want)
		}
	}
	if got := sqliteDialect.sql(`SELECT sum(a) FROM t`); got != `SELECT sum(a) FROM t` {
		t.Errorf("SQLite's sum changed: %s", got)
	}
}

// On both engines a sum of money scans as a 64-bit integer, and a server's
// store keeps the server's time.
func TestSumsAreIntegersAndTheClockIsTheServers(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mustClient(t, s, "Anna")
	var kind string
	q := `SELECT typeof(sum(id)) FROM clients`
	if s.OnServer() {
		q = `SELECT pg_typeof(sum(id))::text FROM clients`
	}
	if err := s.read.QueryRowContext(ctx, q).Scan(&kind); err != nil {
		t.Fatal(err)
	}
	if kind != "integer" && kind != "bigint" {
		t.Errorf("a sum of ids is %s", kind)
	}
	if !s.OnServer() {
		return
	}
	again, err := OpenServer(ctx, s.conn)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	var server time.Time
	if err := again.pool.QueryRowContext(ctx, `SELECT now()`).Scan(&server); err != nil {
		t.Fatal(err)
	}
	if d := again.Now().Sub(server); d < -time.Second || d > time.Second {
		t.Errorf("the store's clock is %v off the server's", d)
	}
}
