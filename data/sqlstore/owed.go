package sqlstore

import (
	"context"
	"studiopartner/data"
)

// RecordOwed stores what was given because it was owed.
func (s *Store) RecordOwed(ctx context.Context, o data.Owed) (data.Owed, error) {
	if err := o.Validate(s.Today()); err != nil {
		return data.Owed{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if _, err := getClient(tx, o.ClientID); err != nil {
			return err
		}
		return s.insertOwed(tx, &o)
	})
	if err != nil {
		return data.Owed{}, internal(err)
	}
	return o, nil
}

func (s *Store) insertOwed(tx *dbx, o *data.Owed) error {
	if o.ContractID != 0 {
		var client int64
		if err := tx.QueryRow(`SELECT client_id FROM contracts WHERE id = ?`, o.ContractID).Scan(&client); err != nil || client != o.ClientID {
			return &data.Error{Code: data.CodeInvalid, Key: "owed.invalid", Fields: []data.FieldError{{Field: "contract", Key: "import.other_client"}}}
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
	return s.audit(tx, "owed", o.ID, data.ActionCreate, nil, *o)
}

// OwedOf lists what a client was given because it was owed, newest first.
func (s *Store) OwedOf(ctx context.Context, clientID int64) ([]data.Owed, error) {
	var out []data.Owed
	return out, internal(s.read.readAllCtx(ctx, owedPart(clientID, &out)))
}

// owedPart is OwedOf as a part of several reads.
func owedPart(clientID int64, out *[]data.Owed) readPart {
	return readPart{query: `SELECT id, client_id, given_on, kind, description, value_cents, coalesce(contract_id, 0),
		coalesce(demand_id, 0), coalesce(staff_id, 0), created_at FROM owed WHERE client_id = ? ORDER BY given_on DESC, id DESC`,
		args: []any{clientID}, row: func(r scanner) error {
			var o data.Owed
			var on string
			err := r.Scan(&o.ID, &o.ClientID, &on, &o.Kind, &o.Description, &o.Value, &o.ContractID, &o.DemandID, &o.StaffID, &o.CreatedAt)
			o.GivenOn = mustDate(on)
			*out = append(*out, o)
			return err
		}}
}

// OweDemand decides a demand as owed: what was asked is what the contract
// or the law gives, so it is provided or refunded as owed, not as
// goodwill; the entry is made in the same transaction.
func (s *Store) OweDemand(ctx context.Context, dec data.Decision, o data.Owed) (data.Demand, error) {
	return s.move(ctx, dec, data.DemandOwed, func(tx *dbx, d *data.Demand) error {
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
