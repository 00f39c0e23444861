package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// counterScreen is where the day starts: one search field; Enter shows the
// client's summary with flags, balance, contracts, recent goodwill and
// demands, visits and what the client brings. Ctrl+K (check in), Ctrl+G,
// Ctrl+D and Ctrl+P act on
// the client in view.
type counterScreen struct {
	a       *App
	content fyne.CanvasObject
	search  *entry
	results *clientList
	summary *fyne.Container
	card    *clientCard  // the client in view
	setup   *setupBanner // what documents still need, while something is missing
}

func newCounterScreen(a *App) *counterScreen {
	s := &counterScreen{a: a}
	s.search = a.keys.newEntry()
	s.search.SetPlaceHolder(a.tr.S("counter.search.placeholder"))
	s.search.OnChanged = s.onSearchChanged
	s.search.OnSubmitted = s.onSubmitted
	s.results = newClientList(a, func(r data.ClientRow) { s.showClient(r.ID) })
	s.results.searchKeys(s.search)
	listKeys := s.search.onKey
	s.search.onKey = func(name fyne.KeyName) bool {
		// with no list to page through, the page keys scroll the client's summary
		paging := name == fyne.KeyPageDown || name == fyne.KeyPageUp
		if paging && len(s.results.rows) <= 1 && s.card != nil && s.card.pane != nil {
			return s.card.pane.key(name)
		}
		return listKeys(name)
	}
	hint := widget.NewLabel(a.tr.S("counter.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Alignment = fyne.TextAlignCenter
	// the hint wraps within the pane, so a narrow window cuts none of it off
	s.summary = container.NewStack(container.NewPadded(container.NewVBox(layout.NewSpacer(), hint, layout.NewSpacer())))
	left := container.NewBorder(s.search, nil, nil, nil, s.results.view)
	split := container.NewHSplit(left, s.summary)
	split.Offset = 0.3
	s.setup = newSetupBanner(a, true)
	s.content = container.NewBorder(s.setup.box, nil, nil, nil, split)
	return s
}

func (s *counterScreen) reload() {
	s.setup.refresh()
	if s.search.Text != "" { // a client another counter added or changed shows
		s.onSearchChanged(s.search.Text)
	}
	if s.card != nil {
		s.showClient(s.card.client.ID)
	}
}

func (s *counterScreen) onSearchChanged(q string) {
	if q == "" {
		s.results.set(nil)
		return
	}
	rows, err := s.a.store.SearchClients(s.a.ctx, q, 50)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.results.found(q, rows)
}

// onSubmitted opens the first match: type, Enter, done.
func (s *counterScreen) onSubmitted(string) {
	if len(s.results.rows) > 0 {
		s.results.list.Select(0)
	}
}

// showClient puts the client's summary on the right.
func (s *counterScreen) showClient(id int64) {
	cc, err := newClientCard(s.a, id)
	if err != nil {
		s.a.showError(err)
		return
	}
	cc.onChange = func() {
		s.results.refresh()
		s.showClient(id)
	}
	s.card = cc
	s.summary.Objects = []fyne.CanvasObject{cc.summaryView()}
	s.summary.Refresh()
	cc.revealSaved(cc.pane)
}

// summaryView is the counter's compact view of a client: the whole
// relationship at a glance, with the quick actions (check-in first).
func (cc *clientCard) summaryView() fyne.CanvasObject {
	tr := cc.a.tr
	title := widget.NewLabelWithStyle(cc.client.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	status := newBadge()
	setStatusBadge(status, tr, cc.client.Status, cc.flags)
	open := widget.NewButtonWithIcon(tr.S("counter.open_card"), theme.AccountIcon(), func() { cc.a.openClient(cc.client.ID) })
	gw := widget.NewButtonWithIcon(tr.S("counter.goodwill"), theme.ContentAddIcon(), cc.onGoodwill)
	dm := widget.NewButtonWithIcon(tr.S("counter.demand"), theme.QuestionIcon(), cc.onDemand)
	pay := widget.NewButtonWithIcon(tr.S("counter.payment"), theme.ConfirmIcon(), cc.onRecordPayment)
	pay.Importance = widget.HighImportance
	head := container.NewBorder(nil, nil, nil, container.NewHBox(status, open), title)
	parts := []fyne.CanvasObject{head, buttonRow(gw, dm, pay)}
	parts = append(parts, cc.flagLines()...)
	parts = append(parts, cc.worthSection(), widget.NewSeparator(), cc.section("money", cc.balanceLine()), widget.NewSeparator(),
		cc.contractLines(), widget.NewSeparator(), cc.section("visits", cc.visitsSection()), widget.NewSeparator(),
		cc.section("demands", cc.demandsSection()), widget.NewSeparator(), cc.section("goodwill", cc.goodwillSection()))
	cc.pane = newScrollPane(container.NewPadded(container.NewVBox(parts...)))
	return cc.pane
}

// balanceLine is the balance in one line.
func (cc *clientCard) balanceLine() fyne.CanvasObject {
	tr := cc.a.tr
	b := cc.balance
	l := widget.NewLabel(tr.S("balance.title") + ": " + tr.S("balance.summary", "Open", tr.Money(b.Open), "Overdue", tr.Money(b.Overdue),
		"Credit", tr.Money(b.Credit)))
	l.Wrapping = fyne.TextWrapWord
	if b.Overdue > 0 {
		l.Importance = widget.DangerImportance
	}
	return l
}

// contractLines lists the running contracts, one line each.
func (cc *clientCard) contractLines() fyne.CanvasObject {
	tr := cc.a.tr
	box := container.NewVBox(widget.NewLabelWithStyle(tr.S("contracts.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	today := cc.a.store.Today()
	n := 0
	for _, k := range cc.contracts {
		st := k.Status(today)
		if k.Over(today) {
			continue
		}
		n++
		text := tr.S("counter.contract", "Service", k.ServiceName, "Price", tr.Money(k.Price),
			"Per", tr.Enum("billing.per", k.Billing), "Status", tr.Enum("contract.status", st), "End", tr.Date(k.EarliestEnd(today)))
		if k.IsCard() {
			text = cardSummary(tr, k)
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	if n == 0 {
		none := widget.NewLabel(tr.S("contracts.none_running"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	return box
}

func (s *counterScreen) view() fyne.CanvasObject { return s.content }
