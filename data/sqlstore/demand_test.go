package sqlstore

import (
	"context"
	"fmt"
	"studiopartner/data"
	"testing"
)

func gift(desc string, value data.Money) data.Goodwill {
	return data.Goodwill{GivenOn: day("2026-11-23"), Category: data.CatExtraSession, Description: desc, Value: value, Minutes: 45}
}

// demandIn brings a new demand to the given status along the shortest way.
func demandIn(t *testing.T, s *Store, clientID int64, st data.DemandStatus) data.Demand {
	t.Helper()
	ctx := context.Background()
	d, err := s.RaiseDemand(ctx, data.Demand{ClientID: clientID, RaisedOn: s.Today(), Asked: "Zusätzliche Probestunde", Claimed: 2000,
		ClientWords: "Das steht mir doch zu!"})
	if err != nil {
		t.Fatal(err)
	}
	dec := func() data.Decision { return data.Decision{DemandID: d.ID, Expect: d.Status, Note: "x"} }
	path := map[data.DemandStatus][]func() (data.Demand, error){
		data.DemandOpen:     nil,
		data.DemandGranted:  {func() (data.Demand, error) { return s.GrantDemand(ctx, dec(), gift("Probestunde", 2000)) }},
		data.DemandDeclined: {func() (data.Demand, error) { return s.DeclineDemand(ctx, dec()) }},
		data.DemandOwed: {func() (data.Demand, error) {
			return s.OweDemand(ctx, dec(), data.Owed{GivenOn: s.Today(), Kind: data.OwedMakeup, Description: "Nachholstunde"})
		}},
		data.DemandBilled: {func() (data.Demand, error) {
			return s.BillDemand(ctx, dec(), data.Bill{What: "Privatstunde", Amount: 2000, Due: s.Today()})
		}},
		data.DemandDisputed: {func() (data.Demand, error) { return s.DeclineDemand(ctx, dec()) }, func() (data.Demand, error) { return s.DisputeDemand(ctx, dec()) }},
		data.DemandSettled: {func() (data.Demand, error) { return s.DeclineDemand(ctx, dec()) }, func() (data.Demand, error) { return s.DisputeDemand(ctx, dec()) },
			func() (data.Demand, error) { return s.SettleDemand(ctx, dec(), data.SettledWithdrawn, data.Goodwill{}) }},
	}
	for _, step := range path[st] {
		if d, err = step(); err != nil {
			t.Fatalf("on the way to %s: %v", st, err)
		}
	}
	if d.Status != st {
		t.Fatalf("demand is %s, want %s", d.Status, st)
	}
	return d
}

// TestDemandTransitions tries every move from every status: the legal
// ones succeed and record who and when, the others are refused with a
// reason and change nothing.
func TestDemandTransitions(t *testing.T) {
	ctx := context.Background()
	moves := map[data.DemandStatus]func(s *Store, dec data.Decision) (data.Demand, error){
		data.DemandGranted: func(s *Store, dec data.Decision) (data.Demand, error) {
			return s.GrantDemand(ctx, dec, gift("Probestunde", 2000))
		},
		data.DemandDeclined: func(s *Store, dec data.Decision) (data.Demand, error) { return s.DeclineDemand(ctx, dec) },
		data.DemandOwed: func(s *Store, dec data.Decision) (data.Demand, error) {
			return s.OweDemand(ctx, dec, data.Owed{GivenOn: s.Today(), Kind: data.OwedMakeup, Description: "Kurs fiel aus"})
		},
		data.DemandBilled: func(s *Store, dec data.Decision) (data.Demand, error) {
			return s.BillDemand(ctx, dec, data.Bill{What: "Privatstunde", Amount: 2000, Due: s.Today()})
		},
		data.DemandDisputed: func(s *Store, dec data.Decision) (data.Demand, error) { return s.DisputeDemand(ctx, dec) },
		data.DemandSettled: func(s *Store, dec data.Decision) (data.Demand, error) {
			return s.SettleDemand(ctx, dec, data.SettledWrittenOff, gift("Kulanz nach Streit", 2000))
		},
	}
	for _, from := range data.DemandStatuses {
		for _, to := range data.DemandStatuses[1:] {
			legal := data.OneOf(to, data.NextSteps(from))
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				s := newStore(t)
				staff, _ := s.SaveStaff(ctx, data.Staff{Name: "Tom", Role: data.RoleFrontDesk, Active: true})
				s.SetActor(staff.ID)
				c := mustClient(t, s, "Jonas Becker")
				d := demandIn(t, s, c.ID, from)
				got, err := moves[to](s, data.Decision{DemandID: d.ID, Expect: from, Note: "the client says so"})
				if !legal {
					if data.ErrorCode(err) != data.CodeConflict {
						t.Fatalf("illegal move allowed: %v, %v", got, err)
					}
					if now, _ := s.Demand(ctx, d.ID); now.Status != from {
						t.Fatalf("a refused move changed the status to %s", now.Status)
					}
					if to == data.DemandSettled && from != data.DemandDisputed && data.AsError(err).Key != "demand.settle.not_disputed" {
						t.Fatalf("settling an undisputed demand: key %s", data.AsError(err).Key)
					}
					return
				}
				if err != nil || got.Status != to {
					t.Fatalf("legal move refused: %v, %v", got, err)
				}
				steps, _ := s.DemandSteps(ctx, d.ID)
				last := steps[len(steps)-1]
				if last.From != from || last.To != to || last.Staff != "Tom" || last.OnDay.String() != "2026-11-23" {
					t.Fatalf("step recorded as %+v", last)
				}
			})
		}
	}
}

func TestDemandEffects(t *testing.T) {
	ctx := context.Background()
	t.Run("granting creates the goodwill entry", func(t *testing.T) {
		s := newStore(t)
		c := mustClient(t, s, "Lea Kaya")
		d := demandIn(t, s, c.ID, data.DemandGranted)
		gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID})
		if len(gs) != 1 || gs[0].DemandID != d.ID || gs[0].Value != 2000 {
			t.Fatalf("goodwill = %+v", gs)
		}
	})
	t.Run("a grant with bad goodwill changes nothing", func(t *testing.T) {
		s := newStore(t)
		c := mustClient(t, s, "Lea Kaya")
		d := demandIn(t, s, c.ID, data.DemandOpen)
		_, err := s.GrantDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Goodwill{GivenOn: s.Today(), Category: data.CatOther})
		wantField(t, err, "description", "goodwill.description.required")
		if now, _ := s.Demand(ctx, d.ID); now.Status != data.DemandOpen {
			t.Fatal("the demand moved although its goodwill was refused")
		}
	})
	t.Run("billing charges the client", func(t *testing.T) {
		s := newStore(t)
		c := mustClient(t, s, "Lea Kaya")
		d := demandIn(t, s, c.ID, data.DemandBilled)
		b, _ := s.BalanceOf(ctx, c.ID)
		if d.ChargeID == 0 || b.Open != 2000 {
			t.Fatalf("demand %+v, balance %+v", d, b)
		}
	})
	t.Run("written off: goodwill, and the charge is waived", func(t *testing.T) {
		s := newStore(t)
		c := mustClient(t, s, "Lea Kaya")
		d := demandIn(t, s, c.ID, data.DemandBilled)
		d, err := s.DisputeDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandBilled, Note: "Stunde fiel wegen Krankheit aus"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SettleDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDisputed}, data.SettledPaid, data.Goodwill{}); err == nil {
			t.Fatal("settled as paid although nothing was paid")
		}
		if _, err := s.SettleDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDisputed}, data.SettledWrittenOff, gift("erlassen", 2000)); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.BalanceOf(ctx, c.ID); b.Open != 0 || b.Credit != 0 {
			t.Fatalf("balance after write-off: %+v", b)
		}
	})
	t.Run("ErrDisputeWithoutNote", func(t *testing.T) {
		s := newStore(t)
		c := mustClient(t, s, "Lea Kaya")
		d := demandIn(t, s, c.ID, data.DemandDeclined)
		_, err := s.DisputeDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDeclined, Note: "  "})
		wantField(t, err, "note", "demand.dispute.note")
	})
	t.Run("two windows deciding at once", func(t *testing.T) {
		// two stores on the same file, each with its own connections, as
		// two windows have; they decide each demand at the same moment
		s := newStore(t)
		other := openAgain(t, s)
		c := mustClient(t, s, "Lea Kaya")
		for round := range 12 {
			d := demandIn(t, s, c.ID, data.DemandOpen)
			seen := data.Decision{DemandID: d.ID, Expect: data.DemandOpen} // both windows show it open
			start := make(chan struct{})
			errs := make(chan error, 2)
			for i, w := range []*Store{s, other} {
				go func() {
					<-start
					if i == 0 {
						_, err := w.GrantDemand(ctx, seen, gift("Probestunde", 2000))
						errs <- err
						return
					}
					_, err := w.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen, Note: "nein"})
					errs <- err
				}()
			}
			close(start)
			won, told := 0, 0
			for range 2 {
				err := <-errs
				switch e := data.AsError(err); {
				case err == nil:
					won++
				case e != nil && e.Key == "demand.changed":
					told++
				default:
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if won != 1 || told != 1 {
				t.Fatalf("round %d: %d decisions won, %d told it was decided; want one each", round, won, told)
			}
			now, _ := s.Demand(ctx, d.ID)
			gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID})
			granted := 0
			for _, g := range gs {
				if g.DemandID == d.ID {
					granted++
				}
			}
			if (now.Status == data.DemandGranted) != (granted == 1) || granted > 1 {
				t.Fatalf("round %d: demand %s with %d goodwill entries", round, now.Status, granted)
			}
		}
	})
	bad := []struct {
		name, field, key string
		d                data.Demand
	}{
		{"ErrNothingAsked", "asked", "demand.asked.required", data.Demand{RaisedOn: day("2026-11-20")}},
		{"ErrFuture", "raised_on", "demand.raised_on.future", data.Demand{RaisedOn: day("2026-11-24"), Asked: "x"}},
		{"ErrNegativeClaim", "claimed", "demand.claimed.negative", data.Demand{RaisedOn: day("2026-11-20"), Asked: "x", Claimed: -1}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			s := newStore(t)
			c := mustClient(t, s, "Lea Kaya")
			b.d.ClientID = c.ID
			_, err := s.RaiseDemand(ctx, b.d)
			wantField(t, err, b.field, b.key)
		})
	}
}

func TestGoodwill(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	a, b := mustClient(t, s, "Anna Weiß"), mustClient(t, s, "Ben Koch")
	for _, g := range []data.Goodwill{
		{ClientID: a.ID, GivenOn: day("2026-11-01"), Category: data.CatMakeup, Description: "Nachholstunde", Value: 1800, Minutes: 60},
		{ClientID: a.ID, GivenOn: day("2026-10-15"), Category: data.CatFreeProduct, Description: "Trinkflasche", Value: 900},
		{ClientID: b.ID, GivenOn: day("2026-11-20"), Category: data.CatPersonalTime, Description: "Gespräch nach Feierabend", Minutes: 30},
	} {
		if _, err := s.RecordGoodwill(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	if tot, _ := s.GoodwillTotalOf(ctx, a.ID, data.Date{}); tot.Count != 2 || tot.Value != 2700 || tot.Minutes != 60 {
		t.Fatalf("Anna's total = %+v", tot)
	}
	if tot, _ := s.GoodwillTotalOf(ctx, a.ID, day("2026-10-20")); tot.Count != 1 || tot.Value != 1800 {
		t.Fatalf("Anna's total since 20 Oct = %+v", tot)
	}
	list, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: a.ID})
	t.Run("ErrDeleteWithoutReason", func(t *testing.T) {
		err := s.DeleteGoodwill(ctx, list[0].ID, " ")
		wantField(t, err, "reason", "goodwill.reason.required")
	})
	t.Run("Delete with a reason", func(t *testing.T) {
		if err := s.DeleteGoodwill(ctx, list[0].ID, "doppelt erfasst"); err != nil {
			t.Fatal(err)
		}
		if tot, _ := s.GoodwillTotalOf(ctx, a.ID, data.Date{}); tot.Count != 1 || tot.Value != 900 {
			t.Fatalf("after delete = %+v", tot)
		}
		log, _ := s.AuditFor(context.Background(), "goodwill", list[0].ID)
		if len(log) != 2 || log[1].Action != data.ActionDelete {
			t.Fatalf("audit = %+v", log)
		}
	})
	t.Run("Edit with a reason", func(t *testing.T) {
		g := list[1]
		g.Value = 1200
		if _, err := s.UpdateGoodwill(ctx, g, ""); err == nil {
			t.Fatal("edited without a reason")
		}
		if _, err := s.UpdateGoodwill(ctx, g, "Preis korrigiert"); err != nil {
			t.Fatal(err)
		}
		if tot, _ := s.GoodwillTotalOf(ctx, a.ID, data.Date{}); tot.Value != 1200 {
			t.Fatalf("after edit = %+v", tot)
		}
	})
	bad := []struct {
		name, field, key string
		g                data.Goodwill
	}{
		{"ErrNoDescription", "description", "goodwill.description.required", data.Goodwill{GivenOn: day("2026-11-20"), Category: data.CatOther}},
		{"ErrNegativeValue", "value", "goodwill.value.negative", data.Goodwill{GivenOn: day("2026-11-20"), Category: data.CatOther, Description: "x", Value: -1}},
		{"ErrNegativeMinutes", "minutes", "goodwill.minutes.range", data.Goodwill{GivenOn: day("2026-11-20"), Category: data.CatOther, Description: "x", Minutes: -5}},
		{"ErrFuture", "given_on", "goodwill.given_on.future", data.Goodwill{GivenOn: day("2026-11-24"), Category: data.CatOther, Description: "x"}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			c.g.ClientID = b.ID
			_, err := s.RecordGoodwill(ctx, c.g)
			wantField(t, err, c.field, c.key)
		})
	}
}

// A billed demand charges what the studio provides at its price: never
// the client's claimed value or words.
func TestBillDemandChargesWhatIsProvided(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Lea Müller")
	sv := mustService(t, s, "Einzelstunde", 1800)
	raise := func() data.Demand {
		d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: day("2026-11-20"), Asked: "Gratis-Privatstunde",
			ClientWords: "Das steht mir zu!", Claimed: 9900})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Run("ErrWhatRequired", func(t *testing.T) {
		d := raise()
		_, err := s.BillDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Bill{Amount: 2500, Due: day("2026-11-30")})
		wantField(t, err, "what", "demand.bill.what.required")
	})
	t.Run("ErrNoPrice", func(t *testing.T) {
		d := raise()
		_, err := s.BillDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Bill{What: "Privatstunde", Due: day("2026-11-30")})
		wantField(t, err, "amount", "charge.amount.positive")
	})
	t.Run("OK", func(t *testing.T) {
		d := raise()
		d, err := s.BillDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Bill{ServiceID: sv.ID, Due: day("2026-11-30")})
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := s.ChargesOf(ctx, c.ID, false)
		var got data.Charge
		for _, ch := range cs {
			if ch.ID == d.ChargeID {
				got = ch
			}
		}
		if got.Amount != 1800 || got.Description != "Einzelstunde" {
			t.Fatalf("charge = %+v, want the service at its price", got)
		}
	})
}

// A step may be recorded on an earlier day, but not before the demand's
// last step and not in the future.
func TestDemandStepOnADay(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Greta Wolf")
	d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: day("2026-11-01"), Asked: "Extra-Stunde", Claimed: 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ on, key string }{{"2026-10-31", "demand.on.before"}, {"2099-01-01", "demand.on.future"}} {
		_, err := s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen, Note: "nein", On: day(bad.on)})
		if e := data.AsError(err); e == nil || e.Key != bad.key {
			t.Fatalf("a step on %s: %v, want %s", bad.on, err, bad.key)
		}
	}
	d, err = s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen, Note: "nein", On: day("2026-11-05")})
	if err != nil || d.StatusOn != day("2026-11-05") {
		t.Fatalf("declined on %s: %v", d.StatusOn, err)
	}
	if _, err := s.DisputeDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDeclined, Note: "doch", On: day("2026-11-04")}); data.AsError(err) == nil {
		t.Fatal("a dispute before the decline was taken")
	}
}
