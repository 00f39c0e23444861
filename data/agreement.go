package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Section is one part of the agreement's wording.
type Section struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// ClauseSet is one version of the agreement's wording in one language.
type ClauseSet struct {
	Version   int       `json:"version"`
	Language  string    `json:"language"`
	Sections  []Section `json:"sections"`
	CreatedAt string    `json:"created_at"`
}

// Validate checks the wording: every section needs a title and a text.
func (c *ClauseSet) Validate() error {
	v := FieldErrors{Key: "clauses.invalid"}
	if !OneOf(c.Language, Languages) {
		v.Add("language", "client.language.invalid", nil)
	}
	if len(c.Sections) == 0 {
		v.Add("sections", "clauses.empty", nil)
	}
	for i := range c.Sections {
		sec := &c.Sections[i]
		sec.Title, sec.Body = strings.TrimSpace(sec.Title), strings.TrimSpace(sec.Body)
		if sec.Title == "" || sec.Body == "" {
			v.Add(sec.Key, "clauses.section.empty", nil)
		} else if utf8.RuneCountInString(sec.Body) > 20*MaxTextLen {
			v.Add(sec.Key, "field.too_long", map[string]any{"Max": 20 * MaxTextLen})
		}
	}
	return v.Err()
}

// Agreement is one printed copy of a partnership agreement.
type Agreement struct {
	ID            int64  `json:"id"`
	ClientID      int64  `json:"client_id"`
	ClauseVersion int    `json:"clause_version"`
	Language      string `json:"language"`
	PrintedAt     string `json:"printed_at"`
	SHA256        string `json:"sha256"`
	SignedOn      Date   `json:"signed_on"`
	// AcceptedWarnings are the warnings the owner confirmed when printing.
	AcceptedWarnings []string `json:"accepted_warnings,omitempty"`
}

// Number is the agreement's document number, as printed on it.
func (a Agreement) Number() string { return AgreementNumber(a.ID) }

// AgreementNumber is the document number of agreement id: "PV-000123".
func AgreementNumber(id int64) string { return fmt.Sprintf("PV-%06d", id) }
