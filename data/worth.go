package data

import "context"

// Worth is the whole relationship with a client beside the goodwill they
// received: what they bring each month and in a year, whom they brought.
type Worth struct {
	Monthly    Money         // current contracts, as a monthly amount
	Revenue12  Money         // payments received in the last 12 months, less reversals
	Referred   int           // clients they referred
	Goodwill12 GoodwillTotal // goodwill received in the last 12 months
	Visits12   int           // sessions attended in the last 12 months
}

// GoodwillPerVisit is the goodwill of the last 12 months shared among the
// visits of that time (0 without visits).
func (w Worth) GoodwillPerVisit() Money {
	if w.Visits12 == 0 {
		return 0
	}
	return Money((int64(w.Goodwill12.Value) + int64(w.Visits12)/2) / int64(w.Visits12))
}

// monthlyShare is what a contract brings in a month: its price spread over
// its billing period; contracts billed once or per session count nothing.
func (c *Contract) monthlyShare() Money {
	if m := c.Billing.Months(); m > 0 {
		return c.Price / Money(m)
	}
	return 0
}

// WorthOf returns a client's worth as of today, read in one snapshot.
func (s *Store) WorthOf(ctx context.Context, clientID int64) (w Worth, err error) {
	err = s.snapshot(ctx, func(v *Store) error {
		w, err = v.worthOf(ctx, clientID)
		return err
	})
	return w, err
}

func (s *Store) worthOf(ctx context.Context, clientID int64) (Worth, error) {
	var w Worth
	today := s.Today()
	ks, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return w, err
	}
	for _, k := range ks {
		if st := k.Status(today); st == ContractActive || st == ContractEnding {
			w.Monthly += k.monthlyShare()
		}
	}
	yearAgo := today.AddMonthsClamped(-12).AddDays(1)
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE client_id = ? AND received_on >= ?`,
		clientID, yearAgo.String()).Scan(&w.Revenue12); err != nil {
		return w, internal(err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM clients WHERE referred_by = ?`, clientID).Scan(&w.Referred); err != nil {
		return w, internal(err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM visits WHERE client_id = ? AND at >= ? AND outcome = 'attended'
		AND undone_on = ''`, clientID, yearAgo.String()).Scan(&w.Visits12); err != nil {
		return w, internal(err)
	}
	w.Goodwill12, err = s.GoodwillTotalOf(ctx, clientID, yearAgo)
	return w, err
}

// MainContract returns the client's running contract with the highest
// monthly share, the one defaults are taken from; ok is false if none runs.
func (s *Store) MainContract(ctx context.Context, clientID int64) (Contract, bool, error) {
	ks, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return Contract{}, false, err
	}
	today := s.Today()
	var best Contract
	found := false
	for _, k := range ks {
		if st := k.Status(today); st != ContractActive && st != ContractEnding {
			continue
		}
		if !found || k.monthlyShare() > best.monthlyShare() {
			best, found = k, true
		}
	}
	return best, found, nil
}

// SessionValue is what one session of a contract is worth, the default
// value of a goodwill entry: a monthly price counts four sessions, a
// quarterly twelve, a yearly 48; once or per session, the price itself.
func (c *Contract) SessionValue() Money {
	if m := c.Billing.Months(); m > 0 {
		return c.Price / Money(4*m)
	}
	return c.Price
}
