package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ClientStatus is where a client stands with the studio.
type ClientStatus string

// Client statuses.
const (
	StatusProspect ClientStatus = "prospect"
	StatusActive   ClientStatus = "active"
	StatusFormer   ClientStatus = "former"
	StatusDeclined ClientStatus = "declined" // a declined inquiry; stays visible
)

// ClientStatuses lists the statuses in the order forms offer them.
var ClientStatuses = []ClientStatus{StatusProspect, StatusActive, StatusFormer, StatusDeclined}

// DeclineGround is why an inquiry was declined.
type DeclineGround string

// Grounds for declining an inquiry.
const (
	GroundLegal   DeclineGround = "legal"
	GroundEthical DeclineGround = "ethical"
)

// DeclineGrounds lists the grounds in the order forms offer them.
var DeclineGrounds = []DeclineGround{GroundLegal, GroundEthical}

// Languages are the languages the studio writes in.
var Languages = []string{"de", "en"}

// Client is a person or family the studio serves.
type Client struct {
	ID            int64         `json:"id"`
	Name          string        `json:"name"`
	ContactPerson string        `json:"contact_person"` // guardian or contact, e.g. for children
	Phone         string        `json:"phone"`
	Email         string        `json:"email"`
	Address       string        `json:"address"` // several lines
	BirthDate     Date          `json:"birth_date"`
	Language      string        `json:"language"`
	Notes         string        `json:"notes"`
	Status        ClientStatus  `json:"status"`
	DeclineGround DeclineGround `json:"decline_ground"`
	DeclineReason string        `json:"decline_reason"`
	ReferredBy    int64         `json:"referred_by"` // 0 = nobody
	Consent
	ErasedOn  Date   `json:"erased_on"` // personal data erased; the rest kept anonymously
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// Consent records when and how a client agreed to the processing of their
// data, and separately their answer on photos and video.
type Consent struct {
	DataOn   Date   `json:"consent_data_on"`
	DataHow  string `json:"consent_data_how"` // e.g. "signed agreement", "by e-mail"
	Media    string `json:"consent_media"`    // "", "yes" or "no"
	MediaOn  Date   `json:"consent_media_on"`
	MediaHow string `json:"consent_media_how"`
}

// MediaAnswers are the answers on photos and video; "" is not asked yet.
var MediaAnswers = []string{"", "yes", "no"}

// ClientRow is a client as lists show it.
type ClientRow struct {
	ID     int64
	Name   string
	Phone  string
	Email  string
	Status ClientStatus

	SortKey string `json:"-"` // the folded name, where a query sorts by it
}

// Limits for client fields.
const (
	MaxNameLen  = 120
	MaxTextLen  = 4000
	minPhoneLen = 5
)

// Normalize trims the client's fields and fills defaults.
func (c *Client) Normalize() {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.ContactPerson = strings.Join(strings.Fields(c.ContactPerson), " ")
	c.Phone = strings.TrimSpace(c.Phone)
	c.Email = strings.TrimSpace(c.Email)
	c.Address = strings.TrimSpace(c.Address)
	c.Notes = strings.TrimSpace(c.Notes)
	c.DeclineReason = strings.TrimSpace(c.DeclineReason)
	c.DataHow, c.MediaHow = strings.TrimSpace(c.DataHow), strings.TrimSpace(c.MediaHow)
	if c.Language == "" {
		c.Language = "de"
	}
	if c.Status == "" {
		c.Status = StatusActive
	}
	if c.Status != StatusDeclined {
		c.DeclineGround, c.DeclineReason = "", ""
	}
}

// Validate checks a normalized client against today's date.
func (c *Client) Validate(today Date) error {
	v := FieldErrors{Key: "client.invalid"}
	switch {
	case c.Name == "":
		v.Add("name", "client.name.required", nil)
	case utf8.RuneCountInString(c.Name) > MaxNameLen:
		v.Add("name", "client.name.too_long", map[string]any{"Max": MaxNameLen})
	}
	if c.Email != "" && !validEmail(c.Email) {
		v.Add("email", "client.email.invalid", nil)
	}
	if c.Phone != "" && !validPhone(c.Phone) {
		v.Add("phone", "client.phone.invalid", nil)
	}
	c.validateBirthDate(&v, today)
	if !OneOf(c.Language, Languages) {
		v.Add("language", "client.language.invalid", nil)
	}
	c.validateStatus(&v)
	c.Consent.validate(&v, today)
	if c.ReferredBy != 0 && c.ReferredBy == c.ID {
		v.Add("referred_by", "client.referred_by.self", nil)
	}
	c.validateText(&v)
	return v.Err()
}

// validateBirthDate accepts no birthday in the future or before 1900.
func (c *Client) validateBirthDate(v *FieldErrors, today Date) {
	switch {
	case c.BirthDate.IsZero():
	case c.BirthDate.After(today):
		v.Add("birth_date", "client.birth_date.future", nil)
	case c.BirthDate.Year() < 1900:
		v.Add("birth_date", "client.birth_date.too_old", nil)
	}
}

// validateStatus checks the status, and that a declined inquiry says on
// which ground and why.
func (c *Client) validateStatus(v *FieldErrors) {
	if !OneOf(c.Status, ClientStatuses) {
		v.Add("status", "client.status.invalid", nil)
	}
	if c.Status != StatusDeclined {
		return
	}
	if !OneOf(c.DeclineGround, DeclineGrounds) {
		v.Add("decline_ground", "client.decline_ground.required", nil)
	}
	if c.DeclineReason == "" {
		v.Add("decline_reason", "client.decline_reason.required", nil)
	}
}

// validateText bounds the free texts and keeps control characters out:
// none in one-line fields, only line breaks and tabs in the others.
func (c *Client) validateText(v *FieldErrors) {
	for _, f := range []struct{ name, val string }{{"address", c.Address}, {"notes", c.Notes}, {"contact_person", c.ContactPerson}} {
		if utf8.RuneCountInString(f.val) > MaxTextLen {
			v.Add(f.name, "field.too_long", map[string]any{"Max": MaxTextLen})
		}
	}
	for _, f := range []struct{ name, val string }{{"name", c.Name}, {"contact_person", c.ContactPerson}, {"phone", c.Phone},
		{"email", c.Email}, {"consent_data_how", c.DataHow}, {"consent_media_how", c.MediaHow}} {
		v.line(f.name, f.val)
	}
	for _, f := range []struct{ name, val string }{{"address", c.Address}, {"notes", c.Notes}, {"decline_reason", c.DeclineReason}} {
		if !MultiLine(f.val) {
			v.Add(f.name, "field.control", nil)
		}
	}
}

// IsMinor reports whether the client is under 18 on the given day.
func (c *Client) IsMinor(today Date) bool {
	return !c.BirthDate.IsZero() && c.BirthDate.YearsBetween(today) < 18
}

func OneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}

// validEmail accepts one @ with a name before it and a domain with a dot
// after it, and no spaces.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " \t,;<>") || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.LastIndex(domain, ".")
	return dot > 0 && dot < len(domain)-2
}

// validPhone accepts digits with the usual separators (+, spaces, /, -,
// parentheses, dots) and at least five digits.
func validPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" /-().", r):
		default:
			return false
		}
	}
	return digits >= minPhoneLen && digits <= 20
}

// validate checks that each consent has its day, no day lies ahead, and
// the answer on photos is one of MediaAnswers.
func (k *Consent) validate(v *FieldErrors, today Date) {
	if k.DataHow != "" && k.DataOn.IsZero() {
		v.Add("consent_data_on", "client.consent.day_needed", nil)
	}
	if !OneOf(k.Media, MediaAnswers) {
		v.Add("consent_media", "client.consent.media_invalid", nil)
	} else if k.Media != "" && k.MediaOn.IsZero() {
		v.Add("consent_media_on", "client.consent.day_needed", nil)
	}
	for _, d := range []struct {
		field string
		day   Date
	}{{"consent_data_on", k.DataOn}, {"consent_media_on", k.MediaOn}} {
		if d.day.After(today) {
			v.Add(d.field, "client.consent.future", nil)
		}
	}
}
