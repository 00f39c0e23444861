package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// clientList is a virtual list of clients, each with phone, e-mail and a
// badge for their status and most serious flag. The clients and counter
// screens both use it.
type clientList struct {
	a        *App
	list     *widget.List
	rows     []data.ClientRow
	flags    map[int64][]data.Flag
	cursor   int  // the row Down and Up have reached in the search field; -1 none
	moving   bool // selecting for the cursor only: nothing opens
	onSelect func(data.ClientRow)
	query    string        // a search that found nobody; "" otherwise
	none     *widget.Label // "Nobody found for …", with the offer below it
	offer    *fyne.Container
	view     fyne.CanvasObject // the list, or what to do when it is empty
}

func newClientList(a *App, onSelect func(data.ClientRow)) *clientList {
	l := &clientList{a: a, cursor: -1, onSelect: onSelect}
	l.list = widget.NewList(func() int { return len(l.rows) }, l.createRow, l.updateRow)
	l.none = widget.NewLabel("")
	l.none.Wrapping = fyne.TextWrapWord
	create := widget.NewButtonWithIcon(a.tr.S("clients.none_found.new"), theme.ContentAddIcon(), a.newClient)
	l.offer = container.NewVBox(l.none, container.NewHBox(create))
	l.offer.Hide()
	l.view = container.NewStack(l.list, container.NewVBox(container.NewPadded(l.offer)))
	l.list.OnSelected = func(i widget.ListItemID) {
		l.cursor = i
		if !l.moving && i < len(l.rows) {
			onSelect(l.rows[i])
		}
	}
	return l
}

// searchKeys lets a search field steer the list while the cursor stays in
// the field: Down, Up and the page keys move the highlight (Home and End
// stay the field's), Enter opens the highlighted client (else the first),
// Esc clears the field.
func (l *clientList) searchKeys(search *entry) {
	search.onKey = func(name fyne.KeyName) bool {
		if next, ok := rowStep(name, l.cursor); ok {
			l.move(next)
			return true
		}
		switch name {
		case fyne.KeyReturn, fyne.KeyEnter:
			l.open()
		case fyne.KeyEscape:
			if search.Text == "" {
				return false
			}
			search.SetText("")
		default:
			return false
		}
		return true
	}
}

// move highlights row i (kept inside the list) without opening it.
func (l *clientList) move(i int) {
	if len(l.rows) == 0 {
		return
	}
	i = max(0, min(i, len(l.rows)-1))
	l.moving = true
	l.list.Select(i)
	l.moving = false
	l.list.ScrollTo(i)
}

// open opens the highlighted client, or the first.
func (l *clientList) open() {
	if len(l.rows) == 0 {
		return
	}
	i := max(l.cursor, 0)
	l.list.Unselect(i)
	l.list.Select(i) // OnSelected opens it
}

// createRow is one line per client: the name in bold, then phone and
// e-mail in the secondary colour, and the badge; one line keeps fifteen
// and more clients in view.
func (l *clientList) createRow() fyne.CanvasObject {
	line := widget.NewRichText(
		&widget.TextSegment{Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}, Text: "Maximilian Mustermann"},
		&widget.TextSegment{Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameDisabled}, Text: "  +49 171 0000000 · name@example.de"})
	line.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, newBadge(), line)
}

func (l *clientList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.rows) {
		return
	}
	r := l.rows[i]
	c := o.(*fyne.Container)
	line := c.Objects[0].(*widget.RichText)
	detail := r.Phone
	if r.Email != "" {
		if detail != "" {
			detail += " · "
		}
		detail += r.Email
	}
	if detail != "" {
		detail = "  " + detail
	}
	line.Segments[0].(*widget.TextSegment).Text = r.Name
	line.Segments[1].(*widget.TextSegment).Text = detail
	line.Refresh()
	setStatusBadge(c.Objects[1].(*widget.Label), l.a.tr, r.Status, l.flags[r.ID])
}

// found shows the clients found for q; none found offers a new client
// with what was typed (Ctrl+N).
func (l *clientList) found(q string, rows []data.ClientRow) {
	l.set(rows)
	if q == "" || len(rows) > 0 {
		return
	}
	l.query = q
	l.none.SetText(l.a.tr.S("clients.none_found", "Query", q))
	l.offer.Show()
}

// set shows rows, replacing what was listed.
func (l *clientList) set(rows []data.ClientRow) {
	l.offer.Hide()
	l.query = ""
	l.rows = rows
	l.cursor = -1
	l.markFlags()
	l.list.UnselectAll()
	l.list.Refresh()
	l.list.ScrollToTop()
}

// add appends rows to the list.
func (l *clientList) add(rows []data.ClientRow) {
	l.rows = append(l.rows, rows...)
	l.markFlags()
	l.list.Refresh()
}

// markFlags finds the listed clients' flags, for their badges.
func (l *clientList) markFlags() {
	ids := make([]int64, len(l.rows))
	for i, r := range l.rows {
		ids[i] = r.ID
	}
	flags, err := l.a.store.FlagsAmong(l.a.ctx, ids)
	if err != nil {
		flags = nil // the list still works; badges come back with the next search
	}
	l.flags = flags
}

// refresh redraws the rows with fresh flags, after a change.
func (l *clientList) refresh() {
	l.markFlags()
	l.list.Refresh()
}
