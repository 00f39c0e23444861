package sqlstore

import (
	"context"
	"strings"
	"studiopartner/data"
)

// findingQueries find the records that break a rule; each selects the
// record's id and its client's id and name, and takes today as its
// arguments' value.
var findingQueries = []struct {
	key string
	sql string
}{
	{"check.void_terms", `SELECT k.id, k.client_id, c.name FROM contracts k JOIN clients c ON c.id = k.client_id
		WHERE k.void_terms = 1 ORDER BY k.id`},
	{"check.visit_future", `SELECT v.id, v.client_id, c.name FROM visits v JOIN clients c ON c.id = v.client_id
		WHERE substr(v.at, 1, 10) > ? ORDER BY v.id`},
	{"check.visit_before_start", `SELECT v.id, v.client_id, c.name FROM visits v JOIN contracts k ON k.id = v.contract_id
		JOIN clients c ON c.id = v.client_id WHERE substr(v.at, 1, 10) < k.start_on ORDER BY v.id`},
	{"check.visit_other_client", `SELECT v.id, v.client_id, c.name FROM visits v JOIN contracts k ON k.id = v.contract_id
		JOIN clients c ON c.id = v.client_id WHERE k.client_id <> v.client_id ORDER BY v.id`},
	{"check.card_overused", `SELECT k.id, k.client_id, c.name FROM contracts k JOIN clients c ON c.id = k.client_id
		WHERE k.sessions > 0 AND k.sessions_used > k.sessions ORDER BY k.id`},
	{"check.charge_other_client", `SELECT g.id, g.client_id, c.name FROM charges g JOIN contracts k ON k.id = g.contract_id
		JOIN clients c ON c.id = g.client_id WHERE k.client_id <> g.client_id ORDER BY g.id`},
	{"check.demand_other_client", `SELECT d.id, d.client_id, c.name FROM demands d JOIN clients c ON c.id = d.client_id
		WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id AND k.client_id <> d.client_id)
		OR EXISTS (SELECT 1 FROM charges g WHERE g.id = d.charge_id AND g.client_id <> d.client_id) ORDER BY d.id`},
}

// findings lists the records that break a rule as of day today.
func findings(ctx context.Context, q *dbx, today data.Date) ([]data.Finding, error) {
	var out []data.Finding
	for _, f := range findingQueries {
		var args []any
		if strings.Contains(f.sql, "?") {
			args = append(args, today.String())
		}
		err := eachRow(ctx, q, f.sql, func(r rowsOf) error {
			var id, client int64
			var name string
			err := r.Scan(&id, &client, &name)
			out = append(out, data.Finding{Key: f.key, Args: map[string]any{"ID": id, "Client": client, "Name": name}})
			return err
		}, args...)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
