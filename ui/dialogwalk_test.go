package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"studiopartner/data"
)

// Every dialog obeys the keyboard: Esc, sent to whatever has the focus
// when it opens, closes it, also a dialog without a text field; Enter
// saves or presses the default button, and never leaves a second
// record behind a warning whose default is Cancel.
func TestEveryDialogByEscAndEnter(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	owner, _ := s.SaveStaff(ctx, data.Staff{Name: "Sabine Krüger", Role: data.RoleOwner, Active: true})
	a.setStaff(owner)
	sv, _ := s.SaveService(ctx, data.Service{Name: "10er-Karte", Kind: data.KindCard, Price: 12000, Active: true, Sessions: 10,
		ValidMonths: 6, Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: 1, Notice: data.Notice{Unit: data.NoticeDays},
			Renewal: data.RenewNone}})
	c, _ := s.CreateClient(ctx, data.Client{Name: "Ida Roth"})
	k, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
		Start: data.NewDate(2026, 11, 1), Concluded: data.ConcludedDistance})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 15000, Method: data.MethodCash, ReceivedOn: s.Today()})
	v, _ := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, ContractID: k.ID, At: s.Now().Add(-5 * time.Minute)})
	g, _ := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: s.Today(), Category: data.CatOther, Description: "Tee",
		Value: 300})
	d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: s.Today(), Asked: "Freistunde", Claimed: 1200})
	a.openAtCounter(c.ID)
	cc := func() *clientCard { return a.counter.card }
	dialogs := []struct {
		name string
		open func()
	}{
		{"check-in, already checked in", func() { cc().onCheckIn() }},
		{"absence", func() { cc().onAbsence() }},
		{"undo a visit", func() { cc().onUndoVisit(v) }},
		{"payment", func() { cc().onRecordPayment() }},
		{"payout", func() { a.openPayoutDialog(c, 3000, func() {}) }},
		{"charge", func() { cc().onAddCharge() }},
		{"reverse a payment", func() { a.openReverseDialog(p, func() {}) }},
		{"goodwill", func() { cc().onGoodwill() }},
		{"goodwill changed", func() { a.openGoodwillDialog(c, &g, func() {}) }},
		{"demand", func() { cc().onDemand() }},
		{"demand decided", func() { a.openDemandDialog(d, func() {}) }},
		{"owed", func() { a.openOwedForm(c, func() {}) }},
		{"client", func() { cc().onEdit() }},
		{"contract", func() { cc().onNewContract() }},
		{"cancel a contract", func() { cc().onCancelContract(k) }},
		{"withdraw", func() { a.openWithdrawDialog(k, c, func() {}) }},
		{"pause", func() { a.openPauseDialog(k, func() {}) }},
		{"service", func() { a.openServiceForm(newService(), func() {}) }},
		{"message", func() { a.showMessage("Hinweis", "Gespeichert.") }},
		{"receipt question", func() { a.offerReceipt(c, p) }},
		{"amount question", func() {
			fd := a.openPaymentDialog(c, 1000, func() {})
			fd.amount.SetText("5000")
			fd.dlg.submit()
		}},
		{"sign in", func() { a.askSignInFor(true, func(data.Staff) {}) }},
		{"clean-up", func() { a.openCleanUp(true) }},
	}
	canvas := a.win.Canvas()
	for _, x := range dialogs {
		x.open()
		if len(a.keys.dialogs) == 0 {
			t.Errorf("%s: nothing opened", x.name)
			continue
		}
		for n := len(a.keys.dialogs); n > 0; n-- { // a question above its form closes first, then the form
			f := canvas.Focused()
			if f == nil {
				t.Fatalf("%s: nothing has the focus for Esc", x.name)
			}
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if len(a.keys.dialogs) >= n {
				t.Fatalf("%s: Esc on %T left the dialog open", x.name, f)
			}
		}
	}
	// the guide's steps: Esc on each goes on to the next, then the guide ends
	a.startGuide()
	for step := 0; len(a.keys.dialogs) > 0; step++ {
		if step == guideSteps {
			t.Fatal("Esc does not leave the guide")
		}
		canvas.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	// Enter: the already-checked-in warning keeps its one visit
	before, _ := s.Visits(ctx, c.ID, data.Date{}, 0)
	cc().onCheckIn()
	if top := renderedText(canvas.Overlays().Top()); !strings.Contains(top, "wirklich noch einmal") {
		t.Fatalf("no warning about the second check-in:\n%s", top)
	}
	canvas.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if after, _ := s.Visits(ctx, c.ID, data.Date{}, 0); len(after) != len(before) {
		t.Fatalf("Enter on the warning booked a second visit: %d, then %d", len(before), len(after))
	}
	if len(a.keys.dialogs) != 0 {
		t.Fatal("Enter on the warning left it open")
	}
	// Enter on a message closes it
	a.showMessage("Hinweis", "Gespeichert.")
	canvas.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(a.keys.dialogs) != 0 {
		t.Fatal("Enter did not close the message")
	}
}
