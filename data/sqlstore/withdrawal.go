package sqlstore

import (
	"context"
	"studiopartner/data"
)

// handWithdrawalNotice records that agreement doc, printed on day, handed
// the withdrawal notice over for those of the contracts that had none yet.
func (s *Store) handWithdrawalNotice(tx *dbx, ids []int64, doc int64, day data.Date) error {
	for _, id := range ids {
		k, err := getContract(tx, id)
		if err != nil {
			return err
		}
		if !k.Withdrawable() || !k.NoticeOn.IsZero() {
			continue
		}
		k.NoticeOn, k.NoticeDoc = day, doc
		if _, err := tx.Exec(`UPDATE contracts SET withdrawal_notice_on = ?, withdrawal_notice_doc = ?, withdrawal_until = ?
			WHERE id = ?`, day.String(), doc, k.WithdrawalUntil().String(), id); err != nil {
			return err
		}
	}
	return nil
}

// WithdrawContract records the client's withdrawal from a contract,
// received (or sent) on day received within the period: the contract ends
// as if it had never been made. Its charges go, except — when the client
// had asked for an early start — the value of what was given up to the
// withdrawal (day by day, a card by its sessions used). What the client
// paid beyond that becomes credit, and the amount is kept as the refund
// owed.
func (s *Store) WithdrawContract(ctx context.Context, id int64, received data.Date) (data.Contract, error) {
	var c data.Contract
	err := s.write(ctx, func(tx *dbx) error {
		before, err := getContract(tx, id)
		if err != nil {
			return err
		}
		if err := s.checkWithdrawal(before, received); err != nil {
			return err
		}
		paid, err := contractPaid(tx, id)
		if err != nil {
			return err
		}
		c = before
		c.WithdrawnOn, c.UpdatedAt = received, stamp(s.now())
		c.EndsOn = c.Start.AddDays(-1) // nothing given: nothing kept
		if c.EarlyStart && !received.Before(c.Start) {
			c.EndsOn = received
		}
		if _, err := s.creditAfterEnd(tx, c); err != nil {
			return err
		}
		if err := s.cutOnceCharges(tx, c); err != nil {
			return err
		}
		kept, err := contractPaid(tx, id)
		if err != nil {
			return err
		}
		c.Refund = max(paid-kept, 0)
		if _, err := tx.Exec(`UPDATE contracts SET withdrawn_on = ?, ends_on = ?, withdrawal_refund_cents = ?, updated_at = ?
			WHERE id = ?`, received.String(), c.EndsOn.String(), c.Refund, c.UpdatedAt, id); err != nil {
			return err
		}
		if err := refreshMember(tx, c.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "contracts", id, data.ActionWithdraw, before, c)
	})
	if err != nil {
		return data.Contract{}, internal(err)
	}
	return c, nil
}

// checkWithdrawal refuses a withdrawal the law does not give: at the
// studio, twice, after a notice of termination, outside the period.
func (s *Store) checkWithdrawal(k data.Contract, received data.Date) error {
	field := func(key string) error {
		return &data.Error{Code: data.CodeInvalid, Key: "contract.invalid", Fields: []data.FieldError{{Field: "received", Key: key}}}
	}
	switch {
	case !k.Withdrawable():
		return data.Errorf(data.CodeConflict, "withdraw.not_withdrawable", nil)
	case !k.WithdrawnOn.IsZero():
		return data.Errorf(data.CodeConflict, "withdraw.already", map[string]any{"Date": k.WithdrawnOn})
	case received.IsZero():
		return field("contract.received.required")
	case received.After(s.Today()):
		return field("contract.received.future")
	case received.Before(k.ConcludedOn()):
		return field("withdraw.before_conclusion")
	case received.After(k.WithdrawalUntil()):
		return data.Errorf(data.CodeConflict, "withdraw.too_late", map[string]any{"Date": k.WithdrawalUntil()})
	}
	return nil
}

// contractPaid is what the client has paid on a contract's charges.
func contractPaid(tx *dbx, id int64) (data.Money, error) {
	var m data.Money
	err := tx.QueryRow(`SELECT coalesce(sum(paid_cents), 0) FROM charges WHERE contract_id = ? AND waived_on = ''`, id).Scan(&m)
	return m, err
}

// cutOnceCharges keeps, of a withdrawn contract's charges that are not
// for a period (a card, a course paid at once), the value of what was
// given up to its end: a card's sessions used, otherwise the days of its
// minimum term. A charge with nothing to keep is waived.
func (s *Store) cutOnceCharges(tx *dbx, c data.Contract) error {
	type once struct {
		id     int64
		amount data.Money
	}
	var list []once
	err := eachRow(inTx, tx, `SELECT id, amount_cents FROM charges WHERE contract_id = ? AND period_start = '' AND waived_on = ''`,
		func(r rowsOf) error {
			var x once
			err := r.Scan(&x.id, &x.amount)
			list = append(list, x)
			return err
		}, c.ID)
	if err != nil || len(list) == 0 {
		return err
	}
	for _, x := range list {
		keep := c.GivenShare(x.amount)
		before := map[string]any{"amount_cents": x.amount}
		if keep == 0 {
			if _, err := tx.Exec(`UPDATE charges SET waived_on = ? WHERE id = ?`, s.Today().String(), x.id); err != nil {
				return err
			}
		} else if _, err := tx.Exec(`UPDATE charges SET amount_cents = ?, paid_cents = {{least}}(paid_cents, ?) WHERE id = ?`,
			keep, keep, x.id); err != nil {
			return err
		}
		if err := s.audit(tx, "charges", x.id, data.ActionUpdate, before, map[string]any{"amount_cents": keep}); err != nil {
			return err
		}
	}
	return s.settle(tx, c.ClientID)
}

// refreshContractLaw recomputes what the program keeps of the law for
// every contract: whether its terms are void, and the last day of its
// period of withdrawal. It runs after an import and once when a database
// is updated to keep them.
func refreshContractLaw(tx *dbx) error {
	type kept struct {
		id    int64
		void  bool
		until string
	}
	var list []kept
	err := eachRow(inTx, tx, `SELECT `+contractColumns+` FROM contracts k JOIN services s ON s.id = k.service_id`, func(r rowsOf) error {
		k, err := scanContract(r)
		if void := len(k.Void()) > 0; void || k.Withdrawable() {
			list = append(list, kept{k.ID, void, k.WithdrawalUntil().String()})
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, k := range list {
		if _, err := tx.Exec(`UPDATE contracts SET void_terms = ?, withdrawal_until = ? WHERE id = ?`, k.void, k.until, k.id); err != nil {
			return err
		}
	}
	return nil
}

// noticeFromAgreements takes, for a database from before the notice was
// recorded, the first agreement printed for the client once a contract
// concluded off the premises or at a distance was recorded as the one that
// handed its notice over; migrate then recomputes the kept values.
func noticeFromAgreements(tx *dbx) error {
	_, err := tx.Exec(`UPDATE contracts SET
		withdrawal_notice_doc = (SELECT min(a.id) FROM agreements a WHERE a.client_id = contracts.client_id AND a.printed_at >= contracts.created_at),
		withdrawal_notice_on = (SELECT substr(min(a.printed_at), 1, 10) FROM agreements a
			WHERE a.client_id = contracts.client_id AND a.printed_at >= contracts.created_at)
		WHERE concluded <> 'studio' AND EXISTS (SELECT 1 FROM agreements a
			WHERE a.client_id = contracts.client_id AND a.printed_at >= contracts.created_at)`)
	return err
}
