package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// goodwillScreen is the goodwill ledger, filtered by month, category,
// staff member and client, with its totals.
type goodwillScreen struct {
	a        *App
	content  fyne.CanvasObject
	month    *widget.Select
	months   []data.Date // first days; zero = all
	category *widget.Select
	staff    *widget.Select
	staffIDs []int64
	client   *entry
	totals   *widget.Label
	rows     []data.Goodwill
	table    *listTable
}

var goodwillColumns = []column{
	{"goodwill.col.date", 110, false}, {"goodwill.col.client", 200, false}, {"goodwill.col.category", 190, false},
	{"goodwill.col.what", 260, false}, {"goodwill.col.value", 100, true}, {"goodwill.col.minutes", 80, true},
	{"goodwill.col.by", 130, false},
}

func newGoodwillScreen(a *App) *goodwillScreen {
	tr := a.tr
	s := &goodwillScreen{a: a, client: a.keys.newEntry(), totals: widget.NewLabel("")}
	today := a.store.Today()
	first := data.NewDate(today.Year(), today.Month(), 1)
	names := []string{tr.S("goodwill.filter.all_months")}
	s.months = []data.Date{{}}
	for i := 0; i < 24; i++ {
		m := first.AddMonthsClamped(-i)
		names = append(names, tr.Month(m))
		s.months = append(s.months, m)
	}
	s.month = widget.NewSelect(names, func(string) { s.reload() })
	s.month.SetSelectedIndex(1)
	cats := []string{tr.S("goodwill.filter.all_categories")}
	for _, c := range data.GoodwillCategories {
		cats = append(cats, tr.Enum("goodwill.category", c))
	}
	s.category = widget.NewSelect(cats, func(string) { s.reload() })
	s.category.SetSelectedIndex(0)
	s.staff = widget.NewSelect(nil, func(string) { s.reload() })
	s.client.SetPlaceHolder(tr.S("goodwill.filter.client"))
	s.client.OnChanged = func(string) { s.reload() }
	s.table = newTable(tr, goodwillColumns, func() int { return len(s.rows) }, s.cell, s.onSelected).keep(0, 4, 5)
	title := widget.NewLabelWithStyle(tr.S("nav.goodwill"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	filters := container.NewGridWithColumns(4, s.month, s.category, s.staff, s.client)
	s.content = container.NewBorder(container.NewVBox(title, filters, s.totals), nil, nil, nil, s.table.orEmpty(tr.S("goodwill.empty")))
	return s
}

func (s *goodwillScreen) cell(row, col int) (string, widget.Importance) {
	tr := s.a.tr
	g := s.rows[row]
	switch col {
	case 0:
		return tr.Date(g.GivenOn), widget.MediumImportance
	case 1:
		return g.ClientName, widget.MediumImportance
	case 2:
		return tr.Enum("goodwill.category", g.Category), widget.MediumImportance
	case 3:
		return g.Description, widget.MediumImportance
	case 4:
		return tr.Money(g.Value), widget.MediumImportance
	case 5:
		return strconv.Itoa(g.Minutes), widget.MediumImportance
	}
	return g.GivenByName, widget.MediumImportance
}

func (s *goodwillScreen) reload() {
	if s.table == nil {
		return // still being built
	}
	tr := s.a.tr
	staff, _ := s.a.store.StaffList(s.a.ctx, true)
	if len(s.staffIDs) != len(staff)+1 {
		names := []string{tr.S("goodwill.filter.all_staff")}
		s.staffIDs = []int64{0}
		for _, m := range staff {
			names = append(names, m.Name)
			s.staffIDs = append(s.staffIDs, m.ID)
		}
		s.staff.Options = names
		s.staff.SetSelectedIndex(0)
	}
	f := data.GoodwillFilter{Limit: 2000}
	if i := s.month.SelectedIndex(); i > 0 {
		f.From = s.months[i]
		f.To = s.months[i].AddMonthsClamped(1).AddDays(-1)
	}
	if i := s.category.SelectedIndex(); i > 0 {
		f.Category = data.GoodwillCategories[i-1]
	}
	if i := s.staff.SelectedIndex(); i > 0 {
		f.GivenBy = s.staffIDs[i]
	}
	if q := s.client.Text; q != "" {
		rows, err := s.a.store.SearchClients(s.a.ctx, q, 1)
		if err != nil || len(rows) == 0 {
			s.rows = nil
			s.totals.SetText(tr.S("goodwill.filter.no_client"))
			s.table.Refresh()
			return
		}
		f.ClientID = rows[0].ID
	}
	var err error
	if s.rows, err = s.a.store.GoodwillList(s.a.ctx, f); err != nil {
		s.totals.SetText(tr.Err(err))
		return
	}
	var value data.Money
	minutes := 0
	for _, g := range s.rows {
		value += g.Value
		minutes += g.Minutes
	}
	s.totals.SetText(tr.N("goodwill.totals", len(s.rows), "Value", tr.Money(value), "Minutes", minutes))
	s.table.Refresh()
}

// onSelected opens the entry to change or delete it, with a reason.
func (s *goodwillScreen) onSelected(row int) {
	g := s.rows[row]
	s.a.openGoodwillDialog(data.Client{ID: g.ClientID, Name: g.ClientName}, &g, func() {
		s.reload()
		s.a.dataChanged()
	})
}

func (s *goodwillScreen) view() fyne.CanvasObject { return s.content }

// rows is the list the keyboard steers when the screen opens.
func (s *goodwillScreen) listTable() *listTable { return s.table }
