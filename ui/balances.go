package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// balancesScreen lists the clients who owe money, most overdue first,
// under the studio's totals.
type balancesScreen struct {
	a       *App
	content fyne.CanvasObject
	totals  *widget.Label
	note    *widget.Label
	table   *listTable
	rows    []data.BalanceRow
	order   data.BalanceOrder // how the rows are sorted (a column header chooses)
	reverse bool
	more    *widget.Button
}

var balanceColumns = []column{
	{"balances.col.client", 320, false}, {"balances.col.overdue", 140, true}, {"balances.col.open", 140, true},
	{"balances.col.oldest", 150, false}, {"balances.col.phone", 180, false},
}

func newBalancesScreen(a *App) *balancesScreen {
	s := &balancesScreen{a: a}
	tr := a.tr
	s.totals = widget.NewLabel("")
	s.totals.Wrapping = fyne.TextWrapWord
	s.note = widget.NewLabel("")
	s.note.Importance = widget.LowImportance
	s.table = newTable(tr, balanceColumns, func() int { return len(s.rows) }, s.cell, s.onSelected).keep(1, 2, 3)
	s.table.sortOn(s.onSort, 1, true, 0, 1, 3)
	s.more = widget.NewButton(tr.S("clients.more"), s.onMore)
	s.more.Hide()
	generate := widget.NewButtonWithIcon(tr.S("balances.generate"), theme.ViewRefreshIcon(), s.onGenerate)
	title := widget.NewLabelWithStyle(tr.S("nav.balances"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, title, generate), s.totals, s.note)
	s.content = container.NewBorder(top, s.more, nil, nil, s.table.orEmpty(tr.S("balances.empty")))
	return s
}

func (s *balancesScreen) cell(row, col int) (string, widget.Importance) {
	tr := s.a.tr
	r := s.rows[row]
	switch col {
	case 0:
		return r.Name, widget.MediumImportance
	case 1:
		if r.Overdue > 0 {
			return tr.Money(r.Overdue), widget.DangerImportance
		}
		return tr.Money(r.Overdue), widget.MediumImportance
	case 2:
		return tr.Money(r.Open), widget.MediumImportance
	case 3:
		return tr.Date(r.OldestDue), widget.MediumImportance
	}
	return r.Phone, widget.MediumImportance
}

func (s *balancesScreen) reload() {
	tr := s.a.tr
	t, err := s.a.store.Totals(s.a.ctx)
	if err != nil {
		s.totals.SetText(tr.Err(err))
		return
	}
	grace, _ := s.a.store.GraceDays(s.a.ctx)
	s.totals.SetText(tr.S("balances.totals", "Open", tr.Money(t.Open), "Overdue", tr.Money(t.Overdue),
		"Clients", t.ClientsOverdue, "Received", tr.Money(t.ReceivedThisMonth)))
	s.note.SetText(tr.N("balances.grace", grace))
	s.rows, err = s.a.store.OpenBalancesBy(s.a.ctx, s.order, s.reverse, 0, pageSize)
	if err != nil {
		s.totals.SetText(tr.Err(err))
		return
	}
	s.more.Hidden = len(s.rows) < pageSize
	s.table.reset()
}

// balanceOrders are the orders the sortable columns stand for, and
// whether clicking them first sorts descending.
var balanceOrders = map[int]data.BalanceOrder{0: data.ByName, 1: data.ByOverdue, 3: data.ByOldestDue}

// onSort reads the rows again in the order of a column: the client by
// family name, the overdue amount largest first, the oldest due date
// oldest first; descend turns each round as the header shows it.
func (s *balancesScreen) onSort(col int, descend bool) {
	s.order = balanceOrders[col]
	s.reverse = descend
	if s.order == data.ByOverdue {
		s.reverse = !descend // read first, it is the largest first
	}
	s.reload()
}

func (s *balancesScreen) onMore() {
	next, err := s.a.store.OpenBalancesBy(s.a.ctx, s.order, s.reverse, len(s.rows), pageSize)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.rows = append(s.rows, next...)
	s.more.Hidden = len(next) < pageSize
	s.more.Refresh()
	s.table.Refresh()
}

// onSelected opens the client's card.
func (s *balancesScreen) onSelected(row int) { s.a.openClient(s.rows[row].ID) }

// onGenerate creates the charges that are due, then shows the new totals.
func (s *balancesScreen) onGenerate() {
	s.a.generateCharges(func() { s.reload() })
}

func (s *balancesScreen) view() fyne.CanvasObject { return s.content }

// rows is the list the keyboard steers when the screen opens.
func (s *balancesScreen) listTable() *listTable { return s.table }
