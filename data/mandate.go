package data

import (
	"strings"
	"unicode/utf8"
)

// MandateState is where a mandate stands on a day.
type MandateState string

const (
	MandateActive  MandateState = "active"
	MandateRevoked MandateState = "revoked" // by the client, the studio or the bank's return
	MandateExpired MandateState = "expired" // unused for 36 months, or a one-off mandate used
)

// MandateMonths is how long a mandate lasts unused: 36 months from its
// last collection, else from its signature.
const MandateMonths = 36

// MaxHolder is the longest account holder's name the banks take.
const MaxHolder = 70

// Mandate is a SEPA direct debit mandate (SEPA-Lastschriftmandat): the
// account holder's permission for the studio to collect from the
// account. The holder is not always the client (a parent pays for a
// child).
type Mandate struct {
	ID        int64  `json:"id"`
	ClientID  int64  `json:"client_id"`
	Reference string `json:"reference"` // unique regardless of case
	SignedOn  Date   `json:"signed_on"`
	Once      bool   `json:"once"`   // one-off (OOFF) rather than recurrent (RCUR)
	Holder    string `json:"holder"` // '' = the client
	// outside the European Economic Area the holder's town and country
	// travel with the debit
	HolderTown    string `json:"holder_town"`
	HolderCountry string `json:"holder_country"`
	IBAN          string `json:"iban"`
	BIC           string `json:"bic"`
	RevokedOn     Date   `json:"revoked_on"`
	RevokedWhy    string `json:"revoked_why"`
	LastCollected Date   `json:"last_collected"`
	// a changed account: the one before, until the next collection tells
	// the bank (and whether it was at another bank: SMNDA)
	AmendedFrom    string `json:"amended_from"`
	AmendOtherBank bool   `json:"amend_other_bank"`
	CreatedAt      string `json:"created_at"`
	UpdatedAt      string `json:"updated_at"`

	ClientName string `json:"-"`
}

// ExpiresOn is the first day the mandate may no longer be used, if it is
// not used before: 36 months on (a mandate used on 29 February 2024
// lasts until 28 February 2027 and expires on 1 March).
func (m Mandate) ExpiresOn() Date {
	from := m.SignedOn
	if !m.LastCollected.IsZero() {
		from = m.LastCollected
	}
	end := from.AddMonthsClamped(MandateMonths)
	if end.AddMonthsClamped(-MandateMonths).Before(from) {
		end = end.AddDays(1)
	}
	return end
}

// MandateCutoff is the day a mandate must have been signed or last used
// after to be in force on day.
func MandateCutoff(day Date) Date { return day.AddMonthsClamped(-MandateMonths) }

// State is where the mandate stands on the day.
func (m Mandate) State(day Date) MandateState {
	switch {
	case !m.RevokedOn.IsZero() && !day.Before(m.RevokedOn):
		return MandateRevoked
	case m.Once && !m.LastCollected.IsZero(), !day.Before(m.ExpiresOn()):
		return MandateExpired
	}
	return MandateActive
}

// HolderName is who holds the account: the holder named, else the client.
func (m Mandate) HolderName() string {
	if m.Holder != "" {
		return m.Holder
	}
	return m.ClientName
}

// Validate tidies a mandate as typed (spaces and case of IBAN and BIC)
// and checks it against today: the reference if given (the store makes
// one otherwise), a signature not in the future, the IBAN and BIC, and
// for an account outside the EEA the BIC and the holder's town and
// country.
func (m *Mandate) Validate(today Date) error {
	m.Reference = strings.TrimSpace(m.Reference)
	m.Holder = strings.TrimSpace(m.Holder)
	m.HolderTown = strings.TrimSpace(m.HolderTown)
	m.HolderCountry = strings.ToUpper(strings.TrimSpace(m.HolderCountry))
	m.IBAN, m.BIC = CleanIBAN(m.IBAN), CleanIBAN(m.BIC)
	v := FieldErrors{Key: "mandate.invalid"}
	if m.Reference != "" {
		if key := CheckMandateRef(m.Reference); key != "" {
			v.Add("reference", key, map[string]any{"Max": MaxMandateRef})
		}
	}
	switch {
	case m.SignedOn.IsZero():
		v.Add("signed_on", "mandate.signed.required", nil)
	case m.SignedOn.After(today):
		v.Add("signed_on", "mandate.signed.future", nil)
	}
	if key := CheckIBAN(m.IBAN); key != "" {
		v.Add("iban", key, nil)
	}
	if m.BIC != "" {
		if key := CheckBIC(m.BIC); key != "" {
			v.Add("bic", key, nil)
		}
	}
	v.line("holder", m.Holder)
	v.line("holder_town", m.HolderTown)
	if utf8.RuneCountInString(m.Holder) > MaxHolder {
		v.Add("holder", "mandate.holder.long", map[string]any{"Max": MaxHolder})
	}
	if OutsideEEA(m.IBAN) {
		if m.BIC == "" {
			v.Add("bic", "mandate.bic.outside", nil)
		}
		if m.HolderTown == "" {
			v.Add("holder_town", "mandate.town.outside", nil)
		}
		if len(m.HolderCountry) != 2 || !isLetters(m.HolderCountry) {
			v.Add("holder_country", "mandate.country.outside", nil)
		}
	}
	return v.Err()
}

// bankCodes is how many characters after an IBAN's check digits name its
// bank, for the countries whose IBAN says so plainly; elsewhere the
// first four.
var bankCodes = map[string]int{"DE": 8, "AT": 5, "CH": 5, "LI": 5, "FR": 5, "MC": 5, "BE": 3, "LU": 3, "NL": 4,
	"ES": 4, "IT": 6, "SM": 6, "PL": 8, "GB": 10, "IE": 10}

// SameBank reports whether two IBANs are at the same bank: a changed
// account at another bank makes the next debit say so (SMNDA).
func SameBank(a, b string) bool {
	if len(a) < 5 || len(b) < 5 || a[:2] != b[:2] {
		return false
	}
	n := bankCodes[a[:2]]
	if n == 0 {
		n = 4
	}
	if len(a) < 4+n || len(b) < 4+n {
		return false
	}
	return a[4:4+n] == b[4:4+n]
}
