package data

// ClientSummary is what the counter and the client card show of a client,
// read in one snapshot: every part of it from the same moment, in one
// read transaction (a few round trips to a server rather than one per
// part).
type ClientSummary struct {
	Client    Client
	Contracts []Contract
	Balance   Balance
	Payments  []Payment // the newest, up to Limits.Payments
	Flags     []Flag
	Worth     Worth
	Goodwill  []Goodwill // the newest, up to Limits.Goodwill
	Owed      []Owed
	Visits    []Visit  // the newest, up to Limits.Visits
	Demands   []Demand // the newest, up to Limits.Demands
	Mandates  []Mandate
}

// SummaryLimits is how many of the newest entries a summary lists.
type SummaryLimits struct {
	Payments, Goodwill, Visits, Demands int
}
