package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// A badge is a short bold word beside a client or contract, coloured by
// the theme but always readable as text (never colour alone).
func newBadge() *widget.Label {
	l := widget.NewLabel("")
	l.TextStyle.Bold = true
	return l
}

// setStatusBadge shows a client's status, and whether they are overdue;
// an active client who is paid up needs no badge.
func setStatusBadge(b *widget.Label, tr *translations.T, st data.ClientStatus, overdue bool) {
	var words []string
	if st != data.StatusActive {
		words = append(words, tr.Enum("client.status", st))
	}
	if overdue {
		words = append(words, tr.S("badge.overdue"))
	}
	switch {
	case st == data.StatusDeclined || overdue:
		b.Importance = widget.DangerImportance
	case st == data.StatusProspect:
		b.Importance = widget.HighImportance
	default:
		b.Importance = widget.LowImportance
	}
	b.SetText(strings.Join(words, " · "))
}

// setContractBadge shows a contract's state on a day.
func setContractBadge(b *widget.Label, tr *translations.T, st data.ContractStatus) {
	switch st {
	case data.ContractEnding:
		b.Importance = widget.WarningImportance
	case data.ContractEnded:
		b.Importance = widget.LowImportance
	case data.ContractUpcoming:
		b.Importance = widget.HighImportance
	default:
		b.Importance = widget.SuccessImportance
	}
	b.SetText(tr.Enum("contract.status", st))
}
