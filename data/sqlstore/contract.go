package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"studiopartner/data"
)

const contractColumns = `k.id, k.client_id, k.service_id, s.name, k.price_cents, k.billing, k.start_on, k.min_term_months,
	k.notice_n, k.notice_unit, k.renewal, k.renewal_months, k.notice_received, k.ends_on, k.note, k.created_at, k.updated_at,
	k.end_credit_cents, k.concluded, (SELECT coalesce(sum(p.extend_months), 0) FROM contract_pauses p WHERE p.contract_id = k.id),
	k.sessions, k.valid_until, k.sessions_used, s.kind, k.withdrawal_notice_on, k.withdrawal_notice_doc, k.early_start,
	k.withdrawn_on, k.withdrawal_refund_cents, s.name_en, k.direct_debit`

func scanContract(r scanner) (data.Contract, error) {
	var c data.Contract
	var start, received, ends, valid, handed, withdrawn string
	err := r.Scan(&c.ID, &c.ClientID, &c.ServiceID, &c.ServiceName, &c.Price, &c.Billing, &start, &c.MinTermMonths,
		&c.Notice.N, &c.Notice.Unit, &c.Renewal, &c.RenewalMonths, &received, &ends, &c.Note, &c.CreatedAt, &c.UpdatedAt,
		&c.EndCredit, &c.Concluded, &c.ExtraMonths, &c.Sessions, &valid, &c.SessionsUsed, &c.Kind, &handed, &c.NoticeDoc,
		&c.EarlyStart, &withdrawn, &c.Refund, &c.ServiceNameEN, &c.DirectDebit)
	c.Start, c.NoticeReceived, c.EndsOn, c.ValidUntil = mustDate(start), mustDate(received), mustDate(ends), mustDate(valid)
	c.NoticeOn, c.WithdrawnOn = mustDate(handed), mustDate(withdrawn)
	return c, err
}

// CreateContract validates and stores a new contract.
func (s *Store) CreateContract(ctx context.Context, c data.Contract) (data.Contract, error) {
	c.ID, c.NoticeReceived, c.EndsOn = 0, data.Date{}, data.Date{}
	if err := c.Validate(); err != nil {
		return data.Contract{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if err := checkContractParties(tx, &c); err != nil {
			return err
		}
		return s.insertContract(tx, &c)
	})
	if err != nil {
		return data.Contract{}, internal(err)
	}
	return c, nil
}

// insertContract stores a checked contract with its start price and
// writes the audit row.
func (s *Store) insertContract(tx *dbx, c *data.Contract) error {
	now := stamp(s.now())
	c.CreatedAt, c.UpdatedAt = now, now
	c.NoticeOn, c.NoticeDoc, c.WithdrawnOn, c.Refund = data.Date{}, 0, data.Date{}, 0
	newID, err := tx.insertID(`INSERT INTO contracts (client_id, service_id, price_cents, billing, start_on, min_term_months,
		notice_n, notice_unit, renewal, renewal_months, note, concluded, created_at, updated_at, sessions, valid_until,
		early_start, withdrawal_until, direct_debit)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ClientID, c.ServiceID, c.Price, c.Billing, c.Start.String(), c.MinTermMonths, c.Notice.N, c.Notice.Unit,
		c.Renewal, c.RenewalMonths, c.Note, c.Concluded, now, now, c.Sessions, c.ValidUntil.String(),
		c.EarlyStart, c.WithdrawalUntil().String(), c.DirectDebit)
	if err != nil {
		return err
	}
	c.ID = newID
	if err := refreshMember(tx, c.ClientID); err != nil {
		return err
	}
	if err := setPrice(tx, c.ID, c.Start, c.Price); err != nil {
		return err
	}
	return s.audit(tx, "contracts", c.ID, data.ActionCreate, nil, *c)
}

func checkContractParties(tx *dbx, c *data.Contract) error {
	if _, err := getClient(tx, c.ClientID); err != nil {
		return err
	}
	sv, err := getService(tx, c.ServiceID)
	if err != nil {
		return err
	}
	c.ServiceName, c.Kind = sv.Name, sv.Kind
	if sv.Kind == data.KindCard && sv.Sessions > 0 && c.Sessions == 0 {
		// a card keeps the sessions and validity it was sold with
		c.Sessions, c.ValidUntil = sv.Sessions, c.Start.PeriodEnd(sv.ValidMonths)
	}
	return nil
}

// UpdateContract stores changed terms of a contract that has not been
// cancelled; the end date of a cancelled contract stays as confirmed.
func (s *Store) UpdateContract(ctx context.Context, c data.Contract) (data.Contract, error) {
	if err := c.Validate(); err != nil {
		return data.Contract{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		before, err := s.contractToSave(tx, c)
		if err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = before.CreatedAt, stamp(s.now())
		if err := editable(before, c); err != nil {
			return err
		}
		if err := checkContractParties(tx, &c); err != nil {
			return err
		}
		c.ExtraMonths = before.ExtraMonths
		c.NoticeOn, c.NoticeDoc, c.WithdrawnOn, c.Refund = before.NoticeOn, before.NoticeDoc, before.WithdrawnOn, before.Refund
		billed, err := lastBilled(tx, c.ID)
		if err != nil {
			return err
		}
		if !billed.IsZero() && (!c.Start.Equal(before.Start) || c.Billing != before.Billing) {
			return &data.Error{Code: data.CodeConflict, Key: "contract.invalid", Fields: []data.FieldError{{Field: "start", Key: "contract.billed.locked"}}}
		}
		_, err = tx.Exec(`UPDATE contracts SET service_id = ?, price_cents = ?, billing = ?, start_on = ?, min_term_months = ?,
			notice_n = ?, notice_unit = ?, renewal = ?, renewal_months = ?, note = ?, concluded = ?, updated_at = ?,
			early_start = ?, withdrawal_until = ?, void_terms = 0, direct_debit = ? WHERE id = ?`,
			c.ServiceID, c.Price, c.Billing, c.Start.String(), c.MinTermMonths, c.Notice.N, c.Notice.Unit, c.Renewal,
			c.RenewalMonths, c.Note, c.Concluded, c.UpdatedAt, c.EarlyStart, c.WithdrawalUntil().String(), c.DirectDebit, c.ID)
		if err != nil {
			return err
		}
		if err := refreshMember(tx, before.ClientID); err != nil {
			return err
		}
		if c.Price != before.Price || !c.Start.Equal(before.Start) {
			if err := s.repriceContract(tx, &c, billed); err != nil {
				return err
			}
		}
		return s.audit(tx, "contracts", c.ID, data.ActionUpdate, before, c)
	})
	if err != nil {
		return data.Contract{}, internal(err)
	}
	return c, nil
}

// editable refuses changes to a contract that was cancelled or withdrawn
// from, and terms that are void on the day it was concluded (which the
// form, not knowing that day, may not have seen).
func editable(before, c data.Contract) error {
	switch {
	case !before.NoticeReceived.IsZero():
		return data.Errorf(data.CodeConflict, "contract.cancelled.locked", nil)
	case !before.WithdrawnOn.IsZero():
		return data.Errorf(data.CodeConflict, "contract.withdrawn.locked", map[string]any{"Date": before.WithdrawnOn})
	}
	if void := c.Void(); len(void) > 0 {
		return &data.Error{Code: data.CodeInvalid, Key: "contract.invalid", Fields: void}
	}
	return nil
}

// repriceContract records the contract's new price: from its start when
// nothing is billed yet, else from the first period not billed.
func (s *Store) repriceContract(tx *dbx, c *data.Contract, billed data.Date) error {
	if !billed.IsZero() {
		return setPrice(tx, c.ID, c.PriceFrom(s.Today(), billed), c.Price)
	}
	if _, err := tx.Exec(`DELETE FROM contract_prices WHERE contract_id = ?`, c.ID); err != nil {
		return err
	}
	return setPrice(tx, c.ID, c.Start, c.Price)
}

// CancelContract records that notice was received on day received and
// stores the computed end date.
func (s *Store) CancelContract(ctx context.Context, id int64, received data.Date) (data.Contract, error) {
	var c data.Contract
	err := s.write(ctx, func(tx *dbx) error {
		before, err := getContract(tx, id)
		if err != nil {
			return err
		}
		if !before.NoticeReceived.IsZero() {
			return data.Errorf(data.CodeConflict, "contract.cancel.already", map[string]any{"Date": before.EndsOn})
		}
		if !before.WithdrawnOn.IsZero() {
			return data.Errorf(data.CodeConflict, "contract.withdrawn.locked", map[string]any{"Date": before.WithdrawnOn})
		}
		if len(before.Void()) > 0 {
			return data.Errorf(data.CodeConflict, "contract.void.correct_first", nil)
		}
		if received.IsZero() {
			return &data.Error{Code: data.CodeInvalid, Key: "contract.invalid", Fields: []data.FieldError{{Field: "received", Key: "contract.received.required"}}}
		}
		if received.After(s.Today()) {
			return &data.Error{Code: data.CodeInvalid, Key: "contract.invalid", Fields: []data.FieldError{{Field: "received", Key: "contract.received.future"}}}
		}
		c = before
		c.NoticeReceived = received
		c.EndsOn = c.EndFor(received)
		c.UpdatedAt = stamp(s.now())
		if c.EndCredit, err = s.creditAfterEnd(tx, c); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE contracts SET notice_received = ?, ends_on = ?, end_credit_cents = ?, updated_at = ? WHERE id = ?`,
			received.String(), c.EndsOn.String(), c.EndCredit, c.UpdatedAt, id); err != nil {
			return err
		}
		if err := refreshMember(tx, c.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "contracts", id, data.ActionCancel, before, c)
	})
	if err != nil {
		return data.Contract{}, internal(err)
	}
	return c, nil
}

// creditAfterEnd gives back, day by day, what the contract's charges
// billed for days after its end (a quarter or a year paid in advance): a
// charge that runs past the end is cut to the days up to it, one that
// starts after the end goes. What the client had paid for those days
// becomes credit when the payments are applied again. It returns the
// amount credited.
func (s *Store) creditAfterEnd(tx *dbx, c data.Contract) (data.Money, error) {
	type cut struct {
		id         int64
		start, end data.Date
		amount     data.Money
	}
	var cuts []cut
	err := eachRow(inTx, tx, `SELECT id, period_start, period_end, amount_cents FROM charges
		WHERE contract_id = ? AND period_start <> '' AND period_end > ? AND waived_on = ''`, func(r rowsOf) error {
		var x cut
		var start, end string
		err := r.Scan(&x.id, &start, &end, &x.amount)
		x.start, x.end = mustDate(start), mustDate(end)
		cuts = append(cuts, x)
		return err
	}, c.ID, c.EndsOn.String())
	if err != nil || len(cuts) == 0 {
		return 0, err
	}
	var credit data.Money
	for _, x := range cuts {
		keep := data.Money(0)
		if !x.start.After(c.EndsOn) {
			keep = data.Period{Start: x.start, End: c.EndsOn, Days: x.start.DaysUntil(x.end) + 1}.Share(x.amount)
		}
		credit += x.amount - keep
		before := map[string]any{"amount_cents": x.amount, "period_end": x.end}
		if keep == 0 {
			if _, err := tx.Exec(`DELETE FROM charges WHERE id = ?`, x.id); err != nil {
				return 0, err
			}
			if err := s.audit(tx, "charges", x.id, data.ActionDelete, before, map[string]any{"reason": "after the contract's end"}); err != nil {
				return 0, err
			}
			continue
		}
		if _, err := tx.Exec(`UPDATE charges SET amount_cents = ?, paid_cents = {{least}}(paid_cents, ?), period_end = ? WHERE id = ?`,
			keep, keep, c.EndsOn.String(), x.id); err != nil {
			return 0, err
		}
		if err := s.audit(tx, "charges", x.id, data.ActionUpdate, before,
			map[string]any{"amount_cents": keep, "period_end": c.EndsOn}); err != nil {
			return 0, err
		}
	}
	return credit, s.settle(tx, c.ClientID)
}

// setPrice records the price that applies from day from on.
func setPrice(tx *dbx, contractID int64, from data.Date, price data.Money) error {
	_, err := tx.Exec(`INSERT INTO contract_prices (contract_id, effective_from, price_cents) VALUES (?, ?, ?)
		ON CONFLICT (contract_id, effective_from) DO UPDATE SET price_cents = excluded.price_cents`,
		contractID, from.String(), price)
	return err
}

// PriceChangeDate returns the day a price changed today would apply from:
// the contract's start while nothing is billed, else the next period that
// is not billed yet.
func (s *Store) PriceChangeDate(ctx context.Context, k data.Contract) (data.Date, error) {
	billed, err := lastBilled(s.read, k.ID)
	if err != nil || billed.IsZero() {
		return k.Start, internal(err)
	}
	return k.PriceFrom(s.Today(), billed), nil
}

// contractToSave holds the contract's row and returns it as it is now,
// refusing a save of a contract another counter changed since it was read.
func (s *Store) contractToSave(tx *dbx, c data.Contract) (data.Contract, error) {
	if _, err := tx.Exec(`SELECT id FROM contracts WHERE id = ? {{forupdate}}`, c.ID); err != nil {
		return data.Contract{}, err
	}
	before, err := getContract(tx, c.ID)
	if err != nil {
		return data.Contract{}, err
	}
	return before, s.unchangedSince(tx, "contracts", c.ID, c.UpdatedAt, before.UpdatedAt)
}

func getContract(q querier, id int64) (data.Contract, error) {
	c, err := scanContract(q.QueryRow(`SELECT `+contractColumns+` FROM contracts k JOIN services s ON s.id = k.service_id
		WHERE k.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Contract{}, data.Errorf(data.CodeNotFound, "contract.not_found", map[string]any{"ID": id})
	}
	return c, err
}

// Contract returns one contract.
func (s *Store) Contract(ctx context.Context, id int64) (data.Contract, error) {
	c, err := getContract(s.read, id)
	return c, internal(err)
}

// ContractsOf lists a client's contracts, newest start first.
func (s *Store) ContractsOf(ctx context.Context, clientID int64) ([]data.Contract, error) {
	out, err := contractsOf(ctx, s.read, clientID)
	return out, internal(err)
}

func contractsOf(ctx context.Context, q *dbx, clientID int64) ([]data.Contract, error) {
	var out []data.Contract
	err := q.readAllCtx(ctx, contractsPart(clientID, &out))
	return out, err
}

// contractsPart is contractsOf as a part of several reads.
func contractsPart(clientID int64, out *[]data.Contract) readPart {
	return readPart{query: `SELECT ` + contractColumns + ` FROM contracts k JOIN services s ON s.id = k.service_id
		WHERE k.client_id = ? ORDER BY k.start_on DESC, k.id DESC`, args: []any{clientID}, row: func(r scanner) error {
		c, err := scanContract(r)
		*out = append(*out, c)
		return err
	}}
}
