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
	if err := s.read.readAllCtx(ctx, s.worthPart(clientID, &w)); err != nil {
		return w, internal(err)
	}
	s.worthMonthly(&w, ks)
	return w, nil
}

// worthPart is the worth's one statement as a part of several reads;
// worthMonthly completes it from the contracts.
func (s *Store) worthPart(clientID int64, w *data.Worth) readPart {
	yearAgo := s.Today().AddMonthsClamped(-12).AddDays(1).String()
	g := &w.Goodwill12
	return readPart{query: `SELECT
			(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE client_id = ? AND received_on >= ?),
			(SELECT count(*) FROM clients WHERE referred_by = ?),
			(SELECT count(*) FROM visits WHERE client_id = ? AND at >= ? AND outcome = 'attended' AND undone_on = ''),
			count(*), coalesce(sum(value_cents), 0), coalesce(sum(minutes), 0)
		FROM goodwill WHERE client_id = ? AND deleted_on = '' AND given_on >= ?`,
		args: []any{clientID, yearAgo, clientID, clientID, yearAgo, clientID, yearAgo},
		row: func(r scanner) error {
			return r.Scan(&w.Revenue12, &w.Referred, &w.Visits12, &g.Count, &g.Value, &g.Minutes)
		}}
}

// worthMonthly adds up what the running contracts bring in a month.
func (s *Store) worthMonthly(w *data.Worth, ks []data.Contract) {
	today := s.Today()
	w.Monthly = 0
	for _, k := range ks {
		if st := k.Status(today); st == data.ContractActive || st == data.ContractEnding {
			w.Monthly += k.MonthlyShare()
		}
	}
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
