package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// clientCard shows one client: contact, status, contracts and referrals.
type clientCard struct {
	a         *App
	client    data.Client
	contracts []data.Contract
	balance   data.Balance
	payments  []data.Payment
	flags     []data.Flag
	goodwill  []data.Goodwill
	owed      []data.Owed
	demands   []data.Demand
	mandates  []data.Mandate
	worth     data.Worth
	visits    []data.Visit
	content   fyne.CanvasObject
	onChange  func() // shows the client again after a change; set by the screen
	pane      *scrollPane
	sections  map[string]fyne.CanvasObject // by name, for showing what was just saved
}

// savedNote is what the card shows once after a save: a short
// confirmation above the section where the new entry is.
type savedNote struct {
	client        int64
	section, text string
}

// afterSave is what a dialog runs when it saved: the card is shown again
// with the confirmation (key) above the section, scrolled into view.
func (cc *clientCard) afterSave(section, key string) func() {
	return func() {
		cc.a.saved = &savedNote{client: cc.client.ID, section: section, text: cc.a.tr.S(key)}
		cc.reopen()
	}
}

// section registers a part of the card by name; the confirmation of a
// save goes above the section it concerns.
func (cc *clientCard) section(name string, o fyne.CanvasObject) fyne.CanvasObject {
	if cc.sections == nil {
		cc.sections = map[string]fyne.CanvasObject{}
	}
	if n := cc.a.saved; n != nil && n.client == cc.client.ID && n.section == name {
		l := widget.NewLabelWithStyle(n.text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Importance = widget.SuccessImportance
		l.Wrapping = fyne.TextWrapWord
		o = container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, l), o)
	}
	cc.sections[name] = o
	return o
}

// revealSaved scrolls the pane to what was just saved, once the card is
// in the window.
func (cc *clientCard) revealSaved(p *scrollPane) {
	n := cc.a.saved
	if n == nil || n.client != cc.client.ID {
		return
	}
	cc.a.saved = nil
	if o := cc.sections[n.section]; o != nil {
		p.show(o)
	}
}

// recentPayments is how many payments the card lists.
const recentPayments = 8

// newClientCard reads the client's card in one snapshot: every part of it
// from the same moment.
func newClientCard(a *App, id int64) (*clientCard, error) {
	sum, err := a.store.ClientSummary(a.ctx, id, data.SummaryLimits{Payments: recentPayments, Goodwill: recentGoodwill,
		Visits: recentVisits, Demands: recentGoodwill})
	if err != nil {
		return nil, err
	}
	cc := &clientCard{a: a, client: sum.Client, contracts: sum.Contracts, balance: sum.Balance, payments: sum.Payments,
		flags: sum.Flags, worth: sum.Worth, goodwill: sum.Goodwill, owed: sum.Owed, visits: sum.Visits, demands: sum.Demands,
		mandates: sum.Mandates}
	cc.pane = newScrollPane(container.NewPadded(cc.build()))
	cc.content = cc.pane
	return cc, nil
}

func (cc *clientCard) build() fyne.CanvasObject {
	tr := cc.a.tr
	c := cc.client
	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	status := newBadge()
	setStatusBadge(status, tr, c.Status, cc.flags)
	edit := widget.NewButtonWithIcon(tr.S("client.edit"), theme.DocumentCreateIcon(), cc.onEdit)
	head := container.NewBorder(nil, nil, nil, container.NewHBox(status, edit), title)

	if !c.ErasedOn.IsZero() {
		// nothing personal is left to show or change; only what is kept
		return container.NewVBox(title, widget.NewSeparator(), cc.privacySection())
	}
	parts := []fyne.CanvasObject{head}
	if c.Status == data.StatusDeclined {
		warn := widget.NewLabel(tr.S("client.declined.banner", "Ground", tr.Enum("client.ground", c.DeclineGround), "Reason", c.DeclineReason))
		warn.Importance = widget.DangerImportance
		warn.Wrapping = fyne.TextWrapWord
		parts = append(parts, warn)
	}
	parts = append(parts, cc.flagLines()...)
	parts = append(parts, cc.details(), widget.NewSeparator(), cc.worthSection(), widget.NewSeparator(),
		cc.section("visits", cc.visitsSection()), widget.NewSeparator(), cc.section("money", cc.moneySection()),
		widget.NewSeparator(), cc.section("demands", cc.demandsSection()), widget.NewSeparator(),
		cc.section("goodwill", cc.goodwillSection()), widget.NewSeparator(), cc.owedSection(),
		widget.NewSeparator(), cc.contractsSection(), widget.NewSeparator(), cc.section("mandates", cc.mandatesSection()),
		widget.NewSeparator(), cc.documentsSection(), widget.NewSeparator(), cc.privacySection())
	if refs := cc.referrals(); refs != nil {
		parts = append(parts, widget.NewSeparator(), refs)
	}
	return container.NewVBox(parts...)
}

// details is the contact grid: only the fields that are filled in.
func (cc *clientCard) details() fyne.CanvasObject {
	tr := cc.a.tr
	c := cc.client
	today := cc.a.store.Today()
	grid := container.New(layout.NewFormLayout())
	add := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(v)
	}
	add(tr.S("client.field.contact_person"), c.ContactPerson)
	add(tr.S("client.field.phone"), c.Phone)
	add(tr.S("client.field.email"), c.Email)
	add(tr.S("client.field.address"), c.Address)
	if !c.BirthDate.IsZero() {
		add(tr.S("client.field.birth_date"), tr.S("client.birth_and_age", "Date", tr.Date(c.BirthDate), "Age", c.BirthDate.YearsBetween(today)))
	}
	add(tr.S("client.field.language"), tr.Enum("lang", c.Language))
	if c.ReferredBy != 0 {
		if ref, err := cc.a.store.Client(cc.a.ctx, c.ReferredBy); err == nil {
			add(tr.S("client.field.referred_by"), ref.Name)
		}
	}
	add(tr.S("client.field.since"), tr.Date(data.DateOf(parseStamp(c.CreatedAt))))
	add(tr.S("client.field.notes"), c.Notes)
	return grid
}

func (cc *clientCard) contractsSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("contracts.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(tr.S("contract.new"), theme.ContentAddIcon(), cc.onNewContract)
	if cc.client.Status == data.StatusDeclined {
		add.Disable()
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, add, head))
	if len(cc.contracts) == 0 {
		none := widget.NewLabel(tr.S("contracts.none"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	for _, k := range cc.contracts {
		box.Add(cc.contractRow(k))
	}
	return box
}

// contractRow shows one contract in two lines: what and how much, then
// the dates that matter, with the warnings, and its state and actions in a
// row below, so the text keeps the card's width however many there are.
func (cc *clientCard) contractRow(k data.Contract) fyne.CanvasObject {
	st := k.Status(cc.a.store.Today())
	return widget.NewCard("", "", container.NewVBox(cc.contractTerms(k), container.NewHBox(layout.NewSpacer(), cc.contractActions(k, st))))
}

// contractTerms are the contract's terms, notes on withdrawal, warnings,
// its note and its pauses.
func (cc *clientCard) contractTerms(k data.Contract) *fyne.Container {
	tr := cc.a.tr
	today := cc.a.store.Today()
	wrapped := func(text string, imp widget.Importance) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		return l
	}
	line1 := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s %s", k.ServiceName, tr.Money(k.Price), tr.Enum("billing.per", k.Billing)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	line1.Wrapping = fyne.TextWrapWord
	summary := tr.S("contract.summary", "Start", tr.Date(k.Start), "MinEnd", tr.Date(k.MinTermEnd()),
		"Notice", noticeText(tr, k.Notice), "Renewal", tr.Enum("renewal", k.Renewal))
	if end := contractEnd(tr, k, today); end != "" {
		summary += "\n" + end
	}
	line2 := wrapped(summary, widget.MediumImportance)
	lines := container.NewVBox(line1, line2)
	if k.IsCard() {
		imp := widget.SuccessImportance
		if k.Left() == 0 || today.After(k.ValidUntil) {
			imp = widget.WarningImportance
		}
		lines.Add(wrapped(cardSummary(tr, k), imp))
	}
	if note := withdrawalNote(tr, k, today); note != "" {
		lines.Add(wrapped(note, widget.MediumImportance))
	}
	if k.StartsInPeriod() && !today.After(k.WithdrawalUntil()) {
		lines.Add(wrapped("⚠ "+tr.S("contract.withdrawal.early_unasked", "Start", tr.Date(k.Start)), widget.WarningImportance))
	}
	if void := k.Void(); len(void) > 0 && !k.Over(today) {
		for _, v := range void {
			lines.Add(wrapped("⛔ "+tr.S(v.Key), widget.DangerImportance))
		}
		lines.Add(wrapped(tr.S("contract.void.correct"), widget.DangerImportance))
	}
	if k.Note != "" {
		lines.Add(wrapped(k.Note, widget.LowImportance))
	}
	if pauses, err := cc.a.store.PausesOf(cc.a.ctx, k.ID); err == nil {
		for _, p := range pauses {
			lines.Add(wrapped(tr.S("pause.line", "From", tr.Date(p.From), "To", tr.Date(p.To), "Reason", p.Reason), widget.MediumImportance))
		}
	}
	return lines
}

// withdrawalNote says where a contract concluded off the premises or at a
// distance stands with its right of withdrawal: withdrawn, the notice not
// yet handed over, or the period's last day while it runs; "" otherwise.
func withdrawalNote(tr *translations.T, k data.Contract, today data.Date) string {
	switch {
	case !k.Withdrawable():
		return ""
	case !k.WithdrawnOn.IsZero():
		return tr.S("contract.withdrawn", "Date", tr.Date(k.WithdrawnOn), "Refund", tr.Money(k.Refund))
	case k.NoticeOn.IsZero():
		return tr.S("contract.withdrawal.no_notice", "Until", tr.Date(k.WithdrawalUntil()))
	case !today.After(k.WithdrawalUntil()):
		return tr.S("contract.withdrawal_note", "Until", tr.Date(k.WithdrawalUntil()), "Handed", tr.Date(k.NoticeOn))
	}
	return ""
}

// contractEnd says when the contract ends: the confirmed end, the end of
// its term, or the earliest end if notice were given today.
func contractEnd(tr *translations.T, k data.Contract, today data.Date) string {
	switch {
	case !k.WithdrawnOn.IsZero():
		return ""
	case !k.EndsOn.IsZero():
		end := tr.S("contract.ends_on", "Date", tr.Date(k.EndsOn), "Received", tr.Date(k.NoticeReceived))
		if k.EndCredit > 0 {
			end += "\n" + tr.S("contract.end_credit", "Amount", tr.Money(k.EndCredit))
		}
		return end
	case k.Renewal == data.RenewNone:
		return tr.S("contract.ends_with_term", "Date", tr.Date(k.MinTermEnd()))
	case len(k.Void()) > 0:
		return tr.S("contract.void.no_end")
	default:
		return tr.S("contract.earliest_end", "Date", tr.Date(k.EarliestEnd(today)))
	}
}

// contractActions are the contract's status and what can be done with it.
func (cc *clientCard) contractActions(k data.Contract, st data.ContractStatus) *fyne.Container {
	tr := cc.a.tr
	badge := newBadge()
	setContractBadge(badge, tr, st)
	actions := container.NewHBox(badge)
	if !k.NoticeReceived.IsZero() {
		actions.Add(widget.NewButtonWithIcon(tr.S("docs.confirm_cancellation"), theme.DocumentPrintIcon(), func() {
			cc.a.issueLetter(data.DocCancellation, k.ID, cc.client)
		}))
	}
	if !k.WithdrawnOn.IsZero() {
		actions.Add(widget.NewButtonWithIcon(tr.S("docs.confirm_withdrawal"), theme.DocumentPrintIcon(), func() {
			cc.a.issueLetter(data.DocWithdrawal, k.ID, cc.client)
		}))
	}
	if k.Withdrawable() && k.WithdrawnOn.IsZero() && k.NoticeReceived.IsZero() && !cc.a.store.Today().After(k.WithdrawalUntil()) {
		actions.Add(widget.NewButton(tr.S("contract.withdraw"), func() { cc.a.openWithdrawDialog(k, cc.client, cc.reopen) }))
	}
	if k.NoticeReceived.IsZero() && st != data.ContractEnded && st != data.ContractWithdrawn {
		actions.Add(widget.NewButtonWithIcon(cc.a.tr.S("icon.edit"), theme.DocumentCreateIcon(), func() { cc.onEditContract(k) }))
		actions.Add(widget.NewButtonWithIcon(cc.a.tr.S("icon.pause"), theme.MediaPauseIcon(), func() { cc.a.openPauseDialog(k, cc.reopen) }))
		actions.Add(widget.NewButton(tr.S("contract.cancel"), func() { cc.onCancelContract(k) }))
	}
	return actions
}

func (cc *clientCard) referrals() fyne.CanvasObject {
	refs, err := cc.a.store.Referrals(cc.a.ctx, cc.client.ID)
	if err != nil || len(refs) == 0 {
		return nil
	}
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
	}
	l := widget.NewLabel(cc.a.tr.N("client.referred", len(refs), "Names", strings.Join(names, ", ")))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// reopen shows the client again after a change, and the list's badges
// with it.
func (cc *clientCard) reopen() {
	cc.a.dataChanged()
	if cc.onChange != nil {
		cc.onChange()
	}
}

func (cc *clientCard) onEdit() {
	cc.a.openClientForm(cc.client, cc.a.clientsPage().onClientSaved)
}

func (cc *clientCard) onNewContract() {
	cc.a.openContractForm(data.Contract{ClientID: cc.client.ID, Start: cc.a.store.Today()}, cc.reopen)
}

func (cc *clientCard) onEditContract(k data.Contract) { cc.a.openContractForm(k, cc.reopen) }

func (cc *clientCard) onCancelContract(k data.Contract) { cc.a.openCancelDialog(k, cc.reopen) }
