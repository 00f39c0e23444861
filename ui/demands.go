package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// demandsScreen lists the demands that need a next step — open, billed,
// disputed — or all of them.
type demandsScreen struct {
	a       *App
	content fyne.CanvasObject
	which   *widget.Select
	rows    []data.Demand
	table   *listTable
	note    *widget.Label
}

var demandColumns = []column{
	{"demands.col.raised", 110, false}, {"demands.col.client", 200, false}, {"demands.col.asked", 300, false},
	{"demands.col.claimed", 100, true}, {"demands.col.status", 170, false}, {"demands.col.since", 110, false},
}

// demandViews are the screen's filters: what needs a step, or everything.
var demandViews = [][]data.DemandStatus{{data.DemandOpen, data.DemandBilled, data.DemandDisputed}, nil}

func newDemandsScreen(a *App) *demandsScreen {
	tr := a.tr
	s := &demandsScreen{a: a, note: widget.NewLabel("")}
	s.which = widget.NewSelect([]string{tr.S("demands.view.pending"), tr.S("demands.view.all")}, func(string) { s.reload() })
	s.table = newTable(tr, demandColumns, func() int { return len(s.rows) }, s.cell, s.onSelected).keep(0, 3, 5)
	s.which.SetSelectedIndex(0)
	title := widget.NewLabelWithStyle(tr.S("nav.demands"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, title, wideSelect(s.which)), s.note), nil, nil, nil, s.table.orEmpty(tr.S("demands.empty")))
	return s
}

func (s *demandsScreen) cell(row, col int) (string, widget.Importance) {
	tr := s.a.tr
	d := s.rows[row]
	switch col {
	case 0:
		return tr.Date(d.RaisedOn), widget.MediumImportance
	case 1:
		return d.ClientName, widget.MediumImportance
	case 2:
		return d.Asked, widget.MediumImportance
	case 3:
		return tr.Money(d.Claimed), widget.MediumImportance
	case 4:
		imp := widget.MediumImportance
		if d.Status == data.DemandDisputed {
			imp = widget.DangerImportance
		}
		return tr.Enum("demand.status", d.Status), imp
	}
	return tr.Date(d.StatusOn), widget.MediumImportance
}

func (s *demandsScreen) reload() {
	if s.table == nil {
		return
	}
	var err error
	s.rows, err = s.a.store.Demands(s.a.ctx, data.DemandFilter{Statuses: demandViews[max(s.which.SelectedIndex(), 0)], Limit: 2000})
	if err != nil {
		s.note.SetText(s.a.tr.Err(err))
		return
	}
	s.note.SetText(s.a.tr.N("demands.count", len(s.rows)))
	s.table.Refresh()
}

func (s *demandsScreen) onSelected(row int) {
	s.a.openDemandDialog(s.rows[row], func() {
		s.reload()
		s.a.dataChanged()
	})
}

func (s *demandsScreen) view() fyne.CanvasObject { return s.content }

// rows is the list the keyboard steers when the screen opens.
func (s *demandsScreen) listTable() *listTable { return s.table }
