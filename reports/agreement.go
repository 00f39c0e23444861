package reports

import (
	"io"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/translations"
)

// AgreementData is everything a partnership agreement prints.
type AgreementData struct {
	Studio    data.Studio
	Client    data.Client
	Contracts []data.Contract // those running or about to start
	Clauses   data.ClauseSet
	Number    string
	Retention data.RetentionRules    // how long records are kept, for the privacy information
	Services  map[int64]data.Service // the services contracted, by id: what each one is
	Visits    data.VisitRules        // the cancellation rule cards follow
	Today     data.Date
	At        time.Time // the document's date, for its metadata
	// for contracts paid by direct debit: the studio as creditor and the
	// client's mandate in force (none: the lines are left to fill in)
	Creditor data.Creditor
	Mandate  data.Mandate
}

// Agreement writes the partnership agreement as PDF, in the clause set's
// language. It returns the characters the font could not print, which
// appear as "?" in the document.
func Agreement(w io.Writer, a AgreementData) ([]rune, error) {
	tr := translations.New(a.Clauses.Language)
	version := tr.S("pdf.agreement.version", "Version", a.Clauses.Version)
	d := newDoc(tr, a.Studio, tr.S("pdf.agreement.title"), a.Number, version, a.At)
	d.title(tr.S("pdf.agreement.title"))
	d.subheading(tr.S("pdf.agreement.subtitle"))
	d.paragraph(tr.S("pdf.agreement.intro"))
	d.parties(a)
	d.heading(tr.S("pdf.agreement.services"))
	d.contractTable(a.Contracts, a.Today)
	d.contractDetails(a)
	d.debitSchedule(a)
	sections := map[string]data.Section{}
	for _, s := range a.Clauses.Sections {
		sections[s.Key] = s
	}
	for _, key := range SectionKeys {
		s, ok := sections[key]
		if !ok {
			continue
		}
		d.heading(s.Title)
		d.paragraph(s.Body)
		if key == SecCancellation {
			d.cancellationDetails(a)
		}
		if key == SecPrivacy {
			d.privacyInfo(Privacy(d.tr, a.Studio, a.Retention))
			d.paragraph(consentPrinted(d.tr, a.Client.Consent))
		}
	}
	d.withdrawal(a)
	if young(a.Client, a.Today) {
		d.signatures(tr.S("pdf.sign.studio", "Name", a.Studio.Name)) // a child under seven signs nothing (§ 104 BGB)
	} else {
		d.signatures(tr.S("pdf.sign.studio", "Name", a.Studio.Name), tr.S("pdf.sign.client", "Name", a.Client.Name))
	}
	if a.Client.IsMinor(a.Today) {
		// the guardian signs under their name; a second guardian has room too
		d.signatures(tr.S("pdf.sign.guardian", "Name", a.Client.ContactPerson), tr.S("pdf.sign.guardian2"))
	}
	return d.Missing(), d.write(w)
}

// young reports whether the client is under seven on day today: no
// signature line of their own.
func young(c data.Client, today data.Date) bool {
	return !c.BirthDate.IsZero() && c.BirthDate.YearsBetween(today) < 7
}

// contractDetails says what each contracted service is: its description,
// and for a card its sessions, its validity, that unused sessions lapse,
// and the cancellation rule the counter applies.
func (d *doc) contractDetails(a AgreementData) {
	tr := d.tr
	names := contractNames(tr, a.Contracts)
	var lines []string
	for i, k := range a.Contracts {
		var parts []string
		if sv, ok := a.Services[k.ServiceID]; ok && sv.DescriptionIn(tr.Lang()) != "" {
			parts = append(parts, sv.DescriptionIn(tr.Lang()))
		}
		if k.IsCard() {
			parts = append(parts, tr.N("pdf.card.terms", k.Sessions, "Until", k.ValidUntil))
			rule := "pdf.card.cancel_keeps"
			if a.Visits.LateUses {
				rule = "pdf.card.cancel_uses"
			}
			parts = append(parts, tr.N(rule, a.Visits.CancelHours))
		}
		if len(parts) > 0 {
			lines = append(lines, "• "+names[i]+": "+strings.Join(parts, " "))
		}
	}
	if len(lines) > 0 {
		d.paragraph(strings.Join(lines, "\n"))
	}
}

// scheduleDates is how many due days the agreement names of a contract
// paid by direct debit.
const scheduleDates = 3

// debitSchedule is the pre-notification the agreement makes for the
// contracts paid by direct debit: the creditor identifier, the mandate's
// reference and account, and for each such contract its amount and its
// next due days; other amounts get a letter of their own.
func (d *doc) debitSchedule(a AgreementData) {
	tr := d.tr
	names := contractNames(tr, a.Contracts)
	var lines []string
	for i, k := range a.Contracts {
		if !k.DirectDebit {
			continue
		}
		dates := dueDays(k, a.Today)
		key, text := "pdf.agreement.debit.schedule_none", ""
		switch {
		case k.Billing == data.BillingPerSession:
			key = "pdf.agreement.debit.schedule_session"
		case len(dates) > 0:
			parts := make([]string, len(dates))
			for j, day := range dates {
				parts[j] = tr.Date(day)
			}
			key, text = "pdf.agreement.debit.schedule", strings.Join(parts, ", ")
			if len(dates) == scheduleDates {
				text += tr.S("pdf.agreement.debit.more")
			}
		}
		lines = append(lines, tr.S(key, "Service", names[i], "Amount", tr.Money(k.Price), "Per", tr.Enum("billing.per", k.Billing),
			"Dates", text))
	}
	if len(lines) == 0 {
		return
	}
	blank := tr.S("pdf.blank")
	creditor, reference, iban, holder := or(a.Creditor.ID, blank), blank, blank, a.Client.Name
	if a.Mandate.ID != 0 {
		reference, iban, holder = a.Mandate.Reference, data.MaskIBAN(a.Mandate.IBAN), a.Mandate.HolderName()
	}
	d.heading(tr.S("pdf.agreement.debit"))
	d.paragraph(tr.S("pdf.agreement.debit.mandate", "Creditor", creditor, "Reference", reference, "IBAN", iban, "Holder", holder))
	d.paragraph(strings.Join(lines, "\n"))
	d.paragraph(tr.S("pdf.agreement.debit.notice", "Days", a.Creditor.NoticeDays))
}

// dueDays are a contract's next due days from today (or its start), at
// most scheduleDates of them, none after its end.
func dueDays(k data.Contract, today data.Date) []data.Date {
	from := today
	if k.Start.After(from) {
		from = k.Start
	}
	var out []data.Date
	for i := 0; i < data.MaxPeriods && len(out) < scheduleDates; i++ {
		day := k.PeriodStart(i)
		if !k.EndsOn.IsZero() && day.After(k.EndsOn) {
			break
		}
		if !day.Before(from) {
			out = append(out, day)
		}
		if k.Billing.Months() == 0 {
			break // billed once: its start
		}
	}
	return out
}

func or(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}

// parties names both sides, with a line to fill in by hand where the
// client's address is missing.
func (d *doc) parties(a AgreementData) {
	tr := d.tr
	addr := oneLine(a.Client.Address)
	if addr == "" {
		addr = tr.S("pdf.blank")
	}
	studioAddr := oneLine(a.Studio.Address)
	d.heading(tr.S("pdf.agreement.parties"))
	d.paragraph(tr.S("pdf.agreement.studio", "Name", a.Studio.Name, "Address", studioAddr))
	client := tr.S("pdf.agreement.client", "Name", a.Client.Name, "Address", addr)
	if !a.Client.BirthDate.IsZero() {
		client += " " + tr.S("pdf.agreement.born", "Date", a.Client.BirthDate)
	}
	if a.Client.IsMinor(a.Today) {
		guardian := a.Client.ContactPerson
		if guardian == "" {
			guardian = tr.S("pdf.blank")
		}
		client += " " + tr.S("pdf.agreement.guardian", "Name", guardian)
	}
	d.paragraph(client)
	d.paragraph(tr.S("pdf.agreement.date", "Date", a.Today))
}

// contractTable lists the contracted services with their computed dates.
func (d *doc) contractTable(ks []data.Contract, today data.Date) {
	tr := d.tr
	if len(ks) == 0 {
		d.paragraph(tr.S("pdf.agreement.no_contracts"))
		return
	}
	cols := []col{
		{tr.S("pdf.col.service"), 33, false}, {tr.S("pdf.col.price"), 19, true}, {tr.S("pdf.col.billing"), 22, false},
		{tr.S("pdf.col.start"), 23, false}, {tr.S("pdf.col.min_end"), 25, false}, {tr.S("pdf.col.notice"), 23, false},
		{tr.S("pdf.col.earliest_end"), 25, false},
	}
	var rows [][]string
	names := contractNames(tr, ks)
	for i, k := range ks {
		notice := tr.S("notice.none")
		if k.Notice.N > 0 {
			notice = tr.N("notice."+string(k.Notice.Unit), k.Notice.N)
		}
		rows = append(rows, []string{names[i], tr.Money(k.Price), tr.Enum("billing", k.Billing), tr.Date(k.Start),
			tr.Date(k.MinTermEnd()), notice, tr.Date(k.EarliestEnd(today))})
	}
	d.table(cols, rows)
}

// cancellationDetails says, for each contract, the notice and the first
// day it can end, and the month-to-month rule after the minimum term.
func (d *doc) cancellationDetails(a AgreementData) {
	tr := d.tr
	how := tr.S("pdf.cancel.how")
	if a.Studio.Email != "" {
		how = tr.S("pdf.cancel.how_email", "Email", a.Studio.Email)
	}
	d.paragraph(how)
	names := contractNames(tr, a.Contracts)
	for i, k := range a.Contracts {
		notice := tr.S("notice.none")
		if k.Notice.N > 0 {
			notice = tr.N("notice."+string(k.Notice.Unit), k.Notice.N)
		}
		// the contract's real state: a notice already received, a deadline
		// already past, or what cancelling today would mean
		key := "pdf.cancel.contract"
		switch {
		case !k.NoticeReceived.IsZero():
			key = "pdf.cancel.received"
		case k.Renewal == data.RenewNone:
			key = "pdf.cancel.contract_ends"
		case k.NoticeDeadline().Before(a.Today):
			key = "pdf.cancel.contract_after_term"
		}
		d.paragraph("• " + tr.S(key, "Service", names[i], "Notice", notice, "End", k.EarliestEnd(a.Today),
			"Deadline", k.NoticeDeadline(), "MinEnd", k.MinTermEnd(), "Received", k.NoticeReceived))
	}
	d.paragraph(tr.S("pdf.cancel.law"))
}

// withdrawal prints the statutory notice of the right of withdrawal and the
// model withdrawal form (Art. 246a EGBGB, Anlagen 1 and 2) when a contract
// was concluded off the premises or at a distance: which contracts it is
// for, the last day of each one's period (14 days from the day this
// notice is handed over, or from the conclusion if that is later), and
// for each the client's express request to start within the period, with
// its consequence, to tick and sign.
func (d *doc) withdrawal(a AgreementData) {
	tr := d.tr
	var dates, services, early []string
	names := contractNames(tr, a.Contracts)
	for i, k := range a.Contracts {
		if !k.Withdrawable() {
			continue
		}
		services = append(services, names[i])
		handed := k.NoticeOn // handed over with an earlier copy, or with this one
		if handed.IsZero() {
			handed = a.Today
		}
		dates = append(dates, tr.S("withdrawal.until", "Service", names[i], "Concluded", k.ConcludedOn(),
			"Handed", handed, "Until", k.WithdrawalUntilHanded(a.Today)))
		// the client ticks it themselves, even when the request was made on the phone
		early = append(early, "[  ] "+tr.S("withdrawal.early.line", "Service", names[i], "Start", k.Start))
	}
	if len(dates) == 0 {
		return
	}
	to := strings.Join(nonEmpty(a.Studio.Name, oneLine(a.Studio.Address), a.Studio.Phone, a.Studio.Email), ", ")
	d.heading(tr.S("withdrawal.title"))
	if len(services) < len(a.Contracts) {
		d.paragraph(tr.S("withdrawal.applies", "Services", strings.Join(services, ", ")))
	}
	d.subheading(tr.S("withdrawal.right"))
	d.paragraph(tr.S("withdrawal.body", "To", to))
	d.subheading(tr.S("withdrawal.effects"))
	d.paragraph(tr.S("withdrawal.effects.body"))
	d.paragraph(strings.Join(dates, "\n"))
	d.keep(70) // the form stays together, so it can be filled in and sent
	d.heading(tr.S("withdrawal.form.title"))
	d.paragraph(tr.S("withdrawal.form.body", "To", to))
	d.keep(60)
	d.heading(tr.S("withdrawal.early.title"))
	d.paragraph(strings.Join(early, "\n"))
	d.paragraph(tr.S("withdrawal.early.consequence"))
	signer := a.Client.Name
	if a.Client.IsMinor(a.Today) && a.Client.ContactPerson != "" {
		signer = a.Client.ContactPerson // a minor's guardian asks
	}
	d.signatures(tr.S("withdrawal.early.sign", "Name", signer))
}

// contractNames names each contract by its service; two contracts for the
// same service are told apart by their start.
func contractNames(tr *translations.T, ks []data.Contract) []string {
	count := map[string]int{}
	for _, k := range ks {
		count[k.ServiceNameIn(tr.Lang())]++
	}
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.ServiceNameIn(tr.Lang())
		if count[names[i]] > 1 {
			names[i] = tr.S("pdf.contract.from", "Service", names[i], "Start", k.Start)
		}
	}
	return names
}

// consentPrinted is ConsentText for a document that itself carries the
// privacy information: that its receipt is not yet noted is the studio's
// own note and is not printed there.
func consentPrinted(tr *translations.T, k data.Consent) string {
	if k.DataOn.IsZero() {
		return strings.TrimSpace(tr.S("consent.data.needed") + " " + mediaText(tr, k))
	}
	return ConsentText(tr, k)
}

// ConsentText says what the client agreed to and when: the processing of
// their data, and photos and video.
func ConsentText(tr *translations.T, k data.Consent) string {
	data := tr.S("consent.data.none")
	if !k.DataOn.IsZero() {
		data = tr.S("consent.data.given", "Date", k.DataOn, "How", orUnknown(tr, k.DataHow))
	}
	return data + " " + mediaText(tr, k)
}

// mediaText says what the client agreed to for photos and video.
func mediaText(tr *translations.T, k data.Consent) string {
	media := tr.S("consent.media.none")
	switch k.Media {
	case "yes":
		media = tr.S("consent.media.yes", "Date", k.MediaOn, "How", orUnknown(tr, k.MediaHow))
	case "no":
		media = tr.S("consent.media.no", "Date", k.MediaOn, "How", orUnknown(tr, k.MediaHow))
	}
	return media
}

func orUnknown(tr *translations.T, s string) string {
	if s == "" {
		return tr.S("consent.how.unknown")
	}
	return s
}
