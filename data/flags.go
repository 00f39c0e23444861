package data

// FlagKind is what a flag warns of.
type FlagKind string

// Flag kinds, most serious first.
const (
	FlagDisputed      FlagKind = "disputed"       // a disputed demand not settled
	FlagBilledUnpaid  FlagKind = "billed_unpaid"  // a billed demand unpaid past its due date
	FlagOverdue       FlagKind = "overdue"        // charges overdue past the grace days
	FlagDeclined      FlagKind = "declined"       // a declined inquiry
	FlagOpenDemand    FlagKind = "open_demand"    // an open demand waiting too long
	FlagVoidTerms     FlagKind = "void_terms"     // a contract whose terms the law makes void: correct it
	FlagEarlyStart    FlagKind = "early_start"    // a contract starting within the withdrawal period, not asked for
	FlagHeavyGoodwill FlagKind = "heavy_goodwill" // much goodwill in the last 90 days
	FlagCardUsedUp    FlagKind = "card_used_up"   // a card's sessions all used, no other card
	FlagCardExpiring  FlagKind = "card_expiring"  // a card with sessions left runs out soon
	FlagNoVisit       FlagKind = "no_visit"       // a running membership, and no visit for weeks
	FlagNoMandate     FlagKind = "no_mandate"     // a contract paid by direct debit without an active mandate
	FlagReturned      FlagKind = "returned_debit" // a direct debit the bank returned within the last 90 days
)

// FlagKinds lists the kinds, most serious first.
var FlagKinds = []FlagKind{FlagDisputed, FlagBilledUnpaid, FlagOverdue, FlagDeclined, FlagOpenDemand, FlagVoidTerms,
	FlagEarlyStart, FlagReturned, FlagNoMandate, FlagHeavyGoodwill,
	FlagCardUsedUp, FlagCardExpiring, FlagNoVisit}

func (k FlagKind) Rank() int {
	for i, x := range FlagKinds {
		if x == k {
			return i
		}
	}
	return len(FlagKinds)
}

// Flag is a warning shown wherever the client appears. It is derived from
// the records each time, never stored.
type Flag struct {
	ClientID   int64
	ClientName string
	Kind       FlagKind
	Since      Date
	Amount     Money  // what is overdue, unpaid, or given
	Count      int    // how many goodwill entries, sessions left, or days without a visit
	Ref        int64  // the demand or contract it is about, if any
	Until      Date   // the last day a card is valid
	Code       string // a returned debit's reason code (AM04, …)
}

// Flag settings and their defaults.
const (
	SettingOpenDemandDays = "flag:open_demand_days"
	SettingGoodwillMode   = "flag:goodwill_mode" // "amount" or "share"
	SettingGoodwillAmount = "flag:goodwill_amount"
	SettingGoodwillShare  = "flag:goodwill_share" // percent of what the client paid
	SettingCardDays       = "flag:card_expiring_days"
	SettingNoVisitDays    = "flag:no_visit_days"
	DefaultOpenDemandDays = 7
	DefaultCardDays       = 14
	DefaultNoVisitDays    = 30
	DefaultGoodwillAmount = Money(10000)
	DefaultGoodwillShare  = 25
	// GoodwillWindowDays is the time the heavy-goodwill flag looks back over.
	GoodwillWindowDays = 90
)

// FlagRules are the thresholds the flags use.
type FlagRules struct {
	OpenDemandDays int
	ByShare        bool  // compare goodwill with what the client paid, not with an amount
	Amount         Money // goodwill in 90 days above this is heavy
	SharePercent   int   // goodwill above this share of the 90 days' payments is heavy
	CardDays       int   // a card that runs out within this many days is flagged
	NoVisitDays    int   // a membership without a visit for this many days is flagged
}

// Validate checks the thresholds.
func (r FlagRules) Validate() error {
	v := FieldErrors{Key: "settings.invalid"}
	if r.OpenDemandDays < 1 || r.OpenDemandDays > 365 {
		v.Add("open_demand_days", "settings.open_demand_days.range", nil)
	}
	if r.Amount < 0 || r.Amount > MaxMoney {
		v.Add("goodwill_amount", "price.negative", nil)
	}
	if r.SharePercent < 1 || r.SharePercent > 1000 {
		v.Add("goodwill_share", "settings.goodwill_share.range", nil)
	}
	if r.CardDays < 1 || r.CardDays > 365 {
		v.Add("card_days", "settings.card_days.range", nil)
	}
	if r.NoVisitDays < 1 || r.NoVisitDays > 365 {
		v.Add("no_visit_days", "settings.no_visit_days.range", nil)
	}
	return v.Err()
}
