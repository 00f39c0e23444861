package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"studiopartner/data"
	"time"
)

// VisitRules returns the rules in force.
func (s *Store) VisitRules(ctx context.Context) (data.VisitRules, error) {
	r := data.VisitRules{CancelHours: data.DefaultCancelHours, LateUses: true}
	v, err := s.Setting(ctx, data.SettingCancelHours)
	if n, convErr := strconv.Atoi(v); err == nil && convErr == nil {
		r.CancelHours = n
	}
	if err != nil {
		return r, err
	}
	late, err := s.Setting(ctx, data.SettingLateUses)
	r.LateUses = late != "0"
	return r, err
}

// SaveVisitRules validates and stores the rules.
func (s *Store) SaveVisitRules(ctx context.Context, r data.VisitRules) error {
	if err := s.Allow(data.OpThresholds); err != nil {
		return err
	}
	if r.CancelHours < 0 || r.CancelHours > 24*14 {
		return &data.Error{Code: data.CodeInvalid, Key: "settings.invalid",
			Fields: []data.FieldError{{Field: "cancel_hours", Key: "settings.cancel_hours.range", Args: map[string]any{"Max": 24 * 14}}}}
	}
	late := "0"
	if r.LateUses {
		late = "1"
	}
	return s.write(ctx, func(tx *dbx) error {
		if err := setSetting(tx, data.SettingCancelHours, strconv.Itoa(r.CancelHours)); err != nil {
			return err
		}
		if err := setSetting(tx, data.SettingLateUses, late); err != nil {
			return err
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, r)
	})
}

const visitColumns = `v.id, v.client_id, coalesce(v.contract_id, 0), coalesce(s.name, ''), v.at, v.outcome, v.uses_session,
	v.beyond, coalesce(v.charge_id, 0), coalesce(v.goodwill_id, 0), coalesce(v.staff_id, 0), coalesce(m.name, ''),
	v.undone_on, v.undone_reason, v.created_at, v.branch`

const visitFrom = ` FROM visits v LEFT JOIN contracts k ON k.id = v.contract_id LEFT JOIN services s ON s.id = k.service_id
	LEFT JOIN staff m ON m.id = v.staff_id`

func scanVisit(r scanner) (data.Visit, error) {
	var v data.Visit
	var at, undone string
	err := r.Scan(&v.ID, &v.ClientID, &v.ContractID, &v.ContractName, &at, &v.Outcome, &v.UsesSession, &v.Beyond,
		&v.ChargeID, &v.GoodwillID, &v.StaffID, &v.StaffName, &undone, &v.UndoneReason, &v.CreatedAt, &v.Branch)
	v.At, _ = time.ParseInLocation(data.VisitLayout, at, time.Local)
	v.UndoneOn = mustDate(undone)
	return v, err
}

func getVisit(q querier, id int64) (data.Visit, error) {
	v, err := scanVisit(q.QueryRow(`SELECT `+visitColumns+visitFrom+` WHERE v.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Visit{}, data.Errorf(data.CodeNotFound, "visit.not_found", map[string]any{"ID": id})
	}
	return v, err
}

// Visits lists a client's visits from a day on (zero: all), newest first.
func (s *Store) Visits(ctx context.Context, clientID int64, from data.Date, limit int) ([]data.Visit, error) {
	if _, err := getClient(s.read, clientID); err != nil {
		return nil, internal(err)
	}
	return s.visitsOf(ctx, clientID, from, limit)
}

// VisitsAt lists a client's visits made at one branch from a day on
// (zero: all), newest first; branch ” lists those of every branch.
func (s *Store) VisitsAt(ctx context.Context, clientID int64, from data.Date, branch string) ([]data.Visit, error) {
	branch, err := data.CleanBranch(branch)
	if err != nil {
		return nil, err
	}
	if _, err := getClient(s.read, clientID); err != nil {
		return nil, internal(err)
	}
	var out []data.Visit
	part := visitsPart(clientID, from, 0, &out)
	if branch != "" {
		part = visitsPartAt(clientID, from, branch, &out)
	}
	return out, internal(s.read.readAllCtx(ctx, part))
}

// visitsOf is Visits of a client known to exist.
func (s *Store) visitsOf(ctx context.Context, clientID int64, from data.Date, limit int) ([]data.Visit, error) {
	var out []data.Visit
	return out, internal(s.read.readAllCtx(ctx, visitsPart(clientID, from, limit, &out)))
}

// visitsPartAt is visitsPart of the visits made at one branch.
func visitsPartAt(clientID int64, from data.Date, branch string, out *[]data.Visit) readPart {
	p := visitsPart(clientID, from, 0, out)
	p.query = `SELECT ` + visitColumns + visitFrom + ` WHERE v.client_id = ? AND v.at >= ? AND v.branch = ?
		ORDER BY v.at DESC, v.id DESC`
	p.args = append(p.args, branch)
	return p
}

// visitsPart is visitsOf as a part of several reads.
func visitsPart(clientID int64, from data.Date, limit int, out *[]data.Visit) readPart {
	q := `SELECT ` + visitColumns + visitFrom + ` WHERE v.client_id = ? AND v.at >= ? ORDER BY v.at DESC, v.id DESC`
	args := []any{clientID, from.String()}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return readPart{query: q, args: args, row: func(r scanner) error {
		v, err := scanVisit(r)
		*out = append(*out, v)
		return err
	}}
}
