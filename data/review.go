package data

// SettingBudget is the monthly goodwill budget in cents; 0 means none.
const SettingBudget = "review:budget"

// MonthTotal is goodwill summed over one month.
type MonthTotal struct {
	Month   Date // its first day
	Entries int
	Value   Money
	Minutes int
}

// Slice is goodwill summed over one part of a month: a category, a staff
// member or a client.
type Slice struct {
	Key     string // the category, or the staff member's or client's name
	ID      int64  // the staff member or client
	Entries int
	Value   Money
	Minutes int
	Paid    Money // for clients: what they paid in the 12 months up to the month's end
}

// DemandTally counts demands and sums what they claimed.
type DemandTally struct {
	Count int
	Value Money
}

// Review is the owner's monthly look at the goodwill given and the demands
// handled.
type Review struct {
	Month      Date   // first day of the month reviewed
	Branch     string // the one branch reviewed; '' = the whole studio
	Total      MonthTotal
	Clients    int   // clients who received goodwill
	PerClient  Money // average value per client
	Revenue    Money // payments received that month, less reversals
	Budget     Money
	Previous   MonthTotal // the month before
	LastYear   MonthTotal // the same month a year before
	Series     []MonthTotal
	Categories []Slice
	Staff      []Slice
	Top        []Slice
	TopMore    int // further clients given exactly as much as the tenth
	Raised     DemandTally
	Steps      map[DemandStatus]DemandTally // demands that reached each status that month
	Unpaid     DemandTally                  // billed demands still unpaid, today
	Heavy      []Flag                       // clients flagged for heavy goodwill, today
	Visits     VisitMonth                   // the month's visits
	PrevVisits int                          // sessions attended the month before
}

// VisitMonth counts a month's visits by how they ended and what was
// chosen beyond the contract.
type VisitMonth struct {
	Attended, InTime, Late, NoShow int
	Extra                          int   // sessions given as goodwill
	ExtraValue                     Money // their value
	Charged                        int   // single sessions charged
	ChargedValue                   Money
	NewCards                       int // cards sold at check-in
}
