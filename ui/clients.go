package ui

import (
	"strings"

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
	results  *clientList
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
	s.results = newClientList(a, func(r data.ClientRow) { s.showClient(r.ID) })
	s.results.searchKeys(s.search)
	s.more = widget.NewButton(a.tr.S("clients.more"), s.onMore)
	s.more.Hide()
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	newBtn := widget.NewButtonWithIcon(a.tr.S("clients.new"), theme.ContentAddIcon(), s.onNewClient)
	newBtn.Importance = widget.HighImportance
	importBtn := widget.NewButtonWithIcon(a.tr.S("clients.import"), theme.UploadIcon(), a.onImportSheet)
	if a.store.Allow(data.OpTransfer) != nil {
		importBtn.Hide() // the front desk never sees a button for the owner's work
	}
	left := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, newBtn, s.search),
			container.NewBorder(nil, nil, nil, importBtn, s.count)),
		s.more, nil, nil, s.results.view)
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

// reload fills the list again for the current search.
func (s *clientsScreen) reload() {
	s.onSearchChanged(s.search.Text)
	if s.selected != 0 {
		s.showClient(s.selected)
	}
}

func (s *clientsScreen) onSearchChanged(q string) {
	var rows []data.ClientRow
	var err error
	if q == "" {
		rows, err = s.a.store.ListClients(s.a.ctx, 0, pageSize)
	} else {
		rows, err = s.a.store.SearchClients(s.a.ctx, q, pageSize)
	}
	if err != nil {
		s.count.SetText(s.a.tr.Err(err))
		return
	}
	s.results.found(q, rows)
	s.updateCount(q)
}

func (s *clientsScreen) updateCount(q string) {
	total, _ := s.a.store.CountClients(s.a.ctx)
	s.more.Hide()
	switch {
	case q != "":
		s.count.SetText(s.a.tr.N("clients.found", len(s.results.rows)))
	case len(s.results.rows) < total:
		s.count.SetText(s.a.tr.S("clients.showing", "Shown", len(s.results.rows), "Total", total))
		s.more.Show()
	default:
		s.count.SetText(s.a.tr.N("status.clients", total))
	}
}

// onMore loads the next page of the unfiltered list.
func (s *clientsScreen) onMore() {
	next, err := s.a.store.ListClients(s.a.ctx, len(s.results.rows), pageSize)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.results.add(next)
	s.updateCount("")
}

// onSearchSubmitted opens the first match, so Enter after typing is enough.
func (s *clientsScreen) onSearchSubmitted(string) {
	if len(s.results.rows) > 0 {
		s.results.list.Select(0)
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
	card.onChange = func() {
		s.results.refresh()
		s.showClient(id)
	}
	s.card = card
	s.cardBox.Objects = []fyne.CanvasObject{card.content}
	s.cardBox.Refresh()
	card.revealSaved(card.pane)
}

func (s *clientsScreen) onNewClient() { s.newClient("") }

// newClient opens the form for a new client, with what a search found
// nobody for filled in: a name, a phone number or an e-mail address.
func (s *clientsScreen) newClient(typed string) {
	c := data.Client{Language: s.a.tr.Lang(), Status: data.StatusActive}
	switch typed = strings.TrimSpace(typed); {
	case strings.Contains(typed, "@"):
		c.Email = typed
	case typed != "" && strings.Trim(typed, "+0123456789 /-()") == "":
		c.Phone = typed
	default:
		c.Name = typed
	}
	s.form = s.a.openClientForm(c, s.onClientSaved)
}

// onClientSaved shows the saved client and finds it in the list.
func (s *clientsScreen) onClientSaved(c data.Client) {
	s.search.SetText(c.Name)
	for i, r := range s.results.rows {
		if r.ID == c.ID {
			s.results.list.Select(i)
		}
	}
	s.showClient(c.ID)
	s.a.dataChanged()
}

func (s *clientsScreen) view() fyne.CanvasObject { return s.content }
