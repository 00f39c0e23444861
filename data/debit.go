package data

import "time"

// A collection run (Lastschrifteinzug) gathers the open charges of
// contracts paid by direct debit up to a due date, each under its client's
// mandate, into one file for the bank (pain.008, CORE). Its charges are in
// collection until the run is cancelled or booked; on its collection date
// it books a payment for each debit.

// SequenceType is a debit's place in its mandate's life: recurrent
// (RCUR, from the first collection on) or one-off (OOFF).
type SequenceType string

const (
	SeqRecurrent SequenceType = "RCUR"
	SeqOneOff    SequenceType = "OOFF"
)

// RunStatus is where a collection run stands.
type RunStatus string

const (
	RunPrepared  RunStatus = "prepared"  // written for the bank; cancellable
	RunCancelled RunStatus = "cancelled" // its charges are open again
	RunBooked    RunStatus = "booked"    // collected: its payments are booked
)

// Reasons a charge is left out of a run.
const (
	LeftNoMandate  = "no_mandate"
	LeftRevoked    = "mandate_revoked"
	LeftExpired    = "mandate_expired"
	LeftAmountZero = "amount_zero"
	LeftInRun      = "in_run"
	LeftNoticeLate = "notice_late"
	LeftNoCreditor = "no_creditor"
	LeftReturned   = "returned" // collected once, returned by the bank
)

// What the banks take in a debit's texts: a name of 70 characters, a
// remittance text of 140.
const (
	MaxDebitName  = 70
	MaxRemittance = 140
	MaxDebitTown  = 35
)

// Debit is one collection from one account under one mandate.
type Debit struct {
	ID        int64        `json:"id"`
	RunID     int64        `json:"run_id"`
	ChargeID  int64        `json:"charge_id"`
	ClientID  int64        `json:"client_id"`
	MandateID int64        `json:"mandate_id"`
	Amount    Money        `json:"amount"`
	Sequence  SequenceType `json:"sequence"`
	EndToEnd  string       `json:"end_to_end"`
	Text      string       `json:"text"` // what the client reads on the statement
	// as the mandate stood when the run was made
	Reference      string `json:"reference"`
	SignedOn       Date   `json:"signed_on"`
	Holder         string `json:"holder"`
	HolderTown     string `json:"holder_town"`
	HolderCountry  string `json:"holder_country"`
	IBAN           string `json:"iban"`
	BIC            string `json:"bic"`
	AmendedFrom    string `json:"amended_from"`
	AmendOtherBank bool   `json:"amend_other_bank"`
	PaymentID      int64  `json:"payment_id"` // once booked
	ClientName     string `json:"-"`
}

// LeftOut is an open charge a run does not collect, and why.
type LeftOut struct {
	ChargeID   int64
	ClientID   int64
	ClientName string
	Amount     Money
	Due        Date
	Reason     string
}

// DebitRun is a collection run with its debits.
type DebitRun struct {
	ID          int64     `json:"id"`
	MessageID   string    `json:"message_id"`
	CreatedAt   string    `json:"created_at"`
	Until       Date      `json:"until"`      // charges due up to this day
	CollectOn   Date      `json:"collect_on"` // the collection date asked of the bank
	Status      RunStatus `json:"status"`
	Count       int       `json:"count"`
	Total       Money     `json:"total"`
	CancelledOn Date      `json:"cancelled_on"`
	BookedOn    Date      `json:"booked_on"`
	Debits      []Debit   `json:"-"`
	LeftOut     []LeftOut `json:"-"`
}

// Created is when the run was made.
func (r DebitRun) Created() time.Time { return mustTime(r.CreatedAt) }

// Sum adds up the debits.
func (r *DebitRun) Sum() {
	r.Count, r.Total = len(r.Debits), 0
	for _, d := range r.Debits {
		r.Total += d.Amount
	}
}

// EarliestCollection is the first day a collection handed to the bank
// today can be due: the bank's lead time in TARGET business days.
func EarliestCollection(today Date, leadDays int) Date { return TargetDaysAfter(today, leadDays) }

// Return is a debit the bank gave back (Rücklastschrift), as its
// statement says: the debit's end-to-end id, the amount, the bank's fee,
// its reason code and the day booked.
type Return struct {
	EndToEnd string
	Amount   Money
	Fee      Money
	Reason   string
	On       Date
}

// ReturnReasons are the reason codes the banks give most, in the order a
// person reads them; each has its words in the translations
// (debit.reason.CODE).
var ReturnReasons = []string{"AC01", "AC04", "AC06", "AC13", "AG01", "AG02", "AM04", "AM05", "BE05", "FF01", "MD01", "MD02",
	"MD06", "MD07", "MS02", "MS03", "RR01", "RR02", "RR03", "RR04", "SL01"}

// endsMandate are the reasons after which the mandate cannot be used
// again: the account is wrong, closed or blocked for debits, there is no
// mandate, or the holder died.
var endsMandate = map[string]bool{"AC01": true, "AC04": true, "AC06": true, "AG01": true, "MD01": true, "MD07": true}

// EndsMandate reports whether a return's reason ends its mandate.
func EndsMandate(reason string) bool { return endsMandate[reason] }

// ReturnResult is what reading a bank's returns did.
type ReturnResult struct {
	Applied   []Return // found and taken back now
	Already   int      // found, taken back before: nothing changed
	Unmatched []Return // no debit of the studio has the end-to-end id
	Revoked   int      // mandates the reasons ended
}

// PreNotice is what a client's pre-notification (Vorabankündigung)
// announces: each collection whose amount the agreement does not state,
// with the first day it may be collected, under the mandate in force and
// the studio's creditor identifier.
type PreNotice struct {
	Mandate  Mandate
	Creditor Creditor
	Items    []Announced
}

// Total adds up what the letter announces.
func (p PreNotice) Total() Money {
	var t Money
	for _, it := range p.Items {
		t += it.Amount
	}
	return t
}
