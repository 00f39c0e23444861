package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/reports"
)

func open(t *testing.T) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFill(t *testing.T) {
	ctx := context.Background()
	a, b := open(t), open(t)
	o := Options{Clients: 400, Months: 24, Seed: 7, PrintAgreement: reports.PrintAgreement}
	if err := Fill(ctx, a, o); err != nil {
		t.Fatal(err)
	}
	if err := Fill(ctx, b, o); err != nil {
		t.Fatal(err)
	}
	ra, _ := a.ListClients(ctx, 0, 1000)
	rb, _ := b.ListClients(ctx, 0, 1000)
	if len(ra) != 400 || len(rb) != 400 {
		t.Fatalf("clients: %d and %d", len(ra), len(rb))
	}
	catalogue := map[string]data.Service{}
	sold, _ := a.Services(ctx, true)
	for _, sv := range sold {
		catalogue[sv.Name] = sv
	}
	statuses := map[data.ClientStatus]int{}
	contractStates := map[data.ContractStatus]int{}
	umlauts := 0
	for i := range ra {
		if ra[i] != rb[i] {
			t.Fatalf("same seed, different client %d: %+v vs %+v", i, ra[i], rb[i])
		}
		statuses[ra[i].Status]++
		for _, r := range ra[i].Name {
			if r > 127 {
				umlauts++
				break
			}
		}
		ks, _ := a.ContractsOf(ctx, ra[i].ID)
		c, _ := a.Client(ctx, ra[i].ID)
		for _, k := range ks {
			age := -1
			if !c.BirthDate.IsZero() {
				age = a.Today().Year() - c.BirthDate.Year()
			}
			if !forAge(catalogue[k.ServiceName], age) {
				t.Errorf("%s (born %s) has a contract for %s", c.Name, c.BirthDate, k.ServiceName)
			}
			contractStates[k.Status(a.Today())]++
			if c.CreatedAt[:10] >= k.Start.String() {
				t.Errorf("%s was recorded on %s, not before the contract starting %s", c.Name, c.CreatedAt[:10], k.Start)
			}
		}
	}
	for _, st := range data.ClientStatuses {
		if statuses[st] == 0 {
			t.Errorf("no client with status %s: %v", st, statuses)
		}
	}
	for _, st := range []data.ContractStatus{data.ContractActive, data.ContractEnding, data.ContractEnded, data.ContractUpcoming} {
		if contractStates[st] == 0 {
			t.Errorf("no contract %s: %v", st, contractStates)
		}
	}
	if umlauts < 40 {
		t.Errorf("only %d names with umlauts or accents", umlauts)
	}
	demandStates := map[data.DemandStatus]int{}
	all, _ := a.Demands(ctx, data.DemandFilter{})
	stepDays := map[data.Date]bool{}
	for _, d := range all {
		demandStates[d.Status]++
		if d.Status != data.DemandOpen {
			stepDays[d.StatusOn] = true
			if d.StatusOn.Before(d.RaisedOn) || d.StatusOn.After(a.Today()) {
				t.Errorf("demand %d raised %s moved on %s", d.ID, d.RaisedOn, d.StatusOn)
			}
		}
	}
	if len(stepDays) < 10 {
		t.Errorf("the demands' steps fall on only %d days", len(stepDays))
	}
	for _, st := range data.DemandStatuses {
		if demandStates[st] == 0 {
			t.Errorf("no demand %s: %v", st, demandStates)
		}
	}
	cats := map[data.GoodwillCategory]int{}
	gs, _ := a.GoodwillList(ctx, data.GoodwillFilter{Limit: 10000})
	for _, g := range gs {
		cats[g.Category]++
	}
	if len(cats) != len(data.GoodwillCategories) {
		t.Errorf("goodwill categories: %v", cats)
	}
	signed, unsigned := 0, 0
	for _, r := range ra {
		as, _ := a.AgreementsOf(ctx, r.ID)
		for _, ag := range as {
			if ag.SignedOn.IsZero() {
				unsigned++
			} else {
				signed++
			}
		}
	}
	if signed == 0 || unsigned == 0 {
		t.Errorf("agreements: %d signed, %d not", signed, unsigned)
	}
	if fs, _ := a.Flags(ctx); len(fs) == 0 {
		t.Error("the demo studio has no flags")
	}
	res, err := a.Check(ctx)
	if err != nil || !res.OK {
		t.Fatalf("check: %+v %v", res, err)
	}
	t.Run("ErrNotEmpty", func(t *testing.T) {
		if err := Fill(ctx, a, o); data.ErrorCode(err) != data.CodeConflict {
			t.Fatalf("err = %v", err)
		}
	})
}
