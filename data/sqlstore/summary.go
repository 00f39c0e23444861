package sqlstore

import (
	"context"
	"studiopartner/data"
)

// ClientSummary reads what the counter shows of a client in one snapshot:
// its reads go together, so on a server they take one round trip.
func (s *Store) ClientSummary(ctx context.Context, id int64, lim data.SummaryLimits) (data.ClientSummary, error) {
	var out data.ClientSummary
	err := s.freshSnapshot(ctx, func(v *Store) error {
		cutoff, err := v.overdueCutoff(ctx)
		if err != nil {
			return err
		}
		flags, err := v.flagsPart(ctx, []int64{id}, &out.Flags)
		if err != nil {
			return err
		}
		parts := append([]readPart{clientPart(id, &out.Client), contractsPart(id, &out.Contracts)},
			balanceParts(id, &out.Balance)...)
		parts = append(parts,
			paymentsPart(id, lim.Payments, &out.Payments),
			flags,
			v.worthPart(id, &out.Worth),
			goodwillPart(data.GoodwillFilter{ClientID: id, Limit: lim.Goodwill}, &out.Goodwill),
			owedPart(id, &out.Owed),
			visitsPart(id, data.Date{}, lim.Visits, &out.Visits),
			demandsPart(data.DemandFilter{ClientID: id, Limit: lim.Demands}, &out.Demands),
			mandatesPart(id, &out.Mandates))
		if err := v.read.readAllCtx(ctx, parts...); err != nil {
			return err
		}
		out.Balance.Total(cutoff)
		sortFlags(out.Flags)
		v.worthMonthly(&out.Worth, out.Contracts)
		return nil
	})
	return out, internal(err)
}
