package data

// Worth is the whole relationship with a client beside the goodwill they
// received: what they bring each month and in a year, whom they brought.
type Worth struct {
	Monthly    Money         // current contracts, as a monthly amount
	Revenue12  Money         // payments received in the last 12 months, less reversals
	Referred   int           // clients they referred
	Goodwill12 GoodwillTotal // goodwill received in the last 12 months
	Visits12   int           // sessions attended in the last 12 months
}

// GoodwillPerVisit is the goodwill of the last 12 months shared among the
// visits of that time (0 without visits).
func (w Worth) GoodwillPerVisit() Money {
	if w.Visits12 == 0 {
		return 0
	}
	return Money((int64(w.Goodwill12.Value) + int64(w.Visits12)/2) / int64(w.Visits12))
}

// MonthlyShare is what a contract brings in a month: its price spread over
// its billing period; contracts billed once or per session count nothing.
func (c *Contract) MonthlyShare() Money {
	if m := c.Billing.Months(); m > 0 {
		return c.Price / Money(m)
	}
	return 0
}

// SessionValue is what one session of a contract is worth, the default
// value of a goodwill entry: a monthly price counts four sessions, a
// quarterly twelve, a yearly 48; once or per session, the price itself.
func (c *Contract) SessionValue() Money {
	if m := c.Billing.Months(); m > 0 {
		return c.Price / Money(4*m)
	}
	return c.Price
}
