package data

import (
	"strings"
	"time"
)

// VisitOutcome is how a session ended for the client.
type VisitOutcome string

// Visit outcomes.
const (
	Attended        VisitOutcome = "attended"
	CancelledInTime VisitOutcome = "cancelled_in_time" // gives the card's session back
	CancelledLate   VisitOutcome = "cancelled_late"
	NoShow          VisitOutcome = "no_show"
)

// VisitOutcomes lists the outcomes in the order lists show them.
var VisitOutcomes = []VisitOutcome{Attended, CancelledInTime, CancelledLate, NoShow}

// Beyond is what the counter chose for a visit the contracts do not
// cover: nothing is silently free.
type Beyond string

// The three ways beyond the contract.
const (
	BeyondCharge   Beyond = "charge"   // a one-off charge at the session's price
	BeyondNewCard  Beyond = "new_card" // a new card contract, charged, the visit on it
	BeyondGoodwill Beyond = "goodwill" // an "extra session" goodwill entry at the session's value
)

// Beyonds lists the choices in the order the counter offers them.
var Beyonds = []Beyond{BeyondCharge, BeyondNewCard, BeyondGoodwill}

// Valid reports whether b is one of the three choices.
func (b Beyond) Valid() bool { return OneOf(b, Beyonds) }

// Why a check-in needs a choice beyond the contract.
const (
	ReasonUsedUp     = "used_up"     // the card's sessions are all used
	ReasonExpired    = "expired"     // the card is no longer valid
	ReasonNoContract = "no_contract" // nothing running that covers a visit
)

// Visit settings and their defaults.
const (
	SettingCancelHours   = "visit:cancel_hours"      // a cancellation this many hours ahead is in time
	SettingLateUses      = "visit:late_uses_session" // "1": a late cancellation or no-show uses the session
	DefaultCancelHours   = 24
	RepeatMinutes        = 10 // a second check-in within this time asks first
	VisitLayout          = "2006-01-02T15:04"
	MaxVisitReasonLength = 500
)

// Visit is one session of a client: checked in, cancelled or missed.
type Visit struct {
	ID           int64        `json:"id"`
	ClientID     int64        `json:"client_id"`
	ContractID   int64        `json:"contract_id"`
	ContractName string       `json:"-"`
	At           time.Time    `json:"at"` // local time, to the minute
	Outcome      VisitOutcome `json:"outcome"`
	UsesSession  bool         `json:"uses_session"`
	Beyond       Beyond       `json:"beyond"`
	ChargeID     int64        `json:"charge_id"`
	GoodwillID   int64        `json:"goodwill_id"`
	StaffID      int64        `json:"staff_id"`
	StaffName    string       `json:"-"`
	UndoneOn     Date         `json:"undone_on"`
	UndoneReason string       `json:"undone_reason"`
	CreatedAt    string       `json:"created_at"`
	Branch       string       `json:"branch,omitempty"` // where it was recorded; '' = the studio names no branch
}

// Day is the visit's day.
func (v Visit) Day() Date { return DateOf(v.At) }

// RecordedOn is the local day the visit was recorded: the only day it can
// be taken back.
func (v Visit) RecordedOn() Date { return DateOf(mustTime(v.CreatedAt).In(time.Local)) }

// Left is how many sessions a card has left.
func (c Contract) Left() int { return max(c.Sessions-c.SessionsUsed, 0) }

// IsCard reports whether the contract counts sessions.
func (c Contract) IsCard() bool { return c.Sessions > 0 }

// coversVisits reports whether a running contract of this kind lets the
// client come (a course or membership; cards count on their own).
func (c *Contract) coversVisits() bool {
	return c.Kind == KindCourse || c.Kind == KindMembership || c.Kind == KindTreatment
}

// VisitRules are the settings check-in and cancellations follow.
type VisitRules struct {
	CancelHours int  // a cancellation at least this many hours ahead gives the session back
	LateUses    bool // a late cancellation or a no-show uses a card's session
}

// mustTime reads a stored RFC 3339 time (zero if it is not one).
func mustTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// ParseVisitTime reads a session's time as typed: "18:30" (today),
// "2026-12-04 18:30", "2026-12-04T18:30" or a date in lang's format with a
// time ("04.12.2026 18:30"). The time is local.
func ParseVisitTime(s, lang string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	bad := Errorf(CodeInvalid, "visit.time.invalid", map[string]any{"Text": s})
	datePart, clock := "", s
	if i := strings.LastIndexAny(s, " T"); i >= 0 {
		datePart, clock = strings.TrimSpace(s[:i]), s[i+1:]
	}
	hm, err := time.Parse("15:04", clock)
	if err != nil {
		return time.Time{}, bad
	}
	d := DateOf(now.In(time.Local))
	if datePart != "" {
		if d, err = ParseLocalDate(datePart, lang); err != nil || d.IsZero() {
			return time.Time{}, bad
		}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hm.Hour(), hm.Minute(), 0, 0, time.Local), nil
}
