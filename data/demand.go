package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// DemandStatus is where a demand stands in its life.
type DemandStatus string

// Demand statuses.
const (
	DemandOpen     DemandStatus = "open"
	DemandGranted  DemandStatus = "granted"  // given as goodwill
	DemandDeclined DemandStatus = "declined" // not given
	DemandBilled   DemandStatus = "billed"   // declined, and what was asked is charged for
	DemandDisputed DemandStatus = "disputed" // the client contests the decision
	DemandSettled  DemandStatus = "settled"  // the dispute is over
	DemandOwed     DemandStatus = "owed"     // the contract or the law gives it: provided or refunded, no goodwill
)

// DemandStatuses lists the statuses in life order.
var DemandStatuses = []DemandStatus{DemandOpen, DemandGranted, DemandOwed, DemandDeclined, DemandBilled, DemandDisputed, DemandSettled}

// EnumKey names the status's translation.
func (s DemandStatus) EnumKey() string { return "demand.status." + string(s) }

// Settlement is how a dispute ended.
type Settlement string

// Settlements.
const (
	SettledPaid       Settlement = "paid"        // the client paid what was billed
	SettledWrittenOff Settlement = "written_off" // the studio gave it after all, as goodwill
	SettledWithdrawn  Settlement = "withdrawn"   // the client dropped the dispute
)

// Settlements lists the ways a dispute ends.
var Settlements = []Settlement{SettledPaid, SettledWrittenOff, SettledWithdrawn}

// nextSteps are the moves a demand can make from each status.
var nextSteps = map[DemandStatus][]DemandStatus{
	DemandOpen:     {DemandGranted, DemandOwed, DemandDeclined, DemandBilled},
	DemandDeclined: {DemandDisputed},
	DemandBilled:   {DemandDisputed},
	DemandDisputed: {DemandSettled},
}

// NextSteps returns the statuses a demand can move to from st.
func NextSteps(st DemandStatus) []DemandStatus { return nextSteps[st] }

// Demand is a client asking for something beyond the contract as if it
// were owed.
type Demand struct {
	ID          int64        `json:"id"`
	ClientID    int64        `json:"client_id"`
	ContractID  int64        `json:"contract_id"`
	RaisedOn    Date         `json:"raised_on"`
	Asked       string       `json:"asked"`
	Claimed     Money        `json:"claimed"`
	ClientWords string       `json:"client_words"`
	Status      DemandStatus `json:"status"`
	Settlement  Settlement   `json:"settlement"`
	ChargeID    int64        `json:"charge_id"`
	StatusOn    Date         `json:"status_on"`
	CreatedBy   int64        `json:"created_by"`
	CreatedAt   string       `json:"created_at"`

	ClientName string `json:"-"`
}

// DemandStep is one recorded move of a demand: who, when, from what to what.
type DemandStep struct {
	OnDay    Date
	At       string
	StaffID  int64
	Staff    string
	From, To DemandStatus
	Note     string
}

// Validate checks a new demand against today's date.
func (d *Demand) Validate(today Date) error {
	d.Asked = strings.TrimSpace(d.Asked)
	d.ClientWords = strings.TrimSpace(d.ClientWords)
	v := fieldErrors{key: "demand.invalid"}
	if d.ClientID == 0 {
		v.add("client", "demand.client.required", nil)
	}
	if d.RaisedOn.IsZero() {
		v.add("raised_on", "demand.raised_on.required", nil)
	} else if d.RaisedOn.After(today) {
		v.add("raised_on", "demand.raised_on.future", nil)
	}
	if d.Asked == "" {
		v.add("asked", "demand.asked.required", nil)
	}
	switch {
	case d.Claimed < 0:
		v.add("claimed", "demand.claimed.negative", nil)
	case d.Claimed > MaxMoney:
		v.add("claimed", "money.too_large", map[string]any{"Max": MaxMoney})
	}
	for _, f := range []struct{ name, val string }{{"asked", d.Asked}, {"client_words", d.ClientWords}} {
		if !MultiLine(f.val) {
			v.add(f.name, "field.control", nil)
		}
		if utf8.RuneCountInString(f.val) > MaxTextLen {
			v.add(f.name, "field.too_long", map[string]any{"Max": MaxTextLen})
		}
	}
	return v.err()
}

// RaiseDemand records a new, open demand. A declined inquiry may raise one
// too; the flags show it.
func (s *Store) RaiseDemand(ctx context.Context, d Demand) (Demand, error) {
	d.ID, d.Status, d.Settlement, d.ChargeID = 0, DemandOpen, "", 0
	if err := d.Validate(s.Today()); err != nil {
		return Demand{}, err
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
				return &Error{Code: CodeInvalid, Key: "demand.invalid", Fields: []FieldError{{Field: "contract", Key: "charge.contract.other_client"}}}
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
		return s.audit(tx, "demands", d.ID, ActionCreate, nil, d)
	})
	if err != nil {
		return Demand{}, internal(err)
	}
	return d, nil
}

// Decision is how the counter moves a demand on: what it expects the
// demand's status to be (so two people deciding at once cannot both win)
// and a note.
type Decision struct {
	DemandID int64
	Expect   DemandStatus
	Note     string
	// On is the day the step was taken; zero is today. A step recorded
	// late may lie in the past, but never before the demand's last step
	// (or its raising) and never in the future.
	On Date
}

// GrantDemand gives what was asked as goodwill; the goodwill entry is
// created in the same transaction and linked to the demand.
func (s *Store) GrantDemand(ctx context.Context, dec Decision, g Goodwill) (Demand, error) {
	return s.move(ctx, dec, DemandGranted, func(tx *dbx, d *Demand) error {
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
func (s *Store) DeclineDemand(ctx context.Context, dec Decision) (Demand, error) {
	return s.move(ctx, dec, DemandDeclined, nil)
}

// Bill is what a billed demand charges: what the studio provides (the
// client agreed to pay for an extra), and its price — a service's price
// when none is given — due on Due. The client's claimed value and own
// words are never the charge.
type Bill struct {
	What      string
	ServiceID int64
	Amount    Money
	Due       Date
}

// BillDemand declines the demand as owed and charges for the extra the
// client agreed to pay for, as a one-off charge.
func (s *Store) BillDemand(ctx context.Context, dec Decision, b Bill) (Demand, error) {
	b.What = strings.TrimSpace(b.What)
	return s.move(ctx, dec, DemandBilled, func(tx *dbx, d *Demand) error {
		v := fieldErrors{key: "demand.invalid"}
		if b.ServiceID != 0 {
			var name string
			var price Money
			err := tx.QueryRow(`SELECT name, price_cents FROM services WHERE id = ?`, b.ServiceID).Scan(&name, &price)
			if errors.Is(err, sql.ErrNoRows) {
				return Errorf(CodeNotFound, "service.not_found", map[string]any{"ID": b.ServiceID})
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
			v.add("what", "demand.bill.what.required", nil)
		case !SingleLine(b.What):
			v.add("what", "field.control", nil)
		case utf8.RuneCountInString(b.What) > MaxTextLen:
			v.add("what", "field.too_long", map[string]any{"Max": MaxTextLen})
		}
		if b.Amount <= 0 {
			v.add("amount", "charge.amount.positive", nil)
		} else if b.Amount > MaxMoney {
			v.add("amount", "money.too_large", map[string]any{"Max": MaxMoney})
		}
		if b.Due.IsZero() {
			v.add("due", "charge.due.required", nil)
		}
		if err := v.err(); err != nil {
			return err
		}
		ch, err := s.insertCharge(tx, OneOffCharge{ClientID: d.ClientID, ContractID: d.ContractID, Description: b.What,
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
func (s *Store) DisputeDemand(ctx context.Context, dec Decision) (Demand, error) {
	if strings.TrimSpace(dec.Note) == "" {
		return Demand{}, &Error{Code: CodeInvalid, Key: "demand.invalid", Fields: []FieldError{{Field: "note", Key: "demand.dispute.note"}}}
	}
	return s.move(ctx, dec, DemandDisputed, nil)
}

// SettleDemand ends a dispute: the client paid what was billed, the
// studio writes it off as goodwill (g; a billed charge is waived), or the
// client withdrew.
func (s *Store) SettleDemand(ctx context.Context, dec Decision, how Settlement, g Goodwill) (Demand, error) {
	if !oneOf(how, Settlements) {
		return Demand{}, &Error{Code: CodeInvalid, Key: "demand.invalid", Fields: []FieldError{{Field: "settlement", Key: "demand.settlement.invalid"}}}
	}
	return s.move(ctx, dec, DemandSettled, func(tx *dbx, d *Demand) error {
		d.Settlement = how
		if _, err := tx.Exec(`UPDATE demands SET settlement = ? WHERE id = ?`, how, d.ID); err != nil {
			return err
		}
		switch how {
		case SettledPaid:
			var open Money
			err := tx.QueryRow(`SELECT amount_cents - paid_cents FROM charges WHERE id = ?`, d.ChargeID).Scan(&open)
			if d.ChargeID == 0 || errors.Is(err, sql.ErrNoRows) {
				return &Error{Code: CodeConflict, Key: "demand.invalid", Fields: []FieldError{{Field: "settlement", Key: "demand.settle.paid_not_billed"}}}
			}
			if err != nil {
				return err
			}
			if open > 0 {
				return &Error{Code: CodeConflict, Key: "demand.invalid", Fields: []FieldError{{Field: "settlement", Key: "demand.settle.paid_open",
					Args: map[string]any{"Open": open}}}}
			}
		case SettledWrittenOff:
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
func (s *Store) move(ctx context.Context, dec Decision, to DemandStatus, also func(tx *dbx, d *Demand) error) (Demand, error) {
	var d Demand
	err := s.write(ctx, func(tx *dbx) error {
		var err error
		if d, err = getDemand(tx, dec.DemandID); err != nil {
			return err
		}
		if dec.Expect != "" && d.Status != dec.Expect {
			return Errorf(CodeConflict, "demand.changed", map[string]any{"Status": d.Status})
		}
		if !oneOf(to, nextSteps[d.Status]) {
			if to == DemandSettled {
				return Errorf(CodeConflict, "demand.settle.not_disputed", map[string]any{"Status": d.Status})
			}
			return Errorf(CodeConflict, "demand.next."+string(d.Status), map[string]any{"Status": d.Status})
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
			return Errorf(CodeConflict, "demand.changed", map[string]any{"Status": now.Status})
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
		return s.audit(tx, "demands", d.ID, ActionUpdate, before, d)
	})
	if err != nil {
		return Demand{}, internal(err)
	}
	return d, nil
}

// stepDay is the day a demand's step is recorded on: asked (zero: today),
// not before last (the day of its last step or its raising) and not after
// today.
func stepDay(asked, last, today Date) (Date, error) {
	switch {
	case asked.IsZero():
		return today, nil
	case asked.After(today):
		return Date{}, Errorf(CodeInvalid, "demand.on.future", nil)
	case asked.Before(last):
		return Date{}, Errorf(CodeInvalid, "demand.on.before", nil)
	}
	return asked, nil
}

const demandColumns = `d.id, d.client_id, coalesce(d.contract_id, 0), d.raised_on, d.asked, d.claimed_cents, d.client_words,
	d.status, d.settlement, coalesce(d.charge_id, 0), d.status_on, coalesce(d.created_by, 0), d.created_at, c.name`

func scanDemand(r scanner) (Demand, error) {
	var d Demand
	var raised, statusOn string
	err := r.Scan(&d.ID, &d.ClientID, &d.ContractID, &raised, &d.Asked, &d.Claimed, &d.ClientWords, &d.Status,
		&d.Settlement, &d.ChargeID, &statusOn, &d.CreatedBy, &d.CreatedAt, &d.ClientName)
	d.RaisedOn, d.StatusOn = mustDate(raised), mustDate(statusOn)
	return d, err
}

func getDemand(q querier, id int64) (Demand, error) {
	d, err := scanDemand(q.QueryRow(`SELECT `+demandColumns+` FROM demands d JOIN clients c ON c.id = d.client_id WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Demand{}, Errorf(CodeNotFound, "demand.not_found", map[string]any{"ID": id})
	}
	return d, err
}

// Demand returns one demand.
func (s *Store) Demand(ctx context.Context, id int64) (Demand, error) {
	d, err := getDemand(s.read, id)
	return d, internal(err)
}

// DemandFilter narrows the list of demands; zero fields do not filter.
type DemandFilter struct {
	ClientID int64
	Statuses []DemandStatus
	Limit    int
}

// Demands lists demands, newest raised first.
func (s *Store) Demands(ctx context.Context, f DemandFilter) ([]Demand, error) {
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
	var out []Demand
	err := eachRow(ctx, s.read, q+` ORDER BY d.raised_on DESC, d.id DESC LIMIT ?`, func(r *sql.Rows) error {
		d, err := scanDemand(r)
		out = append(out, d)
		return err
	}, append(args, f.Limit)...)
	return out, internal(err)
}

// DemandSteps lists a demand's recorded steps, oldest first.
func (s *Store) DemandSteps(ctx context.Context, id int64) ([]DemandStep, error) {
	var out []DemandStep
	err := eachRow(ctx, s.read, `SELECT t.on_day, t.at, coalesce(t.staff_id, 0), coalesce(m.name, ''), t.from_status, t.to_status, t.note
		FROM demand_steps t LEFT JOIN staff m ON m.id = t.staff_id WHERE t.demand_id = ? ORDER BY t.id`, func(r *sql.Rows) error {
		var st DemandStep
		var on string
		err := r.Scan(&on, &st.At, &st.StaffID, &st.Staff, &st.From, &st.To, &st.Note)
		st.OnDay = mustDate(on)
		out = append(out, st)
		return err
	}, id)
	return out, internal(err)
}

// String names a demand in logs and tests.
func (d Demand) String() string { return fmt.Sprintf("demand %d (%s)", d.ID, d.Status) }
