package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// DemandStatus is where a demand stands in its life.
type DemandStatus string

// Demand statuses.
const (
	DemandOpen     DemandStatus = "open"
	DemandGranted  DemandStatus = "granted"  // given as goodwill
	DemandDeclined DemandStatus = "declined" // not given
	DemandBilled   DemandStatus = "billed"   // declined, and what was asked is charged for
	DemandDisputed DemandStatus = "disputed" // the client contests the decision
	DemandSettled  DemandStatus = "settled"  // the dispute is over
	DemandOwed     DemandStatus = "owed"     // the contract or the law gives it: provided or refunded, no goodwill
)

// DemandStatuses lists the statuses in life order.
var DemandStatuses = []DemandStatus{DemandOpen, DemandGranted, DemandOwed, DemandDeclined, DemandBilled, DemandDisputed, DemandSettled}

// EnumKey names the status's translation.
func (s DemandStatus) EnumKey() string { return "demand.status." + string(s) }

// Settlement is how a dispute ended.
type Settlement string

// Settlements.
const (
	SettledPaid       Settlement = "paid"        // the client paid what was billed
	SettledWrittenOff Settlement = "written_off" // the studio gave it after all, as goodwill
	SettledWithdrawn  Settlement = "withdrawn"   // the client dropped the dispute
)

// Settlements lists the ways a dispute ends.
var Settlements = []Settlement{SettledPaid, SettledWrittenOff, SettledWithdrawn}

// nextSteps are the moves a demand can make from each status.
var nextSteps = map[DemandStatus][]DemandStatus{
	DemandOpen:     {DemandGranted, DemandOwed, DemandDeclined, DemandBilled},
	DemandDeclined: {DemandDisputed},
	DemandBilled:   {DemandDisputed},
	DemandDisputed: {DemandSettled},
}

// NextSteps returns the statuses a demand can move to from st.
func NextSteps(st DemandStatus) []DemandStatus { return nextSteps[st] }

// Demand is a client asking for something beyond the contract as if it
// were owed.
type Demand struct {
	ID          int64        `json:"id"`
	ClientID    int64        `json:"client_id"`
	ContractID  int64        `json:"contract_id"`
	RaisedOn    Date         `json:"raised_on"`
	Asked       string       `json:"asked"`
	Claimed     Money        `json:"claimed"`
	ClientWords string       `json:"client_words"`
	Status      DemandStatus `json:"status"`
	Settlement  Settlement   `json:"settlement"`
	ChargeID    int64        `json:"charge_id"`
	StatusOn    Date         `json:"status_on"`
	CreatedBy   int64        `json:"created_by"`
	CreatedAt   string       `json:"created_at"`

	ClientName string `json:"-"`
}

// DemandStep is one recorded move of a demand: who, when, from what to what.
type DemandStep struct {
	OnDay    Date
	At       string
	StaffID  int64
	Staff    string
	From, To DemandStatus
	Note     string
}

// Validate checks a new demand against today's date.
func (d *Demand) Validate(today Date) error {
	d.Asked = strings.TrimSpace(d.Asked)
	d.ClientWords = strings.TrimSpace(d.ClientWords)
	v := FieldErrors{Key: "demand.invalid"}
	if d.ClientID == 0 {
		v.Add("client", "demand.client.required", nil)
	}
	if d.RaisedOn.IsZero() {
		v.Add("raised_on", "demand.raised_on.required", nil)
	} else if d.RaisedOn.After(today) {
		v.Add("raised_on", "demand.raised_on.future", nil)
	}
	if d.Asked == "" {
		v.Add("asked", "demand.asked.required", nil)
	}
	switch {
	case d.Claimed < 0:
		v.Add("claimed", "demand.claimed.negative", nil)
	case d.Claimed > MaxMoney:
		v.Add("claimed", "money.too_large", map[string]any{"Max": MaxMoney})
	}
	for _, f := range []struct{ name, val string }{{"asked", d.Asked}, {"client_words", d.ClientWords}} {
		if !MultiLine(f.val) {
			v.Add(f.name, "field.control", nil)
		}
		if utf8.RuneCountInString(f.val) > MaxTextLen {
			v.Add(f.name, "field.too_long", map[string]any{"Max": MaxTextLen})
		}
	}
	return v.Err()
}

// Decision is how the counter moves a demand on: what it expects the
// demand's status to be (so two people deciding at once cannot both win)
// and a note.
type Decision struct {
	DemandID int64
	Expect   DemandStatus
	Note     string
	// On is the day the step was taken; zero is today. A step recorded
	// late may lie in the past, but never before the demand's last step
	// (or its raising) and never in the future.
	On Date
}

// Bill is what a billed demand charges: what the studio provides (the
// client agreed to pay for an extra), and its price — a service's price
// when none is given — due on Due. The client's claimed value and own
// words are never the charge.
type Bill struct {
	What      string
	ServiceID int64
	Amount    Money
	Due       Date
}

// DemandFilter narrows the list of demands; zero fields do not filter.
type DemandFilter struct {
	ClientID int64
	Statuses []DemandStatus
	Limit    int
}

// String names a demand in logs and tests.
func (d Demand) String() string { return fmt.Sprintf("demand %d (%s)", d.ID, d.Status) }
