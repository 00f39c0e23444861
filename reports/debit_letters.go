package reports

import (
	"context"
	"io"
	"strings"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// MandateForm is the SEPA direct debit mandate (SEPA-Lastschriftmandat)
// for the account holder to sign, in the standard wording: the studio as
// creditor with its identifier, the mandate's reference, recurrent or
// one-off, the authorisation, the instruction to the bank, the refund
// right of eight weeks, and the account.
func MandateForm(w io.Writer, l Letter, m data.Mandate, cr data.Creditor) ([]rune, error) {
	tr := translations.New(l.Lang)
	d := newDoc(tr, l.Studio, tr.S("pdf.mandate.title"), l.Number, "", l.At)
	d.title(tr.S("pdf.mandate.title"))
	kind := "pdf.mandate.recurrent"
	if m.Once {
		kind = "pdf.mandate.once"
	}
	d.subheading(tr.S(kind))
	d.table([]col{{tr.S("pdf.mandate.creditor"), 60, false}, {"", 110, false}}, [][]string{
		{tr.S("pdf.mandate.creditor_name"), l.Studio.Name + ", " + oneLine(l.Studio.Address)},
		{tr.S("pdf.mandate.creditor_id"), cr.ID},
		{tr.S("pdf.mandate.reference"), m.Reference},
	})
	d.paragraph(tr.S("pdf.mandate.authorise", "Studio", l.Studio.Name))
	d.paragraph(tr.S("pdf.mandate.refund"))
	holder, address := m.HolderName(), oneLine(l.Client.Address)
	if m.Holder != "" && m.Holder != l.Client.Name && m.Holder != l.Client.ContactPerson {
		// someone outside the household: the town and country the mandate names
		address = strings.TrimSpace(strings.Join(nonEmpty(m.HolderTown, m.HolderCountry), ", "))
	}
	if address == "" {
		address = tr.S("pdf.blank")
	}
	bic := m.BIC
	if bic == "" {
		bic = tr.S("pdf.mandate.bic_none")
	}
	rows := [][]string{
		{tr.S("pdf.mandate.holder"), holder},
		{tr.S("pdf.mandate.address"), address},
		{tr.S("pdf.mandate.iban"), data.FormatIBAN(m.IBAN)},
		{tr.S("pdf.mandate.bic"), bic},
	}
	if holder != l.Client.Name {
		rows = append(rows, []string{tr.S("pdf.mandate.for"), l.Client.Name})
	}
	d.table([]col{{tr.S("pdf.mandate.debtor"), 60, false}, {"", 110, false}}, rows)
	d.paragraph(tr.S("pdf.mandate.place_date"))
	d.signatures(tr.S("pdf.mandate.sign", "Name", holder))
	return d.Missing(), d.write(w)
}

// PreNotification tells the client, ahead of time, what the studio will
// collect by direct debit where the agreement does not say it already:
// each amount with the day it is collected on at the earliest, the
// mandate's reference, the account and the creditor identifier.
func PreNotification(w io.Writer, l Letter, p data.PreNotice) ([]rune, error) {
	tr := translations.New(l.Lang)
	d := newDoc(tr, l.Studio, tr.S("pdf.prenotice.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.prenotice.title"))
	d.salutation(l)
	d.paragraph(tr.S("pdf.prenotice.body", "Holder", p.Mandate.HolderName(), "IBAN", data.MaskIBAN(p.Mandate.IBAN)))
	cols := []col{{tr.S("pdf.col.due"), 26, false}, {tr.S("pdf.col.what"), 89, false}, {tr.S("pdf.col.amount"), 25, true},
		{tr.S("pdf.prenotice.col.collect"), 30, false}}
	var rows [][]string
	for _, it := range p.Items {
		rows = append(rows, []string{tr.Date(it.Charge.Due), chargeLine(tr, it.Charge), tr.Money(it.Amount), tr.S("pdf.prenotice.from", "Date", tr.Date(it.CollectOn))})
	}
	rows = append(rows, []string{"", tr.S("pdf.prenotice.total"), tr.Money(p.Total()), ""})
	d.table(cols, rows)
	d.paragraph(tr.S("pdf.prenotice.mandate", "Reference", p.Mandate.Reference, "Creditor", p.Creditor.ID))
	d.paragraph(tr.S("pdf.prenotice.cover"))
	d.closing(l)
	return d.Missing(), d.write(w)
}

// loadMandateForm finds a mandate in force and the studio's creditor
// identifier: a form without them would be no mandate.
func loadMandateForm(ctx context.Context, s *sqlstore.Store, mandateID int64) (loaded, error) {
	m, err := s.Mandate(ctx, mandateID)
	if err != nil {
		return loaded{}, err
	}
	if st := m.State(s.Today()); st != data.MandateActive {
		return loaded{}, data.Errorf(data.CodeConflict, "letter.mandate.inactive", map[string]any{"Reference": m.Reference})
	}
	cr, err := s.Creditor(ctx)
	if err != nil {
		return loaded{}, err
	}
	if cr.ID == "" {
		return loaded{}, data.Errorf(data.CodeInvalid, "debit.no_creditor", nil)
	}
	return loaded{clientID: m.ClientID, write: func(w io.Writer, l Letter) ([]rune, error) { return MandateForm(w, l, m, cr) }}, nil
}

// loadPreNotice finds what a client's pre-notification announces; the
// letter keeps it, so the run collects those amounts from the days given.
func loadPreNotice(ctx context.Context, s *sqlstore.Store, clientID int64) (loaded, error) {
	p, err := s.PreNoticeOf(ctx, clientID)
	if err != nil {
		return loaded{}, err
	}
	return loaded{clientID: clientID, announces: p.Items,
		write: func(w io.Writer, l Letter) ([]rune, error) { return PreNotification(w, l, p) }}, nil
}
