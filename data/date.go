package data

import (
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time zone, stored as YYYY-MM-DD. The zero
// value means "no date".
type Date struct{ t time.Time }

// Message keys for date input.
const (
	keyDateInvalid = "date.invalid"
)

// NewDate returns the given day. Out-of-range days are normalised the way
// time.Date does; use ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the local calendar day of an instant.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads an ISO date (2026-11-23). It refuses days that do not
// exist, such as 2026-02-30. An empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, Errorf(CodeInvalid, keyDateInvalid, nil)
	}
	return checkedDate(t.Year(), int(t.Month()), t.Day())
}

var monthNamesEN = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// ParseLocalDate reads a date as typed in lang: German "23.11.2026" (or
// "23.11.26"), English "23 Nov 2026"; ISO "2026-11-23" is accepted in both.
// An empty string gives the zero Date.
func ParseLocalDate(s, lang string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Count(s, "-") == 2 {
		return ParseDate(s)
	}
	var parts []string
	if strings.Contains(s, ".") {
		parts = strings.Split(s, ".")
	} else if strings.Contains(s, "/") {
		parts = strings.Split(s, "/")
	} else {
		parts = strings.Fields(s)
	}
	if len(parts) != 3 {
		return Date{}, Errorf(CodeInvalid, keyDateInvalid, nil)
	}
	d, errD := strconv.Atoi(strings.TrimSpace(parts[0]))
	m, errM := strconv.Atoi(strings.TrimSpace(parts[1]))
	if errM != nil {
		m = monthByName(parts[1])
	}
	y, errY := strconv.Atoi(strings.TrimSpace(parts[2]))
	if errD != nil || errY != nil || m == 0 || len(strings.TrimSpace(parts[2])) == 3 {
		return Date{}, Errorf(CodeInvalid, keyDateInvalid, nil)
	}
	if y < 100 {
		y += 2000
	}
	return checkedDate(y, m, d)
}

func monthByName(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 3 {
		return 0
	}
	for i, n := range monthNamesEN {
		if strings.HasPrefix(s, n) {
			return i + 1
		}
	}
	return 0
}

func checkedDate(y, m, d int) (Date, error) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, Errorf(CodeInvalid, keyDateInvalid, nil)
	}
	return NewDate(y, time.Month(m), d), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String returns the ISO form, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Format writes the date as lang does: "23.11.2026" or "23 Nov 2026".
func (d Date) Format(lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "de" {
		return d.t.Format("02.01.2006")
	}
	return d.t.Format("2 Jan 2006")
}

// Year, Month and Day return the parts of the date.
func (d Date) Year() int { return d.t.Year() }

// Month returns the month of the date.
func (d Date) Month() time.Month { return d.t.Month() }

// Day returns the day of the month.
func (d Date) Day() int { return d.t.Day() }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonthsClamped returns the same day n months later; when that month is
// shorter, the last day of it (31 Jan + 1 month = 28 Feb).
func (d Date) AddMonthsClamped(n int) Date {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	day := min(d.Day(), daysIn(first.Year(), first.Month()))
	return NewDate(first.Year(), first.Month(), day)
}

// PeriodEnd returns the last day of a period of n months that starts on d
// (BGB §188): the day before the same day n months later, or the last day
// of that month when it has no such day. 31 Jan + 1 month ends 28 Feb;
// 15 Jan + 1 month ends 14 Feb.
func (d Date) PeriodEnd(n int) Date {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if d.Day() > daysIn(first.Year(), first.Month()) {
		return NewDate(first.Year(), first.Month()+1, 0)
	}
	return NewDate(first.Year(), first.Month(), d.Day()).AddDays(-1)
}

// DaysUntil returns the number of days from d to o (negative if o is
// earlier).
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.t.After(o.t) }

// Equal reports whether both are the same day.
func (d Date) Equal(o Date) bool { return d.t.Equal(o.t) }

// MonthsBetween returns the whole months from d to o (o later): the n for
// which d.AddMonthsClamped(n) is on or before o.
func (d Date) MonthsBetween(o Date) int {
	n := (o.Year()-d.Year())*12 + int(o.Month()-d.Month())
	for n > 0 && d.AddMonthsClamped(n).After(o) {
		n--
	}
	return n
}

// YearsBetween returns the completed years from d to o, such as an age.
func (d Date) YearsBetween(o Date) int { return d.MonthsBetween(o) / 12 }

// MarshalJSON writes the ISO form ("" for no date).
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads the ISO form.
func (d *Date) UnmarshalJSON(b []byte) error {
	v, err := ParseDate(strings.Trim(string(b), `"`))
	*d = v
	return err
}
