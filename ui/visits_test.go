package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"studiopartner/data"
)

// Check-in in two keys at the counter: Ctrl+K on the client in view,
// Enter to confirm; the summary then says what is left on the card. A
// second Ctrl+K a minute later warns before it counts again.
func TestCheckInByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	card, err := s.SaveService(ctx, data.Service{Name: "10-card", Kind: data.KindCard, Price: 12000, Active: true,
		Sessions: 10, ValidMonths: 4, Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: 4,
			Notice: data.Notice{Unit: data.NoticeDays}, Renewal: data.RenewNone}})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jörg Hoffmann"})
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: card.ID, Price: card.Price, Terms: card.Terms,
		Start: data.NewDate(2026, 12, 1)}); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 12, 4, 18, 0, 0, 0, time.Local) }
	if a.page != PageCounter || a.win.Canvas().Focused() != a.counter.search {
		t.Fatal("the window does not open at the counter with the search focused")
	}
	test.Type(a.counter.search, "jorg")
	a.counter.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a.counter.card == nil {
		t.Fatal("Enter did not open the client's summary")
	}
	a.keys.handle(ctrl(fyne.KeyK))
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "10-card: 10 of 10 left, valid until 31 Mar 2027") {
		t.Fatalf("the check-in does not say what it counts against:\n%s", top)
	}
	keyboard(t, a, "Enter")
	noDialog(t, a, "check-in")
	vs, _ := s.Visits(ctx, c.ID, data.Date{}, 0)
	if len(vs) != 1 || !vs[0].UsesSession {
		t.Fatalf("visits after Ctrl+K, Enter: %+v", vs)
	}
	if text := renderedText(a.counter.summary); !strings.Contains(text, "10-card: 9 of 10 left, valid until 31 Mar 2027") {
		t.Fatalf("the summary does not show what is left:\n%s", text)
	}
	s.Now = func() time.Time { return time.Date(2026, 12, 4, 18, 1, 0, 0, time.Local) }
	a.keys.handle(ctrl(fyne.KeyK))
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "Already checked in at 18:00") {
		t.Fatalf("a second check-in does not ask first:\n%s", top)
	}
	// Cancel is the default of a warning that would make a second visit:
	// Enter and a stray Space cancel, Esc closes; only the button itself books
	visits := func() int { vs, _ := s.Visits(ctx, c.ID, data.Date{}, 0); return len(vs) }
	keyboard(t, a, "Enter")
	noDialog(t, a, "second check-in, Enter")
	a.keys.handle(ctrl(fyne.KeyK))
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	noDialog(t, a, "second check-in, Space")
	a.keys.handle(ctrl(fyne.KeyK))
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	noDialog(t, a, "second check-in, Esc")
	if n := visits(); n != 1 {
		t.Fatalf("Enter, Space or Esc checked in again: %d visits", n)
	}
	a.keys.handle(ctrl(fyne.KeyK))
	keyboard(t, a, "Tab", "Enter")
	if n := visits(); n != 2 {
		t.Fatalf("the check-in button did not book the second visit: %d visits", n)
	}
}

// A client with nothing running is asked what the visit is; goodwill
// makes an "extra session" entry linked to the visit, and the visit is
// taken back the same day with a reason.
func TestCheckInBeyondAndUndo(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	if _, err := s.SaveService(ctx, data.Service{Name: "Einzelstunde", Kind: data.KindSingle, Price: 1800, Active: true,
		Terms: data.Terms{Billing: data.BillingPerSession, MinTermMonths: 1, Notice: data.Notice{Unit: data.NoticeDays},
			Renewal: data.RenewNone}}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.CreateClient(ctx, data.Client{Name: "Ida Roth", Language: "en"}) // an English client of a German studio
	a.openAtCounter(c.ID)
	a.keys.handle(ctrl(fyne.KeyK))
	top := renderedText(a.win.Canvas().Overlays().Top())
	if !strings.Contains(top, "Kein laufender Vertrag deckt diesen Besuch.") || !strings.Contains(top, "18,00 €") {
		t.Fatalf("the counter is not asked what the visit is:\n%s", top)
	}
	keyboard(t, a, "Enter") // nothing chosen: nothing is stored
	if vs, _ := s.Visits(ctx, c.ID, data.Date{}, 0); len(vs) != 0 {
		t.Fatalf("a visit was stored with nothing chosen: %+v", vs)
	}
	var choice *pick
	walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if p, ok := o.(*pick); ok && choice == nil {
			choice = p
		}
	})
	choice.SetSelected("Als Kulanz schenken")
	keyboard(t, a, "Enter")
	noDialog(t, a, "beyond")
	vs, _ := s.Visits(ctx, c.ID, data.Date{}, 0)
	if len(vs) != 1 || vs[0].Beyond != data.BeyondGoodwill || vs[0].GoodwillID == 0 {
		t.Fatalf("visits: %+v", vs)
	}
	gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID})
	if len(gs) != 1 || gs[0].Category != data.CatExtraSession || gs[0].Value != 1800 ||
		gs[0].Description != "Zusätzliche Stunde am 23.11.2026" { // the studio's record, in the studio's language
		t.Fatalf("goodwill: %+v", gs)
	}
	if text := renderedText(a.counter.summary); !strings.Contains(text, "als Kulanz") || strings.Contains(text, "schenken") {
		t.Fatalf("the visit's outcome is not a state:\n%s", text)
	}
	a.counter.card.onUndoVisit(vs[0])
	keyboard(t, a, "Enter")
	if len(a.keys.dialogs) == 0 {
		t.Fatal("taken back without a reason")
	}
	keyboard(t, a, "falsche Kundin", "Enter")
	noDialog(t, a, "undo")
	if gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID}); len(gs) != 0 {
		t.Fatalf("the undone visit's goodwill still counts: %+v", gs)
	}
	if text := renderedText(a.counter.summary); !strings.Contains(text, "zurückgenommen") {
		t.Fatalf("the summary does not show the visit as taken back:\n%s", text)
	}
}

// The button that has the focus in a dialog shows a ring, also the
// coloured default button; the ring goes with the focus; Esc on the
// button closes the message.
func TestFocusedButtonHasARing(t *testing.T) {
	a, _ := newTestApp(t, "en")
	a.showMessage("Note", "Saved.")
	ok, _ := a.win.Canvas().Focused().(*button)
	if ok == nil || ok.ring == nil || !ok.ring.Visible() || ok.ring.StrokeWidth < 2 {
		t.Fatal("the focused OK button shows no focus ring")
	}
	ok.FocusLost()
	if ok.ring.Visible() {
		t.Fatal("the ring stayed after the focus left")
	}
	ok.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	noDialog(t, a, "message, Esc")
}

// A single session sold at the check-in is paid at the counter: the
// payment opens with the price filled in, Enter takes it, and a receipt is
// offered; "Pay later" leaves the charge open.
func TestSaleAtCheckInIsPaidAtTheCounter(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	if _, err := s.SaveService(ctx, data.Service{Name: "Einzelstunde", Kind: data.KindSingle, Price: 1800, Active: true,
		Terms: data.Terms{Billing: data.BillingPerSession, MinTermMonths: 1, Notice: data.Notice{Unit: data.NoticeDays},
			Renewal: data.RenewNone}}); err != nil {
		t.Fatal(err)
	}
	sell := func(name string) data.Client {
		c, _ := s.CreateClient(ctx, data.Client{Name: name})
		a.openAtCounter(c.ID)
		a.keys.handle(ctrl(fyne.KeyK))
		walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if p, ok := o.(*pick); ok && p.Selected == "" {
				p.SetSelected("Einzelstunde berechnen")
			}
		})
		keyboard(t, a, "Enter")
		top := renderedText(a.win.Canvas().Overlays().Top())
		if !strings.Contains(top, "Gerade am Empfang verkauft: 18,00 € offen") || !strings.Contains(top, "Später zahlen") {
			t.Fatalf("no payment offered after the sale:\n%s", top)
		}
		if e, ok := a.win.Canvas().Focused().(*entry); !ok || e.Text != "18,00" {
			t.Fatal("the payment does not start in the amount with the price")
		}
		return c
	}
	paid := sell("Ida Roth")
	keyboard(t, a, "Enter")
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "Möchte der Kunde eine Quittung?") {
		t.Fatalf("no receipt offered:\n%s", top)
	}
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	noDialog(t, a, "receipt question")
	if b, _ := s.BalanceOf(ctx, paid.ID); b.Open != 0 {
		t.Fatalf("the sale is still open after paying: %v", b.Open)
	}
	later := sell("Ole Später")
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // "Pay later"
	noDialog(t, a, "pay later")
	if b, _ := s.BalanceOf(ctx, later.ID); b.Open != 1800 {
		t.Fatalf("pay later: open %v, want 18,00", b.Open)
	}
}
