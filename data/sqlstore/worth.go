package sqlstore

import (
	"context"
	"studiopartner/data"
)

// WorthOf returns a client's worth as of today, read in one snapshot.
func (s *Store) WorthOf(ctx context.Context, clientID int64) (w data.Worth, err error) {
	err = s.snapshot(ctx, func(v *Store) error {
		w, err = v.worthOf(ctx, clientID)
		return err
	})
	return w, err
}

func (s *Store) worthOf(ctx context.Context, clientID int64) (data.Worth, error) {
	ks, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return data.Worth{}, err
	}
	return s.worthWith(ctx, clientID, ks)
}

// worthWith is the client's worth given their contracts, read in one
// statement.
func (s *Store) worthWith(ctx context.Context, clientID int64, ks []data.Contract) (data.Worth, error) {
	var w data.Worth
	today := s.Today()
	for _, k := range ks {
		if st := k.Status(today); st == data.ContractActive || st == data.ContractEnding {
			w.Monthly += k.MonthlyShare()
		}
	}
	yearAgo := today.AddMonthsClamped(-12).AddDays(1).String()
	g := &w.Goodwill12
	err := s.read.QueryRowContext(ctx, `SELECT
			(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE client_id = ? AND received_on >= ?),
			(SELECT count(*) FROM clients WHERE referred_by = ?),
			(SELECT count(*) FROM visits WHERE client_id = ? AND at >= ? AND outcome = 'attended' AND undone_on = ''),
			count(*), coalesce(sum(value_cents), 0), coalesce(sum(minutes), 0)
		FROM goodwill WHERE client_id = ? AND deleted_on = '' AND given_on >= ?`,
		clientID, yearAgo, clientID, clientID, yearAgo, clientID, yearAgo).Scan(&w.Revenue12, &w.Referred, &w.Visits12, &g.Count, &g.Value, &g.Minutes)
	return w, internal(err)
}

// MainContract returns the client's running contract with the highest
// monthly share, the one defaults are taken from; ok is false if none runs.
func (s *Store) MainContract(ctx context.Context, clientID int64) (data.Contract, bool, error) {
	ks, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return data.Contract{}, false, err
	}
	today := s.Today()
	var best data.Contract
	found := false
	for _, k := range ks {
		if st := k.Status(today); st != data.ContractActive && st != data.ContractEnding {
			continue
		}
		if !found || k.MonthlyShare() > best.MonthlyShare() {
			best, found = k, true
		}
	}
	return best, found, nil
}
