package ui

import (
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

// setStatusBadge shows a client's status; active clients need no badge.
func setStatusBadge(b *widget.Label, tr *translations.T, st data.ClientStatus) {
	switch st {
	case data.StatusDeclined:
		b.Importance = widget.DangerImportance
	case data.StatusProspect:
		b.Importance = widget.HighImportance
	default:
		b.Importance = widget.LowImportance
	}
	if st == data.StatusActive {
		b.SetText("")
		return
	}
	b.SetText(tr.Enum("client.status", st))
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
