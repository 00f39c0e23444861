package data

import (
	"strings"
	"time"
)

// ContractStatus is where a contract stands on a given day; it is derived,
// not stored.
type ContractStatus string

// Contract statuses.
const (
	ContractUpcoming  ContractStatus = "upcoming"
	ContractActive    ContractStatus = "active"
	ContractEnding    ContractStatus = "ending" // notice received, end date ahead
	ContractEnded     ContractStatus = "ended"
	ContractWithdrawn ContractStatus = "withdrawn" // the client withdrew: as if never made
)

// Contract is a client's agreement to a service.
type Contract struct {
	ID          int64  `json:"id"`
	ClientID    int64  `json:"client_id"`
	ServiceID   int64  `json:"service_id"`
	ServiceName string `json:"-"`
	// ServiceNameEN is the service's English name, "" if it has none.
	ServiceNameEN string `json:"-"`
	Price         Money  `json:"price"`
	Terms
	Start          Date        `json:"start"`
	NoticeReceived Date        `json:"notice_received"`
	EndsOn         Date        `json:"ends_on"` // set once the contract ends: by notice, or with its term
	Note           string      `json:"note"`
	EndCredit      Money       `json:"end_credit"`   // credited for days billed after the end, day by day
	Concluded      Concluded   `json:"concluded"`    // where the contract was concluded
	DirectDebit    bool        `json:"direct_debit"` // paid by SEPA direct debit, under the client's active mandate
	ExtraMonths    int         `json:"-"`            // months pauses added to the minimum term
	Sessions       int         `json:"sessions"`     // a card's sessions, from its service; 0 for other kinds
	ValidUntil     Date        `json:"valid_until"`  // the last day a card may be used
	SessionsUsed   int         `json:"-"`            // derived from the visits
	Kind           ServiceKind `json:"-"`            // the service's kind
	Withdrawal
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// Validate checks the contract.
func (c *Contract) Validate() error {
	c.Note = strings.TrimSpace(c.Note)
	v := FieldErrors{Key: "contract.invalid"}
	if c.ClientID == 0 {
		v.Add("client", "contract.client.required", nil)
	}
	if c.ServiceID == 0 {
		v.Add("service", "contract.service.required", nil)
	}
	ValidatePrice(&v, c.Price)
	if c.Start.IsZero() {
		v.Add("start", "contract.start.required", nil)
	} else if c.Start.Year() < 2000 || c.Start.Year() > 2100 {
		v.Add("start", "contract.start.range", nil)
	}
	c.Terms.validate(&v)
	if len(v.fields) == 0 {
		v.fields = append(v.fields, c.Void()...)
	}
	if c.Concluded == "" {
		c.Concluded = ConcludedStudio
	}
	if !OneOf(c.Concluded, ConcludedKinds) {
		v.Add("concluded", "contract.concluded.invalid", nil)
	}
	if !MultiLine(c.Note) {
		v.Add("note", "field.control", nil)
	}
	return v.Err()
}

// Concluded says where a contract was concluded.
type Concluded string

// Where contracts are concluded.
const (
	ConcludedStudio    Concluded = "studio"    // at the studio
	ConcludedElsewhere Concluded = "elsewhere" // off the studio's premises
	ConcludedDistance  Concluded = "distance"  // by phone, e-mail or online
)

// ConcludedKinds lists them in the order forms offer them.
var ConcludedKinds = []Concluded{ConcludedStudio, ConcludedElsewhere, ConcludedDistance}

// ConcludedOn is the day the contract was concluded: the day it was
// recorded, or its start when it was recorded after it had started (a
// contract taken over from paper). A contract not yet stored is concluded
// on its start or today, whichever is earlier; before it is stored, its
// start stands for both.
func (c *Contract) ConcludedOn() Date {
	if t, err := time.Parse(time.RFC3339, c.CreatedAt); err == nil && DateOf(t).Before(c.Start) {
		return DateOf(t)
	}
	return c.Start
}

// Void returns the clauses of the contract's terms that the law makes void
// (see Terms.Void); a contract with any is never stored, printed or given
// an end date until they are corrected.
func (c *Contract) Void() []FieldError { return c.Terms.Void(c.ConcludedOn()) }

// OrStudio is the place of conclusion, at the studio when none is given.
func (k Concluded) OrStudio() Concluded {
	if k == "" {
		return ConcludedStudio
	}
	return k
}

// Effective returns the terms as they apply now: the minimum term grows by
// the months pauses added to it.
func (c *Contract) Effective() Terms {
	t := c.Terms
	t.MinTermMonths += c.ExtraMonths
	return t
}

// MinTermEnd returns the last day of the minimum term.
func (c *Contract) MinTermEnd() Date { return c.Effective().MinTermEnd(c.Start) }

// EndFor returns the day the contract ends when notice is received on day
// received.
func (c *Contract) EndFor(received Date) Date {
	return c.Effective().endFor(c.Start, received, c.ConcludedOn())
}

// NoticeDeadline returns the last day notice can be received for the
// contract to end with its minimum term.
func (c *Contract) NoticeDeadline() Date { return c.Effective().NoticeDeadline(c.Start) }

// End returns the day the contract ends as things stand: its confirmed end
// date, or the end of its term if it does not renew; zero if it runs on.
func (c *Contract) End() Date {
	if c.EndsOn.IsZero() && c.Renewal == RenewNone {
		return c.MinTermEnd()
	}
	return c.EndsOn
}

// EarliestEnd returns the first day the contract can end if notice is
// given on day today (or at its start, if that is later). A cancelled
// contract returns its end date; one whose terms are void, none (zero):
// nothing is computed from a void clause.
func (c *Contract) EarliestEnd(today Date) Date {
	if !c.EndsOn.IsZero() {
		return c.EndsOn
	}
	if len(c.Void()) > 0 {
		return Date{}
	}
	r := today
	if r.Before(c.Start) {
		r = c.Start
	}
	return c.EndFor(r)
}

// Over reports whether the contract no longer runs on day today: ended,
// or withdrawn from.
func (c *Contract) Over(today Date) bool {
	st := c.Status(today)
	return st == ContractEnded || st == ContractWithdrawn
}

// Status returns the contract's state on day today.
func (c *Contract) Status(today Date) ContractStatus {
	end := c.End()
	switch {
	case !c.WithdrawnOn.IsZero():
		return ContractWithdrawn
	case today.Before(c.Start):
		return ContractUpcoming
	case !end.IsZero() && today.After(end):
		return ContractEnded
	case !c.EndsOn.IsZero():
		return ContractEnding
	}
	return ContractActive
}

// ServiceNameIn returns the contract's service name in lang.
func (c Contract) ServiceNameIn(lang string) string {
	return inLanguage(lang, c.ServiceName, c.ServiceNameEN)
}

// PriceFrom returns the first day a price changed on day today applies:
// the start of the next billing period that is not billed yet.
func (c *Contract) PriceFrom(today, lastBilled Date) Date {
	after := today
	if lastBilled.After(after) {
		after = lastBilled
	}
	return c.nextPeriodStart(after)
}
