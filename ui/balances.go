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
	table   *widget.Table
	rows    []data.BalanceRow
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
	s.table = newTable(tr, balanceColumns, func() int { return len(s.rows) }, s.cell, s.onSelected)
	s.more = widget.NewButton(tr.S("clients.more"), s.onMore)
	s.more.Hide()
	generate := widget.NewButtonWithIcon(tr.S("balances.generate"), theme.ViewRefreshIcon(), s.onGenerate)
	title := widget.NewLabelWithStyle(tr.S("nav.balances"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, title, generate), s.totals, s.note)
	s.content = container.NewBorder(top, s.more, nil, nil, s.table)
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
	s.rows, err = s.a.store.OpenBalances(s.a.ctx, 0, pageSize)
	if err != nil {
		s.totals.SetText(tr.Err(err))
		return
	}
	s.more.Hidden = len(s.rows) < pageSize
	s.table.UnselectAll()
	s.table.Refresh()
}

func (s *balancesScreen) onMore() {
	next, err := s.a.store.OpenBalances(s.a.ctx, len(s.rows), pageSize)
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
