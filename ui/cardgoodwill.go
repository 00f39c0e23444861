package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// recentGoodwill is how many goodwill entries and demands the card lists.
const recentGoodwill = 6

// flagText is a flag's reason in words.
func flagText(tr *translations.T, f data.Flag) string { return tr.FlagReason(f) }

// flagLines are the client's flags, each a word and its reason.
func (cc *clientCard) flagLines() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, f := range cc.flags {
		l := widget.NewLabel("⚠ " + flagText(cc.a.tr, f))
		l.Importance = flagImportance(f.Kind)
		l.Wrapping = fyne.TextWrapWord
		out = append(out, l)
	}
	return out
}

// worthSection sets what the client brings beside what they received.
func (cc *clientCard) worthSection() fyne.CanvasObject {
	tr := cc.a.tr
	w := cc.worth
	l := widget.NewLabel(tr.S("worth.line", "Monthly", w.Monthly, "Year", w.Revenue12, "Referred", w.Referred,
		"Goodwill", w.Goodwill12.Value, "Count", w.Goodwill12.Count, "Minutes", w.Goodwill12.Minutes) + "\n" +
		tr.S("worth.visits", "Visits", w.Visits12, "PerVisit", w.GoodwillPerVisit()))
	l.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(tr.S("worth.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(head, l)
}

func (cc *clientCard) goodwillSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("goodwill.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(tr.S("goodwill.add"), theme.ContentAddIcon(), cc.onGoodwill)
	box := container.NewVBox(container.NewBorder(nil, nil, nil, add, head))
	if len(cc.goodwill) == 0 {
		none := widget.NewLabel(tr.S("goodwill.none"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	for _, g := range cc.goodwill {
		l := widget.NewLabel(goodwillLine(tr, g))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	return box
}

// goodwillLine writes one goodwill entry in a line.
func goodwillLine(tr *translations.T, g data.Goodwill) string {
	s := tr.S("goodwill.line", "Date", g.GivenOn, "Category", tr.Enum("goodwill.category", g.Category), "What", g.Description,
		"Value", g.Value, "Minutes", g.Minutes)
	if g.GivenByName != "" {
		s += " · " + g.GivenByName
	}
	return s
}

func (cc *clientCard) demandsSection() fyne.CanvasObject {
	tr := cc.a.tr
	head := widget.NewLabelWithStyle(tr.S("demands.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon(tr.S("demand.add"), theme.ContentAddIcon(), cc.onDemand)
	box := container.NewVBox(container.NewBorder(nil, nil, nil, add, head))
	if len(cc.demands) == 0 {
		none := widget.NewLabel(tr.S("demands.none"))
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	for _, d := range cc.demands {
		d := d
		l := widget.NewLabel(demandLine(tr, d))
		l.Wrapping = fyne.TextWrapWord
		var right fyne.CanvasObject = widget.NewLabel("")
		if len(data.NextSteps(d.Status)) > 0 {
			right = widget.NewButton(tr.S("demand.decide"), func() { cc.a.openDemandDialog(d, cc.reopen) })
		} else {
			right = widget.NewButtonWithIcon(cc.a.tr.S("icon.details"), theme.InfoIcon(), func() { cc.a.openDemandDialog(d, cc.reopen) })
		}
		box.Add(container.NewBorder(nil, nil, nil, right, l))
	}
	return box
}

// demandLine writes one demand in a line.
func demandLine(tr *translations.T, d data.Demand) string {
	s := tr.S("demand.line", "Date", d.RaisedOn, "Asked", d.Asked, "Claimed", d.Claimed, "Status", tr.Enum("demand.status", d.Status))
	if d.Settlement != "" {
		s += " (" + tr.Enum("demand.settlement", d.Settlement) + ")"
	}
	return s
}

func (cc *clientCard) onGoodwill() {
	cc.a.openGoodwillDialog(cc.client, nil, cc.afterSave("goodwill", "saved.goodwill"))
}

func (cc *clientCard) onDemand() {
	cc.a.openNewDemandDialog(cc.client, cc.contracts, cc.afterSave("demands", "saved.demand"))
}
