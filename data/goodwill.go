package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"
)

// GoodwillCategory is what kind of extra was given.
type GoodwillCategory string

// Goodwill categories.
const (
	CatExtraSession    GoodwillCategory = "extra_session"
	CatMakeup          GoodwillCategory = "makeup"
	CatExtendedTime    GoodwillCategory = "extended_time"
	CatFreeProduct     GoodwillCategory = "free_product"
	CatPriceConcession GoodwillCategory = "price_concession"
	CatRuleBent        GoodwillCategory = "rule_bent"
	CatPersonalTime    GoodwillCategory = "personal_time"
	CatOther           GoodwillCategory = "other"
)

// GoodwillCategories lists the categories in the order forms offer them.
var GoodwillCategories = []GoodwillCategory{CatExtraSession, CatMakeup, CatExtendedTime, CatFreeProduct,
	CatPriceConcession, CatRuleBent, CatPersonalTime, CatOther}

// MaxMinutes bounds the time one goodwill entry records (a day).
const MaxMinutes = 24 * 60

// Goodwill is something given beyond the contract, voluntarily.
type Goodwill struct {
	ID          int64            `json:"id"`
	ClientID    int64            `json:"client_id"`
	GivenOn     Date             `json:"given_on"`
	Category    GoodwillCategory `json:"category"`
	Description string           `json:"description"`
	Value       Money            `json:"value"`   // what it would have cost
	Minutes     int              `json:"minutes"` // time spent
	GivenBy     int64            `json:"given_by"`
	DemandID    int64            `json:"demand_id"`
	ServiceID   int64            `json:"service_id"`
	CreatedAt   string           `json:"created_at"`
	UpdatedAt   string           `json:"updated_at"`

	ClientName  string `json:"-"`
	GivenByName string `json:"-"`
}

// Validate checks a goodwill entry against today's date.
func (g *Goodwill) Validate(today Date) error {
	g.Description = strings.TrimSpace(g.Description)
	v := fieldErrors{key: "goodwill.invalid"}
	if g.ClientID == 0 {
		v.add("client", "goodwill.client.required", nil)
	}
	if g.GivenOn.IsZero() {
		v.add("given_on", "goodwill.given_on.required", nil)
	} else if g.GivenOn.After(today) {
		v.add("given_on", "goodwill.given_on.future", nil)
	}
	if !oneOf(g.Category, GoodwillCategories) {
		v.add("category", "goodwill.category.invalid", nil)
	}
	if !MultiLine(g.Description) {
		v.add("description", "field.control", nil)
	}
	if g.Description == "" {
		v.add("description", "goodwill.description.required", nil)
	} else if utf8.RuneCountInString(g.Description) > MaxTextLen {
		v.add("description", "field.too_long", map[string]any{"Max": MaxTextLen})
	}
	switch {
	case g.Value < 0:
		v.add("value", "goodwill.value.negative", nil)
	case g.Value > MaxMoney:
		v.add("value", "money.too_large", map[string]any{"Max": MaxMoney})
	}
	if g.Minutes < 0 || g.Minutes > MaxMinutes {
		v.add("minutes", "goodwill.minutes.range", map[string]any{"Max": MaxMinutes})
	}
	return v.err()
}

// RecordGoodwill stores a goodwill entry; given by the staff member at the
// counter unless another is named.
func (s *Store) RecordGoodwill(ctx context.Context, g Goodwill) (Goodwill, error) {
	g.ID = 0
	if g.GivenBy == 0 {
		g.GivenBy = s.Actor()
	}
	if err := g.Validate(s.Today()); err != nil {
		return Goodwill{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if err := lockClient(tx, g.ClientID); err != nil {
			return err
		}
		if _, err := getClient(tx, g.ClientID); err != nil {
			return err
		}
		return s.insertGoodwill(tx, &g)
	})
	if err != nil {
		return Goodwill{}, internal(err)
	}
	return g, nil
}

func (s *Store) insertGoodwill(tx *dbx, g *Goodwill) error {
	now := stamp(s.now())
	g.CreatedAt, g.UpdatedAt = now, now
	newID, err := tx.insertID(`INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, given_by,
		demand_id, service_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		g.ClientID, g.GivenOn.String(), g.Category, g.Description, g.Value, g.Minutes, nullID(g.GivenBy),
		nullID(g.DemandID), nullID(g.ServiceID), now, now)
	if err != nil {
		return err
	}
	g.ID = newID
	if err := countGoodwill(tx, g.ID); err != nil {
		return err
	}
	if err := s.refreshGoodwill90(tx, g.ClientID); err != nil {
		return err
	}
	return s.audit(tx, "goodwill", g.ID, ActionCreate, nil, *g)
}

func changeReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", &Error{Code: CodeInvalid, Key: "goodwill.invalid", Fields: []FieldError{{Field: "reason", Key: "goodwill.reason.required"}}}
	}
	return reason, nil
}

// UpdateGoodwill changes a goodwill entry; a reason is required and goes
// to the audit log with the entry before and after.
func (s *Store) UpdateGoodwill(ctx context.Context, g Goodwill, reason string) (Goodwill, error) {
	reason, err := changeReason(reason)
	if err != nil {
		return Goodwill{}, err
	}
	if err := g.Validate(s.Today()); err != nil {
		return Goodwill{}, err
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
		return s.audit(tx, "goodwill", g.ID, ActionUpdate, before, map[string]any{"entry": g, "reason": reason})
	})
	if err != nil {
		return Goodwill{}, internal(err)
	}
	return g, nil
}

// DeleteGoodwill takes an entry out of every list and total; it stays in
// the database with the reason, and the audit log has it.
func (s *Store) DeleteGoodwill(ctx context.Context, id int64, reason string) error {
	if err := s.Allow(OpDeleteGoodwill); err != nil {
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
		return s.audit(tx, "goodwill", id, ActionDelete, before, map[string]any{"reason": reason})
	}))
}

const goodwillColumns = `w.id, w.client_id, w.given_on, w.category, w.description, w.value_cents, w.minutes,
	coalesce(w.given_by, 0), coalesce(w.demand_id, 0), coalesce(w.service_id, 0), w.created_at, w.updated_at,
	c.name, coalesce(m.name, '')`

const goodwillFrom = ` FROM goodwill w JOIN clients c ON c.id = w.client_id LEFT JOIN staff m ON m.id = w.given_by`

func scanGoodwill(r scanner) (Goodwill, error) {
	var g Goodwill
	var on string
	err := r.Scan(&g.ID, &g.ClientID, &on, &g.Category, &g.Description, &g.Value, &g.Minutes, &g.GivenBy, &g.DemandID,
		&g.ServiceID, &g.CreatedAt, &g.UpdatedAt, &g.ClientName, &g.GivenByName)
	g.GivenOn = mustDate(on)
	return g, err
}

func getGoodwill(q querier, id int64) (Goodwill, error) {
	g, err := scanGoodwill(q.QueryRow(`SELECT `+goodwillColumns+goodwillFrom+` WHERE w.id = ? AND w.deleted_on = ''`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Goodwill{}, Errorf(CodeNotFound, "goodwill.not_found", map[string]any{"ID": id})
	}
	return g, err
}

// GoodwillFilter narrows the goodwill ledger; zero fields do not filter.
type GoodwillFilter struct {
	From, To Date // both days included
	Category GoodwillCategory
	GivenBy  int64
	ClientID int64
	Limit    int
}

// GoodwillList lists goodwill entries, newest first.
func (s *Store) GoodwillList(ctx context.Context, f GoodwillFilter) ([]Goodwill, error) {
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
	var out []Goodwill
	err := eachRow(ctx, s.read, q+` ORDER BY w.given_on DESC, w.id DESC LIMIT ?`, func(r *sql.Rows) error {
		g, err := scanGoodwill(r)
		out = append(out, g)
		return err
	}, append(args, f.Limit)...)
	return out, internal(err)
}

// GoodwillTotal sums goodwill entries.
type GoodwillTotal struct {
	Count   int
	Value   Money
	Minutes int
}

// GoodwillTotalOf sums a client's goodwill given from day from on (zero:
// ever).
func (s *Store) GoodwillTotalOf(ctx context.Context, clientID int64, from Date) (GoodwillTotal, error) {
	var t GoodwillTotal
	err := s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(value_cents), 0), coalesce(sum(minutes), 0)
		FROM goodwill WHERE client_id = ? AND deleted_on = '' AND given_on >= ?`, clientID, from.String()).Scan(&t.Count, &t.Value, &t.Minutes)
	return t, internal(err)
}
