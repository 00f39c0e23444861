package data

import (
	"strings"
	"unicode/utf8"
)

// OwedKind is what the contract or the law owed a client.
type OwedKind string

// What may be owed.
const (
	OwedMakeup OwedKind = "makeup" // a session made up for a class the studio cancelled
	OwedRefund OwedKind = "refund" // money the law gives back
)

// OwedKinds lists the kinds in the order forms offer them.
var OwedKinds = []OwedKind{OwedMakeup, OwedRefund}

// Owed is something the studio gave because the contract or the law owes
// it, not as goodwill: it is never counted in the goodwill review, the
// goodwill flag or the client's goodwill.
type Owed struct {
	ID          int64    `json:"id"`
	ClientID    int64    `json:"client_id"`
	GivenOn     Date     `json:"given_on"`
	Kind        OwedKind `json:"kind"`
	Description string   `json:"description"`
	Value       Money    `json:"value"`
	ContractID  int64    `json:"contract_id"`
	DemandID    int64    `json:"demand_id"`
	StaffID     int64    `json:"staff_id"`
	CreatedAt   string   `json:"created_at"`
}

// Validate checks an entry against today's date; a refund names its amount.
func (o *Owed) Validate(today Date) error {
	o.Description = strings.TrimSpace(o.Description)
	v := FieldErrors{Key: "owed.invalid"}
	if o.ClientID == 0 {
		v.Add("client", "goodwill.client.required", nil)
	}
	if o.GivenOn.IsZero() {
		v.Add("given_on", "goodwill.given_on.required", nil)
	} else if o.GivenOn.After(today) {
		v.Add("given_on", "goodwill.given_on.future", nil)
	}
	if !OneOf(o.Kind, OwedKinds) {
		v.Add("kind", "owed.kind.invalid", nil)
	}
	switch {
	case o.Description == "":
		v.Add("description", "goodwill.description.required", nil)
	case utf8.RuneCountInString(o.Description) > MaxTextLen:
		v.Add("description", "field.too_long", map[string]any{"Max": MaxTextLen})
	case !MultiLine(o.Description):
		v.Add("description", "field.control", nil)
	}
	switch {
	case o.Value < 0:
		v.Add("value", "goodwill.value.negative", nil)
	case o.Value > MaxMoney:
		v.Add("value", "money.too_large", map[string]any{"Max": MaxMoney})
	case o.Kind == OwedRefund && o.Value == 0:
		v.Add("value", "owed.refund.amount", nil)
	}
	return v.Err()
}
