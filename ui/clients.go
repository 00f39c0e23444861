package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// pageSize is how many clients the list loads at a time.
const pageSize = 200

// clientsScreen is the client list with search-as-you-type beside the
// card of the chosen client.
type clientsScreen struct {
	a        *App
	content  fyne.CanvasObject
	search   *entry
	list     *widget.List
	rows     []data.ClientRow
	overdue  map[int64]bool // which listed clients are overdue
	more     *widget.Button
	count    *widget.Label
	cardBox  *fyne.Container
	selected int64
	card     *clientCard // the card in view
	form     *clientForm // the client form opened last
}

func newClientsScreen(a *App) *clientsScreen {
	s := &clientsScreen{a: a}
	s.search = a.keys.newEntry()
	s.search.SetPlaceHolder(a.tr.S("clients.search.placeholder"))
	s.search.OnChanged = s.onSearchChanged
	s.search.OnSubmitted = s.onSearchSubmitted
	s.list = widget.NewList(func() int { return len(s.rows) }, s.createRow, s.updateRow)
	s.list.OnSelected = s.onSelected
	s.more = widget.NewButton(a.tr.S("clients.more"), s.onMore)
	s.more.Hide()
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	newBtn := widget.NewButtonWithIcon(a.tr.S("clients.new"), theme.ContentAddIcon(), s.onNewClient)
	newBtn.Importance = widget.HighImportance
	left := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, newBtn, s.search), s.count),
		s.more, nil, nil, s.list)
	s.cardBox = container.NewStack(s.emptyCard())
	split := container.NewHSplit(left, s.cardBox)
	split.Offset = 0.36
	s.content = split
	return s
}

func (s *clientsScreen) emptyCard() fyne.CanvasObject {
	l := widget.NewLabel(s.a.tr.S("clients.none_selected"))
	l.Alignment = fyne.TextAlignCenter
	l.Wrapping = fyne.TextWrapWord
	return container.NewCenter(l)
}

func (s *clientsScreen) createRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("Maximilian Mustermann-Lüdenscheid", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("+49 171 0000000 · name@example.de")
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.Importance = widget.LowImportance
	badge := newBadge()
	return container.NewBorder(nil, nil, nil, badge, container.NewVBox(name, detail))
}

func (s *clientsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.rows) {
		return
	}
	r := s.rows[i]
	c := o.(*fyne.Container)
	texts := c.Objects[0].(*fyne.Container)
	texts.Objects[0].(*widget.Label).SetText(r.Name)
	detail := r.Phone
	if r.Email != "" {
		if detail != "" {
			detail += " · "
		}
		detail += r.Email
	}
	texts.Objects[1].(*widget.Label).SetText(detail)
	setStatusBadge(c.Objects[1].(*widget.Label), s.a.tr, r.Status, s.overdue[r.ID])
}

// reload fills the list again for the current search.
func (s *clientsScreen) reload() {
	s.onSearchChanged(s.search.Text)
	if s.selected != 0 {
		s.showClient(s.selected)
	}
}

func (s *clientsScreen) onSearchChanged(q string) {
	var err error
	if q == "" {
		s.rows, err = s.a.store.ListClients(s.a.ctx, 0, pageSize)
	} else {
		s.rows, err = s.a.store.SearchClients(s.a.ctx, q, pageSize)
	}
	if err != nil {
		s.count.SetText(s.a.tr.Err(err))
		return
	}
	s.markOverdue()
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	s.updateCount(q)
}

func (s *clientsScreen) updateCount(q string) {
	total, _ := s.a.store.CountClients(s.a.ctx)
	s.more.Hide()
	switch {
	case q != "":
		s.count.SetText(s.a.tr.N("clients.found", len(s.rows)))
	case len(s.rows) < total:
		s.count.SetText(s.a.tr.S("clients.showing", "Shown", len(s.rows), "Total", total))
		s.more.Show()
	default:
		s.count.SetText(s.a.tr.N("status.clients", total))
	}
}

// onMore loads the next page of the unfiltered list.
func (s *clientsScreen) onMore() {
	next, err := s.a.store.ListClients(s.a.ctx, len(s.rows), pageSize)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.rows = append(s.rows, next...)
	s.markOverdue()
	s.list.Refresh()
	s.updateCount("")
}

// markOverdue finds which listed clients are overdue, for their badges.
func (s *clientsScreen) markOverdue() {
	ids := make([]int64, len(s.rows))
	for i, r := range s.rows {
		ids[i] = r.ID
	}
	overdue, err := s.a.store.OverdueAmong(s.a.ctx, ids)
	if err != nil {
		overdue = nil // the list still works; badges come back with the next search
	}
	s.overdue = overdue
}

// onSearchSubmitted opens the first match, so Enter after typing is enough.
func (s *clientsScreen) onSearchSubmitted(string) {
	if len(s.rows) > 0 {
		s.list.Select(0)
	}
}

func (s *clientsScreen) onSelected(i widget.ListItemID) {
	if i < len(s.rows) {
		s.showClient(s.rows[i].ID)
	}
}

// showClient puts a client's card on the right.
func (s *clientsScreen) showClient(id int64) {
	card, err := newClientCard(s.a, id)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.selected = id
	s.card = card
	s.cardBox.Objects = []fyne.CanvasObject{card.content}
	s.cardBox.Refresh()
}

func (s *clientsScreen) onNewClient() {
	s.form = s.a.openClientForm(data.Client{Language: s.a.tr.Lang(), Status: data.StatusActive}, s.onClientSaved)
}

// onClientSaved shows the saved client and finds it in the list.
func (s *clientsScreen) onClientSaved(c data.Client) {
	s.search.SetText(c.Name)
	for i, r := range s.rows {
		if r.ID == c.ID {
			s.list.Select(i)
		}
	}
	s.showClient(c.ID)
	s.a.refreshStatus()
}
