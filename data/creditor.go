package data

import (
	"strconv"
	"strings"
)

// The studio as creditor of its direct debits: its creditor identifier,
// the account the debits are paid into, how many TARGET business days its
// bank needs a collection before it is due, and how many days before a
// collection a client hears of it (pre-notification).
const (
	SettingCreditorID = "debit:creditor_id"
	SettingDebitIBAN  = "debit:iban"
	SettingDebitBIC   = "debit:bic"
	SettingLeadDays   = "debit:lead_days"
	SettingNoticeDays = "debit:notice_days"
	SettingPassFee    = "debit:pass_fee"
	DefaultLeadDays   = 2
	DefaultNoticeDays = 14
	MaxLeadDays       = 10
	MaxNoticeDays     = 60
)

// Creditor is the studio's direct debit settings.
type Creditor struct {
	ID         string // creditor identifier (Gläubiger-Identifikationsnummer)
	IBAN, BIC  string
	LeadDays   int  // TARGET business days the bank needs
	NoticeDays int  // days a client hears of a collection before it
	PassFee    bool // a returned debit's bank fee is charged to the client
}

// Ready reports whether the studio can collect: it has a creditor
// identifier and an account.
func (c Creditor) Ready() bool { return c.ID != "" && c.IBAN != "" }

// Validate tidies the settings as typed and checks them; an empty
// identifier and account mean the studio does not collect by direct
// debit (yet).
func (c *Creditor) Validate() error {
	c.ID, c.IBAN, c.BIC = CleanIBAN(c.ID), CleanIBAN(c.IBAN), CleanIBAN(c.BIC)
	v := FieldErrors{Key: "creditor.invalid"}
	if c.ID != "" {
		if key := CheckCreditorID(c.ID); key != "" {
			v.Add("creditor_id", key, nil)
		}
	}
	if c.IBAN != "" {
		if key := CheckIBAN(c.IBAN); key != "" {
			v.Add("iban", key, nil)
		}
	} else if c.ID != "" {
		v.Add("iban", "creditor.iban.required", nil)
	}
	if c.BIC != "" {
		if key := CheckBIC(c.BIC); key != "" {
			v.Add("bic", key, nil)
		}
	}
	if c.LeadDays < 1 || c.LeadDays > MaxLeadDays {
		v.Add("lead_days", "creditor.lead_days", map[string]any{"Max": MaxLeadDays})
	}
	if c.NoticeDays < 1 || c.NoticeDays > MaxNoticeDays {
		v.Add("notice_days", "creditor.notice_days", map[string]any{"Max": MaxNoticeDays})
	}
	return v.Err()
}

// CreditorFrom reads the settings as stored (read gives a setting's value,
// "" if it has none).
func CreditorFrom(read func(key string) string) Creditor {
	c := Creditor{ID: read(SettingCreditorID), IBAN: read(SettingDebitIBAN), BIC: read(SettingDebitBIC),
		LeadDays: DefaultLeadDays, NoticeDays: DefaultNoticeDays, PassFee: read(SettingPassFee) == "1"}
	if n, err := strconv.Atoi(strings.TrimSpace(read(SettingLeadDays))); err == nil {
		c.LeadDays = n
	}
	if n, err := strconv.Atoi(strings.TrimSpace(read(SettingNoticeDays))); err == nil {
		c.NoticeDays = n
	}
	return c
}
