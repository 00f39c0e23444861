package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"

	"studiopartner/translations"
)

// Go's flag package words its errors in English; these patterns find the
// flag and the value in them so the message can be translated.
var (
	reFlagValue   = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for flag -([^:]+)`)
	reFlagUnknown = regexp.MustCompile(`^flag provided but not defined: -(.+)$`)
	reFlagNoArg   = regexp.MustCompile(`^flag needs an argument: -(.+)$`)
)

// flagError translates a flag parsing error.
func flagError(tr *translations.T, err error) error {
	msg := err.Error()
	if m := reFlagValue.FindStringSubmatch(msg); m != nil {
		return errors.New(tr.S("cli.flag.value", "Flag", m[2], "Value", m[1]))
	}
	if m := reFlagUnknown.FindStringSubmatch(msg); m != nil {
		return errors.New(tr.S("cli.flag.unknown", "Flag", m[1]))
	}
	if m := reFlagNoArg.FindStringSubmatch(msg); m != nil {
		return errors.New(tr.S("cli.flag.no_value", "Flag", m[1]))
	}
	return err
}

// said is an expected refusal already put in words, with what to do
// next: printed as it is, never as something unexpected.
type said string

func (s said) Error() string { return string(s) }

// userError prints a user error as one translated line and returns 1.
func userError(stderr io.Writer, tr *translations.T, err error) int {
	var s said
	if errors.As(err, &s) {
		fmt.Fprintln(stderr, "studiopartner: "+string(s))
		return exitUser
	}
	fmt.Fprintln(stderr, "studiopartner: "+tr.Err(err))
	return exitUser
}

// usageError prints a usage problem and where to find help, and returns 2.
func usageError(stderr io.Writer, tr *translations.T, err error) int {
	fmt.Fprintln(stderr, "studiopartner: "+err.Error())
	fmt.Fprintln(stderr, tr.S("cli.usage.hint"))
	return exitUsage
}

func printHelp(w io.Writer, tr *translations.T, version string) {
	p, err := defaultDBPath()
	if err != nil {
		p = "?"
	}
	fmt.Fprintln(w, tr.S("cli.help", "Path", p, "Version", version))
}
