package data

// Finding is a stored record that breaks a rule the program now keeps: a
// contract with void terms, a visit a check-in would have refused. The
// database is sound; the owner corrects the record.
type Finding struct {
	Key  string         // the message key
	Args map[string]any // its arguments
}
