package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// parseStamp reads an RFC 3339 instant stored by the store.
func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t.Local()
}

// noticeText writes a notice period: "1 Monat", "14 days".
func noticeText(tr *translations.T, n data.Notice) string {
	if n.N == 0 {
		return tr.S("notice.none")
	}
	return tr.N("notice."+string(n.Unit), n.N)
}

// moneyField reads a money entry; an empty entry is an error of its own.
func moneyField(tr *translations.T, text string) (data.Money, error) {
	return data.ParseMoney(text, tr.Lang())
}

// Amounts above which the counter is asked once whether a typed amount is
// right: a payment beyond what is open, a one-off charge, a price, goodwill
// for a client without a running contract.
const (
	paymentMargin data.Money = 100_00
	chargeLimit   data.Money = 300_00
	priceLimit    data.Money = 1000_00 // a service's price
	usualFloor    data.Money = 50_00
	budgetLimit   data.Money = 2000_00 // the month's goodwill budget
	flagLimit     data.Money = 1000_00 // goodwill in 90 days that flags a client
)

// usualMonth is what a client brings in a month (their running
// contracts), at least usualFloor: goodwill or a refund above it is
// asked about before it is saved.
func (a *App) usualMonth(clientID int64) data.Money {
	w, err := a.store.WorthOf(a.ctx, clientID)
	if err != nil {
		return usualFloor
	}
	return max(w.Monthly, usualFloor)
}

// dateField reads a date entry as the language writes dates.
func dateField(tr *translations.T, text string) (data.Date, error) {
	return data.ParseLocalDate(text, tr.Lang())
}

// intField reads a whole number; anything else gives -1, which every
// range check refuses.
func intField(text string) int {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		return -1
	}
	return n
}

// datePlaceholder shows how to type a date.
func datePlaceholder(tr *translations.T) string { return tr.S("date.placeholder") }

// wideSelect gives a choice the width of its longest option, so none is
// cut off where the layout would give it only its minimum.
func wideSelect(sel *widget.Select) fyne.CanvasObject {
	var w float32
	for _, o := range sel.Options {
		w = max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	size := fyne.NewSize(w+4*theme.InnerPadding()+theme.IconInlineSize(), sel.MinSize().Height)
	return container.New(layout.NewGridWrapLayout(size), sel)
}
