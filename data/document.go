package data

// DocumentKind is a kind of letter the studio issues.
type DocumentKind string

// Letter kinds, each numbered on its own.
const (
	DocReminder     DocumentKind = "reminder"
	DocReceipt      DocumentKind = "receipt"
	DocCancellation DocumentKind = "cancellation"
	DocWithdrawal   DocumentKind = "withdrawal"
)

// DocumentKinds lists the kinds of letters.
var DocumentKinds = []DocumentKind{DocReminder, DocReceipt, DocCancellation, DocWithdrawal}

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
}
