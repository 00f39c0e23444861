package sqlstore

import (
	"context"
	"studiopartner/data"
	"testing"
)

// kindsOf returns a client's flag kinds on the store's current day.
func kindsOf(t *testing.T, s *Store, clientID int64) map[data.FlagKind]data.Flag {
	t.Helper()
	fs, err := s.FlagsOf(context.Background(), clientID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[data.FlagKind]data.Flag{}
	for _, f := range fs {
		out[f.Kind] = f
	}
	return out
}

// wantFlag checks whether a flag of kind is up on day d, and its since.
func wantFlag(t *testing.T, s *Store, clientID int64, kind data.FlagKind, d string, up bool, since string) {
	t.Helper()
	at(s, d)
	f, ok := kindsOf(t, s, clientID)[kind]
	if ok != up {
		t.Fatalf("%s: flag %s up = %v, want %v", d, kind, ok, up)
	}
	if up && since != "" && f.Since.String() != since {
		t.Fatalf("%s: flag %s since %s, want %s", d, kind, f.Since, since)
	}
}

func TestFlagsComeAndGo(t *testing.T) {
	ctx := context.Background()
	t.Run("overdue", func(t *testing.T) {
		s := newStore(t)
		at(s, "2026-11-01")
		k := newContract(t, s, "2026-11-01", 4500, monthly(1))
		s.GenerateCharges(ctx)
		wantFlag(t, s, k.ClientID, data.FlagOverdue, "2026-11-15", false, "")
		wantFlag(t, s, k.ClientID, data.FlagOverdue, "2026-11-16", true, "2026-11-16")
		if _, err := s.RecordPayment(ctx, data.Payment{ClientID: k.ClientID, Amount: 4500, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
			t.Fatal(err)
		}
		wantFlag(t, s, k.ClientID, data.FlagOverdue, "2026-11-16", false, "")
	})
	t.Run("open demand waiting", func(t *testing.T) {
		s := newStore(t)
		at(s, "2026-11-01")
		c := mustClient(t, s, "Ida Roth")
		d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: s.Today(), Asked: "Rabatt"})
		wantFlag(t, s, c.ID, data.FlagOpenDemand, "2026-11-08", false, "")
		wantFlag(t, s, c.ID, data.FlagOpenDemand, "2026-11-09", true, "2026-11-01")
		s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen})
		wantFlag(t, s, c.ID, data.FlagOpenDemand, "2026-11-09", false, "")
	})
	t.Run("billed and unpaid, then disputed, then settled", func(t *testing.T) {
		s := newStore(t)
		at(s, "2026-11-01")
		c := mustClient(t, s, "Ida Roth")
		d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: s.Today(), Asked: "Privatstunde umsonst", Claimed: 6500})
		d, err := s.BillDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Bill{What: "Privatstunde", Amount: 6500, Due: day("2026-11-10")})
		if err != nil {
			t.Fatal(err)
		}
		wantFlag(t, s, c.ID, data.FlagBilledUnpaid, "2026-11-10", false, "")
		wantFlag(t, s, c.ID, data.FlagBilledUnpaid, "2026-11-11", true, "2026-11-11")
		d, _ = s.DisputeDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandBilled, Note: "sagt, die Stunde fiel aus"})
		wantFlag(t, s, c.ID, data.FlagBilledUnpaid, "2026-11-12", false, "")
		wantFlag(t, s, c.ID, data.FlagDisputed, "2026-11-12", true, "2026-11-11")
		s.SettleDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDisputed}, data.SettledWithdrawn, data.Goodwill{})
		wantFlag(t, s, c.ID, data.FlagDisputed, "2026-11-12", false, "")
	})
	t.Run("heavy goodwill over 90 days", func(t *testing.T) {
		s := newStore(t)
		at(s, "2026-11-01")
		c := mustClient(t, s, "Ida Roth")
		for _, v := range []data.Money{6000, 5000} {
			if _, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: s.Today(), Category: data.CatExtraSession, Description: "Extra", Value: v}); err != nil {
				t.Fatal(err)
			}
		}
		wantFlag(t, s, c.ID, data.FlagHeavyGoodwill, "2026-11-01", true, "2026-11-01")
		wantFlag(t, s, c.ID, data.FlagHeavyGoodwill, "2027-01-29", true, "2026-11-01")
		wantFlag(t, s, c.ID, data.FlagHeavyGoodwill, "2027-01-30", false, "")
		at(s, "2026-11-01")
		rules, _ := s.FlagRules(ctx)
		rules.ByShare, rules.SharePercent = true, 25
		if err := s.SaveFlagRules(ctx, rules); err != nil {
			t.Fatal(err)
		}
		s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 50000, Method: data.MethodTransfer, ReceivedOn: s.Today()})
		wantFlag(t, s, c.ID, data.FlagHeavyGoodwill, "2026-11-02", false, "") // 110 € of 500 € paid is 22 %
		s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: s.Today(), Category: data.CatOther, Description: "noch mehr", Value: 2000})
		wantFlag(t, s, c.ID, data.FlagHeavyGoodwill, "2026-11-02", true, "") // 130 € is 26 %
	})
	t.Run("declined inquiry", func(t *testing.T) {
		s := newStore(t)
		c := mustClient(t, s, "Ida Roth")
		c.Status, c.DeclineGround, c.DeclineReason = data.StatusDeclined, data.GroundLegal, "keine Einwilligung der Eltern"
		s.UpdateClient(ctx, c)
		wantFlag(t, s, c.ID, data.FlagDeclined, "2026-11-23", true, "2026-11-23")
		// a declined inquiry may still raise a demand; it stays flagged
		if _, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: s.Today(), Asked: "Probestunde"}); err != nil {
			t.Fatal(err)
		}
		c.Status = data.StatusProspect
		s.UpdateClient(ctx, c)
		wantFlag(t, s, c.ID, data.FlagDeclined, "2026-11-23", false, "")
	})
}

func TestFlagsOrder(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-10-01")
	late := newContract(t, s, "2026-10-01", 4500, monthly(1))
	s.GenerateCharges(ctx)
	rude := mustClient(t, s, "Zora Ziegler")
	d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: rude.ID, RaisedOn: s.Today(), Asked: "Geld zurück"})
	d, _ = s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen})
	s.DisputeDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDeclined, Note: "droht mit Bewertung"})
	at(s, "2026-11-23")
	fs, err := s.Flags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Kind != data.FlagDisputed || fs[0].ClientID != rude.ID || fs[1].Kind != data.FlagOverdue || fs[1].ClientID != late.ClientID {
		t.Fatalf("flags = %+v", fs)
	}
}
