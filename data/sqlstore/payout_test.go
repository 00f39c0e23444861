package sqlstore

import (
	"context"
	"studiopartner/data"
	"testing"
)

// Credit is the client's to choose: it nets with the next charges by
// itself, or the owner pays it out — never more than there is, never by
// the front desk; the balance and the month's payments follow.
func TestPayOutCredit(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Clara Credit")
	if _, err := s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 100, Method: data.MethodCash, ReceivedOn: s.Today()}); data.ErrorCode(err) != data.CodeConflict {
		t.Fatalf("payout without credit: %v", err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 5000, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	_, err := s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 5001, Method: data.MethodCash, ReceivedOn: s.Today()})
	wantField(t, err, "amount", "payout.above_credit")
	_, err = s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 0, Method: data.MethodCash, ReceivedOn: s.Today()})
	wantField(t, err, "amount", "payment.amount.positive")

	mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	desk := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	if _, err := s.SignIn(ctx, desk.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()}); data.ErrorCode(err) != data.CodeForbidden {
		t.Fatalf("front desk paid out: %v", err)
	}
	s.SignOut()
	if _, err := s.SignIn(ctx, 1, "4711"); err != nil {
		t.Fatal(err)
	}
	p, err := s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 2000, Method: data.MethodTransfer, ReceivedOn: s.Today(), Note: "wants it back"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Amount != -2000 || !p.IsPayout() {
		t.Fatalf("payout stored as %+v", p)
	}
	b, err := s.BalanceOf(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Credit != 3000 {
		t.Fatalf("credit after paying out 20,00 of 50,00: %v", b.Credit)
	}
	var month data.Money
	if err := s.read.QueryRow(`SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE client_id = ?`, c.ID).Scan(&month); err != nil || month != 3000 {
		t.Fatalf("payments sum %v (%v), want 30,00", month, err)
	}
	if _, err := s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 3000, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	if b, _ = s.BalanceOf(ctx, c.ID); b.Credit != 0 {
		t.Fatalf("credit left after paying out all: %v", b.Credit)
	}
	pays, err := s.PaymentsOf(ctx, c.ID, 10)
	if err != nil || len(pays) != 3 || !pays[0].IsPayout() || pays[2].IsPayout() {
		t.Fatalf("payments %+v (%v)", pays, err)
	}
}

// A receipt names what the payment paid for: the payments taken in the
// order received settle the oldest charges first; a payment taken back
// counts for nothing; what is left over is credit.
func TestSettledByPayment(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Paula Plan")
	for _, due := range []string{"2026-09-01", "2026-10-01", "2026-11-01"} {
		if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kurs " + due, Amount: 3000, Due: day(due)}); err != nil {
			t.Fatal(err)
		}
	}
	pay := func(amount data.Money, on string) data.Payment {
		p, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: amount, Method: data.MethodCash, ReceivedOn: day(on)})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := pay(4000, "2026-09-02")
	wrong := pay(1000, "2026-09-03")
	if _, err := s.ReversePayment(ctx, wrong.ID, "typed twice"); err != nil {
		t.Fatal(err)
	}
	second := pay(6000, "2026-10-02")
	cases := []struct {
		p      data.Payment
		want   []data.Money
		credit data.Money
	}{{first, []data.Money{3000, 1000}, 0}, {second, []data.Money{2000, 3000}, 1000}}
	for _, cs := range cases {
		shares, credit, err := s.Settled(ctx, cs.p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []data.Money
		for _, sh := range shares {
			got = append(got, sh.Amount)
		}
		if len(got) != len(cs.want) || credit != cs.credit {
			t.Fatalf("payment %d settled %v and %v credit, want %v and %v", cs.p.ID, got, credit, cs.want, cs.credit)
		}
		for i := range got {
			if got[i] != cs.want[i] {
				t.Fatalf("payment %d settled %v, want %v", cs.p.ID, got, cs.want)
			}
		}
	}
	if shares, _, _ := s.Settled(ctx, second.ID); shares[0].Charge.Description != "Kurs 2026-10-01" {
		t.Fatalf("the second payment starts on %q", shares[0].Charge.Description)
	}
}
