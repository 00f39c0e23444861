package demo

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// The demo studio collects by direct debit from every other client with
// a running contract: the studio as creditor, a mandate for each (a
// parent's for a child), collection runs every two weeks of the last
// month or two with a few debits returned, and the cases a studio meets:
// one parent paying for two children, an account changed since the last
// run, a mandate revoked, one expired.

// demoCreditorID is the Bundesbank's example creditor identifier.
const demoCreditorID = "DE98ZZZ09999999999"

// runEvery is the days between two of the demo's collection runs.
const runEvery = 14

// demoBanks are German bank codes the demo's accounts are at.
var demoBanks = []string{"37040044", "12030000", "86010090", "50010517", "43060967"}

// directDebitBundle marks every other client with running contracts as
// paying by direct debit, without drawing from the seed.
func (g *gen) directDebitBundle(b *data.ClientWithContracts) {
	if len(b.Contracts) == 0 || b.Client.Status != data.StatusActive {
		return
	}
	g.bundles++
	if g.bundles%2 == 1 {
		return
	}
	for i := range b.Contracts {
		b.Contracts[i].DirectDebit = true
	}
}

// deIBAN is the German IBAN of an account at a bank code, its check
// digits computed (ISO 13616).
func deIBAN(bank string, account int64) string {
	bban := bank + fmt.Sprintf("%010d", account)
	n, _ := new(big.Int).SetString(bban+"131400", 10) // D=13, E=14, check digits 00
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("DE%02d%s", check, bban)
}

// debitors are the clients whose contracts are paid by direct debit, in
// the order of their numbers, with the day the first started and whether
// one is billed by the month, quarter or year.
func debitors(ctx context.Context, s *sqlstore.Store, ids []int64) ([]data.Client, map[int64]data.Date, map[int64]bool, error) {
	var out []data.Client
	first, periodic := map[int64]data.Date{}, map[int64]bool{}
	for _, id := range ids {
		ks, err := s.ContractsOf(ctx, id)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, k := range ks {
			if k.DirectDebit && (first[id].IsZero() || k.Start.Before(first[id])) {
				first[id] = k.Start
			}
			periodic[id] = periodic[id] || (k.DirectDebit && k.Billing.Months() > 0)
		}
		if first[id].IsZero() {
			continue
		}
		c, err := s.Client(ctx, id)
		if err != nil {
			return nil, nil, nil, err
		}
		out = append(out, c)
	}
	return out, first, periodic, nil
}

// directDebit records the creditor, the mandates, the past runs with
// their returns, and the cases after them.
func (g *gen) directDebit(ctx context.Context, s *sqlstore.Store, ids []int64) error {
	studio := studio()
	if _, err := s.SaveCreditor(ctx, data.Creditor{ID: demoCreditorID, IBAN: studio.IBAN, BIC: studio.BIC,
		LeadDays: data.DefaultLeadDays, NoticeDays: data.DefaultNoticeDays, PassFee: true}); err != nil {
		return err
	}
	clients, first, periodic, err := debitors(ctx, s, g.paying(ids))
	if err != nil {
		return err
	}
	if _, err := g.mandates(ctx, s, clients, first, periodic); err != nil {
		return err
	}
	if err := g.runs(ctx, s, studio.Name); err != nil {
		return err
	}
	// the runs settled their clients on their own days: every balance is
	// brought to today again
	if _, err := s.GenerateCharges(ctx); err != nil {
		return err
	}
	return g.changeAndRevoke(ctx, s)
}

// paying are the clients of ids who pay by direct debit.
func (g *gen) paying(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if g.collected[id] {
			out = append(out, id)
		}
	}
	return out
}

// changeAndRevoke, after the runs, among the clients the next run
// collects from: changes an account (that run tells the bank) and
// revokes a mandate.
func (g *gen) changeAndRevoke(ctx context.Context, s *sqlstore.Store) error {
	next, err := s.PlanDebits(ctx, data.Date{}, data.Date{})
	if err != nil {
		return err
	}
	var picked []int64
	for _, d := range next.Debits {
		if d.Holder == d.ClientName && (len(picked) == 0 || picked[len(picked)-1] != d.MandateID) {
			picked = append(picked, d.MandateID)
		}
	}
	if len(picked) < 2 {
		return nil
	}
	m, err := s.Mandate(ctx, picked[0])
	if err != nil {
		return err
	}
	if _, err := s.ChangeMandateAccount(ctx, m.ID, deIBAN(demoBanks[(int(m.ClientID)+1)%len(demoBanks)], m.ClientID*7919), ""); err != nil {
		return err
	}
	_, err = s.RevokeMandate(ctx, picked[1], g.today, "Widerruf durch den Kontoinhaber")
	return err
}

// mandates records a mandate for each client paying by direct debit,
// signed when their first such contract started (a child's by the
// parent); the first two children are siblings whose parent pays for
// both from one account, and the first adult's with a monthly contract
// was signed long ago and never used: it has expired.
func (g *gen) mandates(ctx context.Context, s *sqlstore.Store, clients []data.Client, first map[int64]data.Date,
	periodic map[int64]bool) ([]data.Mandate, error) {
	var out []data.Mandate
	expired := false
	var parent *data.Mandate // the first child's mandate, until the sibling has one too
	paired := false
	for _, c := range clients {
		signed := first[c.ID].AddDays(-3)
		if signed.After(g.today) {
			signed = g.today
		}
		if !expired && periodic[c.ID] && !c.IsMinor(g.today) {
			signed, expired = g.today.AddMonthsClamped(-data.MandateMonths-4), true
		}
		m := data.Mandate{ClientID: c.ID, SignedOn: signed, IBAN: deIBAN(demoBanks[int(c.ID)%len(demoBanks)], 1000000+c.ID*104729)}
		if c.IsMinor(g.today) && c.ContactPerson != "" {
			m.Holder = c.ContactPerson
			if parent != nil && !paired {
				if err := sibling(ctx, s, c, &m, *parent); err != nil {
					return nil, err
				}
				paired = true
			}
		}
		saved, err := s.AddMandate(ctx, m)
		if err != nil {
			return nil, err
		}
		if parent == nil && m.Holder != "" {
			parent = &saved
		}
		out = append(out, saved)
	}
	return out, nil
}

// sibling makes child c the sibling of the child whose mandate parent
// is: the same parent, their family name, paying from the same account.
func sibling(ctx context.Context, s *sqlstore.Store, c data.Client, m *data.Mandate, parent data.Mandate) error {
	c.ContactPerson = parent.Holder
	if first, _, ok := strings.Cut(c.Name, " "); ok {
		if _, last, ok := strings.Cut(parent.Holder, " "); ok {
			c.Name = first + " " + last
		}
	}
	if _, err := s.UpdateClient(ctx, c); err != nil {
		return err
	}
	m.Holder, m.IBAN = parent.Holder, parent.IBAN
	return nil
}

// runs makes the collection runs of the last weeks, each on its day: a
// run every two weeks from the first day of last month while its
// collection day has passed, booked on that day; the second run has three
// debits returned (insufficient funds, a refund the holder asked for, an
// account closed), the bank's fee passed on.
func (g *gen) runs(ctx context.Context, s *sqlstore.Store, studioName string) error {
	day := g.debitFrom
	for n := 0; ; n++ {
		at := time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, time.Local)
		v := s.AsOf(at)
		run, err := v.CreateDebitRun(ctx, data.Date{}, data.Date{}, studioName, func(r data.DebitRun, cr data.Creditor) ([]byte, error) {
			var buf bytes.Buffer
			err := exchange.WritePain008(&buf, r, cr, studioName, at)
			return buf.Bytes(), err
		})
		if err != nil && data.ErrorKey(err) != "debit.run.empty" {
			return err
		}
		if err == nil && !run.CollectOn.Before(g.today) {
			return nil // handed to the bank, collected in the days to come
		}
		if err == nil {
			if err := g.book(ctx, s, run, n == 1); err != nil {
				return err
			}
		}
		day = day.AddDays(runEvery)
		if !day.Before(g.today) {
			return nil
		}
	}
}

// book books a run on its collection day and, for the run with returns,
// takes back three of its debits a few days later as the bank's statement
// would.
func (g *gen) book(ctx context.Context, s *sqlstore.Store, run data.DebitRun, returns bool) error {
	on := run.CollectOn
	if _, err := s.AsOf(time.Date(on.Year(), on.Month(), on.Day(), 9, 0, 0, 0, time.Local)).BookDueRuns(ctx); err != nil {
		return err
	}
	if !returns {
		return nil
	}
	full, err := s.DebitRun(ctx, run.ID)
	if err != nil {
		return err
	}
	back := on.AddDays(3)
	var rs []data.Return
	for i, why := range []struct {
		reason string
		fee    data.Money
	}{{"AM04", 300}, {"MD06", 0}, {"AC04", 350}} {
		if i < len(full.Debits) {
			d := full.Debits[i*len(full.Debits)/3]
			rs = append(rs, data.Return{EndToEnd: d.EndToEnd, Amount: d.Amount, Fee: why.fee, Reason: why.reason, On: back})
		}
	}
	_, err = s.AsOf(time.Date(back.Year(), back.Month(), back.Day(), 10, 0, 0, 0, time.Local)).ApplyReturns(ctx, "", rs)
	return err
}
