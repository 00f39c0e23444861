package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"studiopartner/data"
)

// RecordGoodwill stores a goodwill entry; given by the staff member at the
// counter unless another is named.
func (s *Store) RecordGoodwill(ctx context.Context, g data.Goodwill) (data.Goodwill, error) {
	g.ID = 0
	if g.GivenBy == 0 {
		g.GivenBy = s.Actor()
	}
	if err := g.Validate(s.Today()); err != nil {
		return data.Goodwill{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if _, err := lockedClient(tx, g.ClientID); err != nil {
			return err
		}
		return s.insertGoodwill(tx, &g)
	})
	if err != nil {
		return data.Goodwill{}, internal(err)
	}
	return g, nil
}

func (s *Store) insertGoodwill(tx *dbx, g *data.Goodwill) error {
	now := stamp(s.now())
	g.CreatedAt, g.UpdatedAt, g.Branch = now, now, s.branchOf(g.Branch)
	newID, err := tx.insertID(`INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, given_by,
		demand_id, service_id, created_at, updated_at, branch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		g.ClientID, g.GivenOn.String(), g.Category, g.Description, g.Value, g.Minutes, nullID(g.GivenBy),
		nullID(g.DemandID), nullID(g.ServiceID), now, now, g.Branch)
	if err != nil {
		return err
	}
	g.ID = newID
	if err := countGoodwill(tx, *g); err != nil {
		return err
	}
	if err := s.refreshGoodwill90(tx, g.ClientID); err != nil {
		return err
	}
	return s.audit(tx, "goodwill", g.ID, data.ActionCreate, nil, *g)
}

func changeReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", &data.Error{Code: data.CodeInvalid, Key: "goodwill.invalid", Fields: []data.FieldError{{Field: "reason", Key: "goodwill.reason.required"}}}
	}
	return reason, nil
}

// UpdateGoodwill changes a goodwill entry; a reason is required and goes
// to the audit log with the entry before and after.
func (s *Store) UpdateGoodwill(ctx context.Context, g data.Goodwill, reason string) (data.Goodwill, error) {
	reason, err := changeReason(reason)
	if err != nil {
		return data.Goodwill{}, err
	}
	if err := g.Validate(s.Today()); err != nil {
		return data.Goodwill{}, err
	}
	err = s.write(ctx, func(tx *dbx) error {
		before, err := getGoodwill(tx, g.ID)
		if err != nil {
			return err
		}
		g.ClientID, g.DemandID, g.CreatedAt, g.UpdatedAt = before.ClientID, before.DemandID, before.CreatedAt, stamp(s.now())
		if err := keepGoodwillSums(tx, g.ID, func() error {
			_, err := tx.Exec(`UPDATE goodwill SET given_on = ?, category = ?, description = ?, value_cents = ?, minutes = ?,
				given_by = ?, service_id = ?, updated_at = ? WHERE id = ?`, g.GivenOn.String(), g.Category, g.Description,
				g.Value, g.Minutes, nullID(g.GivenBy), nullID(g.ServiceID), g.UpdatedAt, g.ID)
			return err
		}); err != nil {
			return err
		}
		if err := s.refreshGoodwill90(tx, g.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "goodwill", g.ID, data.ActionUpdate, before, map[string]any{"entry": g, "reason": reason})
	})
	if err != nil {
		return data.Goodwill{}, internal(err)
	}
	return g, nil
}

// DeleteGoodwill takes an entry out of every list and total; it stays in
// the database with the reason, and the audit log has it.
func (s *Store) DeleteGoodwill(ctx context.Context, id int64, reason string) error {
	if err := s.Allow(data.OpDeleteGoodwill); err != nil {
		return err
	}
	reason, err := changeReason(reason)
	if err != nil {
		return err
	}
	return internal(s.write(ctx, func(tx *dbx) error {
		before, err := getGoodwill(tx, id)
		if err != nil {
			return err
		}
		if err := keepGoodwillSums(tx, id, func() error {
			_, err := tx.Exec(`UPDATE goodwill SET deleted_on = ?, deleted_reason = ?, updated_at = ? WHERE id = ?`,
				s.Today().String(), reason, stamp(s.now()), id)
			return err
		}); err != nil {
			return err
		}
		if err := s.refreshGoodwill90(tx, before.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "goodwill", id, data.ActionDelete, before, map[string]any{"reason": reason})
	}))
}

const goodwillColumns = `w.id, w.client_id, w.given_on, w.category, w.description, w.value_cents, w.minutes,
	coalesce(w.given_by, 0), coalesce(w.demand_id, 0), coalesce(w.service_id, 0), w.created_at, w.updated_at,
	c.name, coalesce(m.name, ''), w.branch`

const goodwillFrom = ` FROM goodwill w JOIN clients c ON c.id = w.client_id LEFT JOIN staff m ON m.id = w.given_by`

func scanGoodwill(r scanner) (data.Goodwill, error) {
	var g data.Goodwill
	var on string
	err := r.Scan(&g.ID, &g.ClientID, &on, &g.Category, &g.Description, &g.Value, &g.Minutes, &g.GivenBy, &g.DemandID,
		&g.ServiceID, &g.CreatedAt, &g.UpdatedAt, &g.ClientName, &g.GivenByName, &g.Branch)
	g.GivenOn = mustDate(on)
	return g, err
}

func getGoodwill(q querier, id int64) (data.Goodwill, error) {
	g, err := scanGoodwill(q.QueryRow(`SELECT `+goodwillColumns+goodwillFrom+` WHERE w.id = ? AND w.deleted_on = ''`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Goodwill{}, data.Errorf(data.CodeNotFound, "goodwill.not_found", map[string]any{"ID": id})
	}
	return g, err
}

// GoodwillList lists goodwill entries, newest first.
func (s *Store) GoodwillList(ctx context.Context, f data.GoodwillFilter) ([]data.Goodwill, error) {
	var out []data.Goodwill
	return out, internal(s.read.readAllCtx(ctx, goodwillPart(f, &out)))
}

// goodwillPart is GoodwillList as a part of several reads.
func goodwillPart(f data.GoodwillFilter, out *[]data.Goodwill) readPart {
	q := `SELECT ` + goodwillColumns + goodwillFrom + ` WHERE w.deleted_on = ''`
	var args []any
	if !f.From.IsZero() {
		q += ` AND w.given_on >= ?`
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		q += ` AND w.given_on <= ?`
		args = append(args, f.To.String())
	}
	if f.Category != "" {
		q += ` AND w.category = ?`
		args = append(args, f.Category)
	}
	if f.GivenBy != 0 {
		q += ` AND w.given_by = ?`
		args = append(args, f.GivenBy)
	}
	if f.ClientID != 0 {
		q += ` AND w.client_id = ?`
		args = append(args, f.ClientID)
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	return readPart{query: q + ` ORDER BY w.given_on DESC, w.id DESC LIMIT ?`, args: append(args, f.Limit), row: func(r scanner) error {
		g, err := scanGoodwill(r)
		*out = append(*out, g)
		return err
	}}
}

// GoodwillTotalOf sums a client's goodwill given from day from on (zero:
// ever).
func (s *Store) GoodwillTotalOf(ctx context.Context, clientID int64, from data.Date) (data.GoodwillTotal, error) {
	var t data.GoodwillTotal
	err := s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(value_cents), 0), coalesce(sum(minutes), 0)
		FROM goodwill WHERE client_id = ? AND deleted_on = '' AND given_on >= ?`, clientID, from.String()).Scan(&t.Count, &t.Value, &t.Minutes)
	return t, internal(err)
}
