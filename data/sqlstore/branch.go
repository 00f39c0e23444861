package sqlstore

import (
	"context"
	"sort"
	"strings"

	"studiopartner/data"
)

// SetBranch names the branch of the counter the store works at: every
// visit, payment, goodwill entry and document it records carries it. ”
// names none (a studio with one branch).
func (s *Store) SetBranch(name string) error {
	name, err := data.CleanBranch(name)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.branch = name
	s.mu.Unlock()
	return nil
}

// Branch is the branch the store records at (” = none).
func (s *Store) Branch() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.branch
}

// branchTables are the tables whose records carry the branch they were
// made at.
var branchTables = []string{"visits", "payments", "goodwill", "documents"}

// Branches lists, in order, the branches the studio's records were made
// at, with this counter's; empty for a studio that names none. Each
// table's index of named branches is read from one name to the next, a
// few steps however many records there are.
func (s *Store) Branches(ctx context.Context) ([]string, error) {
	seen := map[string]bool{}
	if b := s.Branch(); b != "" {
		seen[b] = true
	}
	for _, t := range branchTables {
		after := ""
		for {
			var next *string
			if err := s.read.QueryRowContext(ctx, `SELECT min(branch) FROM `+t+` WHERE branch <> '' AND branch > ?`, after).
				Scan(&next); err != nil {
				return nil, internal(err)
			}
			if next == nil {
				break
			}
			seen[*next], after = true, *next
		}
	}
	out := make([]string, 0, len(seen))
	for b := range seen {
		out = append(out, b)
	}
	sort.Strings(out)
	return out, nil
}

// branchOf is the branch a record is stored with: its own, if it names
// one (a reversal keeps its payment's, the demo and imports bring theirs),
// else the counter's.
func (s *Store) branchOf(own string) string {
	if own != "" {
		return own
	}
	return s.Branch()
}

// sumsReader reads a review's monthly sums: the kept ones for the whole
// studio, or, for one branch, the same sums computed from that branch's
// records under the same names (common table expressions that stand in
// for goodwill_sums, payment_months and visit_months), over the thirteen
// months a review reads.
type sumsReader struct {
	x      *dbx
	branch string
	with   string // the stand-ins, or ''
	args   []any
}

// sumsOf is the reader of the sums of branch (” = the whole studio) for
// the review of the month starting on first.
func (s *Store) sumsOf(branch string, first data.Date) sumsReader {
	q := sumsReader{x: s.read, branch: branch}
	if branch == "" {
		return q
	}
	from, to := first.AddMonthsClamped(-12).String(), first.AddMonthsClamped(1).String()
	q.with = `WITH goodwill_sums AS (SELECT substr(given_on, 1, 7) AS month, kind, part, count(*) AS entries,
			sum(value_cents) AS value_cents, sum(minutes) AS minutes FROM goodwill_parts
			WHERE deleted_on = '' AND branch <> '' AND branch = ? AND given_on >= ? AND given_on < ?
			GROUP BY substr(given_on, 1, 7), kind, part),
		payment_months AS (SELECT substr(received_on, 1, 7) AS month, sum(amount_cents) AS amount_cents FROM payments
			WHERE branch <> '' AND branch = ? AND received_on >= ? AND received_on < ? GROUP BY substr(received_on, 1, 7)),
		visit_months AS (SELECT substr(at, 1, 7) AS month, outcome, beyond, count(*) AS visits FROM visits
			WHERE undone_on = '' AND branch <> '' AND branch = ? AND at >= ? AND at < ? GROUP BY substr(at, 1, 7), outcome, beyond) `
	q.args = []any{branch, from, to, branch, from, to, branch, from, to}
	return q
}

// query is the statement with the stand-ins before it; the kept sums'
// index hint has no table to name under them.
func (q sumsReader) query(query string, args []any) (string, []any) {
	if q.with == "" {
		return query, args
	}
	query = strings.ReplaceAll(query, "{{indexed:goodwill_sums_top}}", "")
	return q.with + query, append(append([]any{}, q.args...), args...)
}

func (q sumsReader) QueryContext(ctx context.Context, query string, args ...any) (rowsOf, error) {
	query, args = q.query(query, args)
	return q.x.QueryContext(ctx, query, args...)
}

func (q sumsReader) QueryRowContext(ctx context.Context, query string, args ...any) oneRow {
	query, args = q.query(query, args)
	return q.x.QueryRowContext(ctx, query, args...)
}

// cond is the condition that keeps a record of another table to the
// branch reviewed (column names its branch), or nothing for the whole
// studio; withBranch puts its argument in place.
func (q sumsReader) cond(column string) string {
	if q.branch == "" {
		return ""
	}
	return ` AND ` + column + ` <> '' AND ` + column + ` = ?`
}

// withBranch gives the arguments before a cond, the branch if cond added
// one, and then those after it.
func (q sumsReader) withBranch(before ...any) func(after ...any) []any {
	return func(after ...any) []any {
		out := append([]any{}, before...)
		if q.branch != "" {
			out = append(out, q.branch)
		}
		return append(out, after...)
	}
}
