package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
)

// branchRecords are one branch's goodwill, payments and visits.
type branchRecords struct {
	goodwill []data.Goodwill
	payments []data.Payment
	visits   []data.Visit
}

// randomBranchRecords spreads records over thirteen months and the
// given branches, for clients and staff 1..n as every store makes them.
func randomBranchRecords(rng *rand.Rand, branches []string, clients, staff []int64) map[string]*branchRecords {
	out := map[string]*branchRecords{}
	for _, b := range branches {
		out[b] = &branchRecords{}
	}
	cats := []data.GoodwillCategory{data.CatMakeup, data.CatFreeProduct, data.CatOther, data.CatExtraSession}
	outcomes := []data.VisitOutcome{data.Attended, data.Attended, data.NoShow, data.CancelledLate}
	first := day("2025-10-01")
	for i := 0; i < 150; i++ {
		r := out[branches[rng.IntN(len(branches))]]
		on := first.AddDays(rng.IntN(399)) // up to the day before the stores' today
		client := clients[rng.IntN(len(clients))]
		switch i % 3 {
		case 0:
			r.goodwill = append(r.goodwill, data.Goodwill{ClientID: client, GivenOn: on, Category: cats[rng.IntN(len(cats))],
				Description: "x", Value: data.Money(100 * (1 + rng.IntN(30))), Minutes: rng.IntN(40), GivenBy: staff[rng.IntN(len(staff))]})
		case 1:
			r.payments = append(r.payments, data.Payment{ClientID: client, Amount: data.Money(500 * (1 + rng.IntN(9))),
				Method: data.MethodCash, ReceivedOn: on})
		default:
			r.visits = append(r.visits, data.Visit{ClientID: client, Outcome: outcomes[rng.IntN(len(outcomes))],
				At: time.Date(on.Year(), on.Month(), on.Day(), 18, 0, 0, 0, time.Local)})
		}
	}
	return out
}

// storeRecords writes records at the store's branch.
func storeRecords(t *testing.T, s *Store, r *branchRecords) {
	t.Helper()
	ctx := context.Background()
	for _, g := range r.goodwill {
		if _, err := s.RecordGoodwill(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordPayments(ctx, r.payments); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordVisitsBulk(ctx, r.visits); err != nil {
		t.Fatal(err)
	}
}

// branchStudio makes the same staff and clients in every store, so their
// ids agree.
func branchStudio(t *testing.T, s *Store) (clients, staff []int64) {
	t.Helper()
	at(s, "2026-11-05")
	for _, n := range []string{"Tom", "Ida"} {
		m, err := s.SaveStaff(context.Background(), data.Staff{Name: n, Role: data.RoleFrontDesk, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		staff = append(staff, m.ID)
	}
	for i := 0; i < 14; i++ {
		clients = append(clients, mustClient(t, s, fmt.Sprintf("Client %02d", i)).ID)
	}
	return clients, staff
}

// The review of one branch is, figure by figure, the review of a studio
// that holds only that branch's records; the whole studio's holds them
// all; the branches are listed.
func TestReviewOfOneBranch(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 31))
	branches := []string{"Mitte", "Nord"}
	all := newStore(t)
	clients, staff := branchStudio(t, all)
	recs := randomBranchRecords(rng, branches, clients, staff)
	if got, err := all.Branches(ctx); err != nil || len(got) != 0 {
		t.Fatalf("a studio without branches lists %v, %v", got, err)
	}
	for _, b := range branches {
		if err := all.SetBranch(b); err != nil {
			t.Fatal(err)
		}
		storeRecords(t, all, recs[b])
	}
	if err := all.SetBranch(""); err != nil {
		t.Fatal(err)
	}
	if got, err := all.Branches(ctx); err != nil || !reflect.DeepEqual(got, branches) {
		t.Fatalf("branches = %v, %v; want %v", got, err, branches)
	}
	for _, month := range []string{"2026-10-01", "2026-06-01"} {
		whole, err := all.MonthlyReview(ctx, day(month))
		if err != nil {
			t.Fatal(err)
		}
		var sum data.Money
		for _, b := range branches {
			one := newStore(t)
			branchStudio(t, one)
			storeRecords(t, one, recs[b])
			want, err := one.MonthlyReview(ctx, day(month))
			if err != nil {
				t.Fatal(err)
			}
			got, err := all.MonthlyReviewOf(ctx, day(month), b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Branch != b {
				t.Fatalf("the review of %s names %q", b, got.Branch)
			}
			compareBranchReview(t, b+" "+month, got, want)
			sum += got.Total.Value
		}
		if whole.Total.Value != sum || whole.Total.Value == 0 {
			t.Fatalf("%s: the whole studio's goodwill %d, its branches' %d", month, whole.Total.Value, sum)
		}
	}
}

// compareBranchReview compares what a review of one branch reads of that
// branch's records.
func compareBranchReview(t *testing.T, what string, got, want data.Review) {
	t.Helper()
	pick := func(r data.Review) []any {
		return []any{r.Total, r.Clients, r.PerClient, r.Revenue, r.Previous, r.LastYear, r.Series, r.Categories, r.Staff,
			r.Top, r.TopMore, r.Visits, r.PrevVisits}
	}
	names := strings.Fields("total clients per-client revenue previous last-year series categories staff top top-more visits prev-visits")
	g, w := pick(got), pick(want)
	for i := range g {
		if !reflect.DeepEqual(g[i], w[i]) {
			t.Errorf("%s: %s = %+v, want %+v", what, names[i], g[i], w[i])
		}
	}
}

// Each record keeps the branch it was made at; a reversal comes off at
// the payment's branch, wherever it is made; visits are read for one
// branch or all; a bad name is refused.
func TestRecordsKeepTheirBranch(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Anna")
	if err := s.SetBranch("  Mitte "); err != nil || s.Branch() != "Mitte" {
		t.Fatalf("branch %q, %v", s.Branch(), err)
	}
	p, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 4000, Method: data.MethodCash, ReceivedOn: s.Today()})
	if err != nil || p.Branch != "Mitte" {
		t.Fatalf("payment %+v, %v", p, err)
	}
	if err := s.RecordVisitsBulk(ctx, []data.Visit{{ClientID: c.ID, Outcome: data.Attended, At: s.Now().Add(-48 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	g, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: s.Today(), Category: data.CatOther, Description: "x", Value: 300})
	if err != nil || g.Branch != "Mitte" {
		t.Fatalf("goodwill %+v, %v", g, err)
	}
	if err := s.SetBranch("Nord"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordVisitsBulk(ctx, []data.Visit{{ClientID: c.ID, Outcome: data.NoShow, At: s.Now().Add(-24 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	rev, err := s.ReversePayment(ctx, p.ID, "wrong client")
	if err != nil || rev.Branch != "Mitte" {
		t.Fatalf("reversal %+v, %v", rev, err)
	}
	for branch, want := range map[string][]data.VisitOutcome{"": {data.NoShow, data.Attended}, "Mitte": {data.Attended},
		"Nord": {data.NoShow}, "Süd": nil} {
		vs, err := s.VisitsAt(ctx, c.ID, data.Date{}, branch)
		if err != nil {
			t.Fatal(err)
		}
		var got []data.VisitOutcome
		for _, v := range vs {
			if branch != "" && v.Branch != branch {
				t.Fatalf("visit at %q listed for %q", v.Branch, branch)
			}
			got = append(got, v.Outcome)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("visits at %q = %v, want %v", branch, got, want)
		}
	}
	r, err := s.MonthlyReviewOf(ctx, s.Today(), "Mitte")
	if err != nil || r.Revenue != 0 || r.Total.Value != 300 {
		t.Fatalf("Mitte's review: revenue %d, goodwill %d, %v", r.Revenue, r.Total.Value, err)
	}
	for _, bad := range []struct{ name, key string }{{"Mitte\tSüd", "branch.characters"}, {strings.Repeat("x", 41), "branch.long"}} {
		err := s.SetBranch(bad.name)
		var de *data.Error
		if !errors.As(err, &de) || len(de.Fields) != 1 || de.Fields[0].Key != bad.key {
			t.Fatalf("SetBranch(%q) = %v", bad.name, err)
		}
		if _, err := s.MonthlyReviewOf(ctx, s.Today(), bad.name); err == nil {
			t.Fatalf("a review of %q was read", bad.name)
		}
	}
	if s.Branch() != "Nord" {
		t.Fatalf("a refused name changed the branch to %q", s.Branch())
	}
}
