// Package cli is Studio Partner's command line: every subcommand, its
// flags, its messages and exit statuses. It knows nothing of Fyne; the
// window is handed in by main.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// VersionFrom reads the program's version from FyneApp.toml, the one
// place it is written ([Details] Version = "x.y.z"); "dev" when missing.
func VersionFrom(fyneApp string) string {
	section := ""
	for _, line := range strings.Split(fyneApp, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if ok && section == "Details" && strings.TrimSpace(key) == "Version" {
			if v := strings.Trim(strings.TrimSpace(value), `"`); v != "" {
				return v
			}
		}
	}
	return "dev"
}

// Exit statuses.
const (
	exitOK    = 0
	exitUser  = 1 // a user error: one line on stderr
	exitUsage = 2
)

// Window opens the program's window; main supplies it, so the command line
// needs no display.
type Window struct {
	// Open opens the window as o asks and returns the exit status.
	Open func(o WindowOptions, stdout, stderr io.Writer) int
	// Pages are the screens --page may name.
	Pages []string
	// Version is the program's version (see VersionFrom).
	Version string
}

// WindowOptions are the flags the window takes.
type WindowOptions struct {
	DB, Lang string // the database (empty: the default) and the language
	Page     string // the screen to show first
	Search   string // typed into the client search, the first match opened
	Shot     string // save a screenshot here and exit
	Force    bool   // the screenshot may replace a file
	Version  string // the program's version, for the window's About
}

// globals are the flags every command accepts.
type globals struct {
	db, lang string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", g.db, "")
	fs.StringVar(&g.lang, "lang", g.lang, "")
}

// tr returns the texts for messages on the terminal.
func (g *globals) tr() *translations.T { return Messages(g.lang) }

// Messages returns the texts for messages on the terminal in lang, or as
// LANG says, else German.
func Messages(lang string) *translations.T {
	if lang != "" {
		return translations.New(lang)
	}
	return translations.New(translations.Normalize(os.Getenv("LANG"), "de"))
}

// Run runs the command line: a subcommand, or the window.
func Run(args []string, stdout, stderr io.Writer, w Window) int {
	var g globals
	fs := flag.NewFlagSet("studiopartner", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	var o WindowOptions
	fs.StringVar(&o.Shot, "screenshot", "", "")
	fs.StringVar(&o.Page, "page", "", "")
	fs.StringVar(&o.Search, "search", "", "")
	fs.BoolVar(&o.Force, "force", false, "")
	help := fs.Bool("help", false, "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, g.tr(), flagError(g.tr(), err))
	}
	tr := g.tr()
	if g.lang != "" && translations.Normalize(g.lang, "") == "" {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.lang.invalid", "Lang", g.lang)))
	}
	switch {
	case *help:
		printHelp(stdout, tr, w.Version)
		return exitOK
	case *showVersion:
		fmt.Fprintln(stdout, "Studio Partner", w.Version)
		return exitOK
	}
	if o.Page != "" && !slices.Contains(w.Pages, o.Page) {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.page.invalid", "Page", o.Page, "Pages", strings.Join(w.Pages, ", "))))
	}
	if o.Search != "" && o.Page != "" && o.Page != "counter" && o.Page != "clients" {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.search.page", "Page", o.Page)))
	}
	if fs.NArg() > 0 {
		return runCommand(fs.Arg(0), fs.Args()[1:], g, w.Version, stdout, stderr)
	}
	if w.Open == nil {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.command.unknown", "Name", "")))
	}
	o.DB, o.Lang, o.Version = g.db, g.lang, w.Version
	return w.Open(o, stdout, stderr)
}

// WindowDB is the database the window uses: the studio server --db names
// (server), else the file named (path); path is also this computer's own
// file — the default one when --db names none or a server — whose folder
// is created on first use.
func WindowDB(named string) (path, server string, err error) {
	if sqlstore.IsServerURL(named) {
		server, named = strings.TrimSpace(named), ""
	}
	path, err = dbPath(named)
	return path, server, err
}

// UserError prints a user error as one translated line and returns 1.
func UserError(stderr io.Writer, tr *translations.T, err error) int {
	return userError(stderr, tr, err)
}

// runCommand runs one subcommand.
func runCommand(name string, args []string, g globals, version string, stdout, stderr io.Writer) int {
	if cmd, ok := findCommand(name); ok {
		return cmd.execute(args, g, stdout, stderr)
	}
	tr := g.tr()
	if name == "help" {
		printHelp(stdout, tr, version)
		return exitOK
	}
	return usageError(stderr, tr, errors.New(tr.S("cli.command.unknown", "Name", name)))
}
