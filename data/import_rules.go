package data

import (
	"strings"
	"unicode"
)

// SingleLine reports whether v fits one line: no control characters at
// all (a tab or line break in a name would forge rows in tab-separated
// lists).
func SingleLine(v string) bool {
	return !strings.ContainsFunc(v, unicode.IsControl)
}

// Invisible reports whether v holds a character that changes how text
// around it reads without being seen: direction overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), zero-width characters and direction
// marks (U+200B–U+200F) and the byte order mark (U+FEFF). A name with one
// would look like another, or turn a list around.
func Invisible(v string) bool {
	return strings.ContainsFunc(v, func(r rune) bool {
		return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r >= 0x200B && r <= 0x200F || r == 0xFEFF
	})
}

// MultiLine reports whether v is text of several lines: line breaks, and
// no other control characters.
func MultiLine(v string) bool {
	return !strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' })
}
