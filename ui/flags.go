package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// flagsScreen lists every flagged client, most serious first; choosing
// one opens the client at the counter.
type flagsScreen struct {
	a       *App
	content fyne.CanvasObject
	rows    []data.Flag
	table   *listTable
	note    *widget.Label
}

var flagColumns = []column{
	{"flags.col.client", 220, false}, {"flags.col.flag", 170, false}, {"flags.col.reason", 440, false}, {"flags.col.since", 110, false},
}

func newFlagsScreen(a *App) *flagsScreen {
	tr := a.tr
	s := &flagsScreen{a: a, note: widget.NewLabel("")}
	s.table = newTable(tr, flagColumns, func() int { return len(s.rows) }, s.cell, s.onSelected).keep(3)
	title := widget.NewLabelWithStyle(tr.S("nav.flags"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.content = container.NewBorder(container.NewVBox(title, s.note), nil, nil, nil, s.table.orEmpty(tr.S("flags.empty")))
	return s
}

func (s *flagsScreen) cell(row, col int) (string, widget.Importance) {
	tr := s.a.tr
	f := s.rows[row]
	switch col {
	case 0:
		return f.ClientName, widget.MediumImportance
	case 1:
		return tr.Enum("flag.kind", f.Kind), flagImportance(f.Kind)
	case 2:
		return flagText(tr, f), widget.MediumImportance
	}
	return tr.Date(f.Since), widget.MediumImportance
}

func (s *flagsScreen) reload() {
	var err error
	if s.rows, err = s.a.store.Flags(s.a.ctx); err != nil {
		s.note.SetText(s.a.tr.Err(err))
		return
	}
	clients := map[int64]bool{}
	for _, f := range s.rows {
		clients[f.ClientID] = true
	}
	s.note.SetText(s.a.tr.N("flags.count", len(clients)))
	s.table.Refresh()
}

func (s *flagsScreen) onSelected(row int) { s.a.openAtCounter(s.rows[row].ClientID) }

func (s *flagsScreen) view() fyne.CanvasObject { return s.content }

// rows is the list the keyboard steers when the screen opens.
func (s *flagsScreen) listTable() *listTable { return s.table }
