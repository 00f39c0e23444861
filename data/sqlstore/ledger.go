package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"studiopartner/data"
	"unicode/utf8"
)

// RecordPayment stores a payment and applies it to the client's oldest
// open charges; what is left over becomes credit for the next charge.
func (s *Store) RecordPayment(ctx context.Context, p data.Payment) (data.Payment, error) {
	p.ID, p.Reverses, p.ReversedBy = 0, 0, 0
	if err := p.Validate(s.Today()); err != nil {
		return data.Payment{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		// the client's row and the payment's number in one go
		var c data.Client
		number, err := numbersPart("payments", 1, &p.ID)
		if err != nil {
			return err
		}
		if err := tx.readAll(lockedClientPart(p.ClientID, &c), number); err != nil {
			return err
		}
		return s.bookPayment(tx, &p, data.ActionCreate)
	})
	if err != nil {
		return data.Payment{}, internal(err)
	}
	return p, nil
}

// bookPayment stores a payment (under its number, if it has one yet),
// applies the client's payments again and writes the audit row with
// action.
func (s *Store) bookPayment(tx *dbx, p *data.Payment, action string) error {
	if err := s.insertPayment(tx, p); err != nil {
		return err
	}
	if err := s.settle(tx, p.ClientID); err != nil {
		return err
	}
	return s.audit(tx, "payments", p.ID, action, nil, *p)
}

func (s *Store) insertPayment(tx *dbx, p *data.Payment) error {
	p.CreatedAt = stamp(s.now())
	p.StaffID = s.Actor()
	id := p.ID
	if id == 0 {
		var err error
		if id, err = takeNumber(tx, "payments"); err != nil {
			return err
		}
	}
	p.Branch = s.branchOf(p.Branch)
	if err := tx.later(`INSERT INTO payments (id, client_id, amount_cents, method, received_on, note, reverses, staff_id,
		created_at, branch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, p.ClientID, p.Amount, p.Method, p.ReceivedOn.String(), p.Note,
		nullID(p.Reverses), nullID(p.StaffID), p.CreatedAt, p.Branch); err != nil {
		return err
	}
	p.ID = id
	return paymentTotals{monthOf(p.ReceivedOn.String()): int64(p.Amount)}.apply(tx)
}

// ReversePayment takes a payment back with a counter-entry dated today;
// the payment itself stays. A reversal cannot be reversed, and a payment
// only once.
func (s *Store) ReversePayment(ctx context.Context, id int64, reason string) (data.Payment, error) {
	if err := s.Allow(data.OpReversePayment); err != nil {
		return data.Payment{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return data.Payment{}, &data.Error{Code: data.CodeInvalid, Key: "payment.invalid", Fields: []data.FieldError{{Field: "reason", Key: "payment.reverse.reason"}}}
	}
	var rev data.Payment
	err := s.write(ctx, func(tx *dbx) error {
		orig, err := getPayment(tx, id)
		if err != nil {
			return err
		}
		if err := lockClient(tx, orig.ClientID); err != nil {
			return err
		}
		if orig, err = getPayment(tx, id); err != nil { // as it is now that no one else changes it
			return err
		}
		switch {
		case orig.Reverses != 0:
			return data.Errorf(data.CodeConflict, "payment.reverse.of_reversal", nil)
		case orig.ReversedBy != 0:
			return data.Errorf(data.CodeConflict, "payment.reverse.twice", map[string]any{"ID": orig.ReversedBy})
		}
		rev = data.Payment{ClientID: orig.ClientID, Amount: -orig.Amount, Method: orig.Method, ReceivedOn: s.Today(),
			Note: reason, Reverses: orig.ID, Branch: orig.Branch} // the money comes off where it was counted
		if err := s.insertPayment(tx, &rev); err != nil {
			return err
		}
		if err := s.settle(tx, orig.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "payments", orig.ID, data.ActionReverse, orig, rev)
	})
	if err != nil {
		return data.Payment{}, internal(err)
	}
	return rev, nil
}

const paymentColumns = `p.id, p.client_id, p.amount_cents, p.method, p.received_on, p.note, coalesce(p.reverses, 0),
	coalesce((SELECT r.id FROM payments r WHERE r.reverses = p.id), 0), coalesce(p.staff_id, 0), p.created_at, p.branch`

func scanPayment(r scanner) (data.Payment, error) {
	var p data.Payment
	var received string
	err := r.Scan(&p.ID, &p.ClientID, &p.Amount, &p.Method, &received, &p.Note, &p.Reverses, &p.ReversedBy, &p.StaffID, &p.CreatedAt, &p.Branch)
	p.ReceivedOn = mustDate(received)
	return p, err
}

func getPayment(q querier, id int64) (data.Payment, error) {
	p, err := scanPayment(q.QueryRow(`SELECT `+paymentColumns+` FROM payments p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Payment{}, data.Errorf(data.CodeNotFound, "payment.not_found", map[string]any{"ID": id})
	}
	return p, err
}

// Payment returns one payment.
func (s *Store) Payment(ctx context.Context, id int64) (data.Payment, error) {
	p, err := getPayment(s.read, id)
	return p, internal(err)
}

// PaymentsOf lists a client's payments and reversals, newest first.
func (s *Store) PaymentsOf(ctx context.Context, clientID int64, limit int) ([]data.Payment, error) {
	var out []data.Payment
	return out, internal(s.read.readAllCtx(ctx, paymentsPart(clientID, limit, &out)))
}

// paymentsPart is PaymentsOf as a part of several reads.
func paymentsPart(clientID int64, limit int, out *[]data.Payment) readPart {
	return readPart{query: `SELECT ` + paymentColumns + ` FROM payments p WHERE p.client_id = ?
		ORDER BY p.received_on DESC, p.id DESC LIMIT ?`, args: []any{clientID, limit}, row: func(r scanner) error {
		p, err := scanPayment(r)
		*out = append(*out, p)
		return err
	}}
}

// reallocate applies all of a client's payments to their charges, oldest
// due first, and keeps the rest as credit; clientID 0 does it for every
// client at once. It is one set-based pass: each charge gets what the
// payments leave after the charges due before it. A waived charge counts
// as settled and takes nothing from the payments.
func reallocate(tx *dbx, clientID int64) error {
	filter, args := "client_id IS NOT NULL", []any{}
	if clientID != 0 {
		filter, args = "client_id = ?", []any{clientID, clientID, clientID} // the filter is used three times
	}
	err := tx.later(`WITH paid AS (SELECT client_id, sum(amount_cents) AS total FROM payments WHERE `+filter+` GROUP BY client_id),
		alloc AS (SELECT g.id, CASE WHEN g.waived_on <> '' THEN g.amount_cents
				ELSE {{greatest}}(0, {{least}}(g.amount_cents, coalesce(p.total, 0) -
					(sum(CASE WHEN g.waived_on = '' THEN g.amount_cents ELSE 0 END) OVER w - g.amount_cents))) END AS want
			FROM charges g LEFT JOIN paid p ON p.client_id = g.client_id
			WHERE g.`+filter+`
			WINDOW w AS (PARTITION BY g.client_id ORDER BY g.due_on, g.id ROWS UNBOUNDED PRECEDING))
		UPDATE charges SET paid_cents = alloc.want FROM alloc
		WHERE charges.id = alloc.id AND charges.paid_cents <> alloc.want AND charges.`+filter, args...)
	if err != nil {
		return err
	}
	cf, cargs := "id IS NOT NULL", []any{}
	if clientID != 0 {
		cf, cargs = "id = ?", []any{clientID}
	}
	return tx.later(`UPDATE clients SET credit_cents = x.credit FROM (
			SELECT c.id, {{greatest}}(0, coalesce((SELECT sum(amount_cents) FROM payments p WHERE p.client_id = c.id), 0)
				- coalesce((SELECT sum(amount_cents) FROM charges g WHERE g.client_id = c.id AND g.waived_on = ''), 0)) AS credit
			FROM clients c WHERE c.`+cf+`) x
		WHERE clients.id = x.id AND clients.credit_cents <> x.credit`, cargs...)
}

// RecordPayments stores many payments in one transaction and applies them
// all: imports and the demo studio use it. Each is validated first; on the
// first problem nothing is stored.
func (s *Store) RecordPayments(ctx context.Context, ps []data.Payment) error {
	today := s.Today()
	for i := range ps {
		if err := ps[i].Validate(today); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *dbx) error {
		ins := newRowBatch(tx, `INSERT INTO payments (id, client_id, amount_cents, method, received_on, note, staff_id,
			created_at, branch) VALUES`, "", 9)
		defer ins.close()
		now := stamp(s.now())
		first, err := takeNumbers(tx, "payments", int64(len(ps)))
		if err != nil {
			return err
		}
		months := paymentTotals{}
		for i, p := range ps {
			if err := ins.add(first+int64(i), p.ClientID, p.Amount, p.Method, p.ReceivedOn.String(), p.Note, nullID(p.StaffID),
				now, s.branchOf(p.Branch)); err != nil {
				return err
			}
			months[monthOf(p.ReceivedOn.String())] += int64(p.Amount)
		}
		if err := ins.flush(); err != nil {
			return err
		}
		if err := months.apply(tx); err != nil {
			return err
		}
		if err := s.settle(tx, 0); err != nil {
			return err
		}
		return s.audit(tx, "payments", 0, data.ActionCreate, nil, map[string]any{"imported": len(ps)})
	})
}

// AddCharge stores a one-off charge. It may name one of the client's
// contracts, but not one that has ended.
func (s *Store) AddCharge(ctx context.Context, oc data.OneOffCharge) (data.Charge, error) {
	oc.Description = strings.TrimSpace(oc.Description)
	v := data.FieldErrors{Key: "charge.invalid"}
	if oc.Description == "" {
		v.Add("description", "charge.description.required", nil)
	} else if utf8.RuneCountInString(oc.Description) > data.MaxNameLen*2 {
		v.Add("description", "field.too_long", map[string]any{"Max": data.MaxNameLen * 2})
	}
	switch {
	case oc.Amount <= 0:
		v.Add("amount", "charge.amount.positive", nil)
	case oc.Amount > data.MaxMoney:
		v.Add("amount", "money.too_large", map[string]any{"Max": data.MaxMoney})
	}
	if oc.Due.IsZero() {
		v.Add("due", "charge.due.required", nil)
	}
	if err := v.Err(); err != nil {
		return data.Charge{}, err
	}
	var ch data.Charge
	err := s.write(ctx, func(tx *dbx) error {
		if _, err := lockedClient(tx, oc.ClientID); err != nil {
			return err
		}
		if oc.ContractID != 0 {
			k, err := getContract(tx, oc.ContractID)
			if err != nil {
				return err
			}
			if k.ClientID != oc.ClientID {
				return &data.Error{Code: data.CodeInvalid, Key: "charge.invalid", Fields: []data.FieldError{{Field: "contract", Key: "charge.contract.other_client"}}}
			}
			if k.Over(s.Today()) {
				return &data.Error{Code: data.CodeConflict, Key: "charge.invalid", Fields: []data.FieldError{{Field: "contract", Key: "charge.contract.ended",
					Args: map[string]any{"Date": k.End()}}}}
			}
		}
		var err error
		ch, err = s.insertCharge(tx, oc)
		return err
	})
	if err != nil {
		return data.Charge{}, internal(err)
	}
	return ch, nil
}

// insertCharge stores a one-off charge, applies the client's payments and
// credit to it, and writes its audit row.
func (s *Store) insertCharge(tx *dbx, oc data.OneOffCharge) (data.Charge, error) {
	ch := data.Charge{ClientID: oc.ClientID, ContractID: oc.ContractID, Description: oc.Description, Amount: oc.Amount,
		Due: oc.Due, CreatedAt: stamp(s.now())}
	id, err := takeNumber(tx, "charges")
	if err != nil {
		return ch, err
	}
	if _, err := tx.Exec(`INSERT INTO charges (id, client_id, contract_id, description, amount_cents, due_on, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, ch.ClientID, nullID(ch.ContractID), ch.Description, ch.Amount, ch.Due.String(),
		ch.CreatedAt); err != nil {
		return ch, err
	}
	ch.ID = id
	if err := s.settle(tx, ch.ClientID); err != nil {
		return ch, err
	}
	return ch, s.audit(tx, "charges", ch.ID, data.ActionCreate, nil, ch)
}

const chargeColumns = `g.id, g.client_id, coalesce(g.contract_id, 0), g.period_start, g.period_end,
	CASE WHEN g.description <> '' THEN g.description ELSE coalesce(s.name, '') END,
	g.amount_cents, g.paid_cents, g.due_on, g.created_at, coalesce(s.name_en, '')`

const chargeFrom = ` FROM charges g LEFT JOIN contracts k ON k.id = g.contract_id LEFT JOIN services s ON s.id = k.service_id`

func scanCharge(r scanner) (data.Charge, error) {
	var c data.Charge
	var ps, pe, due string
	err := r.Scan(&c.ID, &c.ClientID, &c.ContractID, &ps, &pe, &c.Description, &c.Amount, &c.Paid, &due, &c.CreatedAt, &c.ServiceEN)
	c.PeriodStart, c.PeriodEnd, c.Due = mustDate(ps), mustDate(pe), mustDate(due)
	return c, err
}

// ChargesOf lists a client's charges, oldest due first: only the open ones,
// or all of them.
func (s *Store) ChargesOf(ctx context.Context, clientID int64, onlyOpen bool) ([]data.Charge, error) {
	var out []data.Charge
	return out, internal(s.read.readAllCtx(ctx, chargesPart(clientID, onlyOpen, &out)))
}

// chargesPart is ChargesOf as a part of several reads.
func chargesPart(clientID int64, onlyOpen bool, out *[]data.Charge) readPart {
	q := `SELECT ` + chargeColumns + chargeFrom + ` WHERE g.client_id = ?`
	if onlyOpen {
		q += ` AND g.paid_cents < g.amount_cents`
	}
	return readPart{query: q + ` ORDER BY g.due_on, g.id`, args: []any{clientID}, row: func(r scanner) error {
		c, err := scanCharge(r)
		*out = append(*out, c)
		return err
	}}
}

// EachChargeDue calls fn for every charge, by client and then oldest due
// first, with only what it asks; the demo studio pays them by it, and
// reading no more than that keeps a studio of 50,000 clients quick.
func (s *Store) EachChargeDue(ctx context.Context, fn func(data.ChargeDue) error) error {
	return internal(eachRow(ctx, s.read, `SELECT id, client_id, amount_cents, due_on FROM charges ORDER BY client_id, due_on, id`,
		func(r rowsOf) error {
			var c data.ChargeDue
			var due string
			if err := r.Scan(&c.ID, &c.ClientID, &c.Amount, &due); err != nil {
				return err
			}
			c.Due = mustDate(due)
			return fn(c)
		}))
}
