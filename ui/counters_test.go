package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// Settings moves the studio into a new file with a bar, and says what it
// checked; the server's address is asked for and checked beside its
// field before anything starts.
func TestMoveFromSettings(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	for _, name := range []string{"Ida Roth", "Ole Berg"} {
		if _, err := s.CreateClient(ctx, data.Client{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	a.show(PageSettings)
	target := filepath.Join(t.TempDir(), "moved.db")
	a.moveTo(target)
	waitIdle(t, a)
	if got := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(got, "moved to "+target+" and checked") {
		t.Fatalf("the move said: %q", got)
	}
	moved, err := sqlstore.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	if n, err := moved.CountClients(ctx); err != nil || n != 2 {
		t.Errorf("the new file holds %d clients (%v)", n, err)
	}
	a.win.Canvas().Overlays().Top().(fyne.Widget).Hide()
	// a second move into the same file is refused, with its reason
	a.moveTo(target)
	waitIdle(t, a)
	if got := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(got, "already exists") {
		t.Errorf("a move onto the moved file said: %q", got)
	}

	a.onMoveToServer()
	entries := findEntries(a.win.Canvas().Overlays().Top())
	if len(entries) != 1 {
		t.Fatalf("%d entries in the server dialog", len(entries))
	}
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "Please enter the server's address") {
		t.Error("an empty address was not refused beside its field")
	}
	test.Type(entries[0], "http://server/studio")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(renderedText(a.win.Canvas().Overlays().Top()), "begins with postgres://") {
		t.Error("an address of no server was not refused beside its field")
	}
}

// A change another program makes to the same file shows in the open
// window within its next look: the counter's results follow the search
// that is typed, and a dialog being filled in keeps its text.
func TestWindowFollowsAnotherProgram(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	other, err := sqlstore.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	a.show(PageCounter)
	counter := a.screen(PageCounter).(*counterScreen)
	test.Type(counter.search, "Roth")
	a.lookForChanges() // the feed starts here
	if len(counter.results.rows) != 0 {
		t.Fatalf("results before: %+v", counter.results.rows)
	}
	a.onMoveToServer() // a dialog with something typed
	typed := findEntries(a.win.Canvas().Overlays().Top())[0]
	test.Type(typed, "postgres://half")
	if _, err := other.CreateClient(ctx, data.Client{Name: "Ida Roth"}); err != nil {
		t.Fatal(err)
	}
	a.lookForChanges()
	if len(counter.results.rows) != 1 || counter.results.rows[0].Name != "Ida Roth" {
		t.Errorf("the other program's client did not show: %+v", counter.results.rows)
	}
	if counter.search.Text != "Roth" || typed.Text != "postgres://half" {
		t.Errorf("what was typed changed: %q, %q", counter.search.Text, typed.Text)
	}
	a.lookForChanges() // nothing new: nothing happens
	if len(counter.results.rows) != 1 {
		t.Errorf("results after a look without changes: %+v", counter.results.rows)
	}
}

// A client form saved after another program changed the same client says
// so and saves nothing, and offers to read the client again: the form
// then opens anew with the change.
func TestClientFormRefusesAStaleSave(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, err := s.CreateClient(ctx, data.Client{Name: "Ida Roth"})
	if err != nil {
		t.Fatal(err)
	}
	f := a.openClientForm(c, nil)
	test.Type(f.notes, "Kommt dienstags")
	other, err := sqlstore.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Now = func() time.Time { return testNow.Add(time.Hour) }
	changed := c
	changed.Phone = "0341 111"
	if _, err := other.UpdateClient(ctx, changed); err != nil {
		t.Fatal(err)
	}
	f.dlg.submit()
	got, _ := s.Client(ctx, c.ID)
	if got.Notes != "" || got.Phone != "0341 111" {
		t.Errorf("the stale form saved: %+v", got)
	}
	if msg := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(msg, "nothing was saved") || !strings.Contains(msg, "Read again") {
		t.Fatalf("the form said: %q", msg)
	}
	a.lastFormDialog.submit() // read again
	fresh := findEntries(a.win.Canvas().Overlays().Top())
	texts := ""
	for _, e := range fresh {
		texts += e.Text + "|"
	}
	if !strings.Contains(texts, "0341 111") || strings.Contains(texts, "Kommt dienstags") {
		t.Errorf("the form read again holds %q", texts)
	}
}

// The settings screen, a form itself, is not read afresh under what is
// being typed when another program changes the records.
func TestFollowLeavesTheSettingsAsTyped(t *testing.T) {
	a, s := newTestApp(t, "en")
	other, err := sqlstore.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	a.show(PageSettings)
	sc := a.screen(PageSettings).(*settingsScreen)
	a.lookForChanges()
	sc.fields["name"].SetText("Tanzstudio halb getippt")
	if _, err := other.CreateClient(context.Background(), data.Client{Name: "Ida Roth"}); err != nil {
		t.Fatal(err)
	}
	a.lookForChanges()
	if got := sc.fields["name"].Text; got != "Tanzstudio halb getippt" {
		t.Errorf("the studio's name being typed became %q", got)
	}
}

// Settings saved over what another program saved meanwhile are refused
// with who and when, and the screen offers to read them again.
func TestStaleSettingsFromTheWindow(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	a.show(PageSettings)
	sc := a.screen(PageSettings).(*settingsScreen)
	other, err := sqlstore.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetGraceDays(ctx, 21); err != nil {
		t.Fatal(err)
	}
	sc.grace.SetText("7")
	sc.onSaveMoney()
	if days, _ := s.GraceDays(ctx); days != 21 {
		t.Fatalf("the stale screen saved %d grace days", days)
	}
	if msg := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(msg, "nothing was saved") {
		t.Fatalf("the screen said: %q", msg)
	}
	a.lastFormDialog.submit() // read again
	if sc.grace.Text != "21" {
		t.Errorf("grace days shown after reading again: %q", sc.grace.Text)
	}
	sc.grace.SetText("7")
	sc.onSaveMoney()
	if days, _ := s.GraceDays(ctx); days != 7 {
		t.Errorf("after reading again the save gave %d grace days", days)
	}
}
