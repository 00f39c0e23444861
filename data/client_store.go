package data

import (
	"strings"
)

// FamilyName is the part of a client's name they are sorted under: what
// stands before a comma ("Müller, Anna"), else the last word ("Anna
// Müller", "Familie Schmidt"). The client form shows it.
func FamilyName(name string) string {
	name = strings.TrimSpace(name)
	if before, _, ok := strings.Cut(name, ","); ok && strings.TrimSpace(before) != "" {
		return strings.TrimSpace(before)
	}
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}
