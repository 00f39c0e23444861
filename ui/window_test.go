package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// The window opens at the size it was closed at; a remembered size of
// 0×0 or larger than any screen is forgotten.
func TestWindowRemembersItsSize(t *testing.T) {
	fy := test.NewTempApp(t)
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	open := func() *App { a := New(fy, s, Options{Lang: "de", RememberSize: true}); a.inline = true; return a }
	a := open()
	if got := a.win.Canvas().Size(); got != fyne.NewSize(WindowWidth, WindowHeight) {
		t.Fatalf("first start at %v", got)
	}
	a.win.Resize(fyne.NewSize(1300, 900))
	a.win.Close()
	if got := open().win.Canvas().Size(); got != fyne.NewSize(1300, 900) {
		t.Fatalf("reopened at %v, want 1300×900", got)
	}
	for _, bad := range [][2]float64{{0, 0}, {100000, 90000}, {1024, -5}} {
		fy.Preferences().SetFloat(prefWindowWidth, bad[0])
		fy.Preferences().SetFloat(prefWindowHeight, bad[1])
		if got := open().win.Canvas().Size(); got != fyne.NewSize(WindowWidth, WindowHeight) {
			t.Fatalf("remembered %v opened at %v", bad, got)
		}
	}
}

// At 1024×640 no screen, card or form asks for more room than the window
// has, so the window never grows by itself when one opens.
func TestScreensFitSmallWindow(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) { screensFit(t, lang) })
	}
}

func screensFit(t *testing.T, lang string) {
	a, s := newTestApp(t, lang)
	ctx := context.Background()
	sv, err := s.SaveService(ctx, data.Service{Name: "Ballett für Fortgeschrittene am Dienstagabend", Kind: data.KindCourse, Price: 4500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 6, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateClient(ctx, data.Client{Name: "Jürgen Maximilian Müller-Lüdenscheidt von Hohenzollern-Sigmaringen",
		Address: "Sehr lange Straße mit einem noch längeren Namen 123\n12345 Irgendwo an der Weinstraße", Phone: "+49 171 1234567"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 4500, Start: data.NewDate(2026, 1, 1), Terms: sv.Terms}); err != nil {
		t.Fatal(err)
	}
	small := fyne.NewSize(1024, 640)
	a.win.Resize(small)
	fits := func(what string) {
		t.Helper()
		if m := a.win.Content().MinSize(); m.Width > small.Width || m.Height > small.Height {
			t.Errorf("%s needs %v, more than %v", what, m, small)
		}
		walk(a.win.Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == "" {
				t.Errorf("%s has a button with an icon and no label", what)
			}
		})
	}
	for _, p := range pages {
		a.show(p.name)
		fits(p.name)
	}
	a.openClient(c.ID)
	fits("the client card")
	a.openAtCounter(c.ID)
	fits("the counter with the client")
	search := a.counter.search
	hint := fyne.MeasureText(search.PlaceHolder, theme.TextSize(), fyne.TextStyle{})
	if room := search.Size().Width - 4*theme.InnerPadding(); hint.Width > room {
		t.Errorf("the counter's search hint %q needs %.0f, the field has %.0f", search.PlaceHolder, hint.Width, room)
	}
}

// At the first start's size the clients list shows at least fifteen
// clients at once, and the counter's results as many.
func TestClientListCompact(t *testing.T) {
	a, s := newTestApp(t, "de")
	ctx := context.Background()
	for i := range 40 {
		if _, err := s.CreateClient(ctx, data.Client{Name: "Anna Beispiel " + string(rune('A'+i%26)) + string(rune('a'+i/26)),
			Phone: "+49 171 1234567", Email: "anna@example.de"}); err != nil {
			t.Fatal(err)
		}
	}
	a.show(PageClients)
	list := a.clients.results.list
	row := a.clients.results.createRow().MinSize().Height + theme.Padding() // the list's separator
	if shown := int(list.Size().Height / row); shown < 15 {
		t.Fatalf("the clients list shows %d clients (%.0f px of %.0f px rows)", shown, list.Size().Height, row)
	}
}

// At 1920×1080 a table's columns share the width.
func TestTablesUseTheWidth(t *testing.T) {
	a, _ := newTestApp(t, "de")
	a.win.Resize(fyne.NewSize(1920, 1080))
	a.show(PageBalances)
	tbl := a.built[PageBalances].(*balancesScreen).table
	var declared float32
	for _, c := range balanceColumns {
		declared += c.width
	}
	if w := tbl.Size().Width; w < declared+200 {
		t.Fatalf("the table is only %.0f px wide", w)
	}
	var got float32
	walk(tbl, func(o fyne.CanvasObject) {
		if h, ok := o.(*headerLabel); ok && h.Text != "" {
			got += h.Size().Width
		}
	})
	if got < declared*1.3 {
		t.Fatalf("the headers take %.0f px of a %.0f px table", got, tbl.Size().Width)
	}
}

// File dialogs start in the documents folder until one was used.
func TestFileDialogsStartInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	if _, ok := documentsFolder(); ok {
		t.Fatal("a home without a documents folder offered one")
	}
	docs := filepath.Join(home, "Dokumente")
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	if d, ok := documentsFolder(); !ok || d.Path() != docs {
		t.Fatalf("documents folder = %v, %v; want %s", d, ok, docs)
	}
}

// At 1024×640 and 1120×740, in both languages, every table's columns fit
// its width and keep room for their headings: none is pushed out of view,
// none loses its heading; the highlighted row is written in full below.
func TestTablesFitSmallWindows(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		for _, size := range []fyne.Size{{Width: 1024, Height: 640}, {Width: 1120, Height: 740}} {
			a, s := newTestApp(t, lang)
			ctx := context.Background()
			c, _ := s.CreateClient(ctx, data.Client{Name: "Jürgen Maximilian Müller-Lüdenscheidt", Phone: "+49 171 1234567"})
			s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: data.NewDate(2026, 11, 20), Category: data.CatExtraSession,
				Description: "Eine zusätzliche Stunde vor dem Auftritt, weil die Generalprobe ausgefallen war", Value: 1800, Minutes: 60})
			a.win.Resize(size)
			for _, p := range []string{PageGoodwill, PageDemands, PageFlags, PageBalances, PageServices, PageAudit} {
				a.show(p)
				var table *listTable
				walk(a.win.Content(), func(o fyne.CanvasObject) {
					if lt, ok := o.(*listTable); ok && table == nil {
						table = lt
					}
				})
				if table == nil {
					t.Fatalf("%s has no table", p)
				}
				var total float32
				for i, c := range table.cols {
					w := table.fit(table.Size().Width - theme.ScrollBarSize() - theme.Padding()*float32(len(table.cols)))[i]
					total += w + theme.Padding()
					head := fyne.MeasureText(table.tr.S(c.key), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
					if head+2*theme.InnerPadding() > w {
						t.Errorf("%s %v %s: the column %q is %.0f wide, its heading needs %.0f", lang, size, p, table.tr.S(c.key), w, head)
					}
				}
				if total > table.Size().Width {
					t.Errorf("%s %v %s: the columns need %.0f, the table is %.0f wide", lang, size, p, total, table.Size().Width)
				}
				if p == PageDemands {
					which := a.screen(PageDemands).(*demandsScreen).which
					text := fyne.MeasureText(which.Selected, theme.TextSize(), fyne.TextStyle{}).Width
					if which.Size().Width < text+2*theme.InnerPadding()+theme.IconInlineSize() {
						t.Errorf("%s %v: the demands' filter %q is cut off at %.0f", lang, size, which.Selected, which.Size().Width)
					}
				}
				if p == PageGoodwill {
					table.highlight(0)
					if !table.whole.Visible() || !strings.Contains(table.whole.Text, "weil die Generalprobe ausgefallen war") {
						t.Errorf("%s %v: the highlighted row is not written in full: %q", lang, size, table.whole.Text)
					}
				}
			}
		}
	}
}
