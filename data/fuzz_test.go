package data

import (
	"testing"
	"unicode/utf8"
)

// FuzzParseMoney: any input either parses to an amount within the limits
// that formats and parses back to itself, or is refused with a message
// key — never a panic.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12,50", "1.234,56 €", "€1,234.56", "-5", "12,5,0", "1e9", "", "٣", "9999999999999999999999"} {
		f.Add(s, "de")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, in, lang string) {
		if lang != "de" {
			lang = "en"
		}
		m, err := ParseMoney(in, lang)
		if err != nil {
			if AsError(err).Key == "" {
				t.Fatalf("error without a message key: %v", err)
			}
			return
		}
		if m > MaxMoney || m < -MaxMoney {
			t.Fatalf("%q parsed to %d, beyond the limits", in, m)
		}
		back, err := ParseMoney(m.Format(lang), lang)
		if err != nil || back != m {
			t.Fatalf("%q → %d → %q → %d, %v", in, m, m.Format(lang), back, err)
		}
	})
}

// FuzzParseLocalDate: any input gives a real day that prints and parses
// back to itself, or an error — never a panic.
func FuzzParseLocalDate(f *testing.F) {
	for _, s := range []string{"23.11.2026", "2026-02-30", "29.02.2024", "23 Nov 2026", "1.2.26", "31/12/1999", "..", "x y z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		for _, lang := range []string{"de", "en"} {
			d, err := ParseLocalDate(in, lang)
			if err != nil || d.IsZero() {
				continue
			}
			back, err := ParseLocalDate(d.Format(lang), lang)
			if err != nil || !back.Equal(d) {
				t.Fatalf("%q → %s → %q → %s, %v", in, d, d.Format(lang), back, err)
			}
		}
	})
}
