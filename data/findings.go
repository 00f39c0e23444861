package data

import (
	"context"
	"database/sql"
)

// Finding is a stored record that breaks a rule the program now keeps: a
// contract with void terms, a visit a check-in would have refused. The
// database is sound; the owner corrects the record.
type Finding struct {
	Key  string         // the message key
	Args map[string]any // its arguments
}

// findingQueries find the records that break a rule; each selects the
// record's id and its client's id and name.
var findingQueries = []struct {
	key string
	sql string
}{
	{"check.void_terms", `SELECT k.id, k.client_id, c.name FROM contracts k JOIN clients c ON c.id = k.client_id
		WHERE k.void_terms = 1 ORDER BY k.id`},
}

// findings lists the records that break a rule.
func findings(ctx context.Context, q reader) ([]Finding, error) {
	var out []Finding
	for _, f := range findingQueries {
		err := eachRow(q, f.sql, func(r *sql.Rows) error {
			var id, client int64
			var name string
			err := r.Scan(&id, &client, &name)
			out = append(out, Finding{Key: f.key, Args: map[string]any{"ID": id, "Client": client, "Name": name}})
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
