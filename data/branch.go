package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxBranchLen is the longest branch name, in characters.
const MaxBranchLen = 40

// CleanBranch checks a branch's name as a counter gives it and returns it
// trimmed; ” names no branch (a studio with one). A name is one line of
// at most MaxBranchLen characters, without tabs or other control
// characters, so it prints in a tab-separated line as it is.
func CleanBranch(name string) (string, error) {
	name = strings.TrimSpace(name)
	bad := func(key string) error {
		return &Error{Code: CodeInvalid, Key: "branch.invalid", Fields: []FieldError{{Field: "branch", Key: key,
			Args: map[string]any{"Max": MaxBranchLen}}}}
	}
	if !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", bad("branch.characters")
	}
	if utf8.RuneCountInString(name) > MaxBranchLen {
		return "", bad("branch.long")
	}
	return name, nil
}
