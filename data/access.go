package data

import (
	"time"
)

// Op is an operation only some roles may carry out.
type Op string

// Operations reserved for the owner. Everything else — clients, contracts,
// payments, goodwill, demands, printing letters — is front-desk work.
const (
	OpReview         Op = "review"
	OpBudget         Op = "budget"
	OpThresholds     Op = "thresholds"
	OpClauses        Op = "clauses"
	OpSettings       Op = "settings"
	OpStaff          Op = "staff"
	OpRestore        Op = "restore"
	OpErase          Op = "erase"
	OpReversePayment Op = "reverse_payment"
	OpDeleteGoodwill Op = "delete_goodwill"
	OpAudit          Op = "audit"
	OpTransfer       Op = "transfer"
	OpClientExport   Op = "client_export"
	OpPayOut         Op = "payout"
	OpDebitRun       Op = "debit_run" // collection runs by direct debit
)

// OwnerOps lists every operation reserved for the owner.
var OwnerOps = []Op{OpReview, OpBudget, OpThresholds, OpClauses, OpSettings, OpStaff, OpRestore, OpErase,
	OpReversePayment, OpDeleteGoodwill, OpAudit, OpTransfer, OpClientExport, OpPayOut, OpDebitRun}

// PIN rules.
const (
	MinPINLen      = 4
	MaxPINLen      = 8
	MaxPINFailures = 5
	PINLockout     = 5 * time.Minute
)

// CheckPINFormat accepts 4 to 8 digits.
func CheckPINFormat(pin string) error {
	ok := len(pin) >= MinPINLen && len(pin) <= MaxPINLen
	for _, r := range pin {
		if r < '0' || r > '9' {
			ok = false
		}
	}
	if !ok {
		return &Error{Code: CodeInvalid, Key: "staff.invalid", Fields: []FieldError{{Field: "pin", Key: "staff.pin.format",
			Args: map[string]any{"Min": MinPINLen, "Max": MaxPINLen}}}}
	}
	return nil
}

// SignInRules says whether the window asks for a PIN, and after how many
// idle minutes it asks again.
type SignInRules struct {
	Enabled     bool
	IdleMinutes int
}
