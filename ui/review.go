package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/reports"
)

// reviewScreen is the owner's monthly look at the goodwill given: figures,
// charts and tables for a chosen month, with PDF and CSV to take away.
type reviewScreen struct {
	a           *App
	content     fyne.CanvasObject
	month       *widget.Select
	months      []data.Date
	branch      *widget.Select // one branch or all; shown where the studio names branches
	branchNames []string
	body        *fyne.Container
	review      data.Review
	shown       bool // a review is loaded
}

func newReviewScreen(a *App) *reviewScreen {
	tr := a.tr
	s := &reviewScreen{a: a, body: container.NewVBox()}
	first := data.NewDate(a.store.Today().Year(), a.store.Today().Month(), 1)
	var names []string
	for i := 0; i < 36; i++ {
		m := first.AddMonthsClamped(-i)
		s.months = append(s.months, m)
		names = append(names, tr.Month(m))
	}
	s.month = widget.NewSelect(names, func(string) { s.reload() })
	pdf := widget.NewButtonWithIcon(tr.S("review.export.pdf"), theme.DocumentPrintIcon(), s.onPDF)
	csvBtn := widget.NewButtonWithIcon(tr.S("review.export.csv"), theme.DocumentSaveIcon(), s.onCSV)
	title := widget.NewLabelWithStyle(tr.S("nav.review"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	picker := container.NewGridWrap(fyne.NewSize(200, s.month.MinSize().Height), s.month)
	tools := container.NewHBox(picker, csvBtn, pdf)
	if names, err := a.store.Branches(a.ctx); err == nil && len(names) > 0 {
		s.branchNames = names
		s.branch = widget.NewSelect(append([]string{tr.S("review.branch.all")}, names...), func(string) { s.reload() })
		s.branch.SetSelectedIndex(0)
		tools.Objects = append([]fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(200, s.branch.MinSize().Height), s.branch)},
			tools.Objects...)
	}
	top := container.NewBorder(nil, nil, title, tools)
	s.content = container.NewBorder(top, nil, nil, nil, vscroll(container.NewPadded(s.body)))
	s.month.SetSelectedIndex(1) // last month
	return s
}

func (s *reviewScreen) view() fyne.CanvasObject { return s.content }

// branchName is the branch chosen, or ” for all.
func (s *reviewScreen) branchName() string {
	if s.branch == nil || s.branch.SelectedIndex() < 1 {
		return ""
	}
	return s.branchNames[s.branch.SelectedIndex()-1]
}

func (s *reviewScreen) reload() {
	if s.body == nil || s.month == nil || s.month.SelectedIndex() < 0 {
		return
	}
	r, err := s.a.store.MonthlyReviewOf(s.a.ctx, s.months[s.month.SelectedIndex()], s.branchName())
	s.body.Objects = nil
	if err != nil {
		s.body.Add(widget.NewLabel(s.a.tr.Err(err)))
		s.body.Refresh()
		return
	}
	s.review, s.shown = r, true
	s.build(r)
}

// build lays out the review: figures beside the charts, then the tables.
func (s *reviewScreen) build(r data.Review) {
	tr := s.a.tr
	b := s.body
	if r.Branch != "" {
		b.Add(hintLabel(tr.S("review.branch.note")))
	}
	if r.Total.Entries == 0 {
		empty := widget.NewLabel(tr.S("review.empty"))
		empty.Importance = widget.LowImportance
		b.Add(empty)
	}
	b.Add(container.NewGridWithColumns(2, s.figures(r), s.charts(r)))
	for _, t := range reports.ReviewTables(tr, r) {
		b.Add(widget.NewLabelWithStyle(t.Heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		b.Add(grid(t.Cols, t.Rows(tr), t.Numeric()...))
		if t.Note != "" {
			b.Add(hintLabel(t.Note))
		}
	}
	b.Refresh()
}

// figures is the headline figures as a two-column grid.
func (s *reviewScreen) figures(r data.Review) fyne.CanvasObject {
	g := container.New(layout.NewFormLayout())
	for i, row := range reports.ReviewSummary(s.a.tr, r) {
		l := widget.NewLabel(row[0])
		l.Wrapping = fyne.TextWrapWord
		v := widget.NewLabelWithStyle(row[1], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		if i == 5 && r.Budget > 0 && r.Total.Value > r.Budget {
			v.Importance = widget.DangerImportance // over budget
		}
		g.Add(l)
		g.Add(v)
	}
	return g
}

// charts are the twelve months' bars with the budget line, and the split
// by kind.
func (s *reviewScreen) charts(r data.Review) fyne.CanvasObject {
	tr := s.a.tr
	var values []float64
	var labels []string
	for _, m := range r.Series {
		values = append(values, float64(m.Value))
		labels = append(labels, fmt.Sprintf("%02d/%02d", int(m.Month.Month()), m.Month.Year()%100))
	}
	bars := newBarChart(values, labels, float64(r.Budget), tr.S("review.budget.line", "Budget", tr.Money(r.Budget)))
	var names, shareText []string
	var shares []float64
	for _, c := range r.Categories {
		names = append(names, tr.Enum("goodwill.category", c.Key))
		share := 0.0
		if r.Total.Value > 0 {
			share = float64(c.Value) / float64(r.Total.Value)
		}
		shares = append(shares, share)
		shareText = append(shareText, reports.Percent(c.Value, r.Total.Value, tr.Lang()))
	}
	bold := fyne.TextStyle{Bold: true}
	return container.NewVBox(widget.NewLabelWithStyle(tr.S("review.chart.months"), fyne.TextAlignLeading, bold), bars,
		widget.NewLabelWithStyle(tr.S("review.chart.categories"), fyne.TextAlignLeading, bold), newSplitChart(names, shares, shareText))
}

// grid is a small table of labels; right names the columns aligned right.
func grid(cols []string, rows [][]string, right ...int) fyne.CanvasObject {
	g := container.New(layout.NewGridLayoutWithColumns(len(cols)))
	isRight := map[int]bool{}
	for _, c := range right {
		isRight[c] = true
	}
	align := func(i int) fyne.TextAlign {
		if isRight[i] {
			return fyne.TextAlignTrailing
		}
		return fyne.TextAlignLeading
	}
	// cells wrap: a long heading or name takes a second line instead of
	// widening the window or being cut off
	for i, c := range cols {
		h := widget.NewLabelWithStyle(c, align(i), fyne.TextStyle{Bold: true})
		h.Wrapping = fyne.TextWrapWord
		g.Add(h)
	}
	for _, r := range rows {
		for i, v := range r {
			l := widget.NewLabelWithStyle(v, align(i), fyne.TextStyle{})
			l.Wrapping = fyne.TextWrapWord
			g.Add(l)
		}
	}
	return g
}

func (s *reviewScreen) fileName(ext string) string {
	name := s.a.tr.S("doc.name.review") + "_" + s.review.Month.String()[:7]
	if s.review.Branch != "" {
		name += "_" + data.FileWord(s.review.Branch)
	}
	return name + ext
}

func (s *reviewScreen) onPDF() {
	if !s.shown {
		return
	}
	s.a.savePDF(s.fileName(".pdf"), func(out *disk.StagedFile) ([]rune, error) {
		studio, err := s.a.store.Studio(s.a.ctx)
		if err != nil {
			return nil, err
		}
		return nil, reports.ReviewPDF(out, s.review, studio, s.a.tr.Lang(), s.a.store.Now().UTC().Truncate(time.Second))
	}, nil)
}

// onCSV saves the review for a spreadsheet, ".csv" added if missing.
func (s *reviewScreen) onCSV() {
	if !s.shown {
		return
	}
	s.a.saveDocument(s.fileName(".csv"), ".csv", func(out *disk.StagedFile) ([]rune, error) {
		return nil, reports.ReviewCSV(out, s.review, s.a.tr.Lang())
	}, nil)
}
