package data

import "time"

// TARGET2 — the payment system of the euro — is closed on weekends, on
// 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December; a
// direct debit is collected on a day it is open. German public holidays
// do not count.

// easter is Easter Sunday of a year (the Gregorian computus).
func easter(year int) Date {
	a, b, c := year%19, year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(year, time.Month(month), day)
}

// TargetOpen reports whether TARGET settles payments on the day.
func TargetOpen(d Date) bool {
	switch d.t.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	m, day := d.Month(), d.Day()
	switch {
	case m == time.January && day == 1, m == time.May && day == 1, m == time.December && (day == 25 || day == 26):
		return false
	}
	e := easter(d.Year())
	return !d.Equal(e.AddDays(-2)) && !d.Equal(e.AddDays(1))
}

// TargetDaysAfter is the day n TARGET business days after d (d itself not
// counted).
func TargetDaysAfter(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if TargetOpen(d) {
			n--
		}
	}
	return d
}

// NextTargetDay is d if TARGET is open then, else the next day it is.
func NextTargetDay(d Date) Date {
	for !TargetOpen(d) {
		d = d.AddDays(1)
	}
	return d
}
