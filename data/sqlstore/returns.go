package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"studiopartner/data"
)

// ApplyReturns takes back the direct debits a bank returned
// (Rücklastschriften), each found by its end-to-end id, in one
// transaction: its payment is reversed, so its charge is open again; the
// bank's fee becomes a charge of its own where the studio passes it on;
// a reason that ends the mandate revokes it. A return applied before
// changes nothing; one that matches no debit is listed. iban is the
// account the bank's file is about: another than the studio's is refused.
func (s *Store) ApplyReturns(ctx context.Context, iban string, returns []data.Return) (data.ReturnResult, error) {
	var res data.ReturnResult
	if err := s.Allow(data.OpDebitRun); err != nil {
		return res, err
	}
	cr, err := s.Creditor(ctx)
	if err != nil {
		return res, err
	}
	if iban != "" && iban != cr.IBAN {
		return res, data.Errorf(data.CodeInvalid, "returns.other_account", map[string]any{"IBAN": data.MaskIBAN(iban),
			"Ours": data.MaskIBAN(cr.IBAN)})
	}
	if _, err := s.BookDueRuns(ctx); err != nil { // a debit is returned only once it was collected
		return res, err
	}
	err = s.write(ctx, func(tx *dbx) error {
		res = data.ReturnResult{}
		for _, r := range returns {
			if err := s.applyReturn(tx, cr, r, &res); err != nil {
				return err
			}
		}
		return nil
	})
	return res, internal(err)
}

// applyReturn takes back one returned debit.
func (s *Store) applyReturn(tx *dbx, cr data.Creditor, r data.Return, res *data.ReturnResult) error {
	var id, client, mandate int64
	var payment sql.NullInt64
	var returned string
	var amount data.Money
	err := tx.QueryRow(`SELECT id, client_id, mandate_id, payment_id, returned_on, amount_cents FROM debits
		WHERE end_to_end = ? AND live = 1`, r.EndToEnd).Scan(&id, &client, &mandate, &payment, &returned, &amount)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && !payment.Valid):
		res.Unmatched = append(res.Unmatched, r)
		return nil
	case err != nil:
		return err
	case returned != "":
		res.Already++
		return nil
	}
	on := r.On
	if on.IsZero() || on.After(s.Today()) {
		on = s.Today()
	}
	if err := lockClient(tx, client); err != nil {
		return err
	}
	rev := data.Payment{ClientID: client, Amount: -amount, Method: data.MethodDirectDebit, ReceivedOn: on,
		Note: "Rücklastschrift " + r.Reason + " " + r.EndToEnd, Reverses: payment.Int64}
	if err := s.insertPayment(tx, &rev); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE debits SET returned_on = ?, return_reason = ?, return_fee_cents = ?, reversal_id = ? WHERE id = ?`,
		on.String(), r.Reason, r.Fee, rev.ID, id); err != nil {
		return err
	}
	if err := s.afterReturn(tx, cr, r, client, mandate, on, res); err != nil {
		return err
	}
	if err := s.settle(tx, client); err != nil {
		return err
	}
	res.Applied = append(res.Applied, r)
	return s.audit(tx, "debits", id, "returned", nil, map[string]any{"end_to_end": r.EndToEnd, "return_reason": r.Reason,
		"amount": amount, "fee": r.Fee})
}

// afterReturn charges the bank's fee where the studio passes it on, and
// revokes the mandate when the reason ends it.
func (s *Store) afterReturn(tx *dbx, cr data.Creditor, r data.Return, client, mandate int64, on data.Date, res *data.ReturnResult) error {
	if r.Fee > 0 && cr.PassFee {
		if _, err := s.insertCharge(tx, data.OneOffCharge{ClientID: client, Description: "Rücklastschriftgebühr der Bank (" + r.Reason + ")",
			Amount: r.Fee, Due: on}); err != nil {
			return err
		}
	}
	if !data.EndsMandate(r.Reason) {
		return nil
	}
	n, err := tx.Exec(`UPDATE mandates SET revoked_on = ?, revoked_why = ?, updated_at = ? WHERE id = ? AND revoked_on = ''`,
		on.String(), "Rücklastschrift "+r.Reason, stamp(s.now()), mandate)
	if err != nil {
		return err
	}
	if k, _ := n.RowsAffected(); k > 0 {
		res.Revoked++
	}
	return nil
}
