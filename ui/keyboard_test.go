package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"studiopartner/data"
)

// keyboard presses keys in the window as a person would: text is typed
// into whatever has the focus; "Tab", "Right" and "Enter" are those keys.
func keyboard(t *testing.T, a *App, keys ...string) {
	t.Helper()
	c := a.win.Canvas()
	for _, k := range keys {
		f := c.Focused()
		if f == nil {
			t.Fatalf("nothing has the focus for %q", k)
		}
		switch k {
		case "Tab":
			c.FocusNext()
		case "Right":
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		case "Enter":
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		default:
			for _, r := range k {
				f.TypedRune(r)
			}
		}
	}
}

// firstFieldFocused fails unless the top dialog's first field has the
// cursor.
func firstFieldFocused(t *testing.T, a *App, form string) {
	t.Helper()
	var fields []fyne.Focusable
	walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch f := o.(type) {
		case *entry, *pick, *tick:
			fields = append(fields, f.(fyne.Focusable))
		}
	})
	if len(fields) == 0 || a.win.Canvas().Focused() != fields[0] {
		t.Fatalf("%s: the first field does not have the cursor (focused %T)", form, a.win.Canvas().Focused())
	}
}

// noDialog fails while a dialog is still open.
func noDialog(t *testing.T, a *App, form string) {
	t.Helper()
	if n := len(a.keys.dialogs); n != 0 {
		t.Fatalf("%s: %d dialogs still open after Enter", form, n)
	}
}

// Every step of a demand, the staff form and the PIN are done with the
// keyboard alone: the first field has the cursor, Enter saves.
func TestEveryFormByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	owner, _ := s.SaveStaff(ctx, data.Staff{Name: "Olga", Role: data.RoleOwner, Active: true, PIN: "4711"})
	a.setStaff(owner)
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jürgen Müller"})
	if _, err := s.SaveService(ctx, data.Service{Name: "Privatstunde", Kind: data.KindSingle, Price: 4500, Active: true,
		Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: 1, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone}}); err != nil {
		t.Fatal(err)
	}
	raise := func(asked string) data.Demand {
		d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, Asked: asked, Claimed: 2000, RaisedOn: s.Today()})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	status := func(d data.Demand) data.DemandStatus {
		got, _ := s.Demand(ctx, d.ID)
		return got.Status
	}

	grant := raise("Probestunde für die Tochter")
	a.openDemandStep(grant, data.DemandGranted, func() {})
	firstFieldFocused(t, a, "grant")
	keyboard(t, a, "Enter")
	noDialog(t, a, "grant")
	if status(grant) != data.DemandGranted {
		t.Fatalf("grant: demand is %s", status(grant))
	}

	decline := raise("Kursgebühr zurück")
	a.openDemandStep(decline, data.DemandDeclined, func() {})
	firstFieldFocused(t, a, "decline")
	keyboard(t, a, "steht nicht im Vertrag", "Enter")
	noDialog(t, a, "decline")
	declined, _ := s.Demand(ctx, decline.ID)
	if declined.Status != data.DemandDeclined {
		t.Fatalf("decline: %+v", declined)
	}

	a.openDemandStep(declined, data.DemandDisputed, func() {})
	firstFieldFocused(t, a, "dispute")
	keyboard(t, a, "Kundin widerspricht", "Enter")
	noDialog(t, a, "dispute")
	disputed, _ := s.Demand(ctx, decline.ID)
	if disputed.Status != data.DemandDisputed {
		t.Fatalf("dispute: demand is %s", disputed.Status)
	}

	a.openDemandStep(disputed, data.DemandSettled, func() {})
	firstFieldFocused(t, a, "settle")
	keyboard(t, a, "Right", "Enter") // paid: refused, nothing was billed
	if len(a.keys.dialogs) != 1 || status(disputed) != data.DemandDisputed {
		t.Fatal("settle: paid for a declined demand was not refused beside the field")
	}
	keyboard(t, a, "Right", "Right", "Enter") // withdrawn
	if n := len(a.keys.dialogs); n != 0 {
		t.Fatalf("settle: %s", renderedText(a.win.Canvas().Overlays().Top()))
	}
	if d, _ := s.Demand(ctx, decline.ID); d.Status != data.DemandSettled || d.Settlement != data.SettledWithdrawn {
		t.Fatalf("settle: %+v", d)
	}

	bill := raise("Privatstunde vor dem Ball")
	a.openDemandStep(bill, data.DemandBilled, func() {})
	firstFieldFocused(t, a, "bill")
	keyboard(t, a, "Right", "Enter") // the service, at its price
	noDialog(t, a, "bill")
	if status(bill) != data.DemandBilled {
		t.Fatalf("bill: demand is %s", status(bill))
	}
	if cs, _ := s.ChargesOf(ctx, c.ID, false); len(cs) != 1 || cs[0].Amount != 4500 {
		t.Fatalf("bill: charges %+v", cs)
	}

	a.show(PageSettings)
	a.screen(PageSettings).(*settingsScreen).openStaffForm(data.Staff{Active: true})
	firstFieldFocused(t, a, "staff")
	keyboard(t, a, "Mia Berg", "Tab", "Right", "Enter") // the first role: front desk
	noDialog(t, a, "staff")
	staff, _ := s.StaffList(ctx, false)
	if len(staff) != 2 || staff[0].Name != "Mia Berg" || staff[0].Role != data.RoleFrontDesk {
		t.Fatalf("staff: %+v", staff)
	}

	s.SaveSignInRules(ctx, data.SignInRules{Enabled: true, IdleMinutes: 10})
	s.SignOut()
	a.lastStaff = 0
	a.askSignIn()
	if a.win.Canvas().Focused() != a.signingIn.who {
		t.Fatal("PIN: the choice of person does not have the cursor")
	}
	keyboard(t, a, "Right", "Right", "Tab", "4711", "Enter") // Olga, the second
	if s.Actor() != owner.ID || a.signingIn != nil {
		t.Fatalf("PIN: actor %d, dialog open %v", s.Actor(), a.signingIn != nil)
	}
}

// In a multi-line field Shift+Enter and Ctrl+Enter start a new line, Tab
// moves on and Enter saves; Esc on a drop-down closes its dialog.
func TestMultiLineFieldsByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	a.keys.handle(ctrl(fyne.KeyN))
	f := a.clients.form
	keyboard(t, a, "Nora Lind", "Tab", "Tab", "Tab", "Tab")
	if a.win.Canvas().Focused() != f.address {
		t.Fatalf("Tab did not reach the address (focused %T)", a.win.Canvas().Focused())
	}
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	keyboard(t, a, "Hauptstr. 1")
	f.address.KeyDown(shift)
	keyboard(t, a, "Enter")
	f.address.KeyUp(shift)
	keyboard(t, a, "04109 Leipzig")
	f.address.TypedShortcut(ctrl(fyne.KeyReturn))
	keyboard(t, a, "Germany", "Tab")
	if a.win.Canvas().Focused() != f.birth {
		t.Fatalf("Tab did not leave the address (focused %T)", a.win.Canvas().Focused())
	}
	keyboard(t, a, "Enter")
	rows, _ := s.SearchClients(ctx, "nora", 10)
	if len(rows) != 1 {
		t.Fatalf("Enter saved %d clients", len(rows))
	}
	if c, _ := s.Client(ctx, rows[0].ID); c.Address != "Hauptstr. 1\n04109 Leipzig\nGermany" {
		t.Fatalf("address = %q", c.Address)
	}

	a.openPaymentDialog(data.Client{ID: rows[0].ID, Name: "Nora Lind"}, 0, func() {})
	a.win.Canvas().FocusNext()
	for i := 0; i < 5; i++ {
		if _, ok := a.win.Canvas().Focused().(*pick); ok {
			break
		}
		a.win.Canvas().FocusNext()
	}
	if _, ok := a.win.Canvas().Focused().(*pick); !ok {
		t.Fatalf("no drop-down reached by Tab in the payment dialog (focused %T)", a.win.Canvas().Focused())
	}
	a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(a.keys.dialogs) != 0 {
		t.Fatal("Esc on a drop-down did not close the dialog")
	}
}

// Every list screen is steered by the keyboard as soon as it opens: Down,
// Up, Home and End move the highlighted row, Enter opens it.
func TestListsByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	for _, n := range []string{"Anna Berg", "Bert Kurz", "Cora Roth"} {
		if _, err := s.CreateClient(ctx, data.Client{Name: n, Status: data.StatusDeclined, DeclineGround: data.DeclineGrounds[0], DeclineReason: "unsure"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"Ballett", "Jazz"} {
		if _, err := s.SaveService(ctx, data.Service{Name: n, Kind: data.KindSingle, Price: 4500, Active: true,
			Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: 1, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone}}); err != nil {
			t.Fatal(err)
		}
	}
	a.show(PageFlags)
	sc := a.built[PageFlags].(*flagsScreen)
	if a.win.Canvas().Focused() != sc.table {
		t.Fatalf("the flags list does not have the focus (%T)", a.win.Canvas().Focused())
	}
	press := func(keys ...fyne.KeyName) {
		for _, k := range keys {
			a.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	press(fyne.KeyEnd, fyne.KeyHome, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp)
	if sc.table.row != 1 {
		t.Fatalf("highlighted row %d, want 1", sc.table.row)
	}
	if a.page != PageFlags {
		t.Fatal("moving opened a client")
	}
	want := sc.rows[1].ClientID
	press(fyne.KeyReturn)
	if a.page != PageCounter || a.counter.card == nil || a.counter.card.client.ID != want {
		t.Fatalf("Enter opened page %s, want client %d at the counter", a.page, want)
	}
	press(fyne.KeyEnd) // the counter's search has the cursor again: End stays there
	a.show(PageServices)
	sv := a.built[PageServices].(*servicesScreen)
	if len(sv.services) == 0 {
		t.Fatal("no services to walk")
	}
	if a.win.Canvas().Focused() != sv.table {
		t.Fatalf("the services list does not have the focus (%T)", a.win.Canvas().Focused())
	}
	press(fyne.KeyEnd, fyne.KeyReturn)
	if a.lastFormDialog == nil || sv.selected != len(sv.services)-1 {
		t.Fatalf("Enter on the last service opened no form (selected %d)", sv.selected)
	}
}

// The open balances sort by a click on the overdue, oldest-due and client
// headers; a second click turns the order round.
func TestBalancesSortByHeader(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	for _, x := range []struct {
		name   string
		amount data.Money
		due    string
	}{{"Anna Adler", 100, "2026-10-01"}, {"Bea Berg", 5000, "2026-11-01"}, {"Carl Cohn", 300, "2026-09-01"}} {
		c, _ := s.CreateClient(ctx, data.Client{Name: x.name})
		due, _ := data.ParseDate(x.due)
		if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kurs", Amount: x.amount, Due: due}); err != nil {
			t.Fatal(err)
		}
	}
	a.show(PageBalances)
	sc := a.built[PageBalances].(*balancesScreen)
	order := func() string {
		var names []string
		for _, r := range sc.rows {
			names = append(names, r.Name)
		}
		return strings.Join(names, "|")
	}
	header := func(prefix string) *headerLabel {
		var found *headerLabel
		walk(sc.table, func(o fyne.CanvasObject) {
			if h, ok := o.(*headerLabel); ok && strings.HasPrefix(h.Text, prefix) {
				found = h
			}
		})
		if found == nil {
			t.Fatalf("no header %q", prefix)
		}
		return found
	}
	if got := order(); got != "Bea Berg|Carl Cohn|Anna Adler" {
		t.Fatalf("first order %s", got)
	}
	if h := header("Überfällig"); h.Text != "Überfällig ↓" {
		t.Fatalf("the overdue header says %q", h.Text)
	}
	for _, step := range []struct{ header, want string }{
		{"Älteste Fälligkeit", "Carl Cohn|Anna Adler|Bea Berg"},
		{"Älteste Fälligkeit", "Bea Berg|Anna Adler|Carl Cohn"},
		{"Kunde", "Anna Adler|Bea Berg|Carl Cohn"},
		{"Überfällig", "Bea Berg|Carl Cohn|Anna Adler"},
		{"Überfällig", "Anna Adler|Carl Cohn|Bea Berg"},
	} {
		test.Tap(header(step.header))
		if got := order(); got != step.want {
			t.Fatalf("after %s: %s, want %s", step.header, got, step.want)
		}
	}
}

// "Start empty" leads, by keyboard alone, through the studio's profile,
// the owner with a PIN and the first services, then opens the counter;
// each step can be skipped.
func TestEmptyStudioGuide(t *testing.T) {
	for _, skip := range []bool{false, true} {
		a, s := newTestApp(t, "de")
		ctx := context.Background()
		a.offerDemo()
		keyboard(t, a, "Tab", "Enter") // from "with a demo studio" to "start empty"
		if skip {
			for range guideSteps {
				a.keys.escape()
			}
			if len(a.keys.dialogs) != 0 || a.page != PageCounter {
				t.Fatalf("skipping every step left %d dialogs, page %s", len(a.keys.dialogs), a.page)
			}
			// the counter says what documents lack; Settings offers the guide again
			if !a.counter.setup.box.Visible() || !strings.Contains(a.counter.setup.text.Text, "Name des Studios · Anschrift · Verantwortlich") {
				t.Fatalf("the counter does not say what documents need: %q", a.counter.setup.text.Text)
			}
			a.show(PageSettings)
			banner := a.screen(PageSettings).(*settingsScreen).setup
			if !banner.box.Visible() || !strings.Contains(banner.text.Text, "Noch keine Leistung") {
				t.Fatalf("Settings does not offer the guide again: %q", banner.text.Text)
			}
			a.startGuide()
			firstFieldFocused(t, a, "guide again: profile")
			continue
		}
		firstFieldFocused(t, a, "guide: profile")
		// Enter in the address starts its second line, then moves on; a
		// step with a field documents need left empty is not saved
		keyboard(t, a, "Tanzstudio Sonnenschein", "Tab", "Hauptstraße 1", "Enter", "12345 Musterstadt", "Enter")
		if len(a.keys.dialogs) != 1 {
			t.Fatal("Enter in the address closed the step")
		}
		keyboard(t, a, "Enter")
		if p, _ := s.Studio(ctx); p.Name != "" || len(a.keys.dialogs) != 1 {
			t.Fatalf("the step was saved without who is responsible: %+v", p)
		}
		if top := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(top, "Jedes Dokument braucht diese Angabe.") {
			t.Fatalf("no reason beside the empty field:\n%s", top)
		}
		keyboard(t, a, "Sabine Krüger", "Enter")
		if p, _ := s.Studio(ctx); p.Name != "Tanzstudio Sonnenschein" || p.Responsible != "Sabine Krüger" ||
			p.Address != "Hauptstraße 1\n12345 Musterstadt" {
			t.Fatalf("profile stored as %+v", p)
		}
		firstFieldFocused(t, a, "guide: owner")
		keyboard(t, a, "Sabine Krüger", "Tab", "12", "Enter")
		if len(a.keys.dialogs) != 1 {
			t.Fatal("a PIN of two digits was taken")
		}
		keyboard(t, a, "34", "Enter")
		staff, _ := s.StaffList(ctx, false)
		if len(staff) != 1 || staff[0].Role != data.RoleOwner || staff[0].Name != "Sabine Krüger" {
			t.Fatalf("staff = %+v", staff)
		}
		if has, _ := s.HasPIN(ctx, staff[0].ID); !has {
			t.Fatal("the owner has no PIN")
		}
		keyboard(t, a, "Enter") // add a service
		firstFieldFocused(t, a, "guide: service")
		keyboard(t, a, "Ballett Kinder", "Enter")
		if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Ballett Kinder") {
			t.Fatal("the services step does not list the new service")
		}
		a.keys.escape() // done
		if sv, _ := s.Services(ctx, false); len(sv) != 1 {
			t.Fatalf("%d services", len(sv))
		}
		if len(a.keys.dialogs) != 0 || a.page != PageCounter || a.win.Canvas().Focused() != a.counter.search {
			t.Fatalf("after the guide: %d dialogs, page %s", len(a.keys.dialogs), a.page)
		}
		if a.counter.setup.box.Visible() {
			t.Fatalf("the counter still says something is missing: %q", a.counter.setup.text.Text)
		}
	}
}
