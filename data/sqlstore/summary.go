package sqlstore

import (
	"context"
	"studiopartner/data"
)

// ClientSummary reads what the counter shows of one client.
func (s *Store) ClientSummary(ctx context.Context, id int64, lim data.SummaryLimits) (data.ClientSummary, error) {
	var out data.ClientSummary
	err := s.freshSnapshot(ctx, func(v *Store) error {
		var err error
		if out.Client, err = v.Client(ctx, id); err != nil {
			return err
		}
		steps := []func() error{
			func() (err error) { out.Contracts, err = v.ContractsOf(ctx, id); return },
			func() (err error) { out.Balance, err = v.BalanceOf(ctx, id); return },
			func() (err error) { out.Payments, err = v.PaymentsOf(ctx, id, lim.Payments); return },
			func() (err error) { out.Flags, err = v.FlagsOf(ctx, id); return },
			func() (err error) { out.Worth, err = v.worthWith(ctx, id, out.Contracts); return },
			func() (err error) {
				out.Goodwill, err = v.GoodwillList(ctx, data.GoodwillFilter{ClientID: id, Limit: lim.Goodwill})
				return
			},
			func() (err error) { out.Owed, err = v.OwedOf(ctx, id); return },
			func() (err error) { out.Visits, err = v.visitsOf(ctx, id, data.Date{}, lim.Visits); return },
			func() (err error) {
				out.Demands, err = v.Demands(ctx, data.DemandFilter{ClientID: id, Limit: lim.Demands})
				return
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
