package data

import (
	"time"
)

// CheckInPlan is what a check-in would do, for the counter to confirm.
type CheckInPlan struct {
	Client       Client
	Contract     *Contract // what the visit counts against; nil when none covers it
	Beyond       string    // why a choice beyond the contract is needed ("" when none is)
	Recent       *Visit    // a check-in of the same client a few minutes ago
	SessionPrice Money     // a session's price beyond the contract
	PriceFrom    int64     // the service that price comes from (0 if none)
	Cards        []Service // the cards a new one can be sold from
}

// AsksFirst reports whether the counter must confirm something before
// the check-in: a client who is not a current one, or a repeat.
func (p CheckInPlan) AsksFirst() bool {
	return p.Recent != nil || p.Client.Status == StatusDeclined || p.Client.Status == StatusFormer
}

// CheckIn is a check-in as the counter confirmed it.
type CheckIn struct {
	ClientID   int64
	ContractID int64     // 0: the contract that fits
	At         time.Time // zero: now
	Beyond     Beyond    // the choice when no contract covers the visit
	CardID     int64     // the card service for BeyondNewCard
	Confirmed  bool      // a repeat, or a declined or former client, confirmed
	Text       string    // the words for a charge or goodwill entry it makes, in the studio's language
}

// Named takes the contract the counter named, if it may be used that day.
func (p *CheckInPlan) Named(contracts []Contract, id int64, day Date) error {
	for i := range contracts {
		k := &contracts[i]
		if k.ID != id {
			continue
		}
		if day.Before(k.Start) {
			return Errorf(CodeInvalid, "visit.before_start", map[string]any{"Date": k.Start})
		}
		p.priceFrom(k)
		switch {
		case !k.WithdrawnOn.IsZero():
			p.Beyond = ReasonNoContract
		case k.IsCard() && day.After(k.ValidUntil):
			p.Beyond = ReasonExpired
		case k.IsCard() && k.Left() == 0:
			p.Beyond = ReasonUsedUp
		case !k.IsCard() && k.Status(day) == ContractEnded:
			p.Beyond = ReasonNoContract
		default:
			p.Contract = k
		}
		return nil
	}
	return Errorf(CodeNotFound, "contract.not_found", map[string]any{"ID": id})
}

// fitCandidates are a client's contracts sorted by what they mean for a
// visit on one day.
type fitCandidates struct {
	card, running, usedUp, expired *Contract
}

// add sorts one contract in: a card valid with sessions left (the one
// that expires first wins), a running course or membership, a card used
// up, a card expired (the one that ran out last).
func (f *fitCandidates) add(k *Contract, day Date) {
	switch {
	case day.Before(k.Start), !k.WithdrawnOn.IsZero():
	case k.IsCard() && day.After(k.ValidUntil):
		if f.expired == nil || k.ValidUntil.After(f.expired.ValidUntil) {
			f.expired = k
		}
	case k.IsCard() && k.Left() == 0:
		f.usedUp = k
	case k.IsCard():
		if f.card == nil || k.ValidUntil.Before(f.card.ValidUntil) {
			f.card = k
		}
	case k.coversVisits() && !k.Over(day) && f.running == nil:
		f.running = k
	}
}

// Fit picks the contract a visit on day counts against, or says why none
// does: a card used up or expired, or nothing running.
func (p *CheckInPlan) Fit(contracts []Contract, day Date) {
	var f fitCandidates
	for i := range contracts {
		f.add(&contracts[i], day)
	}
	switch {
	case f.card != nil:
		p.Contract = f.card
	case f.running != nil:
		p.Contract = f.running
	case f.usedUp != nil:
		p.Beyond = ReasonUsedUp
	case f.expired != nil:
		p.Beyond = ReasonExpired
	default:
		p.Beyond = ReasonNoContract
	}
	for _, k := range []*Contract{p.Contract, f.usedUp, f.expired} {
		if k != nil && p.PriceFrom == 0 {
			p.priceFrom(k)
		}
	}
}

// priceFrom takes the session price of the contract's service.
func (p *CheckInPlan) priceFrom(k *Contract) { p.PriceFrom = k.ServiceID }

// Absence is a session the client cancelled or missed.
type Absence struct {
	ClientID   int64
	ContractID int64     // 0: the contract that fits
	At         time.Time // the session's time
	NoShow     bool      // missed without a word; else cancelled now
}
