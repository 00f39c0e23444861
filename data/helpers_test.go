package data

// day is the date s ("2006-01-02"); a test with a bad date stops there.
func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(s)
	}
	return d
}
