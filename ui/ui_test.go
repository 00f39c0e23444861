package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/pgtest"
	"studiopartner/data/sqlstore"
	"studiopartner/data/vault"
	"studiopartner/reports"
)

// pg is the PostgreSQL server of this package's tests, started when a
// test first needs it.
var pg pgtest.Lazy

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	os.Setenv("LANG", "de_DE.UTF-8") // Fyne's own strings follow it
	vault.UseMemory()                // no credential store on a test machine
	os.Exit(pg.Main(m))
}

// newTestStore opens a fresh database with a fixed clock, closed when
// the test ends.
func newTestStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	t.Cleanup(func() { s.Close() })
	return s
}

// newTestApp opens the window over a fresh database with a fixed clock.
func newTestApp(t *testing.T, lang string) (*App, *sqlstore.Store) {
	t.Helper()
	fy := test.NewTempApp(t)
	s := newTestStore(t)
	a := New(fy, s, Options{Lang: lang})
	a.inline = true
	a.win.Resize(fyne.NewSize(WindowWidth, WindowHeight))
	t.Cleanup(a.win.Close) // its ticks end before the next test's window is drawn
	return a, s
}

// --search types into the client search and opens the first match: on the
// clients screen when asked, on the counter otherwise.
func TestOpenWithSearch(t *testing.T) {
	for _, page := range []string{PageClients, ""} {
		fy := test.NewTempApp(t)
		s, err := sqlstore.Open(filepath.Join(t.TempDir(), "ui.db"))
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return testNow }
		s.CreateClient(context.Background(), data.Client{Name: "Anna Berg"})
		m, _ := s.CreateClient(context.Background(), data.Client{Name: "Jürgen Müller"})
		a := New(fy, s, Options{Lang: "de", Page: page, Search: "mueller"})
		var card *clientCard
		if page == PageClients {
			card = a.clients.card
		} else {
			card = a.counter.card
		}
		if card == nil || card.client.ID != m.ID {
			t.Errorf("page %q: --search did not open Müller's card", page)
		}
		s.Close()
	}
}

func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

func TestNewClientByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "de")
	a.keys.handle(ctrl(fyne.KeyN))
	f := a.clients.form
	if f == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	if a.win.Canvas().Focused() != f.name {
		t.Fatal("the cursor is not in the name field")
	}
	test.Type(f.name, "Zoë Müller-Lüdenscheid")
	test.Type(f.phone, "+49 171 2345678")
	test.Type(f.email, "zoe@example.de")
	test.Type(f.birth, "29.02.2016")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	rows, err := s.SearchClients(context.Background(), "mueller", 10)
	if err != nil || len(rows) != 1 || rows[0].Name != "Zoë Müller-Lüdenscheid" {
		t.Fatalf("stored: %v, %v", rows, err)
	}
	c, _ := s.Client(context.Background(), rows[0].ID)
	if c.BirthDate.String() != "2016-02-29" || c.Language != "de" {
		t.Fatalf("client = %+v", c)
	}
	// the window shows it: found in the list and open on the card
	test.Type(a.clients.search, "")
	a.clients.search.SetText("zoe")
	if len(a.clients.results.rows) != 1 || a.clients.results.rows[0].ID != c.ID {
		t.Fatalf("search shows %v", a.clients.results.rows)
	}
	if !strings.Contains(renderedText(a.clients.cardBox), "Zoë Müller-Lüdenscheid") {
		t.Fatal("the card does not show the new client")
	}
}

func TestInvalidEmailSavesNothing(t *testing.T) {
	a, s := newTestApp(t, "de")
	a.keys.handle(ctrl(fyne.KeyN))
	f := a.clients.form
	test.Type(f.name, "Anna Schmidt")
	test.Type(f.email, "anna.example.de")
	test.Type(f.phone, "0341 abc")
	test.Type(f.birth, "30.02.2026")
	f.dlg.submit()
	if n, _ := s.CountClients(context.Background()); n != 0 {
		t.Fatalf("%d clients stored", n)
	}
	if got := f.form.message("email"); !strings.Contains(got, "unvollständig") {
		t.Errorf("e-mail message = %q", got)
	}
	if got := f.form.message("phone"); !strings.Contains(got, "Ziffern") {
		t.Errorf("phone message = %q", got)
	}
	if got := f.form.message("birth_date"); !strings.Contains(got, "gibt es nicht") {
		t.Errorf("birth date message = %q", got)
	}
	if got := f.form.message("name"); got != "" {
		t.Errorf("name has a message: %q", got)
	}
	if len(a.keys.dialogs) != 1 {
		t.Fatal("the form closed although the input was wrong")
	}
	// fixing the input saves, and Esc-free closing leaves no dialog behind
	f.email.SetText("anna@example.de")
	f.phone.SetText("0341 123456")
	f.birth.SetText("")
	f.dlg.submit()
	if n, _ := s.CountClients(context.Background()); n != 1 {
		t.Fatalf("%d clients stored after fixing", n)
	}
	if len(a.keys.dialogs) != 0 {
		t.Fatal("the dialog stayed open")
	}
}

func TestEscapeClosesDialog(t *testing.T) {
	a, s := newTestApp(t, "en")
	a.keys.handle(ctrl(fyne.KeyN))
	f := a.clients.form
	test.Type(f.name, "Not saved")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(a.keys.dialogs) != 0 {
		t.Fatal("Esc did not close the dialog")
	}
	if n, _ := s.CountClients(context.Background()); n != 0 {
		t.Fatal("Esc saved the client")
	}
	// Ctrl+F from another screen comes back to the counter's search, focused
	a.show(PageSettings)
	a.keys.handle(ctrl(fyne.KeyF))
	if a.page != PageCounter || a.win.Canvas().Focused() != a.counter.search {
		t.Fatalf("Ctrl+F: page %s, focus %v", a.page, a.win.Canvas().Focused())
	}
	// on the clients screen it is that screen's search
	a.show(PageClients)
	a.keys.handle(ctrl(fyne.KeyF))
	if a.win.Canvas().Focused() != a.clients.search {
		t.Fatal("Ctrl+F on the clients screen left its search")
	}
}

func TestContractFormDefaultsAndWarnings(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lena Weber"})
	_, err := s.SaveService(ctx, data.Service{Name: "Ballett", Kind: data.KindCourse, Price: 4500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 6, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	if err != nil {
		t.Fatal(err)
	}
	saved := false
	f := a.openContractForm(data.Contract{ClientID: c.ID, Start: data.NewDate(2026, 12, 1)}, func() { saved = true })
	f.service.SetSelected("Ballett")
	if f.price.Text != "45,00" || f.minTerm.Text != "6" || f.notice.Text != "1" {
		t.Fatalf("defaults not filled: %q %q %q", f.price.Text, f.minTerm.Text, f.notice.Text)
	}
	// layouts hold the drop-downs themselves, not their wrappers, which the
	// window would draw once and never refresh
	walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if _, wrapped := o.(objecter); wrapped {
			t.Fatalf("a %T sits in a layout", o)
		}
	})
	if !strings.Contains(f.preview.Text, "31.05.2027") {
		t.Fatalf("preview = %q", f.preview.Text)
	}
	if f.warnings.Visible() {
		t.Fatalf("fair terms warned: %q", f.warnings.Text)
	}
	f.minTerm.SetText("36")
	f.notice.SetText("3")
	if !f.warnings.Visible() || !strings.Contains(f.warnings.Text, "24 Monate") || !strings.Contains(f.warnings.Text, "einen Monat") ||
		!strings.Contains(f.preview.Text, "Sobald alle Angaben stimmen") {
		t.Fatalf("warnings = %q", f.warnings.Text)
	}
	f.minTerm.SetText("1000")
	if err := submitForm(f.onConfirm); err == nil {
		t.Fatal("a minimum term of 1000 months was accepted")
	}
	if got := f.form.message("min_term"); !strings.Contains(got, "zwischen 1 und 60") {
		t.Fatalf("min term message = %q", got)
	}
	f.minTerm.SetText("36")
	if err := submitForm(f.onConfirm); err == nil || !strings.Contains(f.form.message("min_term"), "24 Monate") {
		t.Fatalf("a void minimum term was not refused beside its field: %q", f.form.message("min_term"))
	}
	f.minTerm.SetText("12")
	f.notice.SetText("1")
	f.price.SetText("12.50")
	submitForm(f.onConfirm)
	if got := f.form.message("price"); !strings.Contains(got, "Komma") {
		t.Fatalf("price message = %q", got)
	}
	f.price.SetText("42,50")
	f.concluded.set(data.ConcludedDistance)
	f.update()
	if !strings.Contains(f.preview.Text, "noch nicht übergeben") || !strings.Contains(f.preview.Text, "07.12.2027") {
		t.Fatalf("no withdrawal period in the preview: %q", f.preview.Text)
	}
	if f.early.Disabled() {
		t.Fatal("the early-start request cannot be ticked for a contract by phone")
	}
	f.early.SetChecked(true)
	if err := submitForm(f.onConfirm); err != nil || !saved {
		t.Fatalf("valid contract not saved: %v", err)
	}
	ks, _ := s.ContractsOf(ctx, c.ID)
	if len(ks) != 1 || ks[0].Price != 4250 || ks[0].MinTermMonths != 12 || ks[0].Concluded != data.ConcludedDistance || !ks[0].EarlyStart {
		t.Fatalf("contracts = %+v", ks)
	}
}

// submitForm presses a form's default button and reports whether it refused.
func submitForm(onOK func() bool) error {
	if onOK() {
		return nil
	}
	return os.ErrInvalid
}

func TestCancelDialogShowsEndDate(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Tom Fischer"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Zumba", Kind: data.KindCourse, Price: 3500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	k, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3500, Terms: sv.Terms, Start: data.NewDate(2026, 1, 31)})
	if err != nil {
		t.Fatal(err)
	}
	k.ServiceName = sv.Name
	done := false
	d := a.openCancelDialog(k, func() { done = true })
	if !strings.Contains(d.result.Text, "23 Dec 2026") { // today + one month, not the period end
		t.Fatalf("end shown for today = %q", d.result.Text)
	}
	d.received.SetText("2026-02-30")
	if !strings.Contains(d.result.Text, "Enter the date") {
		t.Fatalf("bad date result = %q", d.result.Text)
	}
	d.dlg.submit()
	if done || !strings.Contains(d.form.message("received"), "does not exist") {
		t.Fatalf("bad date accepted or unexplained: %q", d.form.message("received"))
	}
	d.received.SetText("20 Nov 2026")
	d.dlg.submit()
	got, _ := s.Contract(ctx, k.ID)
	if !done || got.EndsOn.String() != "2026-12-20" {
		t.Fatalf("cancelled contract = %+v", got)
	}
}

func TestLanguageSwitch(t *testing.T) {
	a, s := newTestApp(t, "de")
	if !strings.Contains(renderedText(a.win.Content()), "Einstellungen") {
		t.Fatal("the German window has no 'Einstellungen'")
	}
	a.show(PageSettings)
	a.SetLanguage("en")
	text := renderedText(a.win.Content())
	if !strings.Contains(text, "Settings") || strings.Contains(text, "Einstellungen") {
		t.Fatalf("after switching, the window reads: %.200s", text)
	}
	if l, _ := s.Setting(context.Background(), SettingLanguage); l != "en" {
		t.Fatalf("language remembered as %q", l)
	}
	if os.Getenv("LC_ALL") != "en_GB.UTF-8" {
		t.Fatalf("Fyne's dialogs follow LC_ALL=%q", os.Getenv("LC_ALL"))
	}
}

func TestServiceFormRefusesBadPrice(t *testing.T) {
	a, s := newTestApp(t, "en")
	a.show(PageServices)
	a.screen(PageServices).(*servicesScreen).onNew()
	// the form is the top dialog; find its entries through the canvas
	entries := findEntries(a.win.Canvas().Overlays().Top())
	if len(entries) < 4 {
		t.Fatalf("found %d entries in the service form", len(entries))
	}
	test.Type(entries[0], "Yoga")
	entries[2].SetText("-5.00") // price
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if list, _ := s.Services(context.Background(), true); len(list) != 0 {
		t.Fatalf("a negative price was stored: %v", list)
	}
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "0 or more") {
		t.Fatal("no message beside the price")
	}
	entries[2].SetText("12.50")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	list, _ := s.Services(context.Background(), true)
	if len(list) != 1 || list[0].Price != 1250 {
		t.Fatalf("services = %+v", list)
	}
}

// findEntries lists the text entries under o in reading order.
func findEntries(o fyne.CanvasObject) []*entry {
	var out []*entry
	walk(o, func(c fyne.CanvasObject) {
		if e, ok := c.(*entry); ok {
			out = append(out, e)
		}
	})
	return out
}

// renderedText joins the texts of the labels under o.
func renderedText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(c fyne.CanvasObject) {
		switch w := c.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString(w.Text + "\n")
		case *button:
			b.WriteString(w.Text + "\n")
		}
	})
	return b.String()
}

func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, fn)
		}
	case fyne.Widget:
		if _, isEntry := c.(*entry); isEntry {
			return
		}
		r := test.WidgetRenderer(c)
		for _, child := range r.Objects() {
			walk(child, fn)
		}
	}
}

func TestFirstStartOffersDemo(t *testing.T) {
	fy := test.NewTempApp(t)
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return testNow }
	defer s.Close()
	a := New(fy, s, Options{Lang: "en", FirstStart: true})
	if len(a.keys.dialogs) != 1 || !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Start with a demo studio") {
		t.Fatal("a new database offers no demo studio")
	}
	a.keys.escape()
	select {
	case <-a.fillDemo():
	case <-time.After(60 * time.Second):
		t.Fatal("the demo studio was not ready within 60 s")
	}
	if n, _ := s.CountClients(context.Background()); n != 300 {
		t.Fatalf("demo studio has %d clients", n)
	}
	if len(a.clients.results.rows) == 0 {
		t.Fatal("the clients screen does not list the demo studio")
	}
}

func TestRecordPaymentByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Mia Schäfer"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Hip-Hop", Kind: data.KindCourse, Price: 4500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 3, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 4500, Terms: sv.Terms, Start: data.NewDate(2026, 9, 1)}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.GenerateCharges(ctx); err != nil || n != 3 {
		t.Fatalf("charges: %d, %v", n, err)
	}
	a.openClient(c.ID)
	card := renderedText(a.clients.cardBox)
	if !strings.Contains(card, "135,00 €") || !strings.Contains(card, "überfällig") {
		t.Fatalf("the card does not show the overdue balance:\n%s", card)
	}
	a.keys.handle(ctrl(fyne.KeyP))
	entries := findEntries(a.win.Canvas().Overlays().Top())
	if len(entries) == 0 || a.win.Canvas().Focused() != entries[0] {
		t.Fatal("Ctrl+P did not open the payment form with the cursor in the amount")
	}
	amount := entries[0]
	if amount.Text != "135,00" {
		t.Fatalf("amount pre-filled with %q, want the open 135,00", amount.Text)
	}
	amount.SetText("")
	test.Type(amount, "12.50") // the English way: refused in German
	amount.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ps, _ := s.PaymentsOf(ctx, c.ID, 10); len(ps) != 0 {
		t.Fatal("an amount in the other language's format was stored")
	}
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Komma") {
		t.Fatal("no message beside the amount")
	}
	amount.SetText("")
	test.Type(amount, "100")
	amount.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ps, _ := s.PaymentsOf(ctx, c.ID, 10)
	if len(ps) != 1 || ps[0].Amount != 10000 || ps[0].Method != data.MethodCash || ps[0].ReceivedOn.String() != "2026-11-23" {
		t.Fatalf("payments = %+v", ps)
	}
	if len(a.keys.dialogs) != 0 {
		t.Fatal("the payment form stayed open")
	}
	if card := renderedText(a.clients.cardBox); !strings.Contains(card, "Offen: 35,00 €") {
		t.Fatalf("the card does not show the new balance:\n%s", card)
	}
	// the balances screen lists her, most overdue first
	a.keys.handle(ctrl(fyne.Key6))
	if a.page != PageBalances || len(a.screen(PageBalances).(*balancesScreen).rows) != 1 || a.screen(PageBalances).(*balancesScreen).rows[0].Overdue != 3500 {
		t.Fatalf("balances: page %s, rows %+v", a.page, a.screen(PageBalances).(*balancesScreen).rows)
	}
}

// TestCounterFlow is the counter's everyday path: search, Enter, Ctrl+G,
// type what was given, save, and see it listed; then a demand by Ctrl+D,
// granted from its dialog.
func TestCounterFlow(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	staff, _ := s.SaveStaff(ctx, data.Staff{Name: "Aylin", Role: data.RoleFrontDesk, Active: true})
	a.setStaff(staff)
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jörg Hoffmann", Phone: "0341 123456"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Ballroom", Kind: data.KindCourse, Price: 6000, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 3, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 6000, Terms: sv.Terms, Start: data.NewDate(2026, 10, 1)})

	if a.page != PageCounter || a.win.Canvas().Focused() != a.counter.search {
		t.Fatal("the window does not open at the counter with the search focused")
	}
	test.Type(a.counter.search, "jorg")
	a.counter.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a.counter.card == nil || a.counter.card.client.ID != c.ID {
		t.Fatal("Enter did not open the client's summary")
	}
	a.keys.handle(ctrl(fyne.KeyG))
	entries := findEntries(a.win.Canvas().Overlays().Top())
	if len(entries) < 4 || a.win.Canvas().Focused() != entries[0] {
		t.Fatal("Ctrl+G did not open the goodwill form with the cursor in the description")
	}
	if entries[1].Text != "15.00" { // one session of 60 € a month
		t.Fatalf("value default = %q", entries[1].Text)
	}
	test.Type(entries[0], "Extra rehearsal before the show")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID})
	if len(gs) != 1 || gs[0].Value != 1500 || gs[0].GivenBy != staff.ID || gs[0].GivenOn.String() != "2026-11-23" {
		t.Fatalf("goodwill = %+v", gs)
	}
	if !strings.Contains(renderedText(a.counter.summary), "Extra rehearsal before the show") {
		t.Fatal("the new goodwill is not listed in the summary")
	}

	a.keys.handle(ctrl(fyne.KeyD))
	entries = findEntries(a.win.Canvas().Overlays().Top())
	test.Type(entries[0], "Refund for the holidays")
	test.Type(entries[1], "30")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ds, _ := s.Demands(ctx, data.DemandFilter{ClientID: c.ID})
	if len(ds) != 1 || ds[0].Status != data.DemandOpen || ds[0].Claimed != 3000 {
		t.Fatalf("demands = %+v", ds)
	}
	step := a.openDemandStep(ds[0], data.DemandDeclined, a.counter.card.reopen)
	step.note.SetText("not in the contract")
	step.dlg.submit()
	if d, _ := s.Demand(ctx, ds[0].ID); d.Status != data.DemandDeclined {
		t.Fatalf("demand after decline: %v", d)
	}
	// the same step again, as from a second window that still shows it open
	again := a.openDemandStep(ds[0], data.DemandDeclined, func() {})
	again.dlg.submit()
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Someone has dealt with this demand") {
		t.Fatal("the second decision was not refused with a reason")
	}
}

func TestAgreementFromTheCard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio Sonnenschein", Address: "Lindenallee 12\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger"})
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Müller", Language: "en"})
	if got := a.docName("agreement", c); got != "Partnerschaftsvereinbarung_Mueller_2026-11-23.pdf" {
		t.Fatalf("default name = %q", got)
	}
	if withExt("/tmp/x", ".pdf") != "/tmp/x.pdf" || withExt("/tmp/x.PDF", ".pdf") != "/tmp/x.PDF" {
		t.Fatal("withExt")
	}
	a.openClient(c.ID)
	path := filepath.Join(t.TempDir(), "pv.pdf")
	card := a.clients.card
	a.writePDF(path, false, func(out *disk.StagedFile) ([]rune, error) {
		_, _, err := reports.IssueAgreement(a.ctx, a.store, c.ID, reports.Issue{AcceptWarnings: true, Out: out})
		return nil, err
	}, card.reopen)
	pdf, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("file: %v", err)
	}
	list, _ := s.AgreementsOf(ctx, c.ID)
	if len(list) != 1 || list[0].Language != "en" {
		t.Fatalf("agreements = %+v", list)
	}
	if !strings.Contains(renderedText(a.clients.cardBox), "PV-000001") {
		t.Fatal("the card does not list the printed agreement")
	}
	a.openSignedDialog(list[0], a.clients.card.reopen)
	entries := findEntries(a.win.Canvas().Overlays().Top())
	entries[0].SetText("24.11.2026")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if l, _ := s.AgreementsOf(ctx, c.ID); !l[0].SignedOn.IsZero() {
		t.Fatal("a signature date in the future was accepted")
	}
	entries[0].SetText("23.11.2026")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if l, _ := s.AgreementsOf(ctx, c.ID); l[0].SignedOn.String() != "2026-11-23" {
		t.Fatalf("signed = %v", l[0].SignedOn)
	}
}

func TestClauseSetsVersioned(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Ida Roth", Language: "de"})
	a.show(PageClauses)
	cs := a.screen(PageClauses).(*clausesScreen)
	if !strings.Contains(cs.version.Text, "Mitgeliefert") || cs.titles[reports.SecGoodwill].Text != "Kulanz" {
		t.Fatalf("default wording not shown: %q", cs.version.Text)
	}
	cs.bodies[reports.SecGoodwill].SetText("")
	cs.onSave()
	if got := cs.form.message(reports.SecGoodwill); !strings.Contains(got, "Überschrift und einen Text") {
		t.Fatalf("an empty section was saved (%q)", got)
	}
	cs.bodies[reports.SecGoodwill].SetText("Extras sind Geschenke. Version eins.")
	cs.onSave()
	s.SaveStudio(ctx, data.Studio{Name: "Studio", Address: "Weg 1\n01234 Dresden", Responsible: "Inhaber: Max Muster"})
	_, first, err := reports.IssueAgreement(ctx, s, c.ID, reports.Issue{AcceptWarnings: true})
	if err != nil {
		t.Fatal(err)
	}
	cs.bodies[reports.SecGoodwill].SetText("Extras sind Geschenke. Version zwei.")
	cs.onSave()
	if !strings.Contains(cs.version.Text, "Version 2") {
		t.Fatalf("version = %q", cs.version.Text)
	}
	list, _ := s.AgreementsOf(ctx, c.ID)
	again, _ := s.AgreementPDF(ctx, list[0].ID)
	if list[0].ClauseVersion != 1 || !bytes.Equal(first, again) {
		t.Fatal("the old agreement does not reprint exactly as first printed")
	}
	cs.onPreview()
	if _, ok := cs.preview.Objects[0].(*canvas.Image); !ok {
		t.Fatalf("no preview image: %T", cs.preview.Objects[0])
	}
}

func TestReviewAndBudget(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Nils Berg"})
	if err := s.SetBudget(ctx, 2000); err != nil {
		t.Fatal(err)
	}
	a.openAtCounter(c.ID)
	record := func(value string) {
		t.Helper()
		a.keys.handle(ctrl(fyne.KeyG))
		entries := findEntries(a.win.Canvas().Overlays().Top())
		test.Type(entries[0], "Extra session")
		entries[1].SetText(value)
		entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	record("15.00")
	if len(a.keys.dialogs) != 0 {
		t.Fatal("a warning under budget")
	}
	record("10.00")
	if shown := renderedText(a.win.Canvas().Overlays().Top()); len(a.keys.dialogs) != 1 || !strings.Contains(shown, "over the budget of €20.00") {
		t.Fatalf("no soft warning past the budget (%d dialogs): %s", len(a.keys.dialogs), shown)
	}
	a.keys.escape()
	if gs, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID}); len(gs) != 2 {
		t.Fatalf("the warning kept an entry from being saved: %d", len(gs))
	}
	a.keys.handle(ctrl(fyne.Key7))
	if a.page != PageReview {
		t.Fatalf("Ctrl+7 opened %s", a.page)
	}
	a.screen(PageReview).(*reviewScreen).month.SetSelectedIndex(0) // this month
	text := renderedText(a.screen(PageReview).(*reviewScreen).body)
	for _, want := range []string{"€25.00", "125.0% of €20.00 used", "Extra session", "Nils Berg"} {
		if !strings.Contains(text, want) {
			t.Errorf("the review lacks %q", want)
		}
	}
}

func TestBackupsInTheWindow(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	s.CreateClient(ctx, data.Client{Name: "Kept"})
	dir := filepath.Join(t.TempDir(), "backups")
	s.SetSetting(ctx, disk.SettingBackupDir, dir)
	a.dailyBackup(func() {})
	a.dailyBackup(func() {}) // the same day: no second backup
	list, _ := disk.Backups(dir, disk.BackupPrefix(s.Path()))
	if len(list) != 1 {
		t.Fatalf("%d backups after two starts on one day", len(list))
	}
	a.store.CreateClient(ctx, data.Client{Name: "Added later"})
	a.restoreFrom(list[0].Path)
	waitIdle(t, a)
	if n, _ := a.store.CountClients(ctx); n != 1 {
		t.Fatalf("%d clients after restoring, want 1", n)
	}
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Restored: backup of") {
		t.Fatal("the restore did not say what it restored")
	}
	a.keys.escape()
	// a backup folder that cannot be written: closing says so and stays open
	blocker := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocker, nil, 0o600)
	a.store.SetSetting(ctx, disk.SettingBackupDir, filepath.Join(blocker, "backups"))
	a.onClose()
	if !a.closeAnyway || !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "backup on closing failed") {
		t.Fatal("a failed backup on closing was swallowed")
	}
}

func TestDamagedDatabaseOffersBackup(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	s.CreateClient(ctx, data.Client{Name: "Aus der Sicherung"})
	dir := filepath.Join(t.TempDir(), "backups")
	s.SetSetting(ctx, disk.SettingBackupDir, dir)
	if _, err := a.backupNow(); err != nil {
		t.Fatal(err)
	}
	a.offerRepair("*** in database main *** Page 7: btreeInitPage() returns error code 11")
	text := renderedText(a.win.Canvas().Overlays().Top())
	if !strings.Contains(text, "Page 7") || !strings.Contains(text, "neueste Sicherung") {
		t.Fatalf("the damage is not explained: %s", text)
	}
	if problems, err := a.store.QuickCheck(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("a sound database failed its check: %v %v", problems, err)
	}
}

// waitIdle waits until the long work started in the window is over.
func waitIdle(t *testing.T, a *App) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for a.busy.Load() > 0 {
		if time.Now().After(deadline) {
			t.Fatal("long work did not end")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A client list as German Excel saves it: the preview maps the columns,
// lists faulty lines and likely duplicates, stores nothing until confirmed,
// then imports the sound lines.
func TestSheetImportInTheWindow(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	s.CreateClient(ctx, data.Client{Name: "Clara Stein", Email: "clara@example.org"})
	path := filepath.Join(t.TempDir(), "kunden.csv")
	text := "Vorname;Nachname;E-Mail;Geburtsdatum\r\nJ\xfcrgen;M\xfcller;;04.03.1980\r\n" +
		"Clara;Stein;clara@example.org;\r\nEmil;Roth;;31.02.2012\r\n"
	os.WriteFile(path, []byte(text), 0o600)
	a.previewSheet(path)
	waitIdle(t, a)
	shown := renderedText(a.win.Canvas().Overlays().Top())
	for _, want := range []string{"Windows-1252", "Trennzeichen ;", "Vorname", "Bereit: 1", "Dubletten: 1", "mit Fehlern: 1",
		"1 Kunden importieren"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the preview lacks %q:\n%s", want, shown)
		}
	}
	if n, _ := s.CountClients(ctx); n != 1 {
		t.Fatalf("the preview stored clients: %d", n)
	}
	p := findPreview(t, a)
	if got := p.plan.Rows[p.order[0]]; got.Line != 4 || len(got.Problems) == 0 {
		t.Errorf("faulty lines are not listed first: %+v", got)
	}
	p.duplicates.SetChecked(true)
	if p.importBtn.Text != "2 Kunden importieren" {
		t.Errorf("import button: %q", p.importBtn.Text)
	}
	p.onImport()
	waitIdle(t, a)
	if n, _ := s.CountClients(ctx); n != 3 {
		t.Errorf("%d clients after the import, want 3", n)
	}
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "2 Kunden importiert") {
		t.Error("the import did not say what it did")
	}
}

func findPreview(t *testing.T, a *App) *sheetPreview {
	t.Helper()
	if a.lastPreview == nil {
		t.Fatal("no preview open")
	}
	return a.lastPreview
}

// Export from the window writes every table into a new dated folder.
func TestExportInTheWindow(t *testing.T) {
	a, s := newTestApp(t, "en")
	s.CreateClient(context.Background(), data.Client{Name: "Exported"})
	parent := t.TempDir()
	a.exportInto(parent)
	waitIdle(t, a)
	dirs, _ := os.ReadDir(parent)
	if len(dirs) != 1 {
		t.Fatalf("%d folders written", len(dirs))
	}
	b, err := os.ReadFile(filepath.Join(parent, dirs[0].Name(), "clients.csv"))
	if err != nil || !strings.Contains(string(b), "Exported") {
		t.Errorf("clients.csv: %q %v", b, err)
	}
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "tables written as CSV") {
		t.Error("the export did not say where it wrote")
	}
}

// With sign-in on, the window asks for a PIN before anything else; the
// front desk does not see the owner's screens, even by shortcut; idle time
// signs out and asks again.
func TestSignInAndRoles(t *testing.T) {
	fy := test.NewTempApp(t)
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	olga, _ := s.SaveStaff(ctx, data.Staff{Name: "Olga", Role: data.RoleOwner, Active: true, PIN: "4711"})
	ben, _ := s.SaveStaff(ctx, data.Staff{Name: "Ben", Role: data.RoleFrontDesk, Active: true, PIN: "2468"})
	if err := s.SaveSignInRules(ctx, data.SignInRules{Enabled: true, IdleMinutes: 10}); err != nil {
		t.Fatal(err)
	}
	a := New(fy, s, Options{Lang: "en"})
	if a.signingIn == nil || s.Role() != "" {
		t.Fatal("the window did not ask for a PIN at start")
	}
	pages := func() string {
		var out []string
		for _, it := range a.visiblePages() {
			out = append(out, it.name)
		}
		return strings.Join(out, ",")
	}
	if strings.Contains(pages(), PageSettings) {
		t.Errorf("owner screens shown before sign-in: %s", pages())
	}
	signIn := func(idx int, pin string) {
		t.Helper()
		a.signingIn.who.SetSelectedIndex(idx)
		a.signingIn.pin.SetText(pin)
		a.signingIn.submit()
	}
	// staff are listed by name: Ben, Olga
	a.keys.handle(ctrl(fyne.KeyN))
	if a.clients != nil && a.clients.form != nil {
		t.Fatal("Ctrl+N opened a form behind the sign-in dialog")
	}
	signIn(0, "0000")
	if s.Actor() != 0 || !strings.Contains(a.signingIn.problem.Text, "Wrong PIN. 4 tries left") {
		t.Fatalf("a wrong PIN: actor %d, %q", s.Actor(), a.signingIn.problem.Text)
	}
	a.keys.escape()
	if a.signingIn == nil {
		t.Fatal("Esc dismissed the sign-in with nobody signed in")
	}
	signIn(0, "2468")
	if s.Actor() != ben.ID || a.signingIn != nil {
		t.Fatal("the right PIN did not sign Ben in")
	}
	for _, p := range []string{PageReview, PageSettings, PageClauses, PageAudit} {
		if strings.Contains(pages(), p) {
			t.Errorf("the front desk sees %s: %s", p, pages())
		}
	}
	a.keys.handle(ctrl(fyne.Key7)) // the review's shortcut
	if a.page != PageCounter {
		t.Errorf("Ctrl+7 opened %s for the front desk", a.page)
	}
	a.checkIdle(time.Now().Add(9 * time.Minute))
	if s.Actor() != ben.ID {
		t.Fatal("signed out before the idle time")
	}
	a.checkIdle(time.Now().Add(11 * time.Minute))
	if s.Actor() != 0 || a.signingIn == nil {
		t.Fatal("idle time did not sign out and ask again")
	}
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Sign in") {
		t.Error("no sign-in dialog after idle time")
	}
	signIn(1, "4711")
	if s.Actor() != olga.ID {
		t.Fatal("Olga was not signed in")
	}
	for _, p := range []string{PageReview, PageSettings, PageAudit} {
		if !strings.Contains(pages(), p) {
			t.Errorf("the owner does not see %s", p)
		}
	}
	a.show(PageAudit)
	if a.audit.count.Text == "" || len(a.audit.rows) == 0 {
		t.Error("the audit log is empty for the owner")
	}
}

// The owner erases a client from the card: the card then says what is
// kept and until when; a client who owes money is refused with the reason.
func TestEraseFromTheCard(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Gone Soon", Email: "gone@example.org"})
	owes, _ := s.CreateClient(ctx, data.Client{Name: "Still Owes"})
	s.AddCharge(ctx, data.OneOffCharge{ClientID: owes.ID, Description: "Course", Amount: 3000, Due: data.NewDate(2026, 11, 1)})
	cc, err := newClientCard(a, owes.ID)
	if err != nil {
		t.Fatal(err)
	}
	cc.onErase()
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Cannot be erased yet") {
		t.Fatal("erasing a client who owes money was not refused with a reason")
	}
	a.keys.escape()
	s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 500, Method: data.MethodCash, ReceivedOn: data.NewDate(2026, 11, 2)})
	s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Shoes", Amount: 500, Due: data.NewDate(2026, 11, 1)})
	cc, _ = newClientCard(a, c.ID)
	cc.onChange = func() {}
	cc.onErase()
	a.keys.escape() // cancel: nothing happens
	if got, _ := s.Client(ctx, c.ID); got.Name != "Gone Soon" {
		t.Fatal("cancelling erased the client")
	}
	cc.onErase()
	fd := a.lastFormDialog
	fd.submit()
	waitIdle(t, a)
	got, _ := s.Client(ctx, c.ID)
	if got.Name != data.ErasedName(c.ID) || got.Email != "" {
		t.Fatalf("after erasure: %+v", got)
	}
	cc, _ = newClientCard(a, c.ID)
	text := renderedText(cc.content)
	if !strings.Contains(text, "1 charge (books and records, 10 years) – removed from 1 Jan 2037") {
		t.Errorf("the card does not say what is kept:\n%s", text)
	}
}

// Signed in as the front desk, every screen it sees opens, and a client's
// card, without a single "forbidden" message.
func TestFrontDeskSeesNoRefusals(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	s.SaveStaff(ctx, data.Staff{Name: "Olga", Role: data.RoleOwner, Active: true, PIN: "4711"})
	ben, _ := s.SaveStaff(ctx, data.Staff{Name: "Ben", Role: data.RoleFrontDesk, Active: true, PIN: "2468"})
	c, _ := s.CreateClient(ctx, data.Client{Name: "Mia Sommer"})
	s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: data.NewDate(2026, 11, 2)})
	if _, err := s.SignIn(ctx, ben.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	a.signedIn(ben)
	for _, it := range a.visiblePages() {
		a.show(it.name)
		if top := a.win.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("%s showed: %s", it.name, renderedText(top))
		}
	}
	a.show(PageClients)
	a.clients.showClient(c.ID)
	text := renderedText(a.clients.card.content)
	if strings.Contains(text, "Erase client") || strings.Contains(text, "owner") {
		t.Errorf("the front desk sees owner actions on the card:\n%s", text)
	}
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the card showed: %s", renderedText(top))
	}
}

// Every file and folder dialog opens without a panic (Fyne's file dialog
// panics when resized before it is shown).
func TestFileDialogsOpen(t *testing.T) {
	a, _ := newTestApp(t, "en")
	a.pickCSV(func(string) {})
	a.pickFile(nil, func(string) {})
	a.pickFolder(func(string) {})
	a.savePDF("x.pdf", func(*disk.StagedFile) ([]rune, error) { return nil, nil }, nil)
	if a.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog is shown")
	}
}

// With sign-in on, a damaged database asks for an owner's PIN before it
// offers a backup, and lists only owners.
func TestDamagedDatabaseAsksForTheOwner(t *testing.T) {
	fy := test.NewTempApp(t)
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	s.SaveStaff(ctx, data.Staff{Name: "Olga", Role: data.RoleOwner, Active: true, PIN: "4711"})
	s.SaveStaff(ctx, data.Staff{Name: "Ben", Role: data.RoleFrontDesk, Active: true, PIN: "2468"})
	if err := s.SaveSignInRules(ctx, data.SignInRules{Enabled: true, IdleMinutes: 10}); err != nil {
		t.Fatal(err)
	}
	a := New(fy, s, Options{Lang: "en", Damaged: "Page 7: btreeInitPage() returns error code 11"})
	if a.signingIn == nil {
		t.Fatal("the repair was offered without asking for a PIN")
	}
	if got := a.signingIn.who.Options; len(got) != 1 || !strings.Contains(got[0], "Olga") {
		t.Fatalf("asked of %v, want the owner only", got)
	}
	if strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Page 7") {
		t.Fatal("the backup is offered behind the PIN dialog")
	}
	a.signingIn.who.SetSelectedIndex(0)
	a.signingIn.pin.SetText("4711")
	a.signingIn.submit()
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Page 7") {
		t.Fatal("after the owner's PIN the damage is not explained")
	}
}

// The window leads to Settings while the profile is incomplete, and asks
// before printing an agreement that has warnings.
func TestAgreementAsksFirst(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Müller"})
	a.openClient(c.ID)
	a.clients.card.onAgreement() // no running contract: a warning
	top := renderedText(a.win.Canvas().Overlays().Top())
	if !strings.Contains(top, "keinen laufenden Vertrag") || !strings.Contains(top, "Trotzdem drucken") {
		t.Fatalf("no warning before printing: %s", top)
	}
	a.lastFormDialog.submit() // print anyway: the profile is still empty
	top = renderedText(a.win.Canvas().Overlays().Top())
	if !strings.Contains(top, "Studioprofil") || !strings.Contains(top, "Einstellungen öffnen") {
		t.Fatalf("an incomplete profile did not lead to Settings: %s", top)
	}
	a.lastFormDialog.submit()
	if a.page != PageSettings {
		t.Fatalf("page = %s, want settings", a.page)
	}
	if list, _ := s.AgreementsOf(ctx, c.ID); len(list) != 0 {
		t.Fatal("an agreement was recorded")
	}
}

// A dialog that finishes by itself under another (the daily backup's
// progress under "who is at the counter?") waits until it is on top, so
// closing it never takes the other away, and afterwards every shortcut
// works again.
func TestDialogsQueueNeverStack(t *testing.T) {
	a, _ := newTestApp(t, "de")
	progressClosed := false
	progress := a.keys.pushDialog(func() {})
	staff := a.openDialog("Wer ist am Empfang?", widget.NewLabel("…"), fyne.NewSize(300, 200))
	staff.Show()
	a.keys.closeWhenOnTop(progress, func() { progressClosed = true })
	if progressClosed {
		t.Fatal("the progress closed under the staff dialog")
	}
	if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "Empfang") {
		t.Fatalf("the staff dialog went away: %q", top)
	}
	staff.Hide()
	if !progressClosed || len(a.keys.dialogs) != 0 {
		t.Fatalf("after the staff dialog: progress closed %v, %d dialogs still counted", progressClosed, len(a.keys.dialogs))
	}
	a.keys.handle(ctrl(fyne.Key5))
	if a.page != PageFlags {
		t.Fatalf("Ctrl+5 after the start-up dialogs: page %s", a.page)
	}
}

// Closing the window while background work runs waits for it, for every
// kind of work the window starts: each goes through the one helper that
// counts it. The work is held at its start until closing was tried.
func TestCloseWaitsForBackgroundWork(t *testing.T) {
	sheet := filepath.Join(t.TempDir(), "kunden.csv")
	os.WriteFile(sheet, []byte("Vorname;Nachname\r\nJürgen;Müller\r\n"), 0o600)
	kinds := []struct {
		name  string
		start func(a *App)
		after func(t *testing.T, a *App)
	}{
		{"charges at start", func(a *App) { a.generateCharges(nil) }, func(t *testing.T, a *App) {
			if a.chargesNote != "" { // nothing is billed on an empty studio: no news
				t.Errorf("no new charge, yet the status bar says %q", a.chargesNote)
			}
		}},
		{"charges due at start", func(a *App) {
			sv, _ := a.store.SaveService(a.ctx, data.Service{Name: "Ballett", Kind: data.KindCourse, Price: 4500, Active: true,
				Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
					Renewal: data.RenewMonthly}})
			c, _ := a.store.CreateClient(a.ctx, data.Client{Name: "Ida Roth"})
			a.store.CreateContract(a.ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 4500, Terms: sv.Terms,
				Start: data.NewDate(2026, 9, 1)})
			a.generateCharges(nil)
		}, func(t *testing.T, a *App) {
			if !strings.HasPrefix(a.chargesNote, "3 ") {
				t.Errorf("the charge run says %q", a.chargesNote)
			}
		}},
		{"start-up check", func(a *App) { a.checkAfterStart() }, nil},
		{"demo fill", func(a *App) { a.fillDemo() }, func(t *testing.T, a *App) {
			if n, _ := a.store.CountClients(a.ctx); n == 0 {
				t.Error("the demo studio was not filled")
			}
		}},
		{"backup with progress", func(a *App) { a.screen(PageSettings).(*settingsScreen).onBackupNow() }, nil},
		{"sheet preview", func(a *App) { a.previewSheet(sheet) }, func(t *testing.T, a *App) {
			if a.lastPreview == nil || a.lastPreview.plan.Ready != 1 {
				t.Error("the sheet was not planned")
			}
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			a, s := newTestApp(t, "en")
			s.SetSetting(a.ctx, disk.SettingBackupDir, filepath.Join(t.TempDir(), "backups"))
			a.inline = false
			a.gate = make(chan struct{})
			k.start(a)
			if a.busy.Load() == 0 {
				t.Fatal("the work is not counted as busy")
			}
			a.onClose()
			if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, a.tr.S("progress.close")) {
				t.Fatalf("closing did not wait for the work: %q", top)
			}
			close(a.gate)
			waitIdle(t, a)
			if k.after != nil {
				k.after(t, a)
			}
		})
	}
	t.Run("replanning a sheet", func(t *testing.T) {
		a, _ := newTestApp(t, "en")
		a.previewSheet(sheet)
		waitIdle(t, a)
		a.inline = false
		a.gate = make(chan struct{})
		a.lastPreview.replan()
		a.onClose()
		if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, a.tr.S("progress.close")) {
			t.Fatalf("closing did not wait for the new plan: %q", top)
		}
		close(a.gate)
		waitIdle(t, a)
	})
}

// Enter presses the highlighted button of a message and of the staff
// choice, as Space does.
func TestEnterPressesTheHighlightedButton(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	m, _ := s.SaveStaff(ctx, data.Staff{Name: "Aylin Demir", Role: data.RoleFrontDesk, Active: true})
	a.showMessage("Hinweis", "Alles gut.")
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(a.keys.dialogs) != 0 {
		t.Fatal("Enter did not close the message")
	}
	s.SignOut()
	a.askStaff()
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if s.Actor() != m.ID || len(a.keys.dialogs) != 0 {
		t.Fatalf("Enter did not choose the person offered first: actor %d, %d dialogs", s.Actor(), len(a.keys.dialogs))
	}
}

// The front desk does not see the import button.
func TestFrontDeskSeesNoImport(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	s.SaveStaff(ctx, data.Staff{Name: "Olga", Role: data.RoleOwner, Active: true, PIN: "4711"})
	ben, _ := s.SaveStaff(ctx, data.Staff{Name: "Ben", Role: data.RoleFrontDesk, Active: true, PIN: "2468"})
	a.show(PageClients)
	if !strings.Contains(renderedText(a.win.Content()), a.tr.S("clients.import")) {
		t.Fatal("the owner sees no import")
	}
	if _, err := s.SignIn(ctx, ben.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	a.build()
	a.show(PageClients)
	visible := false
	walk(a.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == a.tr.S("clients.import") && b.Visible() {
			visible = true
		}
	})
	if visible {
		t.Fatal("the front desk sees the import button")
	}
}

// In the counter's search, Down and Up move through the results while the
// cursor stays in the field, Enter opens the highlighted one, Esc clears;
// Tab never types a tab into a multi-line field.
func TestSearchByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	for _, n := range []string{"Anna Berg", "Anna Kurz", "Anna Roth"} {
		s.CreateClient(ctx, data.Client{Name: n})
	}
	a.show(PageCounter)
	search := a.counter.search
	a.win.Canvas().Focus(search)
	test.Type(search, "Anna")
	if len(a.counter.results.rows) != 3 {
		t.Fatalf("%d results", len(a.counter.results.rows))
	}
	want := a.counter.results.rows[1]
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp, fyne.KeyUp, fyne.KeyDown} {
		search.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if a.counter.card != nil {
		t.Fatal("moving opened a client")
	}
	if a.win.Canvas().Focused() != search {
		t.Fatal("the cursor left the search field")
	}
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a.counter.card == nil || a.counter.card.client.ID != want.ID {
		t.Fatalf("Enter opened %+v, want %s", a.counter.card, want.Name)
	}
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if search.Text != "" {
		t.Fatalf("Esc left %q", search.Text)
	}
	if a.keys.newMultiEntry(3).AcceptsTab() {
		t.Fatal("a multi-line field takes Tab")
	}
}

// After saving a document the window says where it went and offers its
// folder.
func TestSavedDocumentSaysWhere(t *testing.T) {
	a, _ := newTestApp(t, "de")
	path := filepath.Join(t.TempDir(), "brief.pdf")
	a.writePDF(path, false, func(out *disk.StagedFile) ([]rune, error) {
		_, err := out.Write([]byte("%PDF-1.4"))
		return nil, err
	}, nil)
	top := renderedText(a.win.Canvas().Overlays().Top())
	if !strings.Contains(top, "Gespeichert unter "+path) || !strings.Contains(top, "Ordner öffnen") {
		t.Fatalf("saved where? %q", top)
	}
}

// The audit log names records and fields in the window's language and
// writes money and days as the window does: no JSON, no cents.
func TestAuditLogForPeople(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	m, _ := s.SaveStaff(ctx, data.Staff{Name: "Olga Owner", Role: data.RoleOwner, Active: true})
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jürgen Müller"})
	g, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: data.NewDate(2026, 11, 20), Category: data.CatExtraSession,
		Description: "Zusatzstunde", Value: 1200, GivenBy: m.ID})
	if err != nil {
		t.Fatal(err)
	}
	g.Value = 1500
	if _, err := s.UpdateGoodwill(ctx, g, "falsch erfasst"); err != nil {
		t.Fatal(err)
	}
	a.show(PageAudit)
	sc := a.audit
	found := false
	for i, r := range sc.rows {
		if r.Table != "goodwill" || r.Action != data.ActionUpdate {
			continue
		}
		found = true
		rec, _ := sc.cell(i, 3)
		change, _ := sc.cell(i, 5)
		if rec != fmt.Sprintf("Kulanz Nr. %d", g.ID) || !strings.Contains(change, "Wert: 12,00 € ⟶ 15,00 €") ||
			strings.Contains(change, "{") || strings.Contains(change, "1200") {
			t.Fatalf("record %q, change %q", rec, change)
		}
	}
	if !found {
		t.Fatal("the change is not in the log")
	}
}
