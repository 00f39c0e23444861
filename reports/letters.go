package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/translations"
)

// Letter is what every letter prints: the studio, the client, a document
// number and the day.
type Letter struct {
	Studio data.Studio
	Client data.Client
	Number string
	Today  data.Date
	At     time.Time
}

// addressBlock writes the client's name and address, and the date.
func (d *doc) addressBlock(l Letter) {
	p := d.pdf
	p.SetFont(family, "", 10)
	lines := append([]string{l.Client.Name}, strings.Split(strings.TrimSpace(l.Client.Address), "\n")...)
	if l.Client.ContactPerson != "" && l.Client.IsMinor(l.Today) {
		lines = append([]string{d.tr.S("pdf.letter.attn", "Name", l.Client.ContactPerson)}, lines...)
	}
	for _, line := range lines {
		if strings.TrimSpace(line) != "" {
			p.CellFormat(bodyW, 5, d.clean(line), "", 1, "L", false, 0, "")
		}
	}
	p.Ln(4)
	p.CellFormat(bodyW, 5, d.clean(d.tr.Date(l.Today)), "", 1, "R", false, 0, "")
	p.Ln(4)
}

// closing signs a letter off in the studio's name.
func (d *doc) closing(l Letter) {
	d.paragraph(d.tr.S("pdf.letter.regards"))
	d.paragraph(l.Studio.Name)
}

// CancellationConfirmation confirms that notice was received and says when
// the contract ends.
func CancellationConfirmation(w io.Writer, l Letter, k data.Contract) ([]rune, error) {
	tr := translations.New(l.Client.Language)
	d := newDoc(tr, l.Studio, tr.S("pdf.cancel_confirm.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.cancel_confirm.title"))
	d.paragraph(tr.S("pdf.letter.salutation", "Name", l.Client.Name))
	d.paragraph(tr.S("pdf.cancel_confirm.body", "Service", k.ServiceName, "Received", k.NoticeReceived, "End", k.EndsOn,
		"Start", k.Start))
	if k.EndCredit > 0 {
		d.paragraph(tr.S("pdf.cancel_confirm.credit", "Amount", tr.Money(k.EndCredit), "End", k.EndsOn))
	}
	d.paragraph(tr.S("pdf.cancel_confirm.after"))
	d.closing(l)
	return d.Missing(), d.write(w)
}

// Reminder is a friendly payment reminder listing the open charges.
func Reminder(w io.Writer, l Letter, b data.Balance) ([]rune, error) {
	tr := translations.New(l.Client.Language)
	d := newDoc(tr, l.Studio, tr.S("pdf.reminder.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.reminder.title"))
	d.paragraph(tr.S("pdf.letter.salutation", "Name", l.Client.Name))
	d.paragraph(tr.S("pdf.reminder.body"))
	cols := []col{{tr.S("pdf.col.due"), 28, false}, {tr.S("pdf.col.what"), 92, false}, {tr.S("pdf.col.amount"), 25, true},
		{tr.S("pdf.col.open"), 25, true}}
	var rows [][]string
	for _, c := range b.OpenCharges {
		what := c.Description
		if !c.PeriodStart.IsZero() {
			what = fmt.Sprintf("%s %s – %s", c.Description, tr.Date(c.PeriodStart), tr.Date(c.PeriodEnd))
		}
		rows = append(rows, []string{tr.Date(c.Due), what, tr.Money(c.Amount), tr.Money(c.Open())})
	}
	rows = append(rows, []string{"", tr.S("pdf.reminder.total"), "", tr.Money(b.Open - b.Credit)})
	d.table(cols, rows)
	bank := tr.S("pdf.reminder.bank", "Bank", l.Studio.BankName, "IBAN", l.Studio.IBAN, "BIC", l.Studio.BIC, "Number", l.Number)
	if l.Studio.IBAN == "" {
		bank = tr.S("pdf.reminder.counter")
	}
	d.paragraph(bank)
	d.paragraph(tr.S("pdf.reminder.kind"))
	d.closing(l)
	return d.Missing(), d.write(w)
}

// Receipt confirms a recorded payment.
func Receipt(w io.Writer, l Letter, p data.Payment) ([]rune, error) {
	tr := translations.New(l.Client.Language)
	d := newDoc(tr, l.Studio, tr.S("pdf.receipt.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.receipt.title"))
	d.paragraph(tr.S("pdf.receipt.body", "Amount", p.Amount, "Date", p.ReceivedOn, "Method", tr.Enum("payment.method", p.Method),
		"Name", l.Client.Name))
	if p.Note != "" {
		d.paragraph(tr.S("pdf.receipt.note", "Note", p.Note))
	}
	d.paragraph(tr.S("pdf.receipt.recorded"))
	d.closing(l)
	return d.Missing(), d.write(w)
}

// emit writes a finished letter to w unless rendering failed or the fonts
// could not draw some of its characters.
func emit(w io.Writer, pdf []byte, missing []rune, err error) error {
	if err == nil {
		err = unprintable(missing)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(pdf)
	return err
}

// letterFor gathers a letter's studio, client and date.
func letterFor(ctx context.Context, s *data.Store, clientID int64, number string) (Letter, error) {
	c, err := s.Client(ctx, clientID)
	if err != nil {
		return Letter{}, err
	}
	studio, err := s.Studio(ctx)
	if err != nil {
		return Letter{}, err
	}
	if err := CheckProfile(studio); err != nil {
		return Letter{}, err
	}
	return Letter{Studio: studio, Client: c, Number: number, Today: s.Today(), At: s.Now().UTC().Truncate(time.Second)}, nil
}

// WriteCancellationConfirmation writes the confirmation for a cancelled
// contract; a contract without notice gets an error that says so.
func WriteCancellationConfirmation(ctx context.Context, s *data.Store, w io.Writer, contractID int64) (string, []rune, error) {
	k, err := s.Contract(ctx, contractID)
	if err != nil {
		return "", nil, err
	}
	if k.NoticeReceived.IsZero() {
		return "", nil, data.Errorf(data.CodeConflict, "letter.not_cancelled", nil)
	}
	number := fmt.Sprintf("KB-%06d", k.ID)
	l, err := letterFor(ctx, s, k.ClientID, number)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	missing, err := CancellationConfirmation(&buf, l, k)
	return number, nil, emit(w, buf.Bytes(), missing, err)
}

// WriteReminder writes a payment reminder for a client who owes money.
func WriteReminder(ctx context.Context, s *data.Store, w io.Writer, clientID int64) (string, []rune, error) {
	b, err := s.BalanceOf(ctx, clientID)
	if err != nil {
		return "", nil, err
	}
	if b.Open-b.Credit <= 0 {
		return "", nil, data.Errorf(data.CodeConflict, "letter.nothing_open", nil)
	}
	number := fmt.Sprintf("ZE-%06d-%s", clientID, strings.ReplaceAll(s.Today().String(), "-", ""))
	l, err := letterFor(ctx, s, clientID, number)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	missing, err := Reminder(&buf, l, b)
	return number, nil, emit(w, buf.Bytes(), missing, err)
}

// WriteReceipt writes the receipt of a payment.
func WriteReceipt(ctx context.Context, s *data.Store, w io.Writer, paymentID int64) (string, []rune, error) {
	p, err := s.Payment(ctx, paymentID)
	if err != nil {
		return "", nil, err
	}
	if p.Amount <= 0 {
		return "", nil, data.Errorf(data.CodeConflict, "letter.receipt.reversal", nil)
	}
	number := fmt.Sprintf("QU-%06d", p.ID)
	l, err := letterFor(ctx, s, p.ClientID, number)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	missing, err := Receipt(&buf, l, p)
	return number, nil, emit(w, buf.Bytes(), missing, err)
}
