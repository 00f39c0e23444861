package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"studiopartner/data"
)

// GraceDays returns the grace period in days.
func (s *Store) GraceDays(ctx context.Context) (int, error) {
	v, err := s.Setting(ctx, data.SettingGraceDays)
	if err != nil || v == "" {
		return data.DefaultGraceDays, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return data.DefaultGraceDays, nil
	}
	return n, nil
}

// SetGraceDays stores the grace period, and what it makes overdue.
func (s *Store) SetGraceDays(ctx context.Context, days int) error {
	if err := s.Allow(data.OpSettings); err != nil {
		return err
	}
	if days < 0 || days > data.MaxGraceDays {
		return &data.Error{Code: data.CodeInvalid, Key: "settings.invalid", Fields: []data.FieldError{{Field: "grace_days",
			Key: "settings.grace_days.range", Args: map[string]any{"Max": data.MaxGraceDays}}}}
	}
	return s.write(ctx, func(tx *dbx) error {
		if err := setSetting(tx, data.SettingGraceDays, strconv.Itoa(days)); err != nil {
			return err
		}
		if err := s.audit(tx, "settings", 0, data.ActionUpdate, nil, map[string]any{data.SettingGraceDays: days}); err != nil {
			return err
		}
		return s.refreshBalances(tx, 0)
	})
}

// settingBalancesAsOf names the cutoff the stored balances were computed for.
const settingBalancesAsOf = "money:balances_as_of"

// overdueCutoff returns the last due date that counts as overdue today.
func (s *Store) overdueCutoff(ctx context.Context) (data.Date, error) {
	grace, err := s.GraceDays(ctx)
	return s.Today().AddDays(-grace - 1), err
}

// txCutoff is overdueCutoff inside a transaction.
func (s *Store) txCutoff(tx *dbx) (data.Date, error) {
	var v string
	if err := tx.QueryRow(`SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')`, data.SettingGraceDays).Scan(&v); err != nil {
		return data.Date{}, err
	}
	grace, err := strconv.Atoi(v)
	if err != nil {
		grace = data.DefaultGraceDays
	}
	return s.Today().AddDays(-grace - 1), nil
}

// settle applies a client's payments to their charges and brings their
// stored balance up to date; clientID 0 does it for everyone.
func (s *Store) settle(tx *dbx, clientID int64) error {
	if err := reallocate(tx, clientID); err != nil {
		return err
	}
	return s.refreshBalances(tx, clientID)
}

// refreshBalances recomputes the stored open and overdue amounts of one
// client, or with clientID 0 of every client and records the cutoff.
func (s *Store) refreshBalances(tx *dbx, clientID int64) error {
	cutoff, err := s.txCutoff(tx)
	if err != nil {
		return err
	}
	inner, outer, args := "", "", []any{cutoff.String()}
	if clientID != 0 {
		inner, outer = " AND client_id = ?", " WHERE c.id = ?"
		args = append(args, clientID, clientID)
	}
	err = tx.later(`UPDATE clients SET open_cents = x.open, overdue_cents = x.overdue, oldest_due = x.oldest FROM (
			SELECT c.id, coalesce(o.open, 0) AS open, coalesce(o.overdue, 0) AS overdue, coalesce(o.oldest, '') AS oldest
			FROM clients c LEFT JOIN (
				SELECT client_id, sum(amount_cents - paid_cents) AS open,
					sum(CASE WHEN due_on <= ? THEN amount_cents - paid_cents ELSE 0 END) AS overdue, min(due_on) AS oldest
				FROM charges WHERE paid_cents < amount_cents`+inner+` GROUP BY client_id) o ON o.client_id = c.id`+outer+`) x
		WHERE clients.id = x.id AND (clients.open_cents IS DISTINCT FROM x.open OR clients.overdue_cents IS DISTINCT FROM x.overdue
			OR clients.oldest_due IS DISTINCT FROM x.oldest)`,
		args...)
	if err != nil || clientID != 0 {
		return err
	}
	return setSetting(tx, settingBalancesAsOf, cutoff.String())
}

// freshBalances makes sure the stored balances are those of today's
// cutoff; after midnight, or a change of the grace period, it recomputes
// them once. While another program writes, the stored ones are read and
// the refresh waits for the next read.
func (s *Store) freshBalances(ctx context.Context) error {
	if s.snap {
		return nil // refreshed before the snapshot began
	}
	cutoff, err := s.overdueCutoff(ctx)
	if err != nil {
		return err
	}
	asOf, err := s.Setting(ctx, settingBalancesAsOf)
	if err != nil || asOf == cutoff.String() {
		return err
	}
	_, err = s.tryWrite(ctx, func(tx *dbx) error { return s.refreshBalances(tx, 0) })
	return err
}

// BalanceOf returns a client's balance with their open charges.
func (s *Store) BalanceOf(ctx context.Context, clientID int64) (data.Balance, error) {
	var b data.Balance
	cutoff, err := s.overdueCutoff(ctx)
	if err != nil {
		return b, err
	}
	if err := s.read.readAllCtx(ctx, balanceParts(clientID, &b)...); err != nil {
		return b, internal(err)
	}
	b.Total(cutoff)
	return b, nil
}

// balanceParts are BalanceOf's reads as parts of several; the balance's
// Total completes it.
func balanceParts(clientID int64, b *data.Balance) []readPart {
	return []readPart{chargesPart(clientID, true, &b.OpenCharges),
		{query: `SELECT credit_cents FROM clients WHERE id = ?`, args: []any{clientID},
			row: func(r scanner) error { return r.Scan(&b.Credit) },
			none: func() error {
				return data.Errorf(data.CodeNotFound, "client.not_found", map[string]any{"ID": clientID})
			}}}
}

// balanceOrderSQL are the ORDER BY clauses of each order, as it is read
// first and turned round; each ends in a unique key so that pages never
// overlap.
var balanceOrderSQL = map[data.BalanceOrder][2]string{
	data.ByOverdue:   {`overdue_cents DESC, open_cents DESC, sort_name, id`, `overdue_cents, open_cents, sort_name, id`},
	data.ByOldestDue: {`oldest_due, overdue_cents DESC, sort_name, id`, `oldest_due DESC, overdue_cents DESC, sort_name, id`},
	data.ByName:      {`sort_name, id`, `sort_name DESC, id DESC`},
}

// OpenBalances lists the clients who owe money, most overdue first, then
// most open; a page at a time.
func (s *Store) OpenBalances(ctx context.Context, offset, limit int) ([]data.BalanceRow, error) {
	return s.OpenBalancesBy(ctx, data.ByOverdue, false, offset, limit)
}

// OpenBalancesBy lists the clients who owe money in the order asked
// (turned round with reverse); a page at a time.
func (s *Store) OpenBalancesBy(ctx context.Context, order data.BalanceOrder, reverse bool, offset, limit int) ([]data.BalanceRow, error) {
	clauses, ok := balanceOrderSQL[order]
	if !ok {
		clauses = balanceOrderSQL[data.ByOverdue]
	}
	by := clauses[0]
	if reverse {
		by = clauses[1]
	}
	if err := s.freshBalances(ctx); err != nil {
		return nil, err
	}
	var out []data.BalanceRow
	err := eachRow(ctx, s.read, `SELECT id, name, phone, email, status, open_cents, overdue_cents, oldest_due FROM clients
		WHERE open_cents > 0 ORDER BY `+by+` LIMIT ? OFFSET ?`, func(r rowsOf) error {
		var b data.BalanceRow
		var oldest string
		err := r.Scan(&b.ID, &b.Name, &b.Phone, &b.Email, &b.Status, &b.Open, &b.Overdue, &oldest)
		b.OldestDue = mustDate(oldest)
		out = append(out, b)
		return err
	}, limit, offset)
	return out, internal(err)
}

// Totals returns what is open and overdue across the studio and what was
// received this month (less reversals).
func (s *Store) Totals(ctx context.Context) (data.StudioTotals, error) {
	var t data.StudioTotals
	if err := s.freshBalances(ctx); err != nil {
		return t, err
	}
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(sum(open_cents), 0), coalesce(sum(overdue_cents), 0),
		count(CASE WHEN overdue_cents > 0 THEN 1 END) FROM clients WHERE open_cents > 0`).Scan(&t.Open, &t.Overdue, &t.ClientsOverdue)
	if err != nil {
		return t, internal(err)
	}
	today := s.Today()
	first := data.NewDate(today.Year(), today.Month(), 1)
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
	err = eachRow(ctx, s.read, `SELECT DISTINCT client_id FROM charges WHERE paid_cents < amount_cents AND due_on <= ?
		AND client_id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, func(r rowsOf) error {
		var id int64
		err := r.Scan(&id)
		out[id] = true
		return err
	}, args...)
	return out, internal(err)
}
