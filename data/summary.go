package data

import "context"

// ClientSummary is what the counter and the client card show of a client,
// read in one snapshot: every part of it from the same moment, in one
// read transaction (a few round trips to a server rather than one per
// part).
type ClientSummary struct {
	Client    Client
	Contracts []Contract
	Balance   Balance
	Payments  []Payment // the newest, up to Limits.Payments
	Flags     []Flag
	Worth     Worth
	Goodwill  []Goodwill // the newest, up to Limits.Goodwill
	Owed      []Owed
	Visits    []Visit  // the newest, up to Limits.Visits
	Demands   []Demand // the newest, up to Limits.Demands
}

// SummaryLimits is how many of the newest entries a summary lists.
type SummaryLimits struct {
	Payments, Goodwill, Visits, Demands int
}

// ClientSummary reads what the counter shows of one client.
func (s *Store) ClientSummary(ctx context.Context, id int64, lim SummaryLimits) (ClientSummary, error) {
	var out ClientSummary
	if err := s.freshen(ctx); err != nil { // kept values as of today, before the snapshot begins
		return out, err
	}
	err := s.snapshot(ctx, func(v *Store) error {
		var err error
		if out.Client, err = v.Client(ctx, id); err != nil {
			return err
		}
		steps := []func() error{
			func() (err error) { out.Contracts, err = v.ContractsOf(ctx, id); return },
			func() (err error) { out.Balance, err = v.BalanceOf(ctx, id); return },
			func() (err error) { out.Payments, err = v.PaymentsOf(ctx, id, lim.Payments); return },
			func() (err error) { out.Flags, err = v.FlagsOf(ctx, id); return },
			func() (err error) { out.Worth, err = v.WorthOf(ctx, id); return },
			func() (err error) {
				out.Goodwill, err = v.GoodwillList(ctx, GoodwillFilter{ClientID: id, Limit: lim.Goodwill})
				return
			},
			func() (err error) { out.Owed, err = v.OwedOf(ctx, id); return },
			func() (err error) { out.Visits, err = v.Visits(ctx, id, Date{}, lim.Visits); return },
			func() (err error) {
				out.Demands, err = v.Demands(ctx, DemandFilter{ClientID: id, Limit: lim.Demands})
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
