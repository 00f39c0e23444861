package data

import (
	"strings"
	"unicode/utf8"
)

// Charge is money a client owes: a billing period of a contract, or a
// one-off extra.
type Charge struct {
	ID          int64  `json:"id"`
	ClientID    int64  `json:"client_id"`
	ContractID  int64  `json:"contract_id"` // 0 for a one-off charge without a contract
	PeriodStart Date   `json:"period_start"`
	PeriodEnd   Date   `json:"period_end"`
	Description string `json:"description"` // for a contract's period: its service
	Amount      Money  `json:"amount"`
	Paid        Money  `json:"paid"` // what payments cover of it, oldest charges first
	Due         Date   `json:"due"`
	CreatedAt   string `json:"created_at"`
	ServiceEN   string `json:"-"` // the English name of a contract's service
}

// DescriptionIn says what the charge is for in lang: a contract's period
// by its service's name in that language, a one-off charge as typed.
func (c Charge) DescriptionIn(lang string) string {
	if c.PeriodStart.IsZero() {
		return c.Description
	}
	return inLanguage(lang, c.Description, c.ServiceEN)
}

// Open returns what is still unpaid.
func (c Charge) Open() Money { return c.Amount - c.Paid }

// PaymentMethod is how money was received.
type PaymentMethod string

// Payment methods.
const (
	MethodCash        PaymentMethod = "cash"
	MethodCard        PaymentMethod = "card"
	MethodTransfer    PaymentMethod = "transfer"
	MethodDirectDebit PaymentMethod = "direct_debit"
)

// PaymentMethods lists the methods in the order forms offer them.
var PaymentMethods = []PaymentMethod{MethodCash, MethodCard, MethodTransfer, MethodDirectDebit}

// Payment is money received from a client; a reversal is a payment with a
// negative amount that names the payment it takes back.
type Payment struct {
	ID         int64         `json:"id"`
	ClientID   int64         `json:"client_id"`
	Amount     Money         `json:"amount"`
	Method     PaymentMethod `json:"method"`
	ReceivedOn Date          `json:"received_on"`
	Note       string        `json:"note"`
	Reverses   int64         `json:"reverses"`    // for a reversal: the payment it takes back
	ReversedBy int64         `json:"reversed_by"` // for a reversed payment: its reversal
	StaffID    int64         `json:"staff_id"`
	CreatedAt  string        `json:"created_at"`
	Branch     string        `json:"branch,omitempty"` // where it was received; '' = the studio names no branch
}

// Validate checks a new payment against today's date.
func (p *Payment) Validate(today Date) error {
	p.Note = strings.TrimSpace(p.Note)
	v := FieldErrors{Key: "payment.invalid"}
	switch {
	case p.Amount <= 0:
		v.Add("amount", "payment.amount.positive", nil)
	case p.Amount > MaxMoney:
		v.Add("amount", "money.too_large", map[string]any{"Max": MaxMoney})
	}
	if !OneOf(p.Method, PaymentMethods) {
		v.Add("method", "payment.method.invalid", nil)
	}
	if p.ReceivedOn.IsZero() {
		v.Add("received_on", "payment.received.required", nil)
	} else if p.ReceivedOn.After(today) {
		v.Add("received_on", "payment.received.future", nil)
	}
	if utf8.RuneCountInString(p.Note) > MaxTextLen {
		v.Add("note", "field.too_long", map[string]any{"Max": MaxTextLen})
	}
	if !MultiLine(p.Note) {
		v.Add("note", "field.control", nil)
	}
	return v.Err()
}

// OneOffCharge is a charge the counter adds by hand: a billed extra.
type OneOffCharge struct {
	ClientID    int64
	ContractID  int64 // optional
	Description string
	Amount      Money
	Due         Date
}

// ChargeDue is what one charge asks of its client, and when.
type ChargeDue struct {
	ID, ClientID int64
	Amount       Money
	Due          Date
}
