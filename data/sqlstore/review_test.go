package sqlstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"studiopartner/data"
	"testing"
)

func TestReviewKnownAnswers(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-10-31")
	tom, _ := s.SaveStaff(ctx, data.Staff{Name: "Tom", Role: data.RoleFrontDesk, Active: true})
	ida, _ := s.SaveStaff(ctx, data.Staff{Name: "Ida", Role: data.RoleOwner, Active: true})
	a, b := mustClient(t, s, "Anna"), mustClient(t, s, "Ben")
	for _, g := range []data.Goodwill{
		{ClientID: a.ID, GivenOn: day("2026-10-01"), Category: data.CatMakeup, Description: "x", Value: 2000, Minutes: 60, GivenBy: tom.ID},
		{ClientID: a.ID, GivenOn: day("2026-10-31"), Category: data.CatFreeProduct, Description: "x", Value: 500, GivenBy: ida.ID},
		{ClientID: b.ID, GivenOn: day("2026-10-15"), Category: data.CatMakeup, Description: "x", Value: 1000, Minutes: 30, GivenBy: tom.ID},
		{ClientID: b.ID, GivenOn: day("2026-09-30"), Category: data.CatMakeup, Description: "not October", Value: 9900, GivenBy: tom.ID},
		{ClientID: b.ID, GivenOn: day("2025-10-10"), Category: data.CatOther, Description: "a year ago", Value: 700, GivenBy: tom.ID},
	} {
		if _, err := s.RecordGoodwill(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	s.RecordPayment(ctx, data.Payment{ClientID: a.ID, Amount: 10000, Method: data.MethodCash, ReceivedOn: day("2026-10-05")})
	s.RecordPayment(ctx, data.Payment{ClientID: b.ID, Amount: 5000, Method: data.MethodCash, ReceivedOn: day("2026-11-01")}) // not October… in the future here
	s.SetBudget(ctx, 3000)
	d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: a.ID, RaisedOn: day("2026-10-20"), Asked: "Rabatt", Claimed: 1500})
	s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen})

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
	if r.Categories[0].Key != string(data.CatMakeup) || r.Categories[0].Value != 3000 || r.Categories[0].Entries != 2 {
		t.Fatalf("categories = %+v", r.Categories)
	}
	if r.Staff[0].Key != "Tom" || r.Staff[0].Value != 3000 || r.Staff[1].Key != "Ida" {
		t.Fatalf("staff = %+v", r.Staff)
	}
	if r.Top[0].Key != "Anna" || r.Top[0].Value != 2500 || r.Top[0].Paid != 10000 || r.Top[1].Key != "Ben" {
		t.Fatalf("top = %+v", r.Top)
	}
	if r.Raised.Count != 1 || r.Raised.Value != 1500 || r.Steps[data.DemandDeclined].Count != 1 {
		t.Fatalf("demands: raised %+v, steps %+v", r.Raised, r.Steps)
	}
	t.Run("deleting and editing keep the monthly sums right", func(t *testing.T) {
		list, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: b.ID, From: day("2026-10-01"), To: day("2026-10-31")})
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
	var gs []data.Goodwill
	for range 3000 {
		gs = append(gs, data.Goodwill{ClientID: clients[rnd.IntN(len(clients))], GivenOn: s.Today().AddDays(-rnd.IntN(730)),
			Category: data.GoodwillCategories[rnd.IntN(len(data.GoodwillCategories))], Description: "x",
			Value: data.Money(rnd.IntN(10000)), Minutes: rnd.IntN(120)})
	}
	if err := s.RecordGoodwillBulk(ctx, gs); err != nil {
		t.Fatal(err)
	}
	want := map[string]data.MonthTotal{}
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
		var cat data.Money
		for _, c := range r.Categories {
			cat += c.Value
		}
		if cat != w.Value || r.Series[11].Value != w.Value {
			t.Fatalf("%s: categories add up to %d, series says %d, want %d", k, cat, r.Series[11].Value, w.Value)
		}
	}
}

// Every figure of a review recomputed from the raw rows: totals, the
// average per client rounded half away from zero, the clients, the top ten
// with its ties (value, then entries, then name) and what each paid in the
// last twelve months.
func TestReviewRecomputedFromRawRows(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	rnd := rand.New(rand.NewPCG(7, 8))
	var clients []data.Client
	for i := range 14 {
		clients = append(clients, mustClient(t, s, fmt.Sprintf("Kunde %02d", 14-i)))
	}
	month := day("2026-10-01")
	var gs []data.Goodwill
	// twelve clients get exactly 500 in October: the top ten ends in a tie
	for i, c := range clients {
		v := data.Money(500)
		if i >= 12 {
			v = data.Money(100 + rnd.IntN(300))
		}
		gs = append(gs, data.Goodwill{ClientID: c.ID, GivenOn: day("2026-10-05"), Category: data.CatExtraSession, Description: "x", Value: v, Minutes: 10})
		if i == 3 { // two entries: ranks above the others with 500
			gs[len(gs)-1].Value = 250
			gs = append(gs, data.Goodwill{ClientID: c.ID, GivenOn: day("2026-10-06"), Category: data.CatExtraSession, Description: "y", Value: 250})
		}
	}
	gs = append(gs, data.Goodwill{ClientID: clients[0].ID, GivenOn: day("2026-09-30"), Category: data.CatExtraSession, Description: "not October", Value: 9999})
	if err := s.RecordGoodwillBulk(ctx, gs); err != nil {
		t.Fatal(err)
	}
	for i, c := range clients[:5] { // payments: inside the 12 months to 31 Oct, and one just outside
		for _, p := range []struct {
			on string
			n  data.Money
		}{{"2025-11-01", 1000}, {"2025-10-31", 7777}, {"2026-10-31", data.Money(100 * (i + 1))}} {
			if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: p.n, Method: data.MethodCash, ReceivedOn: day(p.on)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	r, err := s.MonthlyReview(ctx, month)
	if err != nil {
		t.Fatal(err)
	}
	// from the raw rows
	type agg struct {
		entries int
		value   data.Money
		name    string
		paid    data.Money
	}
	by := map[int64]*agg{}
	var total data.Money
	entries := 0
	for _, g := range gs {
		if g.GivenOn.Before(month) {
			continue
		}
		a := by[g.ClientID]
		if a == nil {
			a = &agg{}
			by[g.ClientID] = a
		}
		a.entries++
		a.value += g.Value
		total += g.Value
		entries++
	}
	for _, c := range clients {
		if a := by[c.ID]; a != nil {
			a.name = c.Name
			s.read.QueryRow(`SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE client_id = ? AND received_on BETWEEN '2025-11-01' AND '2026-10-31'`, c.ID).Scan(&a.paid)
		}
	}
	if r.Total.Value != total || r.Total.Entries != entries || r.Clients != len(by) {
		t.Fatalf("total %+v clients %d; raw %d/%d/%d", r.Total, r.Clients, total, entries, len(by))
	}
	if want := data.Money((2*int64(total) + int64(len(by))) / (2 * int64(len(by)))); r.PerClient != want {
		t.Fatalf("per client %d, want %d", r.PerClient, want)
	}
	ids := make([]int64, 0, len(by))
	for id := range by {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := by[ids[i]], by[ids[j]]
		if a.value != b.value {
			return a.value > b.value
		}
		if a.entries != b.entries {
			return a.entries > b.entries
		}
		return sortName(a.name) < sortName(b.name)
	})
	if len(r.Top) != 10 {
		t.Fatalf("top has %d", len(r.Top))
	}
	for i, sl := range r.Top {
		a := by[ids[i]]
		if sl.ID != ids[i] || sl.Value != a.value || sl.Entries != a.entries || sl.Paid != a.paid {
			t.Fatalf("top %d = %+v, want %d %+v", i, sl, ids[i], *a)
		}
	}
	if r.TopMore != 2 { // twelve at 500, ten shown
		t.Fatalf("and %d more, want 2", r.TopMore)
	}
}

func TestRoundDiv(t *testing.T) {
	for _, c := range []struct{ a, b, want int64 }{{5, 2, 3}, {-5, 2, -3}, {4, 3, 1}, {-4, 3, -1}, {-71, 10, -7}, {-75, 10, -8}, {1, -2, -1}, {0, 7, 0}} {
		if got := data.RoundDivInt(c.a, c.b); got != c.want {
			t.Errorf("RoundDivInt(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
