package ui

import (
	"strconv"
	"strings"
	"time"

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
