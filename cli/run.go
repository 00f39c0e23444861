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

	"studiopartner/translations"
)

// Version is the program's version, as FyneApp.toml says.
const Version = "0.1.0"

// Exit statuses.
const (
	exitOK    = 0
	exitUser  = 1 // a user error: one line on stderr
	exitUsage = 2
)

// Window opens the program's window; main supplies it, so the command line
// needs no display.
type Window struct {
	// Open opens the window on the database db (empty: the default), in
	// lang; with shot it saves a screenshot (replacing one only if force)
	// and exits. It returns the exit status.
	Open func(db, lang, shot, page string, force bool, stdout, stderr io.Writer) int
	// ValidPage reports whether --page names a screen.
	ValidPage func(page string) bool
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
	shot := fs.String("screenshot", "", "")
	page := fs.String("page", "", "")
	force := fs.Bool("force", false, "")
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
		printHelp(stdout, tr)
		return exitOK
	case *showVersion:
		fmt.Fprintln(stdout, "Studio Partner", Version)
		return exitOK
	}
	if *page != "" && (w.ValidPage == nil || !w.ValidPage(*page)) {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.page.invalid", "Page", *page)))
	}
	if fs.NArg() > 0 {
		return runCommand(fs.Arg(0), fs.Args()[1:], g, stdout, stderr)
	}
	if w.Open == nil {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.command.unknown", "Name", "")))
	}
	return w.Open(g.db, g.lang, *shot, *page, *force, stdout, stderr)
}

// DBPath is the database a window or command uses: the one named, or the
// default one, whose folder is created on first use.
func DBPath(named string) (string, error) { return dbPath(named) }

// UserError prints a user error as one translated line and returns 1.
func UserError(stderr io.Writer, tr *translations.T, err error) int {
	return userError(stderr, tr, err)
}

// runCommand runs one subcommand.
func runCommand(name string, args []string, g globals, stdout, stderr io.Writer) int {
	if cmd, ok := findCommand(name); ok {
		return cmd.execute(args, g, stdout, stderr)
	}
	tr := g.tr()
	if name == "help" {
		printHelp(stdout, tr)
		return exitOK
	}
	return usageError(stderr, tr, errors.New(tr.S("cli.command.unknown", "Name", name)))
}
