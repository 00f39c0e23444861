package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// SettingGraceDays is how many days past due a charge counts as overdue.
const SettingGraceDays = "money:grace_days"

// DefaultGraceDays is the grace period when none is set.
const DefaultGraceDays = 14

// MaxGraceDays bounds the grace period.
const MaxGraceDays = 365

// GraceDays returns the grace period in days.
func (s *Store) GraceDays(ctx context.Context) (int, error) {
	v, err := s.Setting(ctx, SettingGraceDays)
	if err != nil || v == "" {
		return DefaultGraceDays, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return DefaultGraceDays, nil
	}
	return n, nil
}

// SetGraceDays stores the grace period.
func (s *Store) SetGraceDays(ctx context.Context, days int) error {
	if days < 0 || days > MaxGraceDays {
		return &Error{Code: CodeInvalid, Key: "settings.invalid", Fields: []FieldError{{Field: "grace_days",
			Key: "settings.grace_days.range", Args: map[string]any{"Max": MaxGraceDays}}}}
	}
	return s.SetSetting(ctx, SettingGraceDays, strconv.Itoa(days))
}

// overdueCutoff returns the last due date that counts as overdue today.
func (s *Store) overdueCutoff(ctx context.Context) (Date, error) {
	grace, err := s.GraceDays(ctx)
	return s.Today().AddDays(-grace - 1), err
}

// Balance is where a client stands: what is open, how much of it is
// overdue, and credit waiting for the next charge.
type Balance struct {
	Open, Overdue, Credit Money
	OpenCharges           []Charge
}

// BalanceOf returns a client's balance with their open charges.
func (s *Store) BalanceOf(ctx context.Context, clientID int64) (Balance, error) {
	var b Balance
	cutoff, err := s.overdueCutoff(ctx)
	if err != nil {
		return b, err
	}
	if b.OpenCharges, err = s.ChargesOf(ctx, clientID, true); err != nil {
		return b, err
	}
	for _, c := range b.OpenCharges {
		b.Open += c.Open()
		if !c.Due.After(cutoff) {
			b.Overdue += c.Open()
		}
	}
	err = s.read.QueryRowContext(ctx, `SELECT credit_cents FROM clients WHERE id = ?`, clientID).Scan(&b.Credit)
	return b, internal(err)
}

// BalanceRow is a client in the open-balances list.
type BalanceRow struct {
	ClientRow
	Open, Overdue Money
	OldestDue     Date
}

// OpenBalances lists the clients who owe money, most overdue first, then
// most open; a page at a time.
func (s *Store) OpenBalances(ctx context.Context, offset, limit int) ([]BalanceRow, error) {
	cutoff, err := s.overdueCutoff(ctx)
	if err != nil {
		return nil, err
	}
	var out []BalanceRow
	err = eachRow(s.read, `SELECT c.id, c.name, c.phone, c.email, c.status, o.open, o.overdue, o.oldest
		FROM (SELECT client_id, sum(amount_cents - paid_cents) AS open,
		             sum(CASE WHEN due_on <= ? THEN amount_cents - paid_cents ELSE 0 END) AS overdue,
		             min(due_on) AS oldest
		      FROM charges WHERE paid_cents < amount_cents GROUP BY client_id) o
		JOIN clients c ON c.id = o.client_id
		ORDER BY o.overdue DESC, o.open DESC, c.sort_name LIMIT ? OFFSET ?`, func(r *sql.Rows) error {
		var b BalanceRow
		var oldest string
		err := r.Scan(&b.ID, &b.Name, &b.Phone, &b.Email, &b.Status, &b.Open, &b.Overdue, &oldest)
		b.OldestDue = mustDate(oldest)
		out = append(out, b)
		return err
	}, cutoff.String(), limit, offset)
	return out, internal(err)
}

// StudioTotals are the studio's money at a glance.
type StudioTotals struct {
	Open, Overdue, ReceivedThisMonth Money
	ClientsOverdue                   int
}

// Totals returns what is open and overdue across the studio and what was
// received this month (less reversals).
func (s *Store) Totals(ctx context.Context) (StudioTotals, error) {
	var t StudioTotals
	cutoff, err := s.overdueCutoff(ctx)
	if err != nil {
		return t, err
	}
	err = s.read.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents - paid_cents), 0),
		coalesce(sum(CASE WHEN due_on <= ? THEN amount_cents - paid_cents ELSE 0 END), 0),
		count(DISTINCT CASE WHEN due_on <= ? THEN client_id END)
		FROM charges WHERE paid_cents < amount_cents`, cutoff.String(), cutoff.String()).Scan(&t.Open, &t.Overdue, &t.ClientsOverdue)
	if err != nil {
		return t, internal(err)
	}
	today := s.Today()
	first := NewDate(today.Year(), today.Month(), 1)
	err = s.read.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE received_on >= ? AND received_on <= ?`,
		first.String(), today.String()).Scan(&t.ReceivedThisMonth)
	return t, internal(err)
}

// OverdueAmong returns which of the given clients have overdue charges.
func (s *Store) OverdueAmong(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	cutoff, err := s.overdueCutoff(ctx)
	if err != nil {
		return nil, err
	}
	args := []any{cutoff.String()}
	for _, id := range ids {
		args = append(args, id)
	}
	err = eachRow(s.read, `SELECT DISTINCT client_id FROM charges WHERE paid_cents < amount_cents AND due_on <= ?
		AND client_id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		out[id] = true
		return err
	}, args...)
	return out, internal(err)
}
