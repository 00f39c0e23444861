package data

// Billing is how often a contract is charged.
type Billing string

// Billing cycles.
const (
	BillingOnce       Billing = "once"
	BillingMonthly    Billing = "monthly"
	BillingQuarterly  Billing = "quarterly"
	BillingYearly     Billing = "yearly"
	BillingPerSession Billing = "per_session"
)

// Billings lists the cycles in the order forms offer them.
var Billings = []Billing{BillingMonthly, BillingQuarterly, BillingYearly, BillingOnce, BillingPerSession}

// Months returns the length of one billing period in months, or 0 when the
// contract is not billed in periods.
func (b Billing) Months() int {
	switch b {
	case BillingMonthly:
		return 1
	case BillingQuarterly:
		return 3
	case BillingYearly:
		return 12
	}
	return 0
}

// NoticeUnit is the unit of a notice period.
type NoticeUnit string

// Notice units.
const (
	NoticeDays   NoticeUnit = "days"
	NoticeWeeks  NoticeUnit = "weeks"
	NoticeMonths NoticeUnit = "months"
)

// NoticeUnits lists the units in the order forms offer them.
var NoticeUnits = []NoticeUnit{NoticeDays, NoticeWeeks, NoticeMonths}

// Notice is a notice period, such as one month or 14 days.
type Notice struct {
	N    int        `json:"n"`
	Unit NoticeUnit `json:"unit"`
}

// maxNotice is the longest notice accepted per unit (one year).
var maxNotice = map[NoticeUnit]int{NoticeDays: 365, NoticeWeeks: 52, NoticeMonths: 12}

// After returns the earliest day a contract can end when notice is
// received on day r: r plus the notice period.
func (n Notice) After(r Date) Date {
	switch n.Unit {
	case NoticeMonths:
		return r.AddMonthsClamped(n.N)
	case NoticeWeeks:
		return r.AddDays(7 * n.N)
	}
	return r.AddDays(n.N)
}

// exceeds reports whether the notice is longer than months months: a
// month counts as up to 31 days or 4 weeks, three months as up to 92 days
// or 13 weeks.
func (n Notice) exceeds(months int) bool {
	days, weeks := 31*months-months/3, 4*months+months/3 // 31 and 4 for a month, 92 and 13 for three
	switch n.Unit {
	case NoticeMonths:
		return n.N > months
	case NoticeWeeks:
		return n.N > weeks
	}
	return n.N > days
}

// Renewal is what happens after the minimum term.
type Renewal string

// Renewal modes.
const (
	RenewMonthly Renewal = "monthly" // runs on, cancellable with the notice at any time
	RenewFixed   Renewal = "fixed"   // renews for RenewalMonths at a time
	RenewNone    Renewal = "none"    // ends with the minimum term
)

// Renewals lists the modes in the order forms offer them.
var Renewals = []Renewal{RenewMonthly, RenewNone, RenewFixed}

// Terms are the length rules shared by a service (as defaults) and a
// contract (as agreed).
type Terms struct {
	Billing       Billing `json:"billing"`
	MinTermMonths int     `json:"min_term_months"`
	Notice        Notice  `json:"notice"`
	Renewal       Renewal `json:"renewal"`
	RenewalMonths int     `json:"renewal_months"`
}

// Bounds of the minimum term in months.
const (
	MinTermMin = 1
	MinTermMax = 60
)

// validate adds the problems of the terms to v.
func (t Terms) validate(v *FieldErrors) {
	if !OneOf(t.Billing, Billings) {
		v.Add("billing", "terms.billing.invalid", nil)
	}
	if t.MinTermMonths < MinTermMin || t.MinTermMonths > MinTermMax {
		v.Add("min_term", "terms.min_term.range", map[string]any{"Min": MinTermMin, "Max": MinTermMax})
	}
	if max, ok := maxNotice[t.Notice.Unit]; !ok {
		v.Add("notice", "terms.notice.unit", nil)
	} else if t.Notice.N < 0 || t.Notice.N > max {
		v.Add("notice", "terms.notice.range", map[string]any{"Max": max})
	}
	if !OneOf(t.Renewal, Renewals) {
		v.Add("renewal", "terms.renewal.invalid", nil)
	} else if t.Renewal == RenewFixed && (t.RenewalMonths < 1 || t.RenewalMonths > 24) {
		v.Add("renewal_months", "terms.renewal_months.range", nil)
	}
}

// ConsumerLawSince is the day the German rules for fair consumer contracts
// (§309 Nr. 9 BGB, "Gesetz für faire Verbraucherverträge") took effect.
var ConsumerLawSince = NewDate(2022, 3, 1)

// The reasons terms are void in a consumer contract (§ 309 Nr. 9 BGB).
const (
	VoidMinTerm    = "terms.void.min_term"    // a first term over two years
	VoidRenewal    = "terms.void.renewal"     // a tacit extension the law does not allow
	VoidNotice     = "terms.void.notice"      // notice longer than one month
	VoidOldRenewal = "terms.void.old_renewal" // before March 2022: an extension over one year
	VoidOldNotice  = "terms.void.old_notice"  // before March 2022: notice over three months
)

// Void returns the terms' clauses that § 309 Nr. 9 BGB makes void in a
// consumer contract concluded on day concluded, as field errors. Since 1
// March 2022: a first term over two years, an extension other than into
// an indefinite term (cancellable with at most one month's notice), notice
// over one month. Before: a first term over two years, a tacit extension
// over one year, notice over three months. Such terms are never agreed.
func (t Terms) Void(concluded Date) []FieldError {
	var out []FieldError
	if t.MinTermMonths > 24 {
		out = append(out, FieldError{Field: "min_term", Key: VoidMinTerm})
	}
	if IsConsumerContract(concluded) {
		if t.Renewal == RenewFixed {
			out = append(out, FieldError{Field: "renewal", Key: VoidRenewal})
		}
		if t.Notice.exceeds(1) {
			out = append(out, FieldError{Field: "notice", Key: VoidNotice})
		}
		return out
	}
	if t.Renewal == RenewFixed && t.RenewalMonths > 12 {
		out = append(out, FieldError{Field: "renewal_months", Key: VoidOldRenewal})
	}
	if t.Notice.exceeds(3) {
		out = append(out, FieldError{Field: "notice", Key: VoidOldNotice})
	}
	return out
}

// MinTermEnd returns the last day of the minimum term for a start date.
func (t Terms) MinTermEnd(start Date) Date {
	return start.PeriodEnd(t.MinTermMonths)
}

// IsConsumerContract reports whether a contract concluded on day signed
// falls under the fair consumer contract rules (§ 309 Nr. 9 BGB).
func IsConsumerContract(signed Date) bool { return !signed.Before(ConsumerLawSince) }

// EndFor returns the day a contract that started on start ends when notice
// is received on day received, under terms that are not void (see Void).
// For a consumer contract (concluded on or after ConsumerLawSince) it is
// the later of the minimum term's end and the day the notice runs out
// after it was received — never rounded up to the end of a billing
// period. An older contract ends as agreed: at the first period end on or
// after both.
func (t Terms) EndFor(start, received Date) Date { return t.endFor(start, received, start) }

func (t Terms) endFor(start, received, concluded Date) Date {
	if !IsConsumerContract(concluded) {
		return t.agreedEndFor(start, received)
	}
	minEnd := t.MinTermEnd(start)
	if t.Renewal == RenewNone {
		return minEnd
	}
	if end := t.Notice.After(received); end.After(minEnd) {
		return end
	}
	return minEnd
}

// agreedEndFor is the end under the agreed terms, for contracts concluded
// before the consumer rules: the first period end, counted from the start,
// on or after both the minimum term's end and received plus the notice.
func (t Terms) agreedEndFor(start, received Date) Date {
	minEnd := t.MinTermEnd(start)
	earliest := t.Notice.After(received)
	switch t.Renewal {
	case RenewNone:
		return minEnd
	case RenewFixed:
		months := t.MinTermMonths
		end := minEnd
		for end.Before(earliest) {
			months += t.RenewalMonths
			end = start.PeriodEnd(months)
		}
		return end
	}
	if !earliest.After(minEnd) {
		return minEnd
	}
	cycle := t.Billing.Months()
	if cycle == 0 {
		return earliest
	}
	months := start.MonthsBetween(earliest) / cycle * cycle
	if months < t.MinTermMonths {
		months = t.MinTermMonths
	}
	end := start.PeriodEnd(months)
	for end.Before(earliest) {
		months += cycle
		end = start.PeriodEnd(months)
	}
	return end
}

// NoticeDeadline returns the last day notice can be received for the
// contract to end with its minimum term.
func (t Terms) NoticeDeadline(start Date) Date {
	minEnd := t.MinTermEnd(start)
	d := minEnd
	switch t.Notice.Unit {
	case NoticeMonths:
		d = minEnd.AddMonthsClamped(-t.Notice.N)
		// the last day whose notice still ends on or before minEnd
		for t.Notice.After(d.AddDays(1)).Before(minEnd.AddDays(1)) {
			d = d.AddDays(1)
		}
		for t.Notice.After(d).After(minEnd) {
			d = d.AddDays(-1)
		}
	case NoticeWeeks:
		d = minEnd.AddDays(-7 * t.Notice.N)
	default:
		d = minEnd.AddDays(-t.Notice.N)
	}
	return d
}
