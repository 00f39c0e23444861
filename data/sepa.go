package data

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SEPA direct debit (SEPA-Basislastschrift): the studio collects its fees
// as creditor under a creditor identifier (Gläubiger-Identifikationsnummer)
// from the accounts its clients' mandates (SEPA-Lastschriftmandate) name.
// This file checks the numbers the banks check: IBANs, BICs, creditor
// identifiers and mandate references, and writes texts in the characters
// the German banks take.

// ibanLengths is the length of an IBAN in each country of the SEPA
// schemes (territories with an IBAN of their own country are left out).
var ibanLengths = map[string]int{
	"AD": 24, "AL": 28, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
	"EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
	"IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
	"MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
	"VA": 22,
}

// outsideEEA are the SEPA countries outside the European Economic Area:
// a debit from there needs the bank's BIC and the holder's town and
// country.
var outsideEEA = map[string]bool{"AD": true, "AL": true, "CH": true, "GB": true, "GI": true, "MC": true,
	"MD": true, "ME": true, "MK": true, "SM": true, "VA": true}

// OutsideEEA reports whether an IBAN's country is a SEPA country outside
// the European Economic Area.
func OutsideEEA(iban string) bool { return len(iban) >= 2 && outsideEEA[iban[:2]] }

// CleanIBAN takes out spaces and makes an IBAN upper case.
func CleanIBAN(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// CheckIBAN checks a cleaned IBAN and returns the message key of its
// problem, or "": a SEPA country, that country's length, letters and
// digits only, and the check digits (ISO 7064 MOD 97-10).
func CheckIBAN(iban string) string {
	if len(iban) < 4 || !isUpperAlnum(iban) {
		return "sepa.iban.format"
	}
	want, ok := ibanLengths[iban[:2]]
	switch {
	case !ok:
		return "sepa.iban.country"
	case len(iban) != want:
		return "sepa.iban.length"
	case mod97(iban[4:]+iban[:4]) != 1:
		return "sepa.iban.check"
	}
	return ""
}

// FormatIBAN writes an IBAN in groups of four, as printed.
func FormatIBAN(iban string) string {
	var b strings.Builder
	for i, r := range iban {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MaskIBAN shows an IBAN's country and last four characters only, for
// lists that need not show the whole account.
func MaskIBAN(iban string) string {
	if len(iban) < 8 {
		return iban
	}
	return iban[:2] + strings.Repeat("•", 2) + " … " + iban[len(iban)-4:]
}

// CheckBIC checks a BIC (upper case, no spaces): 8 or 11 characters, the
// bank's four, the country's two letters, the place's two.
func CheckBIC(bic string) string {
	if (len(bic) != 8 && len(bic) != 11) || !isUpperAlnum(bic) || !isLetters(bic[4:6]) {
		return "sepa.bic.format"
	}
	return ""
}

// CheckCreditorID checks a creditor identifier (upper case, no spaces):
// the country, two check digits, a business code of three characters
// that the check does not count (ZZZ where there is none) and the
// national identifier; the check digits are ISO 7064 MOD 97-10 over the
// national identifier and the country.
func CheckCreditorID(id string) string {
	if len(id) < 8 || len(id) > 35 || !isUpperAlnum(id) || !isLetters(id[:2]) || !isDigits(id[2:4]) {
		return "sepa.creditor.format"
	}
	if id[:2] == "DE" && len(id) != 18 {
		return "sepa.creditor.length"
	}
	if mod97(id[7:]+id[:4]) != 1 {
		return "sepa.creditor.check"
	}
	return ""
}

// mod97 is the remainder modulo 97 of an alphanumeric string whose
// letters count as 10 (A) to 35 (Z), read digit by digit; -1 for any
// other character.
func mod97(s string) int {
	rem := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A'+10)) % 97
		default:
			return -1
		}
	}
	return rem
}

func isUpperAlnum(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z') && !(r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MaxMandateRef is the longest mandate reference.
const MaxMandateRef = 35

// CheckMandateRef checks a mandate reference: 1 to 35 of the characters
// the banks allow in identifiers (letters A–Z, digits, space and
// + ? / - : ( ) . , '), neither beginning nor ending with a slash, and
// without two slashes together.
func CheckMandateRef(ref string) string {
	switch {
	case ref == "":
		return "sepa.reference.required"
	case utf8.RuneCountInString(ref) > MaxMandateRef:
		return "sepa.reference.long"
	case strings.IndexFunc(ref, func(r rune) bool { return !refChar(r) }) >= 0,
		strings.HasPrefix(ref, "/"), strings.HasSuffix(ref, "/"), strings.Contains(ref, "//"):
		return "sepa.reference.characters"
	}
	return ""
}

func refChar(r rune) bool {
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || strings.ContainsRune("+?/-:().,' ", r)
}

// bankText is every character the German banks take in a direct debit's
// texts beside letters A–Z and digits: the SEPA set and what the
// Deutsche Kreditwirtschaft adds (umlauts, ß, & * $ %).
const bankText = " '/-?:().,+ÄÖÜäöüß&*$%"

// textSpelled spells letters that do not decompose into a base letter
// and marks.
var textSpelled = map[rune]string{
	'Ł': "L", 'ł': "l", 'Ø': "O", 'ø': "o", 'Đ': "D", 'đ': "d", 'Ħ': "H", 'ħ': "h", 'ı': "i", 'Æ': "AE", 'æ': "ae",
	'Œ': "OE", 'œ': "oe", 'Þ': "TH", 'þ': "th", 'Ð': "D", 'ð': "d", 'ẞ': "SS",
	'’': "'", '‘': "'", '‚': "'", '´': "'", '`': "'", '“': "'", '”': "'", '„': "'", '"': "'", '«': "'", '»': "'",
	'–': "-", '—': "-", '‐': "-", '‑': "-", '_': "-", '…': "...", ';': ",", '!': ".", '#': "-", '@': "-",
	'€': "EUR", '§': "Par.", '°': ".", '\t': " ", '\n': " ", '\r': " ",
}

// BankText writes s in the characters the German banks take (umlauts and
// ß stay; other letters lose their marks or are spelled in Latin letters;
// other signs become the nearest allowed one, or go), with runs of spaces
// made one, and cuts it to max characters.
func BankText(s string, max int) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)), strings.ContainsRune(bankText, r):
			b.WriteRune(r)
		case textSpelled[r] != "":
			b.WriteString(textSpelled[r])
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if d < 128 && (unicode.IsLetter(d) || unicode.IsDigit(d)) {
					b.WriteRune(d)
				}
			}
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(out) > max {
		out = strings.TrimSpace(string([]rune(out)[:max]))
	}
	return out
}
