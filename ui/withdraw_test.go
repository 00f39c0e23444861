package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// buttonNamed finds a visible button by its text.
func buttonNamed(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Visible() && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// The card of a client who contracted by phone says the notice is not yet
// handed over and that the service starts within the period unasked; the
// withdrawal is recorded from the card, the card then shows the refund and
// offers the confirmation letter, and the contract can no longer be
// edited or cancelled.
func TestWithdrawFromTheCard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jana Brandt"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Pilates", Kind: data.KindCourse, Price: 3000, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 3, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3000, Terms: sv.Terms,
		Start: s.Today(), Concluded: data.ConcludedDistance}); err != nil {
		t.Fatal(err)
	}
	a.openClient(c.ID)
	card := renderedText(a.clients.cardBox)
	for _, want := range []string{"noch nicht übergeben", "in der Widerrufsfrist, ohne dass der Kunde das ausdrücklich verlangt hat"} {
		if !strings.Contains(card, want) {
			t.Fatalf("the card lacks %q:\n%s", want, card)
		}
	}
	b := buttonNamed(a.clients.cardBox, "Widerruf")
	if b == nil || buttonNamed(a.clients.cardBox, "Kündigen") == nil {
		t.Fatal("no withdrawal button on the card")
	}
	test.Tap(b)
	entries := findEntries(a.win.Canvas().Overlays().Top())
	if len(entries) != 1 || a.win.Canvas().Focused() != entries[0] {
		t.Fatal("the withdrawal dialog does not start in its date")
	}
	entries[0].SetText("31.02.2026")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, _ := s.ContractsOf(ctx, c.ID); !got[0].WithdrawnOn.IsZero() {
		t.Fatal("a day that does not exist was taken")
	}
	entries[0].SetText(s.Today().Format("de"))
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	got, _ := s.ContractsOf(ctx, c.ID)
	if got[0].WithdrawnOn != s.Today() {
		t.Fatalf("withdrawal not recorded: %+v", got[0].Withdrawal)
	}
	card = renderedText(a.clients.cardBox)
	if !strings.Contains(card, "gilt als nie geschlossen") || !strings.Contains(card, "widerrufen") {
		t.Fatalf("the card does not show the withdrawal:\n%s", card)
	}
	if buttonNamed(a.clients.cardBox, "Widerrufsbestätigung") == nil {
		t.Fatal("no confirmation letter offered")
	}
	if buttonNamed(a.clients.cardBox, "Kündigen") != nil || buttonNamed(a.clients.cardBox, "Widerruf") != nil {
		t.Fatal("a withdrawn contract can still be cancelled or withdrawn")
	}
}

// A make-up owed for a cancelled class is recorded from the card, apart
// from goodwill; a demand is decided as owed from its dialog.
func TestOwedFromTheCardAndTheDemand(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Ole Berg"})
	a.openClient(c.ID)
	b := buttonNamed(a.clients.cardBox, "Geschuldetes")
	if b == nil {
		t.Fatal("no button for what is owed")
	}
	test.Tap(b)
	top := a.win.Canvas().Overlays().Top()
	entries := findEntries(top)
	if a.win.Canvas().Focused() == nil {
		t.Fatal("the form opened without the cursor in a field")
	}
	var what *entry
	for _, e := range entries {
		if e == a.win.Canvas().Focused() {
			what = e
		}
	}
	test.Type(what, "Nachholstunde: Kurs am 20.11. fiel aus")
	what.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	owed, _ := s.OwedOf(ctx, c.ID)
	if len(owed) != 1 || owed[0].Kind != data.OwedMakeup {
		t.Fatalf("owed = %+v", owed)
	}
	if g, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID}); len(g) != 0 {
		t.Fatal("an owed make-up was booked as goodwill")
	}
	if card := renderedText(a.clients.cardBox); !strings.Contains(card, "Kurs am 20.11. fiel aus") || !strings.Contains(card, "keine Kulanz") {
		t.Fatalf("the card does not list it:\n%s", card)
	}
	d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: s.Today(), Asked: "Stunde nachholen", Claimed: 1500})
	d.ClientName = c.Name
	step := a.openDemandStep(d, data.DemandOwed, func() {})
	step.dlg.submit()
	got, _ := s.Demand(ctx, d.ID)
	if got.Status != data.DemandOwed {
		t.Fatalf("demand is %s", got.Status)
	}
	if owed, _ := s.OwedOf(ctx, c.ID); len(owed) != 2 || owed[0].DemandID != d.ID || owed[0].Value != 1500 {
		t.Fatalf("owed after the demand = %+v", owed)
	}
}

// The clean-up names the former clients due for erasure and erases them
// when the owner confirms.
func TestCleanUpOffersFormerClients(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Gone Long"})
	c.Status = data.StatusFormer
	if _, err := s.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return testNow.AddDate(2, 0, 0) } // two years on
	dlg := a.openCleanUp(true)
	if dlg == nil {
		t.Fatal("no clean-up dialog")
	}
	text := renderedText(a.win.Canvas().Overlays().Top())
	if !strings.Contains(text, "Gone Long") || !strings.Contains(text, "can be erased") {
		t.Fatalf("the clean-up does not name the client:\n%s", text)
	}
	dlg.submit()
	if got, _ := s.Client(ctx, c.ID); got.ErasedOn.IsZero() {
		t.Fatal("the former client was not erased")
	}
}

// Credit is paid out from the card when the client chooses the money:
// the dialog offers the whole credit, typing replaces it, and the card
// then lists the payout and the credit left.
func TestPayOutCreditFromTheCard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jana Brandt"})
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 4000, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	a.openClient(c.ID)
	b := buttonNamed(a.clients.cardBox, "Guthaben auszahlen")
	if b == nil {
		t.Fatal("no payout offered for 40,00 € credit")
	}
	test.Tap(b)
	entries := findEntries(a.win.Canvas().Overlays().Top())
	if len(entries) == 0 || entries[0].Text != "40,00" || a.win.Canvas().Focused() != entries[0] {
		t.Fatal("the payout dialog does not start in the amount with the credit filled in")
	}
	test.Type(entries[0], "15")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	bal, _ := s.BalanceOf(ctx, c.ID)
	if bal.Credit != 2500 {
		t.Fatalf("credit after paying out 15,00: %v", bal.Credit)
	}
	if card := renderedText(a.clients.cardBox); !strings.Contains(card, "15,00 € ausgezahlt") {
		t.Fatalf("the card does not list the payout:\n%s", card)
	}
}

// A filled-in amount is replaced by what is typed, not added to: the
// goodwill value of a session (12,25 € of a 49 € membership) becomes 15,00
// when "15" is typed. An amount far above the usual asks once, "Correct
// it" the default; confirmed, it is saved.
func TestAmountsTypedReplaceAndAreChecked(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Mara Mitglied"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Mitgliedschaft", Kind: data.KindMembership, Price: 4900, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 4900, Terms: sv.Terms, Start: s.Today().AddDays(-40)}); err != nil {
		t.Fatal(err)
	}
	given := func() []data.Money {
		var out []data.Money
		list, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID})
		for _, g := range list {
			out = append(out, g.Value)
		}
		return out
	}
	d := a.openGoodwillDialog(c, nil, func() {})
	if d.fields.value.Text == "" || d.fields.value.Text == "0,00" {
		t.Fatalf("no session value filled in: %q", d.fields.value.Text)
	}
	test.Type(d.fields.description, "Extra Stunde")
	a.win.Canvas().Focus(d.fields.value) // as Tab reaches it
	test.Type(d.fields.value, "15")
	if d.fields.value.Text != "15" {
		t.Fatalf("typing 15 into the filled-in value gave %q", d.fields.value.Text)
	}
	d.fields.value.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := given(); len(got) != 1 || got[0] != 1500 {
		t.Fatalf("goodwill saved as %v, want 15,00", got)
	}

	// far above a month's 49 €: asked once, Enter corrects
	d = a.openGoodwillDialog(c, nil, func() {})
	test.Type(d.fields.description, "Noch eine")
	d.fields.value.SetText("1512,25")
	d.fields.value.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "1.512,25 € – stimmt das?") {
		t.Fatalf("no question about 1.512,25 €:\n%s", top)
	}
	keyboard(t, a, "Enter")
	if got := given(); len(got) != 1 {
		t.Fatalf("Enter on the question saved %v", got)
	}
	d.fields.value.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	keyboard(t, a, "Tab", "Enter") // "Yes, save"
	if got := given(); len(got) != 2 {
		t.Fatalf("the confirmed amount was not saved: %v", got)
	}

	// the payment's open amount is replaced as well
	p := a.openPaymentDialog(c, 4900, func() {})
	test.Type(p.amount, "20")
	p.amount.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pays, _ := s.PaymentsOf(ctx, c.ID, 5); len(pays) != 1 || pays[0].Amount != 2000 {
		t.Fatalf("payment saved as %+v, want 20,00", pays)
	}
}

// A service's price above 1.000 € is asked about once before it is saved.
func TestHighServicePriceIsAskedAbout(t *testing.T) {
	a, s := newTestApp(t, "en")
	a.show(PageServices)
	a.screen(PageServices).(*servicesScreen).onNew()
	entries := findEntries(a.win.Canvas().Overlays().Top())
	test.Type(entries[0], "Yoga")
	entries[2].SetText("1500.00") // price
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "€1,500.00 – is that right?") {
		t.Fatalf("no question about €1,500.00:\n%s", top)
	}
	keyboard(t, a, "Enter") // "Correct it"
	if list, _ := s.Services(context.Background(), true); len(list) != 0 {
		t.Fatalf("saved without the answer: %v", list)
	}
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	keyboard(t, a, "Tab", "Enter") // "Yes, save"
	if list, _ := s.Services(context.Background(), true); len(list) != 1 || list[0].Price != 150000 {
		t.Fatalf("the confirmed price was not saved: %v", list)
	}
}

// A demand's value and the settings' amounts are asked about too: a
// claimed value far above the client's month, a budget above 2.000 €.
func TestDemandAndSettingsAmountsAreAskedAbout(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Ida Roth"})
	f := a.openNewDemandDialog(c, nil, func() {})
	test.Type(f.asked, "Privatstunde")
	f.claimed.SetText("6500")
	f.asked.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "6.500,00 € – stimmt das?") {
		t.Fatalf("no question about 6.500,00 €:\n%s", top)
	}
	keyboard(t, a, "Enter") // "Correct it"
	if ds, _ := s.Demands(ctx, data.DemandFilter{ClientID: c.ID}); len(ds) != 0 {
		t.Fatalf("saved without the answer: %+v", ds)
	}
	f.claimed.SetText("45")
	f.asked.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ds, _ := s.Demands(ctx, data.DemandFilter{ClientID: c.ID}); len(ds) != 1 || ds[0].Claimed != 4500 {
		t.Fatalf("demands: %+v", ds)
	}

	a.show(PageSettings)
	st := a.screen(PageSettings).(*settingsScreen)
	st.budget.SetText("40000")
	st.onSaveMoney()
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "40.000,00 € – stimmt das?") {
		t.Fatalf("no question about the budget:\n%s", top)
	}
	keyboard(t, a, "Enter")
	if b, _ := s.Budget(ctx); b != 0 {
		t.Fatalf("the budget was saved without the answer: %v", b)
	}
	st.onSaveMoney()
	keyboard(t, a, "Tab", "Enter") // "Yes, save"
	if b, _ := s.Budget(ctx); b != 4000000 {
		t.Fatalf("the confirmed budget is %v", b)
	}
}
