package sqlstore

import (
	"context"
	"studiopartner/data"
)

// PayOutCredit pays a client's credit back to them — after an early end,
// a withdrawal or a payment that was too high — when the client chooses
// the money over netting it with the next charges. p.Amount is what is
// paid out (positive, at most the credit); it is stored as a payment with
// a minus amount, so the balance and the month's payments follow it.
// Money leaving the studio is the owner's to hand over.
func (s *Store) PayOutCredit(ctx context.Context, p data.Payment) (data.Payment, error) {
	if err := s.Allow(data.OpPayOut); err != nil {
		return data.Payment{}, err
	}
	p.ID, p.Reverses, p.ReversedBy = 0, 0, 0
	if err := p.Validate(s.Today()); err != nil {
		return data.Payment{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if _, err := lockedClient(tx, p.ClientID); err != nil {
			return err
		}
		var credit data.Money
		if err := tx.QueryRow(`SELECT credit_cents FROM clients WHERE id = ?`, p.ClientID).Scan(&credit); err != nil {
			return err
		}
		if credit <= 0 {
			return data.Errorf(data.CodeConflict, "payout.no_credit", nil)
		}
		if p.Amount > credit {
			return &data.Error{Code: data.CodeInvalid, Key: "payment.invalid", Fields: []data.FieldError{{Field: "amount",
				Key: "payout.above_credit", Args: map[string]any{"Credit": credit}}}}
		}
		p.Amount = -p.Amount
		return s.bookPayment(tx, &p, data.ActionPayOut)
	})
	if err != nil {
		return data.Payment{}, internal(err)
	}
	return p, nil
}

// Settled says what a payment paid for: the client's charges it settles,
// oldest due first, when the payments are taken in the order received
// (a payment taken back and its reversal left out), and what was left
// over as credit. It is how the balance applies payments, told per
// payment, so a receipt can name the charges.
func (s *Store) Settled(ctx context.Context, paymentID int64) ([]data.ChargeShare, data.Money, error) {
	p, err := getPayment(s.read, paymentID)
	if err != nil {
		return nil, 0, internal(err)
	}
	var before data.Money
	err = s.read.QueryRowContext(ctx, `SELECT coalesce(sum(p.amount_cents), 0) FROM payments p
		WHERE p.client_id = ? AND (p.received_on < ? OR (p.received_on = ? AND p.id < ?))
		AND p.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses = p.id)`,
		p.ClientID, p.ReceivedOn.String(), p.ReceivedOn.String(), p.ID).Scan(&before)
	if err != nil || p.Amount <= 0 {
		return nil, 0, internal(err)
	}
	from, to := max(before, 0), before+p.Amount
	var out []data.ChargeShare
	var upTo, used data.Money
	err = eachRow(ctx, s.read, `SELECT `+chargeColumns+chargeFrom+` WHERE g.client_id = ? AND g.waived_on = ''
		ORDER BY g.due_on, g.id`, func(r rowsOf) error {
		c, err := scanCharge(r)
		lo, hi := max(upTo, from), min(upTo+c.Amount, to)
		upTo += c.Amount
		if hi > lo {
			out = append(out, data.ChargeShare{Charge: c, Amount: hi - lo})
			used += hi - lo
		}
		return err
	}, p.ClientID)
	return out, max(to-from-used, 0), internal(err)
}
