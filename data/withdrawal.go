package data

// WithdrawalDays is the consumer's period of withdrawal (§ 355 BGB).
const WithdrawalDays = 14

// Withdrawal is what a contract concluded off the premises or at a
// distance records of the consumer's right of withdrawal (§§ 312g, 355,
// 356, 357a BGB).
type Withdrawal struct {
	NoticeOn    Date  `json:"withdrawal_notice_on"`    // the day the withdrawal notice was handed over
	NoticeDoc   int64 `json:"withdrawal_notice_doc"`   // the agreement that carried it
	EarlyStart  bool  `json:"early_start"`             // the client expressly asked to start within the period
	WithdrawnOn Date  `json:"withdrawn_on"`            // the day the withdrawal was received
	Refund      Money `json:"withdrawal_refund_cents"` // what the studio owes back after the value of services given
}

// Withdrawable reports whether the client may withdraw from the contract:
// one concluded off the premises or at a distance.
func (c *Contract) Withdrawable() bool {
	return c.Concluded == ConcludedElsewhere || c.Concluded == ConcludedDistance
}

// WithdrawalUntil is the last day of the period of withdrawal (zero for a
// contract concluded at the studio). The period runs 14 days from the
// later of the conclusion and the day the notice was handed over, the day
// itself not counted (§§ 187, 355 Abs. 2, 356 Abs. 3 BGB); while no notice
// was given it ends 12 months and 14 days after the conclusion.
func (c *Contract) WithdrawalUntil() Date { return c.withdrawalUntil(c.NoticeOn) }

// WithdrawalUntilHanded is the period's last day if the notice, not yet
// given, were handed over on day (the day an agreement is printed).
func (c *Contract) WithdrawalUntilHanded(day Date) Date {
	if !c.NoticeOn.IsZero() {
		return c.WithdrawalUntil()
	}
	return c.withdrawalUntil(day)
}

func (c *Contract) withdrawalUntil(notice Date) Date {
	if !c.Withdrawable() {
		return Date{}
	}
	from := c.ConcludedOn()
	if notice.IsZero() {
		return from.AddMonthsClamped(12).AddDays(WithdrawalDays)
	}
	if notice.After(from) {
		from = notice
	}
	return from.AddDays(WithdrawalDays)
}

// StartsInPeriod reports whether the service starts within the period of
// withdrawal though the client did not expressly ask for that: the counter
// shows such a contract, since without the request the client owes
// nothing for what was given before a withdrawal (§ 357a Abs. 2 BGB).
func (c *Contract) StartsInPeriod() bool {
	return c.Withdrawable() && !c.EarlyStart && c.WithdrawnOn.IsZero() && !c.Start.After(c.WithdrawalUntil())
}

// GivenShare is the part of amount that pays for what a withdrawn contract
// gave up to its end (zero when it never started).
func (c *Contract) GivenShare(amount Money) Money {
	if c.EndsOn.Before(c.Start) {
		return 0
	}
	if c.Sessions > 0 {
		return prorate(amount, min(c.SessionsUsed, c.Sessions), c.Sessions)
	}
	term := Period{Start: c.Start, End: c.EndsOn, Days: c.Start.DaysUntil(c.MinTermEnd()) + 1}
	return term.Share(amount)
}
