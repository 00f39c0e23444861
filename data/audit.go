package data

// Audit actions.
const (
	ActionCreate   = "create"
	ActionUpdate   = "update"
	ActionCancel   = "cancel"
	ActionDelete   = "delete"
	ActionPause    = "pause"
	ActionGenerate = "generate"
	ActionReverse  = "reverse"
	ActionImport   = "import"
	ActionErase    = "erase"
	ActionExpire   = "expire"
	ActionWithdraw = "withdraw"
	ActionPayOut   = "payout"
	ActionReprint  = "reprint"
)

// AuditActions lists every action the audit log records.
var AuditActions = []string{ActionCreate, ActionUpdate, ActionCancel, ActionDelete, ActionPause, ActionGenerate,
	ActionReverse, ActionImport, ActionErase, ActionExpire, ActionWithdraw}

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID      int64
	At      string
	StaffID int64
	Table   string
	RowID   int64
	Action  string
	Before  string
	After   string
}

// AuditFilter narrows the audit log: to one client, one person, and days
// from and to (inclusive); zero values leave a side open.
type AuditFilter struct {
	ClientID, StaffID int64
	From, To          Date
	Limit             int
}

// AuditRow is an audit entry as the log lists it, with who made the change.
type AuditRow struct {
	AuditEntry
	ClientID   int64
	ClientName string // "" once the client is gone
	StaffName  string
}

// Change is one change to the studio's records as the audit log keeps it,
// for the counters that follow each other's work: when (RFC 3339, UTC),
// what kind (the table and the action: visits.create), which record, and
// whose (0: no client).
type Change struct {
	ID       int64
	At       string
	Kind     string
	Record   int64
	ClientID int64
}
