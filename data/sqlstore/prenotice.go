package sqlstore

import (
	"context"

	"studiopartner/data"
)

// noticeHorizon is how far ahead of today a pre-notification looks for
// charges: charges exist up to today, so a year is all of them.
const noticeHorizon = 366

// PreNoticeOf is what a client's pre-notification would announce today:
// every open charge of a contract paid by direct debit whose amount the
// agreement does not state (see debitCharge.needsNotice), not in a run and
// not announced before at that amount, each collected no earlier than its
// due day, the notice period from today and the bank's lead time allow.
// Nothing to announce, no creditor or no mandate in force: an error that
// says which.
func (s *Store) PreNoticeOf(ctx context.Context, clientID int64) (data.PreNotice, error) {
	var p data.PreNotice
	err := s.snapshot(ctx, func(v *Store) error {
		var err error
		p, err = v.preNoticeOf(ctx, clientID)
		return err
	})
	return p, internal(err)
}

func (s *Store) preNoticeOf(ctx context.Context, clientID int64) (data.PreNotice, error) {
	var p data.PreNotice
	var err error
	if p.Creditor, err = s.Creditor(ctx); err != nil {
		return p, err
	}
	if !p.Creditor.Ready() {
		return p, data.Errorf(data.CodeInvalid, "debit.no_creditor", nil)
	}
	today := s.Today()
	charges, err := debitCharges(ctx, s.read, today.AddDays(noticeHorizon), clientID)
	if err != nil {
		return p, err
	}
	b, err := s.BalanceOf(ctx, clientID)
	if err != nil {
		return p, err
	}
	open := map[int64]data.Charge{}
	for _, c := range b.OpenCharges {
		open[c.ID] = c
	}
	p.Items = announce(charges, open, today, p.Creditor)
	if len(p.Items) == 0 {
		return p, data.Errorf(data.CodeConflict, "letter.prenotice.nothing", nil)
	}
	var ms []data.Mandate
	if err := s.read.readAllCtx(ctx, mandatesPart(clientID, &ms)); err != nil {
		return p, err
	}
	m, reason := mandateFor(ms, p.Items[0].CollectOn)
	if reason != "" {
		return p, data.Errorf(data.CodeConflict, "letter.prenotice.no_mandate", map[string]any{"ListKeys": []string{"debit.left." + reason}})
	}
	p.Mandate = m
	return p, nil
}

// announce is what a letter today announces of charges: each whose
// amount needs a letter and has none, from its due day but no earlier
// than the notice days and the bank's lead time allow.
func announce(charges []debitCharge, open map[int64]data.Charge, today data.Date, cr data.Creditor) []data.Announced {
	earliest := today.AddDays(cr.NoticeDays)
	if lead := data.EarliestCollection(today, cr.LeadDays); lead.After(earliest) {
		earliest = lead
	}
	var out []data.Announced
	for _, g := range charges {
		if g.inRun || g.returned || g.open <= 0 || !g.needsNotice() || !g.announced.IsZero() {
			continue
		}
		on := earliest
		if g.due.After(on) {
			on = g.due
		}
		out = append(out, data.Announced{ChargeID: g.id, Amount: g.open, CollectOn: data.NextTargetDay(on), Charge: open[g.id]})
	}
	return out
}

// keepAnnounced stores what a pre-notification announced, with it.
func keepAnnounced(tx *dbx, documentID int64, items []data.Announced) error {
	if len(items) == 0 {
		return nil
	}
	ins := newRowBatch(tx, `INSERT INTO prenotices (document_id, charge_id, amount_cents, collect_on) VALUES`, "", 4)
	defer ins.close()
	for _, it := range items {
		if err := ins.add(documentID, it.ChargeID, it.Amount, it.CollectOn.String()); err != nil {
			return err
		}
	}
	return ins.flush()
}
