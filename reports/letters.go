package reports

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// Letter is what every letter prints: the studio, the client, a document
// number and the day.
type Letter struct {
	Studio data.Studio
	Client data.Client
	Number string
	Lang   string // the letter's language
	Today  data.Date
	At     time.Time
}

// addressBlock writes the client's name and address, and the date.
func (d *doc) addressBlock(l Letter) {
	p := d.pdf
	p.SetFont(family, "", 10)
	lines := append([]string{l.Client.Name}, strings.Split(strings.TrimSpace(l.Client.Address), "\n")...)
	if l.toGuardian() {
		// a letter about a minor goes to the guardian, on the minor's behalf
		lines = append([]string{l.Client.ContactPerson, d.tr.S("pdf.letter.for", "Name", l.Client.Name)}, lines[1:]...)
	}
	for _, line := range lines {
		if strings.TrimSpace(line) != "" {
			p.MultiCell(bodyW*0.6, 5, d.clean(line), "", "L", false) // a long name wraps inside the window of an envelope
		}
	}
	p.Ln(4)
	p.CellFormat(bodyW, 5, d.clean(d.tr.Date(l.Today)), "", 1, "R", false, 0, "")
	p.Ln(4)
}

// toGuardian reports whether the letter is addressed to the client's
// guardian: the client is under 18 and has a contact person.
func (l Letter) toGuardian() bool {
	return l.Client.ContactPerson != "" && l.Client.IsMinor(l.Today)
}

// salutation greets whoever the letter is addressed to.
func (d *doc) salutation(l Letter) {
	name := l.Client.Name
	if l.toGuardian() {
		name = l.Client.ContactPerson
	}
	d.paragraph(d.tr.S("pdf.letter.salutation", "Name", name))
}

// closing signs a letter off in the studio's name.
func (d *doc) closing(l Letter) {
	d.paragraph(d.tr.S("pdf.letter.regards"))
	d.paragraph(l.Studio.Name)
}

// CancellationConfirmation confirms, in text form, that notice was
// received and says when the contract ends — or ended, when the letter is
// written after the end.
func CancellationConfirmation(w io.Writer, l Letter, k data.Contract) ([]rune, error) {
	tr := translations.New(l.Lang)
	d := newDoc(tr, l.Studio, tr.S("pdf.cancel_confirm.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.cancel_confirm.title"))
	d.salutation(l)
	body, after := "pdf.cancel_confirm.body", "pdf.cancel_confirm.after"
	if k.EndsOn.Before(l.Today) {
		body, after = "pdf.cancel_confirm.body_ended", "pdf.cancel_confirm.after_ended"
	}
	d.paragraph(tr.S(body, "Service", k.ServiceNameIn(l.Lang), "Received", k.NoticeReceived, "End", k.EndsOn, "Start", k.Start))
	if k.EndCredit > 0 {
		d.paragraph(tr.S("pdf.cancel_confirm.credit", "Amount", tr.Money(k.EndCredit), "End", k.EndsOn))
	}
	d.paragraph(tr.S(after))
	d.closing(l)
	return d.Missing(), d.write(w)
}

// WithdrawalConfirmation confirms a withdrawal: the contract is undone as
// if never made, what the client paid comes back within 14 days (less the
// value of what was given, when the client had asked for an early start).
func WithdrawalConfirmation(w io.Writer, l Letter, k data.Contract) ([]rune, error) {
	tr := translations.New(l.Lang)
	d := newDoc(tr, l.Studio, tr.S("pdf.withdraw_confirm.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.withdraw_confirm.title"))
	d.salutation(l)
	d.paragraph(tr.S("pdf.withdraw_confirm.body", "Service", k.ServiceNameIn(l.Lang), "Received", k.WithdrawnOn, "Start", k.Start))
	if k.EarlyStart && !k.EndsOn.Before(k.Start) {
		d.paragraph(tr.S("pdf.withdraw_confirm.value", "Start", k.Start, "End", k.EndsOn))
	}
	refund := tr.S("pdf.withdraw_confirm.nothing_paid")
	if k.Refund > 0 {
		refund = tr.S("pdf.withdraw_confirm.refund", "Amount", tr.Money(k.Refund), "Until", k.WithdrawnOn.AddDays(data.WithdrawalDays))
	}
	d.paragraph(refund)
	d.closing(l)
	return d.Missing(), d.write(w)
}

// chargeLine says what a charge is for in the letter's language: the
// service and its period, or the description of a one-off charge.
func chargeLine(tr *translations.T, c data.Charge) string {
	what := c.DescriptionIn(tr.Lang())
	if !c.PeriodStart.IsZero() {
		what = fmt.Sprintf("%s %s – %s", what, tr.Date(c.PeriodStart), tr.Date(c.PeriodEnd))
	}
	return what
}

// Reminder is a friendly payment reminder listing the open charges.
func Reminder(w io.Writer, l Letter, b data.Balance) ([]rune, error) {
	tr := translations.New(l.Lang)
	d := newDoc(tr, l.Studio, tr.S("pdf.reminder.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.reminder.title"))
	d.salutation(l)
	d.paragraph(tr.S("pdf.reminder.body"))
	cols := []col{{tr.S("pdf.col.due"), 28, false}, {tr.S("pdf.col.what"), 92, false}, {tr.S("pdf.col.amount"), 25, true},
		{tr.S("pdf.col.open"), 25, true}}
	var rows [][]string
	for _, c := range b.OpenCharges {
		rows = append(rows, []string{tr.Date(c.Due), chargeLine(tr, c), tr.Money(c.Amount), tr.Money(c.Open())})
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

// Paid is what a receipt confirms: the payment, the charges it settled
// and what it left as credit.
type Paid struct {
	Payment data.Payment
	Settled []data.ChargeShare
	Credit  data.Money
}

// Receipt confirms a recorded payment: who paid (a minor's guardian for
// them), how, and what it paid for.
func Receipt(w io.Writer, l Letter, paid Paid) ([]rune, error) {
	tr := translations.New(l.Lang)
	p := paid.Payment
	d := newDoc(tr, l.Studio, tr.S("pdf.receipt.title"), l.Number, "", l.At)
	d.addressBlock(l)
	d.title(tr.S("pdf.receipt.title"))
	payer := l.Client.Name
	if l.toGuardian() {
		payer = tr.S("pdf.receipt.payer_for", "Guardian", l.Client.ContactPerson, "Name", l.Client.Name)
	}
	d.paragraph(tr.S("pdf.receipt.body", "Amount", tr.Money(p.Amount), "Date", p.ReceivedOn, "Method", tr.Enum("pdf.receipt.method", p.Method),
		"Payer", payer))
	if len(paid.Settled) > 0 {
		d.paragraph(tr.S("pdf.receipt.for"))
		cols := []col{{tr.S("pdf.col.due"), 28, false}, {tr.S("pdf.col.what"), 117, false}, {tr.S("pdf.col.settled"), 25, true}}
		var rows [][]string
		for _, sh := range paid.Settled {
			rows = append(rows, []string{tr.Date(sh.Charge.Due), chargeLine(tr, sh.Charge), tr.Money(sh.Amount)})
		}
		d.table(cols, rows)
	}
	if paid.Credit > 0 {
		d.paragraph(tr.S("pdf.receipt.credit", "Amount", tr.Money(paid.Credit)))
	}
	if p.Note != "" {
		d.paragraph(tr.S("pdf.receipt.note", "Note", p.Note))
	}
	d.paragraph(tr.S("pdf.receipt.recorded"))
	d.closing(l)
	if p.Method == data.MethodCash {
		// a receipt for cash is signed by whoever took the money (§ 368 BGB)
		d.signatures(tr.S("pdf.receipt.sign", "Name", l.Studio.Name))
	}
	return d.Missing(), d.write(w)
}

// letterFor gathers a letter's studio, client, language and day; the
// document's date is the day, so the same records on the same day give the
// same bytes.
func letterFor(ctx context.Context, s *sqlstore.Store, clientID int64, lang string) (Letter, error) {
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
	if lang == "" {
		lang = c.Language
	}
	today := s.Today()
	return Letter{Studio: studio, Client: c, Lang: lang, Today: today,
		At: time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)}, nil
}

// LetterKind is one kind of letter: what it is about and how it is
// written. Adding a letter is one entry in Letters, its writer and its
// texts; the command line and the tests take their letters from there.
type LetterKind struct {
	Kind    data.DocumentKind
	Command string // the command that issues it
	Subject string // the record its id names: "contract", "client" or "payment"
	// load finds the letter's subject by id and returns its client and a
	// writer for it, or why there is nothing to write.
	load func(ctx context.Context, s *sqlstore.Store, id int64) (loaded, error)
}

// loaded is a letter's subject found: its client, the letter's writer,
// and what a pre-notification announces.
type loaded struct {
	clientID  int64
	write     func(w io.Writer, l Letter) ([]rune, error)
	announces []data.Announced
}

// Letters are the kinds of letters the studio issues.
var Letters = []LetterKind{
	{Kind: data.DocCancellation, Command: "confirm-cancellation", Subject: "contract", load: loadCancellation},
	{Kind: data.DocWithdrawal, Command: "confirm-withdrawal", Subject: "contract", load: loadWithdrawal},
	{Kind: data.DocReminder, Command: "reminder", Subject: "client", load: loadReminder},
	{Kind: data.DocReceipt, Command: "receipt", Subject: "payment", load: loadReceipt},
	{Kind: data.DocMandate, Command: "mandate-form", Subject: "mandate", load: loadMandateForm},
	{Kind: data.DocPreNotice, Command: "prenotice", Subject: "client", load: loadPreNotice},
}

// letterOf finds the kind of letter of a document kind.
func letterOf(kind data.DocumentKind) (LetterKind, bool) {
	for _, lk := range Letters {
		if lk.Kind == kind {
			return lk, true
		}
	}
	return LetterKind{}, false
}

// IssueLetter writes a letter of kind about the record id (a contract for
// a cancellation confirmation, a client for a reminder, a payment for a
// receipt) in o.Lang (empty: the client's language), records it with its
// own number and keeps the copy. With o.Out, the PDF is written and synced
// to it before the record is kept.
func IssueLetter(ctx context.Context, s *sqlstore.Store, kind data.DocumentKind, id int64, o Issue) (data.Document, []byte, error) {
	lk, ok := letterOf(kind)
	if !ok {
		return data.Document{}, nil, data.Errorf(data.CodeInvalid, "document.invalid", nil)
	}
	ld, err := lk.load(ctx, s, id)
	if err != nil {
		return data.Document{}, nil, err
	}
	l, err := letterFor(ctx, s, ld.clientID, o.Lang)
	if err != nil {
		return data.Document{}, nil, err
	}
	return s.IssueDocument(ctx, data.Document{Kind: kind, ClientID: ld.clientID, RefID: id, Language: l.Lang, Announces: ld.announces},
		func(number string) ([]byte, error) {
			l.Number = number
			return drawDocument(func(w io.Writer) ([]rune, error) { return ld.write(w, l) })
		}, keepFile(o))
}

// loadCancellation finds a cancelled contract; one without notice gets an
// error that says so.
func loadCancellation(ctx context.Context, s *sqlstore.Store, contractID int64) (loaded, error) {
	k, err := s.Contract(ctx, contractID)
	if err != nil {
		return loaded{}, err
	}
	if k.NoticeReceived.IsZero() {
		return loaded{}, data.Errorf(data.CodeConflict, "letter.not_cancelled", nil)
	}
	return loaded{clientID: k.ClientID, write: func(w io.Writer, l Letter) ([]rune, error) { return CancellationConfirmation(w, l, k) }}, nil
}

// loadWithdrawal finds a contract the client withdrew from.
func loadWithdrawal(ctx context.Context, s *sqlstore.Store, contractID int64) (loaded, error) {
	k, err := s.Contract(ctx, contractID)
	if err != nil {
		return loaded{}, err
	}
	if k.WithdrawnOn.IsZero() {
		return loaded{}, data.Errorf(data.CodeConflict, "letter.not_withdrawn", nil)
	}
	return loaded{clientID: k.ClientID, write: func(w io.Writer, l Letter) ([]rune, error) { return WithdrawalConfirmation(w, l, k) }}, nil
}

// loadReminder finds what a client owes; nothing open, no reminder.
func loadReminder(ctx context.Context, s *sqlstore.Store, clientID int64) (loaded, error) {
	b, err := s.BalanceOf(ctx, clientID)
	if err != nil {
		return loaded{}, err
	}
	if b.Open-b.Credit <= 0 {
		return loaded{}, data.Errorf(data.CodeConflict, "letter.nothing_open", nil)
	}
	return loaded{clientID: clientID, write: func(w io.Writer, l Letter) ([]rune, error) { return Reminder(w, l, b) }}, nil
}

// loadReceipt finds a payment; a reversal, or a payment reversed since,
// gets no receipt.
func loadReceipt(ctx context.Context, s *sqlstore.Store, paymentID int64) (loaded, error) {
	p, err := s.Payment(ctx, paymentID)
	if err != nil {
		return loaded{}, err
	}
	if p.Amount <= 0 {
		return loaded{}, data.Errorf(data.CodeConflict, "letter.receipt.reversal", nil)
	}
	if p.ReversedBy != 0 {
		return loaded{}, data.Errorf(data.CodeConflict, "letter.receipt.reversed", map[string]any{"ID": p.ID})
	}
	settled, credit, err := s.Settled(ctx, p.ID)
	if err != nil {
		return loaded{}, err
	}
	paid := Paid{Payment: p, Settled: settled, Credit: credit}
	return loaded{clientID: p.ClientID, write: func(w io.Writer, l Letter) ([]rune, error) { return Receipt(w, l, paid) }}, nil
}
