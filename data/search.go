package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search works on words folded to lower case without accents. German
// umlauts are folded twice, so "muller" and "mueller" both find "Müller".

var foldSpecial = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}

var umlautPairs = map[rune]string{'ä': "ae", 'ö': "oe", 'ü': "ue"}

// FoldUmlauts is fold with German umlauts spelled out: "müller" → "mueller".
func FoldUmlauts(s string) string {
	return FoldWith(s, umlautPairs)
}

func FoldWith(s string, extra map[rune]string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < 0x80 {
			b.WriteRune(r) // nothing to fold
			continue
		}
		if rep, ok := extra[r]; ok {
			b.WriteString(rep)
			continue
		}
		if rep, ok := foldSpecial[r]; ok {
			b.WriteString(rep)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
	}
	return b.String()
}

// FileWord turns a name into a word for a file name: ASCII letters and
// digits only, umlauts spelled out ("Müller" → "Mueller"), the last word
// of the name; "Client" if nothing is left.
func FileWord(name string) string {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return "Client"
	}
	last := []rune(ws[len(ws)-1])
	first := FoldUmlauts(string(last[:1]))
	if r := []rune(string(last[:1])); len(r) > 0 && unicode.IsUpper(r[0]) {
		first = strings.ToUpper(first[:1]) + first[1:]
	}
	var b strings.Builder
	for _, r := range first + FoldUmlauts(string(last[1:])) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Client"
	}
	return b.String()
}
