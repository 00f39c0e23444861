package data

import (
	"strings"
	"unicode/utf8"
)

// GoodwillCategory is what kind of extra was given.
type GoodwillCategory string

// Goodwill categories.
const (
	CatExtraSession    GoodwillCategory = "extra_session"
	CatMakeup          GoodwillCategory = "makeup"
	CatExtendedTime    GoodwillCategory = "extended_time"
	CatFreeProduct     GoodwillCategory = "free_product"
	CatPriceConcession GoodwillCategory = "price_concession"
	CatRuleBent        GoodwillCategory = "rule_bent"
	CatPersonalTime    GoodwillCategory = "personal_time"
	CatOther           GoodwillCategory = "other"
)

// GoodwillCategories lists the categories in the order forms offer them.
var GoodwillCategories = []GoodwillCategory{CatExtraSession, CatMakeup, CatExtendedTime, CatFreeProduct,
	CatPriceConcession, CatRuleBent, CatPersonalTime, CatOther}

// MaxMinutes bounds the time one goodwill entry records (a day).
const MaxMinutes = 24 * 60

// Goodwill is something given beyond the contract, voluntarily.
type Goodwill struct {
	ID          int64            `json:"id"`
	ClientID    int64            `json:"client_id"`
	GivenOn     Date             `json:"given_on"`
	Category    GoodwillCategory `json:"category"`
	Description string           `json:"description"`
	Value       Money            `json:"value"`   // what it would have cost
	Minutes     int              `json:"minutes"` // time spent
	GivenBy     int64            `json:"given_by"`
	DemandID    int64            `json:"demand_id"`
	ServiceID   int64            `json:"service_id"`
	CreatedAt   string           `json:"created_at"`
	UpdatedAt   string           `json:"updated_at"`
	Branch      string           `json:"branch,omitempty"` // where it was given; '' = the studio names no branch

	ClientName  string `json:"-"`
	GivenByName string `json:"-"`
}

// Validate checks a goodwill entry against today's date.
func (g *Goodwill) Validate(today Date) error {
	g.Description = strings.TrimSpace(g.Description)
	v := FieldErrors{Key: "goodwill.invalid"}
	if g.ClientID == 0 {
		v.Add("client", "goodwill.client.required", nil)
	}
	if g.GivenOn.IsZero() {
		v.Add("given_on", "goodwill.given_on.required", nil)
	} else if g.GivenOn.After(today) {
		v.Add("given_on", "goodwill.given_on.future", nil)
	}
	if !OneOf(g.Category, GoodwillCategories) {
		v.Add("category", "goodwill.category.invalid", nil)
	}
	if !MultiLine(g.Description) {
		v.Add("description", "field.control", nil)
	}
	if g.Description == "" {
		v.Add("description", "goodwill.description.required", nil)
	} else if utf8.RuneCountInString(g.Description) > MaxTextLen {
		v.Add("description", "field.too_long", map[string]any{"Max": MaxTextLen})
	}
	switch {
	case g.Value < 0:
		v.Add("value", "goodwill.value.negative", nil)
	case g.Value > MaxMoney:
		v.Add("value", "money.too_large", map[string]any{"Max": MaxMoney})
	}
	if g.Minutes < 0 || g.Minutes > MaxMinutes {
		v.Add("minutes", "goodwill.minutes.range", map[string]any{"Max": MaxMinutes})
	}
	return v.Err()
}

// GoodwillFilter narrows the goodwill ledger; zero fields do not filter.
type GoodwillFilter struct {
	From, To Date // both days included
	Category GoodwillCategory
	GivenBy  int64
	ClientID int64
	Limit    int
}

// GoodwillTotal sums goodwill entries.
type GoodwillTotal struct {
	Count   int
	Value   Money
	Minutes int
}
