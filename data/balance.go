package data

// SettingGraceDays is how many days past due a charge counts as overdue.
const SettingGraceDays = "money:grace_days"

// DefaultGraceDays is the grace period when none is set.
const DefaultGraceDays = 14

// MaxGraceDays bounds the grace period.
const MaxGraceDays = 365

// Balance is where a client stands: what is open, how much of it is
// overdue, and credit waiting for the next charge.
type Balance struct {
	Open, Overdue, Credit Money
	OpenCharges           []Charge
}

// Total adds up what the open charges leave open, and of it what was due
// on or before cutoff (the last day not yet within the grace period).
func (b *Balance) Total(cutoff Date) {
	b.Open, b.Overdue = 0, 0
	for _, c := range b.OpenCharges {
		b.Open += c.Open()
		if !c.Due.After(cutoff) {
			b.Overdue += c.Open()
		}
	}
}

// BalanceRow is a client in the open-balances list.
type BalanceRow struct {
	ClientRow
	Open, Overdue Money
	OldestDue     Date
}

// BalanceOrder says how the open-balances list is sorted.
type BalanceOrder int

// The orders of the open-balances list.
const (
	ByOverdue   BalanceOrder = iota // most overdue first, then most open (the default)
	ByOldestDue                     // the oldest unpaid due date first
	ByName                          // by family name
)

// StudioTotals are the studio's money at a glance.
type StudioTotals struct {
	Open, Overdue, ReceivedThisMonth Money
	ClientsOverdue                   int
}
