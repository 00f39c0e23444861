package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"studiopartner/data"
	"testing"
	"time"
)

// at sets the store's clock to a day.
func at(s *Store, d string) {
	t, _ := time.Parse("2006-01-02", d)
	s.Now = func() time.Time { return t.Add(10 * time.Hour) }
}

func newContract(t *testing.T, s *Store, start string, price data.Money, terms data.Terms) data.Contract {
	t.Helper()
	c := mustClient(t, s, fmt.Sprintf("Client %s %v", start, terms.Billing))
	sv := mustService(t, s, fmt.Sprintf("Service %d", time.Now().UnixNano()), price)
	k, err := s.CreateContract(context.Background(), data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: price, Terms: terms, Start: day(start)})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func dues(t *testing.T, s *Store, clientID int64) string {
	t.Helper()
	cs, err := s.ChargesOf(context.Background(), clientID, false)
	if err != nil {
		t.Fatal(err)
	}
	out := ""
	for _, c := range cs {
		out += fmt.Sprintf("%s:%d ", c.Due, c.Amount)
	}
	return out
}

func monthly(min int) data.Terms {
	return data.Terms{Billing: data.BillingMonthly, MinTermMonths: min, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
}

func TestGenerateCharges(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, start string
		terms       data.Terms
		want        string
	}{
		{"monthly from 31 January", "2026-01-31", monthly(1),
			"2026-01-31:4500 2026-03-01:4500 2026-03-31:4500 2026-05-01:4500 2026-05-31:4500 2026-07-01:4500 2026-07-31:4500 2026-08-31:4500 2026-10-01:4500 2026-10-31:4500 "},
		{"yearly from 29 February", "2024-02-29", data.Terms{Billing: data.BillingYearly, MinTermMonths: 12, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly},
			"2024-02-29:4500 2025-03-01:4500 2026-03-01:4500 "},
		{"quarterly", "2026-01-15", data.Terms{Billing: data.BillingQuarterly, MinTermMonths: 3, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly},
			"2026-01-15:4500 2026-04-15:4500 2026-07-15:4500 2026-10-15:4500 "},
		{"once", "2026-03-05", data.Terms{Billing: data.BillingOnce, MinTermMonths: 6, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone},
			"2026-03-05:4500 "},
		{"per session bills nothing by itself", "2026-03-05", data.Terms{Billing: data.BillingPerSession, MinTermMonths: 1, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone},
			""},
		{"ends with its term", "2026-01-01", data.Terms{Billing: data.BillingMonthly, MinTermMonths: 3, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone},
			"2026-01-01:4500 2026-02-01:4500 2026-03-01:4500 "},
		{"starts in the future", "2026-12-01", monthly(1), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			k := newContract(t, s, c.start, 4500, c.terms)
			if _, err := s.GenerateCharges(ctx); err != nil {
				t.Fatal(err)
			}
			if got := dues(t, s, k.ClientID); got != c.want {
				t.Fatalf("charges\n got %s\nwant %s", got, c.want)
			}
			if n, err := s.GenerateCharges(ctx); err != nil || n != 0 {
				t.Fatalf("second run created %d, %v", n, err)
			}
		})
	}
}

func TestPriceChangeAppliesFromNextPeriod(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-10-10")
	k := newContract(t, s, "2026-09-01", 4500, monthly(6))
	s.GenerateCharges(ctx)
	k.Price = 5000
	if _, err := s.UpdateContract(ctx, k); err != nil {
		t.Fatal(err)
	}
	at(s, "2026-11-23")
	s.GenerateCharges(ctx)
	if got, want := dues(t, s, k.ClientID), "2026-09-01:4500 2026-10-01:4500 2026-11-01:5000 "; got != want {
		t.Fatalf("got %s want %s", got, want)
	}
	t.Run("ErrStartOfBilledContract", func(t *testing.T) {
		k, _ := s.Contract(ctx, k.ID)
		k.Start = day("2026-08-01")
		_, err := s.UpdateContract(ctx, k)
		wantField(t, err, "start", "contract.billed.locked")
	})
}

func TestCancelledContractStopsBilling(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-05-10")
	k := newContract(t, s, "2026-01-01", 3900, monthly(1))
	got, err := s.CancelContract(ctx, k.ID, day("2026-05-10"))
	if err != nil || got.EndsOn.String() != "2026-06-10" {
		t.Fatalf("cancel = %v, %v", got.EndsOn, err)
	}
	at(s, "2026-11-23")
	s.GenerateCharges(ctx)
	// the last period runs 1–10 June: 10 of 30 days
	if got, want := dues(t, s, k.ClientID), "2026-01-01:3900 2026-02-01:3900 2026-03-01:3900 2026-04-01:3900 2026-05-01:3900 2026-06-01:1300 "; got != want {
		t.Fatalf("got %s want %s", got, want)
	}
	t.Run("ErrChargeOnEndedContract", func(t *testing.T) {
		_, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: k.ClientID, ContractID: k.ID, Description: "Kostüm", Amount: 2500, Due: s.Today()})
		wantField(t, err, "contract", "charge.contract.ended")
		if got := dues(t, s, k.ClientID); len(got) != 6*len("2026-01-01:3900 ") {
			t.Fatalf("a charge was stored: %s", got)
		}
	})
}

func TestPause(t *testing.T) {
	ctx := context.Background()
	for _, move := range []bool{true, false} {
		t.Run(fmt.Sprintf("moveTerm=%v", move), func(t *testing.T) {
			s := newStore(t)
			at(s, "2026-06-15")
			k := newContract(t, s, "2026-01-01", 4900, monthly(12))
			s.GenerateCharges(ctx)
			if _, err := s.PauseContract(ctx, k.ID, day("2026-05-01"), day("2026-05-31"), "Urlaub", move); err == nil {
				t.Fatal("a billed month was paused")
			} else {
				wantField(t, err, "from", "pause.from.billed")
			}
			p, err := s.PauseContract(ctx, k.ID, day("2026-07-01"), day("2026-08-31"), "Knieverletzung", move)
			if err != nil {
				t.Fatal(err)
			}
			at(s, "2026-11-23")
			s.GenerateCharges(ctx)
			cs, _ := s.ChargesOf(ctx, k.ClientID, false)
			if len(cs) != 9 {
				t.Fatalf("%d charges, want 11 months less 2 paused: %s", len(cs), dues(t, s, k.ClientID))
			}
			k, _ = s.Contract(ctx, k.ID)
			want, months := "2026-12-31", 0
			if move {
				want, months = "2027-02-28", 2
			}
			if p.ExtendMonths != months || k.MinTermEnd().String() != want {
				t.Fatalf("pause moved the term by %d months to %s, want %d and %s", p.ExtendMonths, k.MinTermEnd(), months, want)
			}
		})
	}
	t.Run("ErrBadPause", func(t *testing.T) {
		s := newStore(t)
		k := newContract(t, s, "2026-01-01", 4900, monthly(12))
		_, err := s.PauseContract(ctx, k.ID, day("2027-02-01"), day("2027-01-01"), "x", false)
		wantField(t, err, "to", "pause.to.before_from")
		_, err = s.PauseContract(ctx, k.ID, day("2027-01-01"), day("2027-02-01"), " ", false)
		wantField(t, err, "reason", "pause.reason.required")
	})
}

func TestAllocationCreditAndReversal(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-11-23")
	k := newContract(t, s, "2026-09-01", 4500, monthly(6)) // Sep, Oct, Nov: 135 €
	s.GenerateCharges(ctx)
	pay := func(amount data.Money) data.Payment {
		t.Helper()
		p, err := s.RecordPayment(ctx, data.Payment{ClientID: k.ClientID, Amount: amount, Method: data.MethodCash, ReceivedOn: s.Today()})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	balance := func() data.Balance {
		t.Helper()
		b, err := s.BalanceOf(ctx, k.ClientID)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	big := pay(10000)
	if b := balance(); b.Open != 3500 || b.Credit != 0 || len(b.OpenCharges) != 1 || b.OpenCharges[0].Due.String() != "2026-11-01" || b.OpenCharges[0].Paid != 1000 {
		t.Fatalf("after 100 €: %+v", b)
	}
	pay(5000)
	if b := balance(); b.Open != 0 || b.Credit != 1500 {
		t.Fatalf("after 150 €: %+v", b)
	}
	at(s, "2026-12-02")
	s.GenerateCharges(ctx) // December: the credit pays part of it
	if b := balance(); b.Open != 3000 || b.Credit != 0 {
		t.Fatalf("after December's charge: %+v", b)
	}
	rev, err := s.ReversePayment(ctx, big.ID, "Lastschrift zurückgegeben")
	if err != nil || rev.Amount != -10000 || rev.Reverses != big.ID {
		t.Fatalf("reversal = %+v, %v", rev, err)
	}
	if b := balance(); b.Open != 13000 || b.Credit != 0 {
		t.Fatalf("after the reversal: %+v", b)
	}
	if got, _ := s.Payment(ctx, big.ID); got.ReversedBy != rev.ID {
		t.Fatalf("original = %+v", got)
	}
	t.Run("ErrReverseReversal", func(t *testing.T) {
		_, err := s.ReversePayment(ctx, rev.ID, "again")
		if e := data.AsError(err); e == nil || e.Key != "payment.reverse.of_reversal" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrReverseTwice", func(t *testing.T) {
		_, err := s.ReversePayment(ctx, big.ID, "again")
		if e := data.AsError(err); e == nil || e.Key != "payment.reverse.twice" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrReverseWithoutReason", func(t *testing.T) {
		_, err := s.ReversePayment(ctx, big.ID, "  ")
		wantField(t, err, "reason", "payment.reverse.reason")
	})
	bad := []struct {
		name, field, key string
		p                data.Payment
	}{
		{"ErrZero", "amount", "payment.amount.positive", data.Payment{Amount: 0, Method: data.MethodCash, ReceivedOn: day("2026-12-01")}},
		{"ErrNegative", "amount", "payment.amount.positive", data.Payment{Amount: -100, Method: data.MethodCash, ReceivedOn: day("2026-12-01")}},
		{"ErrFuture", "received_on", "payment.received.future", data.Payment{Amount: 100, Method: data.MethodCard, ReceivedOn: day("2026-12-03")}},
		{"ErrMethod", "method", "payment.method.invalid", data.Payment{Amount: 100, Method: "cheque", ReceivedOn: day("2026-12-01")}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			before, _ := s.PaymentsOf(ctx, k.ClientID, 100)
			b.p.ClientID = k.ClientID
			_, err := s.RecordPayment(ctx, b.p)
			wantField(t, err, b.field, b.key)
			if after, _ := s.PaymentsOf(ctx, k.ClientID, 100); len(after) != len(before) {
				t.Fatal("an invalid payment was stored")
			}
		})
	}
}

func TestBalancesAndTotals(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-11-23")
	late := newContract(t, s, "2026-10-01", 4000, monthly(1))  // Oct and Nov
	fresh := newContract(t, s, "2026-11-09", 3000, monthly(1)) // due 14 days ago: not yet overdue
	edge := newContract(t, s, "2026-11-08", 2000, monthly(1))  // due 15 days ago: overdue
	paid := newContract(t, s, "2026-11-01", 5000, monthly(1))
	s.GenerateCharges(ctx)
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: paid.ClientID, Amount: 5000, Method: data.MethodTransfer, ReceivedOn: day("2026-11-02")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: late.ClientID, Amount: 1000, Method: data.MethodCash, ReceivedOn: day("2026-10-31")}); err != nil {
		t.Fatal(err)
	}
	b, _ := s.BalanceOf(ctx, late.ClientID)
	if b.Open != 7000 || b.Overdue != 7000 {
		t.Fatalf("late payer: %+v", b)
	}
	if b, _ := s.BalanceOf(ctx, fresh.ClientID); b.Open != 3000 || b.Overdue != 0 {
		t.Fatalf("fresh charge counts as overdue: %+v", b)
	}
	rows, err := s.OpenBalances(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, r := range rows {
		order = append(order, r.ID)
	}
	if fmt.Sprint(order) != fmt.Sprint([]int64{late.ClientID, edge.ClientID, fresh.ClientID}) {
		t.Fatalf("order = %v", rows)
	}
	tot, err := s.Totals(ctx)
	if err != nil || tot.Open != 12000 || tot.Overdue != 9000 || tot.ReceivedThisMonth != 5000 || tot.ClientsOverdue != 2 {
		t.Fatalf("totals = %+v, %v", tot, err)
	}
	flagged, _ := s.OverdueAmong(ctx, []int64{late.ClientID, fresh.ClientID, edge.ClientID, paid.ClientID})
	if !flagged[late.ClientID] || !flagged[edge.ClientID] || flagged[fresh.ClientID] || flagged[paid.ClientID] {
		t.Fatalf("overdue = %v", flagged)
	}
	if err := s.SetGraceDays(ctx, 30); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.BalanceOf(ctx, edge.ClientID); b.Overdue != 0 {
		t.Fatalf("with 30 grace days: %+v", b)
	}
	wantField(t, s.SetGraceDays(ctx, -1), "grace_days", "settings.grace_days.range")
}

func TestOneOffCharge(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Greta Wolf")
	ch, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kostüm Weihnachtsaufführung", Amount: 2500, Due: day("2026-12-01")})
	if err != nil || ch.ID == 0 {
		t.Fatal(err)
	}
	bad := []struct {
		name, field, key string
		oc               data.OneOffCharge
	}{
		{"ErrNoDescription", "description", "charge.description.required", data.OneOffCharge{ClientID: c.ID, Amount: 100, Due: day("2026-12-01")}},
		{"ErrZeroAmount", "amount", "charge.amount.positive", data.OneOffCharge{ClientID: c.ID, Description: "x", Due: day("2026-12-01")}},
		{"ErrNoDue", "due", "charge.due.required", data.OneOffCharge{ClientID: c.ID, Description: "x", Amount: 100}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			_, err := s.AddCharge(ctx, b.oc)
			wantField(t, err, b.field, b.key)
		})
	}
	if cs, _ := s.ChargesOf(ctx, c.ID, false); len(cs) != 1 || cs[0].Description != "Kostüm Weihnachtsaufführung" {
		t.Fatalf("charges = %+v", cs)
	}
}

// A quarter paid in advance and cancelled within it: the days after the
// end are credited day by day, and nothing more is billed.
func TestCancelCreditsDaysAfterTheEnd(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-07-01")
	quarterly := data.Terms{Billing: data.BillingQuarterly, MinTermMonths: 3, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
	k := newContract(t, s, "2026-01-01", 9000, quarterly)
	s.GenerateCharges(ctx)
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: k.ClientID, Amount: 3 * 9000, Method: data.MethodTransfer, ReceivedOn: day("2026-07-01")}); err != nil {
		t.Fatal(err)
	}
	at(s, "2026-07-10")
	got, err := s.CancelContract(ctx, k.ID, day("2026-07-10"))
	if err != nil {
		t.Fatal(err)
	}
	// ends 10 Aug; the quarter 1 Jul – 30 Sep has 92 days, 41 of them kept:
	// 9000 × 41 / 92 = 4010.87 → 4011, so 4989 come back
	if got.EndsOn.String() != "2026-08-10" || got.EndCredit != 4989 {
		t.Fatalf("ends %s, credit %d", got.EndsOn, got.EndCredit)
	}
	if d := dues(t, s, k.ClientID); d != "2026-01-01:9000 2026-04-01:9000 2026-07-01:4011 " {
		t.Fatalf("charges %s", d)
	}
	b, _ := s.BalanceOf(ctx, k.ClientID)
	if b.Credit != 4989 || b.Open != 0 {
		t.Fatalf("balance %+v", b)
	}
	at(s, "2026-12-01")
	s.GenerateCharges(ctx)
	if d := dues(t, s, k.ClientID); d != "2026-01-01:9000 2026-04-01:9000 2026-07-01:4011 " {
		t.Fatalf("billed after the end: %s", d)
	}
	again, _ := s.Contract(ctx, k.ID)
	if again.EndCredit != 4989 {
		t.Fatalf("stored credit %d", again.EndCredit)
	}
}

// The open balances read in each order, and each turned round.
func TestOpenBalancesOrders(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for _, x := range []struct {
		name   string
		amount data.Money
		due    string
	}{{"Anna Adler", 100, "2026-10-01"}, {"Bea Berg", 5000, "2026-11-01"}, {"Carl Cohn", 300, "2026-09-01"}} {
		c := mustClient(t, s, x.name)
		if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kurs", Amount: x.amount, Due: day(x.due)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []struct {
		order   data.BalanceOrder
		reverse bool
		want    string
	}{
		{data.ByOverdue, false, "Bea Berg|Carl Cohn|Anna Adler"},
		{data.ByOverdue, true, "Anna Adler|Carl Cohn|Bea Berg"},
		{data.ByOldestDue, false, "Carl Cohn|Anna Adler|Bea Berg"},
		{data.ByOldestDue, true, "Bea Berg|Anna Adler|Carl Cohn"},
		{data.ByName, false, "Anna Adler|Bea Berg|Carl Cohn"},
		{data.ByName, true, "Carl Cohn|Bea Berg|Anna Adler"},
	} {
		rows, err := s.OpenBalancesBy(ctx, o.order, o.reverse, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Name)
		}
		if g := strings.Join(got, "|"); g != o.want {
			t.Errorf("order %d reverse %v: %s, want %s", o.order, o.reverse, g, o.want)
		}
	}
}
