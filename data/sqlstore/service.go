package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"studiopartner/data"
)

const serviceColumns = `id, name, kind, description, price_cents, billing, min_term_months, notice_n, notice_unit,
	renewal, renewal_months, active, created_at, sessions, valid_months, session_price_cents, name_en, description_en`

func scanService(r scanner) (data.Service, error) {
	var sv data.Service
	err := r.Scan(&sv.ID, &sv.Name, &sv.Kind, &sv.Description, &sv.Price, &sv.Billing, &sv.MinTermMonths,
		&sv.Notice.N, &sv.Notice.Unit, &sv.Renewal, &sv.RenewalMonths, &sv.Active, &sv.CreatedAt,
		&sv.Sessions, &sv.ValidMonths, &sv.SessionPrice, &sv.NameEN, &sv.DescriptionEN)
	return sv, err
}

// SaveService creates the service (ID 0) or updates it.
func (s *Store) SaveService(ctx context.Context, sv data.Service) (data.Service, error) {
	return s.saveService(ctx, sv, nil)
}

// SaveServiceOver saves sv, an edit of orig as the form read it: it is
// refused, saying who changed the service and when, if another counter
// changed it since.
func (s *Store) SaveServiceOver(ctx context.Context, orig, sv data.Service) (data.Service, error) {
	return s.saveService(ctx, sv, &orig)
}

func (s *Store) saveService(ctx context.Context, sv data.Service, orig *data.Service) (data.Service, error) {
	if err := sv.Validate(); err != nil {
		return data.Service{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		var taken int64
		err := tx.QueryRow(`SELECT id FROM services WHERE name = ? AND id <> ?`, sv.Name, sv.ID).Scan(&taken)
		if err == nil {
			return &data.Error{Code: data.CodeConflict, Key: "service.invalid", Fields: []data.FieldError{{Field: "name", Key: "service.name.taken"}}}
		}
		if sv.ID == 0 {
			sv.CreatedAt = stamp(s.now())
			if err := tx.QueryRow(`INSERT INTO services (name, kind, description, price_cents, billing, min_term_months,
				notice_n, notice_unit, renewal, renewal_months, active, created_at, sessions, valid_months,
				session_price_cents, name_en, description_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				RETURNING id`,
				sv.Name, sv.Kind, sv.Description, sv.Price, sv.Billing, sv.MinTermMonths, sv.Notice.N, sv.Notice.Unit,
				sv.Renewal, sv.RenewalMonths, sv.Active, sv.CreatedAt, sv.Sessions, sv.ValidMonths, sv.SessionPrice,
				sv.NameEN, sv.DescriptionEN).Scan(&sv.ID); err != nil {
				return err
			}
			return s.audit(tx, "services", sv.ID, data.ActionCreate, nil, sv)
		}
		before, err := s.serviceToSave(tx, sv.ID, orig)
		if err != nil {
			return err
		}
		sv.CreatedAt = before.CreatedAt
		_, err = tx.Exec(`UPDATE services SET name = ?, kind = ?, description = ?, price_cents = ?, billing = ?,
			min_term_months = ?, notice_n = ?, notice_unit = ?, renewal = ?, renewal_months = ?, active = ?,
			sessions = ?, valid_months = ?, session_price_cents = ?, name_en = ?, description_en = ? WHERE id = ?`,
			sv.Name, sv.Kind, sv.Description, sv.Price, sv.Billing, sv.MinTermMonths, sv.Notice.N, sv.Notice.Unit,
			sv.Renewal, sv.RenewalMonths, sv.Active, sv.Sessions, sv.ValidMonths, sv.SessionPrice, sv.NameEN, sv.DescriptionEN, sv.ID)
		if err != nil {
			return err
		}
		if sv.Kind != before.Kind { // a membership no longer, or now one: its clients' running memberships move
			if _, err := tx.Exec(`UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running
				WHERE client_id = clients.id), '') WHERE id IN (SELECT client_id FROM contracts WHERE service_id = ?)`, sv.ID); err != nil {
				return err
			}
		}
		return s.audit(tx, "services", sv.ID, data.ActionUpdate, before, sv)
	})
	if err != nil {
		return data.Service{}, internal(err)
	}
	return sv, nil
}

// serviceToSave holds the service's row and returns it as it is now,
// refusing a save over orig if the service no longer is as orig read it.
func (s *Store) serviceToSave(tx *dbx, id int64, orig *data.Service) (data.Service, error) {
	if _, err := tx.Exec(`SELECT id FROM services WHERE id = ? {{forupdate}}`, id); err != nil {
		return data.Service{}, err
	}
	before, err := getService(tx, id)
	if err != nil || orig == nil || reflect.DeepEqual(before, *orig) {
		return before, err
	}
	return before, s.changedRecord(tx, "services", id)
}

func getService(q querier, id int64) (data.Service, error) {
	sv, err := scanService(q.QueryRow(`SELECT `+serviceColumns+` FROM services WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Service{}, data.Errorf(data.CodeNotFound, "service.not_found", map[string]any{"ID": id})
	}
	return sv, err
}

// Service returns one service.
func (s *Store) Service(ctx context.Context, id int64) (data.Service, error) {
	sv, err := getService(s.read, id)
	return sv, internal(err)
}

// Services lists the catalogue by name; retired services only when asked.
func (s *Store) Services(ctx context.Context, withRetired bool) ([]data.Service, error) {
	q := `SELECT ` + serviceColumns + ` FROM services`
	if !withRetired {
		q += ` WHERE active = 1`
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY active DESC, name`)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []data.Service
	for rows.Next() {
		sv, err := scanService(rows)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, sv)
	}
	return out, internal(rows.Err())
}
