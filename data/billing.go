package data

// Period is one billing period of a contract, both days included.
type Period struct {
	Start, End Date
	Days       int // the days of the whole period; more than End-Start+1 when the contract ends within it
}

// Share returns what part of price the period owes: the whole price for a
// whole period, else day by day, rounded half up to the cent.
func (p Period) Share(price Money) Money {
	days := p.Start.DaysUntil(p.End) + 1
	if p.Days <= 0 || days >= p.Days {
		return price
	}
	return prorate(price, days, p.Days)
}

// prorate returns price × part / whole, rounded half away from zero.
func prorate(price Money, part, whole int) Money {
	n := int64(price) * int64(part) * 2
	d := int64(whole) * 2
	if n >= 0 {
		return Money((n + int64(whole)) / d)
	}
	return -Money((-n + int64(whole)) / d)
}

// MaxPeriods bounds the periods of one contract (100 years of months).
const MaxPeriods = 1200

// PeriodStart returns the first day of billing period k (counted from 0).
func (c *Contract) PeriodStart(k int) Date {
	if k == 0 {
		return c.Start
	}
	return c.Start.PeriodEnd(k * c.Billing.Months()).AddDays(1)
}

// nextPeriodStart returns the first period start after day d; for a
// contract billed once, its start if that is after d, else the day after d.
func (c *Contract) nextPeriodStart(d Date) Date {
	if c.Billing.Months() == 0 {
		if c.Start.After(d) {
			return c.Start
		}
		return d.AddDays(1)
	}
	for k := 0; k < MaxPeriods; k++ {
		if ps := c.PeriodStart(k); ps.After(d) {
			return ps
		}
	}
	return d.AddDays(1)
}

// Periods returns the billing periods that start on or before until and
// not after the contract's end, leaving out those that start in a pause.
// A contract billed once has one period, its minimum term; one billed per
// session has none (sessions are billed one by one).
func (c *Contract) Periods(until Date, pauses []Pause) []Period {
	if c.Start.After(until) {
		return nil
	}
	switch c.Billing {
	case BillingPerSession:
		return nil
	case BillingOnce:
		end := c.MinTermEnd()
		return []Period{{c.Start, end, c.Start.DaysUntil(end) + 1}}
	}
	end := c.End()
	var out []Period
	for k := 0; k < MaxPeriods; k++ {
		ps := c.PeriodStart(k)
		if ps.After(until) || (!end.IsZero() && ps.After(end)) {
			break
		}
		if !inPause(ps, pauses) {
			p := Period{Start: ps, End: c.PeriodStart(k + 1).AddDays(-1)}
			p.Days = ps.DaysUntil(p.End) + 1
			if !end.IsZero() && p.End.After(end) {
				p.End = end // the contract ends within the period: it owes the days up to its end
			}
			out = append(out, p)
		}
	}
	return out
}

func inPause(d Date, pauses []Pause) bool {
	for _, p := range pauses {
		if !d.Before(p.From) && !d.After(p.To) {
			return true
		}
	}
	return false
}

// Pause is a time in which a contract bills nothing.
type Pause struct {
	ID           int64  `json:"id"`
	ContractID   int64  `json:"contract_id"`
	From         Date   `json:"from"`
	To           Date   `json:"to"`
	Reason       string `json:"reason"`
	ExtendMonths int    `json:"extend_months"` // how far the minimum term moved; 0 = it stayed
	CreatedAt    string `json:"created_at"`
}

// Validate checks a new pause's dates and reason.
func (p Pause) Validate() error {
	v := FieldErrors{Key: "pause.invalid"}
	if p.From.IsZero() {
		v.Add("from", "pause.from.required", nil)
	}
	if p.To.IsZero() {
		v.Add("to", "pause.to.required", nil)
	} else if !p.From.IsZero() && p.To.Before(p.From) {
		v.Add("to", "pause.to.before_from", nil)
	}
	if p.Reason == "" {
		v.Add("reason", "pause.reason.required", nil)
	}
	return v.Err()
}
