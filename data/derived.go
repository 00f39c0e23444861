package data

import (
	"strconv"
)

// The monthly sums the review reads (goodwill by month, category, staff
// member and client; payments by month; visits by month, outcome and what
// lay beyond the contract) and each client's running membership are kept
// here, by Go code in the transaction of the change, the same on every
// engine. Each change moves a sum by what the record was and what it is
// now; bulk writes add up their rows first and move each sum once.

// SumKey names one row of a kept sum table.
type SumKey struct{ Month, Kind, Part string }

// GoodwillShare is what one goodwill entry adds to the sums; alive is
// false for a deleted entry, which adds nothing.
type GoodwillShare struct {
	Alive           bool
	Month, Category string
	Staff, Client   int64
	Value, Minutes  int64
}

// Keys are the four rows an entry counts in: the month as a whole, its
// category, its staff member (0: nobody named) and its client.
func (g GoodwillShare) Keys() []SumKey {
	return []SumKey{{g.Month, "month", ""}, {g.Month, "category", g.Category},
		{g.Month, "staff", strconv.FormatInt(g.Staff, 10)}, {g.Month, "client", strconv.FormatInt(g.Client, 10)}}
}
