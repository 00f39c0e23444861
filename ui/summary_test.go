package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// longSummary is a client whose summary is longer than the window: many
// goodwill entries and demands.
func longSummary(t *testing.T, s *sqlstore.Store) data.Client {
	t.Helper()
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Jörg Hoffmann", Phone: "0341 123456"})
	for i := range 12 {
		if _, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: data.NewDate(2026, 11, 1+i),
			Category: data.CatExtraSession, Description: fmt.Sprintf("Extra rehearsal %d", i+1), Value: 1200}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: data.NewDate(2026, 11, 1+i),
			Asked: fmt.Sprintf("Free lesson %d", i+1), Claimed: 1500}); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// The summary scrolls by keyboard: the page keys in the search when there
// is no list to page through, and Tab moves the focus into the summary,
// where Down and End scroll.
func TestSummaryScrollsByKeyboard(t *testing.T) {
	a, s := newTestApp(t, "en")
	longSummary(t, s)
	a.win.Resize(fyne.NewSize(1024, 640))
	test.Type(a.counter.search, "hoffmann")
	a.counter.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	pane := a.counter.card.pane
	if pane == nil || pane.scroll.Offset.Y != 0 {
		t.Fatal("the summary does not open at its top")
	}
	a.counter.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if pane.scroll.Offset.Y <= 0 {
		t.Fatal("Page Down in the search did not scroll the summary")
	}
	if a.win.Canvas().Focused() != a.counter.search {
		t.Fatal("Page Down took the focus from the search")
	}
	a.counter.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	if pane.scroll.Offset.Y != 0 {
		t.Fatalf("Page Up left the summary at %v", pane.scroll.Offset.Y)
	}
	c := a.win.Canvas()
	for range 5 { // the search, the list, then the summary
		if c.Focused() == pane {
			break
		}
		c.FocusNext()
	}
	if c.Focused() != pane {
		t.Fatal("Tab does not reach the summary")
	}
	if pane.ring.StrokeColor != theme.Color(theme.ColorNameFocus) {
		t.Fatal("the summary shows no sign of having the focus")
	}
	pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	down := pane.scroll.Offset.Y
	pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if down <= 0 || pane.scroll.Offset.Y <= down {
		t.Fatalf("Down scrolled to %v, End to %v", down, pane.scroll.Offset.Y)
	}
	pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if pane.scroll.Offset.Y != 0 {
		t.Fatal("Home did not go back to the top")
	}
}

// After a save the summary shows what was saved, in view, with a short
// confirmation; no button or heading lies under the scroll bar.
func TestSavedEntryInView(t *testing.T) {
	a, s := newTestApp(t, "en")
	c := longSummary(t, s)
	a.win.Resize(fyne.NewSize(1024, 640))
	a.openAtCounter(c.ID)
	a.keys.handle(ctrl(fyne.KeyG))
	entries := findEntries(a.win.Canvas().Overlays().Top())
	test.Type(entries[0], "Costume lent for the show")
	entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(a.keys.dialogs) != 0 {
		t.Fatal("the goodwill form stayed open")
	}
	pane := a.counter.card.pane
	section := a.counter.card.sections["goodwill"]
	if !strings.Contains(renderedText(section), "Goodwill saved.") {
		t.Fatalf("no confirmation above the goodwill:\n%s", renderedText(section))
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(section).Y - d.AbsolutePositionForObject(pane).Y
	if pane.scroll.Offset.Y <= 0 || top < 0 || top > pane.Size().Height/2 {
		t.Fatalf("the goodwill section is at %v in a pane of %v (scrolled %v)", top, pane.Size().Height, pane.scroll.Offset.Y)
	}
	if a.saved != nil {
		t.Fatal("the confirmation would show again on the next card")
	}
	// nothing the scroll bar could cover
	right := d.AbsolutePositionForObject(pane).X + pane.Size().Width - theme.ScrollBarSize()
	walk(pane, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			if end := d.AbsolutePositionForObject(b).X + b.Size().Width; end > right {
				t.Errorf("the button %q ends at %v, under the scroll bar from %v", b.Text, end, right)
			}
		}
	})
}
