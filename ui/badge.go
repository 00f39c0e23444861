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

// setStatusBadge shows a client's status and their most serious flag; an
// active client without flags needs no badge.
func setStatusBadge(b *widget.Label, tr *translations.T, st data.ClientStatus, flags []data.Flag) {
	var words []string
	if st != data.StatusActive && st != data.StatusDeclined {
		words = append(words, tr.Enum("client.status", st))
	}
	b.Importance = widget.LowImportance
	if st == data.StatusProspect {
		b.Importance = widget.HighImportance
	}
	if len(flags) > 0 {
		words = append(words, tr.Enum("flag.kind", flags[0].Kind))
		b.Importance = flagImportance(flags[0].Kind)
	} else if st == data.StatusDeclined {
		words = append(words, tr.Enum("client.status", st))
		b.Importance = widget.DangerImportance
	}
	b.SetText(strings.Join(words, " · "))
}

// flagImportance colours a flag: money and disputes as errors, the rest
// as warnings. The badge always carries a word too.
func flagImportance(k data.FlagKind) widget.Importance {
	switch k {
	case data.FlagOpenDemand, data.FlagHeavyGoodwill:
		return widget.WarningImportance
	}
	return widget.DangerImportance
}

// setContractBadge shows a contract's state on a day.
func setContractBadge(b *widget.Label, tr *translations.T, st data.ContractStatus) {
	switch st {
	case data.ContractEnding:
		b.Importance = widget.WarningImportance
	case data.ContractEnded, data.ContractWithdrawn:
		b.Importance = widget.LowImportance
	case data.ContractUpcoming:
		b.Importance = widget.HighImportance
	default:
		b.Importance = widget.SuccessImportance
	}
	b.SetText(tr.Enum("contract.status", st))
}
