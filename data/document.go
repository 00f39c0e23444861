package data

// DocumentKind is a kind of letter the studio issues.
type DocumentKind string

// Letter kinds, each numbered on its own.
const (
	DocReminder     DocumentKind = "reminder"
	DocReceipt      DocumentKind = "receipt"
	DocCancellation DocumentKind = "cancellation"
	DocWithdrawal   DocumentKind = "withdrawal"
	DocMandate      DocumentKind = "mandate"   // a SEPA mandate form to sign
	DocPreNotice    DocumentKind = "prenotice" // the pre-notification of a direct debit
)

// DocumentKinds lists the kinds of letters.
var DocumentKinds = []DocumentKind{DocReminder, DocReceipt, DocCancellation, DocWithdrawal, DocMandate, DocPreNotice}

// Document is one issued letter, kept as printed.
type Document struct {
	ID       int64        `json:"id"`
	Kind     DocumentKind `json:"kind"`
	Number   string       `json:"number"`
	ClientID int64        `json:"client_id"`
	RefID    int64        `json:"ref_id"`
	Language string       `json:"language"`
	IssuedAt string       `json:"issued_at"`
	SHA256   string       `json:"sha256"`
	// a pre-notification's collections, kept with it
	Announces []Announced `json:"-"`
}

// Announced is one collection a pre-notification announces: the charge,
// the amount and the first day it may be collected on.
type Announced struct {
	ChargeID  int64  `json:"charge_id"`
	Amount    Money  `json:"amount"`
	CollectOn Date   `json:"collect_on"`
	Charge    Charge `json:"-"` // what the letter prints
}
