package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"
)

// OwedKind is what the contract or the law owed a client.
type OwedKind string

// What may be owed.
const (
	OwedMakeup OwedKind = "makeup" // a session made up for a class the studio cancelled
	OwedRefund OwedKind = "refund" // money the law gives back
)

// OwedKinds lists the kinds in the order forms offer them.
var OwedKinds = []OwedKind{OwedMakeup, OwedRefund}

// Owed is something the studio gave because the contract or the law owes
// it, not as goodwill: it is never counted in the goodwill review, the
// goodwill flag or the client's goodwill.
type Owed struct {
	ID          int64    `json:"id"`
	ClientID    int64    `json:"client_id"`
	GivenOn     Date     `json:"given_on"`
	Kind        OwedKind `json:"kind"`
	Description string   `json:"description"`
	Value       Money    `json:"value"`
	ContractID  int64    `json:"contract_id"`
	DemandID    int64    `json:"demand_id"`
	StaffID     int64    `json:"staff_id"`
	CreatedAt   string   `json:"created_at"`
}

// Validate checks an entry against today's date; a refund names its amount.
func (o *Owed) Validate(today Date) error {
	o.Description = strings.TrimSpace(o.Description)
	v := fieldErrors{key: "owed.invalid"}
	if o.ClientID == 0 {
		v.add("client", "goodwill.client.required", nil)
	}
	if o.GivenOn.IsZero() {
		v.add("given_on", "goodwill.given_on.required", nil)
	} else if o.GivenOn.After(today) {
		v.add("given_on", "goodwill.given_on.future", nil)
	}
	if !oneOf(o.Kind, OwedKinds) {
		v.add("kind", "owed.kind.invalid", nil)
	}
	switch {
	case o.Description == "":
		v.add("description", "goodwill.description.required", nil)
	case utf8.RuneCountInString(o.Description) > MaxTextLen:
		v.add("description", "field.too_long", map[string]any{"Max": MaxTextLen})
	case !MultiLine(o.Description):
		v.add("description", "field.control", nil)
	}
	switch {
	case o.Value < 0:
		v.add("value", "goodwill.value.negative", nil)
	case o.Value > MaxMoney:
		v.add("value", "money.too_large", map[string]any{"Max": MaxMoney})
	case o.Kind == OwedRefund && o.Value == 0:
		v.add("value", "owed.refund.amount", nil)
	}
	return v.err()
}

// RecordOwed stores what was given because it was owed.
func (s *Store) RecordOwed(ctx context.Context, o Owed) (Owed, error) {
	if err := o.Validate(s.Today()); err != nil {
		return Owed{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if _, err := getClient(tx, o.ClientID); err != nil {
			return err
		}
		return s.insertOwed(tx, &o)
	})
	if err != nil {
		return Owed{}, internal(err)
	}
	return o, nil
}

func (s *Store) insertOwed(tx *dbx, o *Owed) error {
	if o.ContractID != 0 {
		var client int64
		if err := tx.QueryRow(`SELECT client_id FROM contracts WHERE id = ?`, o.ContractID).Scan(&client); err != nil || client != o.ClientID {
			return &Error{Code: CodeInvalid, Key: "owed.invalid", Fields: []FieldError{{Field: "contract", Key: "import.other_client"}}}
		}
	}
	o.ID, o.CreatedAt = 0, stamp(s.now())
	if o.StaffID == 0 {
		o.StaffID = s.Actor()
	}
	newID, err := tx.insertID(`INSERT INTO owed (client_id, given_on, kind, description, value_cents, contract_id, demand_id, staff_id,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.ClientID, o.GivenOn.String(), o.Kind, o.Description, o.Value,
		nullID(o.ContractID), nullID(o.DemandID), nullID(o.StaffID), o.CreatedAt)
	if err != nil {
		return err
	}
	o.ID = newID
	return s.audit(tx, "owed", o.ID, ActionCreate, nil, *o)
}

// OwedOf lists what a client was given because it was owed, newest first.
func (s *Store) OwedOf(ctx context.Context, clientID int64) ([]Owed, error) {
	var out []Owed
	err := eachRow(ctx, s.read, `SELECT id, client_id, given_on, kind, description, value_cents, coalesce(contract_id, 0),
		coalesce(demand_id, 0), coalesce(staff_id, 0), created_at FROM owed WHERE client_id = ? ORDER BY given_on DESC, id DESC`,
		func(r *sql.Rows) error {
			var o Owed
			var on string
			err := r.Scan(&o.ID, &o.ClientID, &on, &o.Kind, &o.Description, &o.Value, &o.ContractID, &o.DemandID, &o.StaffID, &o.CreatedAt)
			o.GivenOn = mustDate(on)
			out = append(out, o)
			return err
		}, clientID)
	return out, internal(err)
}

// OweDemand decides a demand as owed: what was asked is what the contract
// or the law gives, so it is provided or refunded as owed, not as
// goodwill; the entry is made in the same transaction.
func (s *Store) OweDemand(ctx context.Context, dec Decision, o Owed) (Demand, error) {
	return s.move(ctx, dec, DemandOwed, func(tx *dbx, d *Demand) error {
		o.ClientID, o.DemandID = d.ClientID, d.ID
		if o.ContractID == 0 {
			o.ContractID = d.ContractID
		}
		if err := o.Validate(s.Today()); err != nil {
			return err
		}
		return s.insertOwed(tx, &o)
	})
}
