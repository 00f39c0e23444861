package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"studiopartner/data"
	"unicode/utf8"
)

// RaiseDemand records a new, open demand. A declined inquiry may raise one
// too; the flags show it.
func (s *Store) RaiseDemand(ctx context.Context, d data.Demand) (data.Demand, error) {
	d.ID, d.Status, d.Settlement, d.ChargeID = 0, data.DemandOpen, "", 0
	if err := d.Validate(s.Today()); err != nil {
		return data.Demand{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		c, err := getClient(tx, d.ClientID)
		if err != nil {
			return err
		}
		d.ClientName = c.Name
		if d.ContractID != 0 {
			k, err := getContract(tx, d.ContractID)
			if err != nil {
				return err
			}
			if k.ClientID != d.ClientID {
				return &data.Error{Code: data.CodeInvalid, Key: "demand.invalid", Fields: []data.FieldError{{Field: "contract", Key: "charge.contract.other_client"}}}
			}
		}
		d.StatusOn, d.CreatedBy, d.CreatedAt = d.RaisedOn, s.Actor(), stamp(s.now())
		newID, err := tx.insertID(`INSERT INTO demands (client_id, contract_id, raised_on, asked, claimed_cents, client_words, status,
			status_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`, d.ClientID, nullID(d.ContractID),
			d.RaisedOn.String(), d.Asked, d.Claimed, d.ClientWords, d.StatusOn.String(), nullID(d.CreatedBy), d.CreatedAt)
		if err != nil {
			return err
		}
		d.ID = newID
		return s.audit(tx, "demands", d.ID, data.ActionCreate, nil, d)
	})
	if err != nil {
		return data.Demand{}, internal(err)
	}
	return d, nil
}

// GrantDemand gives what was asked as goodwill; the goodwill entry is
// created in the same transaction and linked to the demand.
func (s *Store) GrantDemand(ctx context.Context, dec data.Decision, g data.Goodwill) (data.Demand, error) {
	return s.move(ctx, dec, data.DemandGranted, func(tx *dbx, d *data.Demand) error {
		g.ID, g.ClientID, g.DemandID = 0, d.ClientID, d.ID
		if g.GivenBy == 0 {
			g.GivenBy = s.Actor()
		}
		if err := g.Validate(s.Today()); err != nil {
			return err
		}
		return s.insertGoodwill(tx, &g)
	})
}

// DeclineDemand says no.
func (s *Store) DeclineDemand(ctx context.Context, dec data.Decision) (data.Demand, error) {
	return s.move(ctx, dec, data.DemandDeclined, nil)
}

// BillDemand declines the demand as owed and charges for the extra the
// client agreed to pay for, as a one-off charge.
func (s *Store) BillDemand(ctx context.Context, dec data.Decision, b data.Bill) (data.Demand, error) {
	b.What = strings.TrimSpace(b.What)
	return s.move(ctx, dec, data.DemandBilled, func(tx *dbx, d *data.Demand) error {
		v := data.FieldErrors{Key: "demand.invalid"}
		if b.ServiceID != 0 {
			var name string
			var price data.Money
			err := tx.QueryRow(`SELECT name, price_cents FROM services WHERE id = ?`, b.ServiceID).Scan(&name, &price)
			if errors.Is(err, sql.ErrNoRows) {
				return data.Errorf(data.CodeNotFound, "service.not_found", map[string]any{"ID": b.ServiceID})
			} else if err != nil {
				return err
			}
			if b.Amount == 0 {
				b.Amount = price
			}
			if b.What == "" {
				b.What = name
			}
		}
		switch {
		case b.What == "":
			v.Add("what", "demand.bill.what.required", nil)
		case !data.SingleLine(b.What):
			v.Add("what", "field.control", nil)
		case utf8.RuneCountInString(b.What) > data.MaxTextLen:
			v.Add("what", "field.too_long", map[string]any{"Max": data.MaxTextLen})
		}
		if b.Amount <= 0 {
			v.Add("amount", "charge.amount.positive", nil)
		} else if b.Amount > data.MaxMoney {
			v.Add("amount", "money.too_large", map[string]any{"Max": data.MaxMoney})
		}
		if b.Due.IsZero() {
			v.Add("due", "charge.due.required", nil)
		}
		if err := v.Err(); err != nil {
			return err
		}
		ch, err := s.insertCharge(tx, data.OneOffCharge{ClientID: d.ClientID, ContractID: d.ContractID, Description: b.What,
			Amount: b.Amount, Due: b.Due})
		if err != nil {
			return err
		}
		d.ChargeID = ch.ID
		_, err = tx.Exec(`UPDATE demands SET charge_id = ? WHERE id = ?`, ch.ID, d.ID)
		return err
	})
}

// DisputeDemand records that the client contests a declined or billed
// demand; the note, saying what they contest, is required.
func (s *Store) DisputeDemand(ctx context.Context, dec data.Decision) (data.Demand, error) {
	if strings.TrimSpace(dec.Note) == "" {
		return data.Demand{}, &data.Error{Code: data.CodeInvalid, Key: "demand.invalid", Fields: []data.FieldError{{Field: "note", Key: "demand.dispute.note"}}}
	}
	return s.move(ctx, dec, data.DemandDisputed, nil)
}

// SettleDemand ends a dispute: the client paid what was billed, the
// studio writes it off as goodwill (g; a billed charge is waived), or the
// client withdrew.
func (s *Store) SettleDemand(ctx context.Context, dec data.Decision, how data.Settlement, g data.Goodwill) (data.Demand, error) {
	if !data.OneOf(how, data.Settlements) {
		return data.Demand{}, &data.Error{Code: data.CodeInvalid, Key: "demand.invalid", Fields: []data.FieldError{{Field: "settlement", Key: "demand.settlement.invalid"}}}
	}
	return s.move(ctx, dec, data.DemandSettled, func(tx *dbx, d *data.Demand) error {
		d.Settlement = how
		if _, err := tx.Exec(`UPDATE demands SET settlement = ? WHERE id = ?`, how, d.ID); err != nil {
			return err
		}
		switch how {
		case data.SettledPaid:
			var open data.Money
			err := tx.QueryRow(`SELECT amount_cents - paid_cents FROM charges WHERE id = ?`, d.ChargeID).Scan(&open)
			if d.ChargeID == 0 || errors.Is(err, sql.ErrNoRows) {
				return &data.Error{Code: data.CodeConflict, Key: "demand.invalid", Fields: []data.FieldError{{Field: "settlement", Key: "demand.settle.paid_not_billed"}}}
			}
			if err != nil {
				return err
			}
			if open > 0 {
				return &data.Error{Code: data.CodeConflict, Key: "demand.invalid", Fields: []data.FieldError{{Field: "settlement", Key: "demand.settle.paid_open",
					Args: map[string]any{"Open": open}}}}
			}
		case data.SettledWrittenOff:
			g.ID, g.ClientID, g.DemandID = 0, d.ClientID, d.ID
			if g.GivenBy == 0 {
				g.GivenBy = s.Actor()
			}
			if err := g.Validate(s.Today()); err != nil {
				return err
			}
			if err := s.insertGoodwill(tx, &g); err != nil {
				return err
			}
			if d.ChargeID != 0 {
				if _, err := tx.Exec(`UPDATE charges SET waived_on = ? WHERE id = ?`, s.Today().String(), d.ChargeID); err != nil {
					return err
				}
				return s.settle(tx, d.ClientID)
			}
		}
		return nil
	})
}

// move takes a demand from the status the caller saw to status to, running
// also (if set) in the same transaction, and records the step.
func (s *Store) move(ctx context.Context, dec data.Decision, to data.DemandStatus, also func(tx *dbx, d *data.Demand) error) (data.Demand, error) {
	var d data.Demand
	err := s.write(ctx, func(tx *dbx) error {
		var err error
		if d, err = getDemand(tx, dec.DemandID); err != nil {
			return err
		}
		if dec.Expect != "" && d.Status != dec.Expect {
			return data.Errorf(data.CodeConflict, "demand.changed", map[string]any{"Status": d.Status})
		}
		if !data.OneOf(to, data.NextSteps(d.Status)) {
			if to == data.DemandSettled {
				return data.Errorf(data.CodeConflict, "demand.settle.not_disputed", map[string]any{"Status": d.Status})
			}
			return data.Errorf(data.CodeConflict, "demand.next."+string(d.Status), map[string]any{"Status": d.Status})
		}
		on, err := stepDay(dec.On, d.StatusOn, s.Today())
		if err != nil {
			return err
		}
		before := d
		from := d.Status
		d.Status, d.StatusOn = to, on
		// conditional: of two counters deciding at once, the second finds
		// the status no longer the one it read and is told so
		res, err := tx.Exec(`UPDATE demands SET status = ?, status_on = ? WHERE id = ? AND status = ?`, to, d.StatusOn.String(), d.ID, from)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			now, err := getDemand(tx, d.ID)
			if err != nil {
				return err
			}
			return data.Errorf(data.CodeConflict, "demand.changed", map[string]any{"Status": now.Status})
		}
		if also != nil {
			if err := also(tx, &d); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`INSERT INTO demand_steps (demand_id, on_day, at, staff_id, from_status, to_status, note)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, d.ID, d.StatusOn.String(), stamp(s.now()), nullID(s.Actor()), from, to,
			strings.TrimSpace(dec.Note)); err != nil {
			return err
		}
		return s.audit(tx, "demands", d.ID, data.ActionUpdate, before, d)
	})
	if err != nil {
		return data.Demand{}, internal(err)
	}
	return d, nil
}

// stepDay is the day a demand's step is recorded on: asked (zero: today),
// not before last (the day of its last step or its raising) and not after
// today.
func stepDay(asked, last, today data.Date) (data.Date, error) {
	switch {
	case asked.IsZero():
		return today, nil
	case asked.After(today):
		return data.Date{}, data.Errorf(data.CodeInvalid, "demand.on.future", nil)
	case asked.Before(last):
		return data.Date{}, data.Errorf(data.CodeInvalid, "demand.on.before", nil)
	}
	return asked, nil
}

const demandColumns = `d.id, d.client_id, coalesce(d.contract_id, 0), d.raised_on, d.asked, d.claimed_cents, d.client_words,
	d.status, d.settlement, coalesce(d.charge_id, 0), d.status_on, coalesce(d.created_by, 0), d.created_at, c.name`

func scanDemand(r scanner) (data.Demand, error) {
	var d data.Demand
	var raised, statusOn string
	err := r.Scan(&d.ID, &d.ClientID, &d.ContractID, &raised, &d.Asked, &d.Claimed, &d.ClientWords, &d.Status,
		&d.Settlement, &d.ChargeID, &statusOn, &d.CreatedBy, &d.CreatedAt, &d.ClientName)
	d.RaisedOn, d.StatusOn = mustDate(raised), mustDate(statusOn)
	return d, err
}

func getDemand(q querier, id int64) (data.Demand, error) {
	d, err := scanDemand(q.QueryRow(`SELECT `+demandColumns+` FROM demands d JOIN clients c ON c.id = d.client_id WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Demand{}, data.Errorf(data.CodeNotFound, "demand.not_found", map[string]any{"ID": id})
	}
	return d, err
}

// Demand returns one demand.
func (s *Store) Demand(ctx context.Context, id int64) (data.Demand, error) {
	d, err := getDemand(s.read, id)
	return d, internal(err)
}

// Demands lists demands, newest raised first.
func (s *Store) Demands(ctx context.Context, f data.DemandFilter) ([]data.Demand, error) {
	var out []data.Demand
	return out, internal(s.read.readAllCtx(ctx, demandsPart(f, &out)))
}

// demandsPart is Demands as a part of several reads.
func demandsPart(f data.DemandFilter, out *[]data.Demand) readPart {
	q := `SELECT ` + demandColumns + ` FROM demands d JOIN clients c ON c.id = d.client_id WHERE 1 = 1`
	var args []any
	if f.ClientID != 0 {
		q += ` AND d.client_id = ?`
		args = append(args, f.ClientID)
	}
	if len(f.Statuses) > 0 {
		q += ` AND d.status IN (?` + strings.Repeat(",?", len(f.Statuses)-1) + `)`
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	return readPart{query: q + ` ORDER BY d.raised_on DESC, d.id DESC LIMIT ?`, args: append(args, f.Limit), row: func(r scanner) error {
		d, err := scanDemand(r)
		*out = append(*out, d)
		return err
	}}
}

// DemandSteps lists a demand's recorded steps, oldest first.
func (s *Store) DemandSteps(ctx context.Context, id int64) ([]data.DemandStep, error) {
	var out []data.DemandStep
	err := eachRow(ctx, s.read, `SELECT t.on_day, t.at, coalesce(t.staff_id, 0), coalesce(m.name, ''), t.from_status, t.to_status, t.note
		FROM demand_steps t LEFT JOIN staff m ON m.id = t.staff_id WHERE t.demand_id = ? ORDER BY t.id`, func(r rowsOf) error {
		var st data.DemandStep
		var on string
		err := r.Scan(&on, &st.At, &st.StaffID, &st.Staff, &st.From, &st.To, &st.Note)
		st.OnDay = mustDate(on)
		out = append(out, st)
		return err
	}, id)
	return out, internal(err)
}
