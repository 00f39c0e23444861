package data

// DefaultEraseAfterMonths is that time unless the owner sets another.
const DefaultEraseAfterMonths = 12

// DueClient is a former client whose data is due for erasure.
type DueClient struct {
	ID      int64
	Name    string
	EndedOn Date // the day the last contract ended (or the client became former)
}
