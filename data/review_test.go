package data

import (
	"context"
	"math/rand/v2"
	"testing"
)

func TestReviewKnownAnswers(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-10-31")
	tom, _ := s.SaveStaff(ctx, Staff{Name: "Tom", Role: RoleFrontDesk, Active: true})
	ida, _ := s.SaveStaff(ctx, Staff{Name: "Ida", Role: RoleOwner, Active: true})
	a, b := mustClient(t, s, "Anna"), mustClient(t, s, "Ben")
	for _, g := range []Goodwill{
		{ClientID: a.ID, GivenOn: day("2026-10-01"), Category: CatMakeup, Description: "x", Value: 2000, Minutes: 60, GivenBy: tom.ID},
		{ClientID: a.ID, GivenOn: day("2026-10-31"), Category: CatFreeProduct, Description: "x", Value: 500, GivenBy: ida.ID},
		{ClientID: b.ID, GivenOn: day("2026-10-15"), Category: CatMakeup, Description: "x", Value: 1000, Minutes: 30, GivenBy: tom.ID},
		{ClientID: b.ID, GivenOn: day("2026-09-30"), Category: CatMakeup, Description: "not October", Value: 9900, GivenBy: tom.ID},
		{ClientID: b.ID, GivenOn: day("2025-10-10"), Category: CatOther, Description: "a year ago", Value: 700, GivenBy: tom.ID},
	} {
		if _, err := s.RecordGoodwill(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	s.RecordPayment(ctx, Payment{ClientID: a.ID, Amount: 10000, Method: MethodCash, ReceivedOn: day("2026-10-05")})
	s.RecordPayment(ctx, Payment{ClientID: b.ID, Amount: 5000, Method: MethodCash, ReceivedOn: day("2026-11-01")}) // not October… in the future here
	s.SetBudget(ctx, 3000)
	d, _ := s.RaiseDemand(ctx, Demand{ClientID: a.ID, RaisedOn: day("2026-10-20"), Asked: "Rabatt", Claimed: 1500})
	s.DeclineDemand(ctx, Decision{DemandID: d.ID, Expect: DemandOpen})

	r, err := s.MonthlyReview(ctx, day("2026-10-17"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Month.String() != "2026-10-01" || r.Total.Entries != 3 || r.Total.Value != 3500 || r.Total.Minutes != 90 {
		t.Fatalf("total = %+v", r.Total)
	}
	if r.Clients != 2 || r.PerClient != 1750 || r.Revenue != 10000 || r.Budget != 3000 {
		t.Fatalf("clients %d, per client %d, revenue %d, budget %d", r.Clients, r.PerClient, r.Revenue, r.Budget)
	}
	if r.Previous.Value != 9900 || r.LastYear.Value != 700 || len(r.Series) != 12 || r.Series[11].Value != 3500 || r.Series[10].Value != 9900 {
		t.Fatalf("previous %+v, last year %+v, series %+v", r.Previous, r.LastYear, r.Series)
	}
	if r.Categories[0].Key != string(CatMakeup) || r.Categories[0].Value != 3000 || r.Categories[0].Entries != 2 {
		t.Fatalf("categories = %+v", r.Categories)
	}
	if r.Staff[0].Key != "Tom" || r.Staff[0].Value != 3000 || r.Staff[1].Key != "Ida" {
		t.Fatalf("staff = %+v", r.Staff)
	}
	if r.Top[0].Key != "Anna" || r.Top[0].Value != 2500 || r.Top[0].Paid != 10000 || r.Top[1].Key != "Ben" {
		t.Fatalf("top = %+v", r.Top)
	}
	if r.Raised.Count != 1 || r.Raised.Value != 1500 || r.Steps[DemandDeclined].Count != 1 {
		t.Fatalf("demands: raised %+v, steps %+v", r.Raised, r.Steps)
	}
	t.Run("deleting and editing keep the monthly sums right", func(t *testing.T) {
		list, _ := s.GoodwillList(ctx, GoodwillFilter{ClientID: b.ID, From: day("2026-10-01"), To: day("2026-10-31")})
		g := list[0]
		g.GivenOn, g.Value = day("2026-09-15"), 1200
		if _, err := s.UpdateGoodwill(ctx, g, "falscher Monat"); err != nil {
			t.Fatal(err)
		}
		r, _ := s.MonthlyReview(ctx, day("2026-10-01"))
		if r.Total.Value != 2500 || r.Previous.Value != 11100 || r.Series[11].Value != 2500 {
			t.Fatalf("after moving an entry: %+v, previous %+v", r.Total, r.Previous)
		}
		s.DeleteGoodwill(ctx, g.ID, "doppelt")
		if r, _ := s.MonthlyReview(ctx, day("2026-09-01")); r.Total.Value != 9900 || r.Series[11].Value != 9900 {
			t.Fatalf("after deleting: %+v", r.Total)
		}
	})
	t.Run("ErrFutureMonth", func(t *testing.T) {
		_, err := s.MonthlyReview(ctx, day("2026-11-01"))
		wantField(t, err, "month", "review.month.future")
	})
	t.Run("empty month", func(t *testing.T) {
		r, err := s.MonthlyReview(ctx, day("2020-02-01"))
		if err != nil || r.Total.Entries != 0 || r.Total.Value != 0 || len(r.Top) != 0 || r.Clients != 0 {
			t.Fatalf("empty month: %+v, %v", r, err)
		}
	})
}

// TestReviewAgainstPlainSums draws random goodwill over two years and
// checks every month's review against sums computed straightforwardly.
func TestReviewAgainstPlainSums(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	rnd := rand.New(rand.NewPCG(3, 4))
	var clients []int64
	for range 30 {
		clients = append(clients, mustClient(t, s, "C").ID)
	}
	var gs []Goodwill
	for range 3000 {
		gs = append(gs, Goodwill{ClientID: clients[rnd.IntN(len(clients))], GivenOn: s.Today().AddDays(-rnd.IntN(730)),
			Category: GoodwillCategories[rnd.IntN(len(GoodwillCategories))], Description: "x",
			Value: Money(rnd.IntN(10000)), Minutes: rnd.IntN(120)})
	}
	if err := s.RecordGoodwillBulk(ctx, gs); err != nil {
		t.Fatal(err)
	}
	want := map[string]MonthTotal{}
	for _, g := range gs {
		k := g.GivenOn.String()[:7]
		m := want[k]
		m.Entries++
		m.Value += g.Value
		m.Minutes += g.Minutes
		want[k] = m
	}
	for k, w := range want {
		r, err := s.MonthlyReview(ctx, mustDate(k+"-01"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Total.Entries != w.Entries || r.Total.Value != w.Value || r.Total.Minutes != w.Minutes {
			t.Fatalf("%s: review %+v, plain sums %+v", k, r.Total, w)
		}
		var cat Money
		for _, c := range r.Categories {
			cat += c.Value
		}
		if cat != w.Value || r.Series[11].Value != w.Value {
			t.Fatalf("%s: categories add up to %d, series says %d, want %d", k, cat, r.Series[11].Value, w.Value)
		}
	}
}
