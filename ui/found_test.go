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

// A search that finds nobody says so and offers a new client (Ctrl+N)
// with what was typed filled in: a name, a phone number or an e-mail.
func TestNobodyFoundOffersANewClient(t *testing.T) {
	a, s := newTestApp(t, "de")
	s.CreateClient(context.Background(), data.Client{Name: "Anna Weiß"})
	for _, x := range []struct{ typed, name, phone, email string }{
		{"Zora Neumann", "Zora Neumann", "", ""},
		{"0171 555123", "", "0171 555123", ""},
		{"zora@example.de", "", "", "zora@example.de"},
	} {
		a.show(PageCounter)
		a.counter.search.SetText("")
		a.win.Canvas().Focus(a.counter.search)
		keyboard(t, a, x.typed)
		left := renderedText(a.counter.content)
		if !a.counter.results.offer.Visible() || !strings.Contains(left, "Niemand gefunden für „"+x.typed+"“.") ||
			!strings.Contains(left, "Neuer Kunde (Strg+N)") {
			t.Fatalf("%s: nobody found is not said:\n%s", x.typed, left)
		}
		a.keys.handle(ctrl(fyne.KeyN))
		f := a.clients.form
		if f == nil || f.name.Text != x.name || f.phone.Text != x.phone || f.email.Text != x.email {
			t.Fatalf("%s: the new client's form is not filled in: %+v", x.typed, f)
		}
		f.dlg.d.Hide()
		a.clients.form = nil
	}
	// a search that finds someone fills in nothing
	a.show(PageCounter)
	a.counter.search.SetText("")
	a.win.Canvas().Focus(a.counter.search)
	keyboard(t, a, "Anna")
	if a.counter.results.offer.Visible() || len(a.counter.results.rows) != 1 {
		t.Fatal("says nobody was found while Anna is listed")
	}
	a.keys.handle(ctrl(fyne.KeyN))
	if f := a.clients.form; f == nil || f.name.Text != "" {
		t.Fatal("a search that found someone filled in the new client")
	}
}

// The sidebar shows each screen's shortcut; the audit log and the
// settings have one.
func TestSidebarShowsShortcuts(t *testing.T) {
	a, _ := newTestApp(t, "de")
	text := ""
	for i := range len(a.visiblePages()) {
		row := a.nav.CreateItem()
		a.nav.UpdateItem(i, row)
		walk(row, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				text += l.Text + " "
			}
		})
		text += "\n"
	}
	for _, want := range []string{"Empfang Strg+1", "Protokoll Strg+9", "Einstellungen Strg+0"} {
		if !strings.Contains(text, want) {
			t.Errorf("the sidebar does not show %q:\n%s", want, text)
		}
	}
	a.keys.handle(ctrl(fyne.Key9))
	if a.page != PageAudit {
		t.Errorf("Ctrl+9 opens %q", a.page)
	}
	a.keys.handle(ctrl(fyne.Key0))
	if a.page != PageSettings {
		t.Errorf("Ctrl+0 opens %q", a.page)
	}
}

// A list with nothing in it says what that means instead of showing an
// empty grid; with rows the words are gone.
func TestEmptyListsSaySo(t *testing.T) {
	a, s := newTestApp(t, "en")
	for page, want := range map[string]string{PageFlags: "No client has a flag today.", PageBalances: "Nobody owes anything",
		PageDemands: "No demands for this selection.", PageGoodwill: "No goodwill for this selection.",
		PageServices: "No services yet", PageAudit: "No entries for this selection."} {
		a.show(page)
		if !visibleText(a.win.Content(), want) {
			t.Errorf("%s does not say %q", page, want)
		}
	}
	s.SaveService(context.Background(), data.Service{Name: "Ballett", Kind: data.KindCourse, Price: 4500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
			Renewal: data.RenewMonthly}})
	a.show(PageServices)
	if visibleText(a.win.Content(), "No services yet") {
		t.Error("the services list says it is empty while it lists Ballett")
	}
}

// visibleText reports whether a shown label has the text.
func visibleText(o fyne.CanvasObject, text string) bool {
	found := false
	var look func(fyne.CanvasObject)
	look = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() || found {
			return
		}
		switch c := o.(type) {
		case *widget.Label:
			found = strings.Contains(c.Text, text)
		case *fyne.Container:
			for _, child := range c.Objects {
				look(child)
			}
		case fyne.Widget:
			if _, isEntry := c.(*entry); !isEntry {
				for _, child := range test.WidgetRenderer(c).Objects() {
					look(child)
				}
			}
		}
	}
	look(o)
	return found
}

// The status bar shows the last start's figures at once and counts again
// beside the window: figures that changed meanwhile are corrected and
// kept for the next start.
func TestStatusShowsTheLastCountsAtOnce(t *testing.T) {
	fy := test.NewTempApp(t)
	s := newTestStore(t)
	ctx := context.Background()
	s.CreateClient(ctx, data.Client{Name: "Anna Weiß"})
	s.CreateClient(ctx, data.Client{Name: "Ben Roth"})
	s.SetSetting(ctx, settingStatusCounts, "5 1") // as the last start left them
	startGate = make(chan struct{})               // the count beside the window waits
	a := New(fy, s, Options{Lang: "de", CountFlagsAside: true})
	gate := startGate
	startGate, a.gate = nil, nil
	if text := a.status.Text; !strings.Contains(text, "5 Kunden") {
		t.Fatalf("the last figures are not shown at once: %q", text)
	}
	close(gate)
	waitIdle(t, a)
	if text := a.status.Text; !strings.Contains(text, "2 Kunden") || !strings.Contains(text, "0 Kunden mit Hinweisen") {
		t.Fatalf("the figures were not counted again: %q", text)
	}
	mark, err := s.ChangeMark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := s.Setting(ctx, settingStatusCounts); kept != "2 0 "+mark {
		t.Fatalf("the new figures are not kept with the change mark %q: %q", mark, kept)
	}
}

// Figures kept at the records' present change mark are shown as they
// are, without a count; a change since (or another day) counts again.
func TestStatusKeptCountsAtTheSameMarkAreNotCountedAgain(t *testing.T) {
	fy := test.NewTempApp(t)
	s := newTestStore(t)
	now := testNow
	s.Now = func() time.Time { return now }
	ctx := context.Background()
	s.CreateClient(ctx, data.Client{Name: "Anna Weiß"})
	mark, err := s.ChangeMark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// figures that are not the truth, kept at the present mark: shown as
	// they are, so nothing counted them again
	s.SetSetting(ctx, settingStatusCounts, "7 3 "+mark)
	a := New(fy, s, Options{Lang: "de", CountFlagsAside: true})
	waitIdle(t, a)
	if text := a.status.Text; !strings.Contains(text, "7 Kunden") {
		t.Fatalf("figures at the present mark were counted again: %q", text)
	}
	a.win.Close()

	now = testNow.AddDate(0, 0, 1) // the next day
	b := New(fy, s, Options{Lang: "de", CountFlagsAside: true})
	waitIdle(t, b)
	if text := b.status.Text; !strings.Contains(text, "1 Kunde") || strings.Contains(text, "7 Kunden") {
		t.Fatalf("a new day did not count again: %q", text)
	}
	b.win.Close()

	next, _ := s.ChangeMark(ctx)
	s.SetSetting(ctx, settingStatusCounts, "7 3 "+next)
	s.CreateClient(ctx, data.Client{Name: "Ben Roth"}) // a change moves the mark
	c := New(fy, s, Options{Lang: "de", CountFlagsAside: true})
	waitIdle(t, c)
	if text := c.status.Text; !strings.Contains(text, "2 Kunden") {
		t.Fatalf("a change since the count did not count again: %q", text)
	}
}
