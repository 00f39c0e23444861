package data

import (
	"strings"
	"unicode/utf8"
)

// ServiceKind is what sort of offer a service is.
type ServiceKind string

// Service kinds.
const (
	KindCourse     ServiceKind = "course"
	KindMembership ServiceKind = "membership"
	KindSingle     ServiceKind = "single"
	KindCard       ServiceKind = "card" // a 10-card and the like
	KindTreatment  ServiceKind = "treatment"
)

// ServiceKinds lists the kinds in the order forms offer them.
var ServiceKinds = []ServiceKind{KindCourse, KindMembership, KindSingle, KindCard, KindTreatment}

// Service is an entry in the studio's catalogue; its price and terms are
// the defaults of a new contract.
type Service struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Kind        ServiceKind `json:"kind"`
	Description string      `json:"description"`
	// NameEN and DescriptionEN are what English letters and agreements
	// print; empty, they print the German ones.
	NameEN        string `json:"name_en"`
	DescriptionEN string `json:"description_en"`
	Price         Money  `json:"price"`
	Terms
	Sessions     int    `json:"sessions"`      // a card's sessions; 0 for other kinds
	ValidMonths  int    `json:"valid_months"`  // how long a card is valid
	SessionPrice Money  `json:"session_price"` // one session beyond the contract: charged, or given as goodwill
	Active       bool   `json:"active"`
	CreatedAt    string `json:"created_at"`
}

// Validate checks the service.
func (sv *Service) Validate() error {
	sv.Name = strings.Join(strings.Fields(sv.Name), " ")
	sv.Description = strings.TrimSpace(sv.Description)
	sv.NameEN = strings.Join(strings.Fields(sv.NameEN), " ")
	sv.DescriptionEN = strings.TrimSpace(sv.DescriptionEN)
	v := FieldErrors{Key: "service.invalid"}
	if sv.Name == "" {
		v.Add("name", "service.name.required", nil)
	}
	for _, f := range [][2]string{{"name", sv.Name}, {"name_en", sv.NameEN}} {
		switch {
		case utf8.RuneCountInString(f[1]) > MaxNameLen:
			v.Add(f[0], "service.name.too_long", map[string]any{"Max": MaxNameLen})
		case Invisible(f[1]):
			v.Add(f[0], "field.invisible", nil)
		}
	}
	for _, f := range [][2]string{{"description", sv.Description}, {"description_en", sv.DescriptionEN}} {
		if utf8.RuneCountInString(f[1]) > MaxTextLen {
			v.Add(f[0], "field.too_long", map[string]any{"Max": MaxTextLen})
		}
	}
	if !OneOf(sv.Kind, ServiceKinds) {
		v.Add("kind", "service.kind.invalid", nil)
	}
	ValidatePrice(&v, sv.Price)
	sv.Terms.validate(&v)
	if len(v.fields) == 0 {
		v.fields = append(v.fields, sv.Terms.Void(ConsumerLawSince)...) // its contracts are concluded today
	}
	sv.validateCard(&v)
	return v.Err()
}

// Card limits: sessions and validity a card service may have.
const (
	MaxCardSessions    = 200
	MaxCardValidMonths = 60
)

// validateCard checks a card's sessions and validity (other kinds have
// none) and the price of one session, which defaults to a card's price
// shared among its sessions.
func (sv *Service) validateCard(v *FieldErrors) {
	if sv.Kind != KindCard {
		sv.Sessions, sv.ValidMonths = 0, 0
	} else {
		if sv.Sessions < 1 || sv.Sessions > MaxCardSessions {
			v.Add("sessions", "service.sessions.range", map[string]any{"Max": MaxCardSessions})
		}
		if sv.ValidMonths < 1 || sv.ValidMonths > MaxCardValidMonths {
			v.Add("valid_months", "service.valid_months.range", map[string]any{"Max": MaxCardValidMonths})
		}
		if sv.SessionPrice == 0 && sv.Sessions > 0 {
			sv.SessionPrice = Money((int64(sv.Price) + int64(sv.Sessions)/2) / int64(sv.Sessions))
		}
	}
	if sv.Kind == KindSingle && sv.SessionPrice == 0 {
		sv.SessionPrice = sv.Price
	}
	if sv.SessionPrice < 0 {
		v.Add("session_price", "price.negative", nil)
	} else if sv.SessionPrice > MaxMoney {
		v.Add("session_price", "money.too_large", map[string]any{"Max": MaxMoney})
	}
}

func ValidatePrice(v *FieldErrors, p Money) {
	if p < 0 {
		v.Add("price", "price.negative", nil)
	} else if p > MaxMoney {
		v.Add("price", "money.too_large", map[string]any{"Max": MaxMoney})
	}
}

// NameIn returns the service's name in lang: the English one in English
// when it has one, else the German.
func (sv Service) NameIn(lang string) string { return inLanguage(lang, sv.Name, sv.NameEN) }

// DescriptionIn returns the service's description in lang, as NameIn.
func (sv Service) DescriptionIn(lang string) string {
	if lang == "en" && sv.NameEN != "" {
		return sv.DescriptionEN // an English name goes with its own description, or none
	}
	return sv.Description
}

// inLanguage picks the English text in English when there is one.
func inLanguage(lang, german, english string) string {
	if lang == "en" && english != "" {
		return english
	}
	return german
}
