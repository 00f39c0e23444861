package data

import (
	"fmt"
)

// Retention periods in years, as the law sets them by default: books and
// records 10, vouchers 8, business letters 6.
type RetentionRules struct {
	BooksYears, VouchersYears, LettersYears int
}

// DefaultRetention is the law's default.
var DefaultRetention = RetentionRules{BooksYears: 10, VouchersYears: 8, LettersYears: 6}

// Retained lists what erasure keeps, with the date column that starts each
// record's retention: charges are books, payments vouchers, agreements
// business letters.
var Retained = []struct {
	Kind, Table, Day string
	Years            func(RetentionRules) int
}{
	{"charges", "charges", "due_on", func(r RetentionRules) int { return r.BooksYears }},
	{"payments", "payments", "received_on", func(r RetentionRules) int { return r.VouchersYears }},
	{"agreements", "agreements", "substr(printed_at, 1, 10)", func(r RetentionRules) int { return r.LettersYears }},
	{"letters", "documents", "substr(issued_at, 1, 10)", func(r RetentionRules) int { return r.LettersYears }},
}

// RetentionPart is what is kept of one kind of record: how many, and the
// day the last of them may go. A record is kept to the end of the year it
// belongs to plus the retention period.
type RetentionPart struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
	Years int    `json:"years"`
	Until Date   `json:"until"` // the first day the last of them may be removed
}

// RetentionPlan says, for an erased client, what is still kept and until
// when, and each issued document with the day it may go.
type RetentionPlan struct {
	Parts     []RetentionPart `json:"parts"`
	Documents []KeptDocument  `json:"documents"`
}

// KeptDocument is one issued document's stored copy, kept as a business
// letter: its number, kind, day and the first day it may be removed.
type KeptDocument struct {
	Number string       `json:"number"`
	Kind   DocumentKind `json:"kind"` // "agreement" for an agreement
	Issued Date         `json:"issued"`
	Until  Date         `json:"until"`
}

// ErasedName is what an erased client is called from then on.
func ErasedName(id int64) string { return fmt.Sprintf("#%d", id) }

// CleanupPlan counts what the yearly clean-up would remove.
type CleanupPlan struct {
	Charges, Payments, Agreements, Letters int
}

// Set records the count of the i-th kind of retained record.
func (p *CleanupPlan) Set(i, n int) {
	switch Retained[i].Kind {
	case "charges":
		p.Charges = n
	case "payments":
		p.Payments = n
	case "agreements":
		p.Agreements = n
	case "letters":
		p.Letters = n
	}
}

// Total is how many records the clean-up would remove.
func (p CleanupPlan) Total() int { return p.Charges + p.Payments + p.Agreements + p.Letters }
