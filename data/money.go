package data

import (
	"strconv"
	"strings"
)

// Money is an amount in euro cents. It is never a float.
type Money int64

// MaxMoney is the largest amount the studio records: 1,000,000.00 €.
const MaxMoney Money = 100_000_000

// Message keys for money input.
const (
	keyMoneyEmpty   = "money.empty"
	keyMoneyInvalid = "money.invalid"
	keyMoneyFormat  = "money.format"
	keyMoneyTooMuch = "money.too_large"
)

// Euros returns an amount of whole euros.
func Euros(e int64) Money { return Money(e * 100) }

// separators returns the decimal and the thousands separator of a language.
func separators(lang string) (dec, group byte) {
	if lang == "de" {
		return ',', '.'
	}
	return '.', ','
}

// ParseMoney reads an amount as written in lang ("de": "1.234,56 €",
// "en": "€1,234.56"). A thousands separator must group three digits, so an
// amount in the other language's style ("12.50" in German) is refused
// rather than misread. The result is between -MaxMoney and MaxMoney.
func ParseMoney(s, lang string) (Money, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "€"), "€"))
	s = strings.TrimSpace(strings.TrimSuffix(s, "EUR"))
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = strings.TrimSpace(strings.TrimPrefix(s, "-"))
		s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	}
	if s == "" {
		return 0, Errorf(CodeInvalid, keyMoneyEmpty, nil)
	}
	dec, group := separators(lang)
	whole, frac, hasFrac := strings.Cut(s, string(dec))
	if hasFrac && (len(frac) == 0 || len(frac) > 2 || !allDigits(frac)) {
		return 0, moneyFormatError(lang)
	}
	digits, ok := ungroup(whole, group)
	if !ok {
		return 0, moneyFormatError(lang)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if len(digits) > 9 {
		return 0, Errorf(CodeInvalid, keyMoneyTooMuch, map[string]any{"Max": MaxMoney})
	}
	n, err := strconv.ParseInt(digits+frac, 10, 64)
	if err != nil {
		return 0, moneyFormatError(lang)
	}
	m := Money(n)
	if m > MaxMoney {
		return 0, Errorf(CodeInvalid, keyMoneyTooMuch, map[string]any{"Max": MaxMoney})
	}
	if neg {
		m = -m
	}
	return m, nil
}

func moneyFormatError(lang string) error {
	return Errorf(CodeInvalid, keyMoneyFormat, map[string]any{"Example": Money(123456).Plain(lang)})
}

// ungroup removes thousands separators, accepting them only between groups
// of three digits. It reports false for anything but digits.
func ungroup(s string, group byte) (string, bool) {
	if s == "" || !strings.ContainsRune("0123456789", rune(s[0])) {
		return "", false
	}
	parts := strings.Split(s, string(group))
	for i, p := range parts {
		if !allDigits(p) || p == "" {
			return "", false
		}
		if i > 0 && len(p) != 3 {
			return "", false
		}
		if len(parts) > 1 && i == 0 && len(p) > 3 {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Plain formats the amount without the currency sign: "1.234,56" in German,
// "1,234.56" in English. This is the form money entries are filled with.
func (m Money) Plain(lang string) string {
	dec, group := separators(lang)
	n := int64(m)
	sign := ""
	if n < 0 {
		sign = "-"
		n = -n
	}
	whole := strconv.FormatInt(n/100, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(group)
		}
		b.WriteRune(r)
	}
	b.WriteByte(dec)
	cents := n % 100
	b.WriteByte(byte('0' + cents/10))
	b.WriteByte(byte('0' + cents%10))
	return b.String()
}

// Format writes the amount with the euro sign as the language does:
// "1.234,56 €" in German, "€1,234.56" in English.
func (m Money) Format(lang string) string {
	if lang == "de" {
		return m.Plain(lang) + " €"
	}
	if m < 0 {
		return "-€" + (-m).Plain(lang)
	}
	return "€" + m.Plain(lang)
}

// RoundDiv divides m by n and rounds half away from zero to the cent:
// RoundDiv(5, 2) is 3, RoundDiv(-5, 2) is -3. n must not be 0.
func RoundDiv(m Money, n int64) Money { return Money(RoundDivInt(int64(m), n)) }

// RoundDivInt is a / b rounded half away from zero.
func RoundDivInt(a, b int64) int64 {
	if b < 0 {
		a, b = -a, -b
	}
	if a >= 0 {
		return (2*a + b) / (2 * b)
	}
	return -((-2*a + b) / (2 * b))
}
