package data

import (
	"context"
	"database/sql"
)

// IsPayout tells a payout of credit from a payment received: money that
// left the studio without taking a payment back.
func (p Payment) IsPayout() bool { return p.Amount < 0 && p.Reverses == 0 }

// PayOutCredit pays a client's credit back to them — after an early end,
// a withdrawal or a payment that was too high — when the client chooses
// the money over netting it with the next charges. p.Amount is what is
// paid out (positive, at most the credit); it is stored as a payment with
// a minus amount, so the balance and the month's payments follow it.
// Money leaving the studio is the owner's to hand over.
func (s *Store) PayOutCredit(ctx context.Context, p Payment) (Payment, error) {
	if err := s.Allow(OpPayOut); err != nil {
		return Payment{}, err
	}
	p.ID, p.Reverses, p.ReversedBy = 0, 0, 0
	if err := p.Validate(s.Today()); err != nil {
		return Payment{}, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := getClient(tx, p.ClientID); err != nil {
			return err
		}
		var credit Money
		if err := tx.QueryRow(`SELECT credit_cents FROM clients WHERE id = ?`, p.ClientID).Scan(&credit); err != nil {
			return err
		}
		if credit <= 0 {
			return Errorf(CodeConflict, "payout.no_credit", nil)
		}
		if p.Amount > credit {
			return &Error{Code: CodeInvalid, Key: "payment.invalid", Fields: []FieldError{{Field: "amount",
				Key: "payout.above_credit", Args: map[string]any{"Credit": credit}}}}
		}
		p.Amount = -p.Amount
		if err := s.insertPayment(tx, &p); err != nil {
			return err
		}
		if err := s.settle(tx, p.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "payments", p.ID, ActionPayOut, nil, p)
	})
	if err != nil {
		return Payment{}, internal(err)
	}
	return p, nil
}
