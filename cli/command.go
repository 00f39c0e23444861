package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
	"studiopartner/data/vault"
	"studiopartner/translations"
)

// clock is the commands' time; tests fix it.
var clock = time.Now

// command is one subcommand: its name, the positional arguments it takes
// and its flags. The help texts and the README are checked against the
// table of commands.
type command struct {
	name string
	// minArgs and maxArgs bound the positional arguments; badArgs says how
	// the command is called when their number is wrong (nil: "unexpected
	// arguments").
	minArgs, maxArgs int
	badArgs          func(c *call) error
	// define declares the command's own flags on fs and returns what runs
	// once they are parsed.
	define func(fs *flag.FlagSet) func(c *call) error
}

// commandTable lists every subcommand; the letters come from the
// registry of letters.
func commandTable() []command {
	cmds := []command{
		demoCommand, checkCommand, chargesCommand, balancesCommand, flagsCommand,
		agreementCommand, reprintCommand, reviewCommand, backupCommand, restoreCommand,
		exportCommand, importCommand, importSheetCommand, clientExportCommand, checkinCommand, visitsCommand, withdrawCommand,
		payoutCommand, moveCommand, watchCommand, serverSetupCommand, creditorCommand, mandateCommand, mandatesCommand,
		sepaRunCommand, sepaRunsCommand, sepaReturnsCommand,
	}
	return append(cmds, letterCommands()...)
}

// findCommand returns the subcommand called name.
func findCommand(name string) (command, bool) {
	for _, c := range commandTable() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// call is one run of a command: its globals, arguments and outputs, and
// the store, opened on first use and closed when the command ends.
type call struct {
	g              globals
	args           []string
	stdout, stderr io.Writer
	tr             *translations.T
	s              *sqlstore.Store
}

// EnvBranch names the branch a computer's commands record at, as the
// window's Settings do for the window.
const EnvBranch = "STUDIO_BRANCH"

// store opens the command's database once; erasures applied again at
// opening (after a restore) are said on stderr.
func (c *call) store() (*sqlstore.Store, error) {
	if c.s != nil {
		return c.s, nil
	}
	p, err := dbPath(c.g.db)
	if err != nil {
		return nil, err
	}
	if sqlstore.IsServerURL(p) {
		s, err := sqlstore.OpenServerWith(context.Background(), p, sqlstore.ServerOptions{Password: vault.Lookup(p)})
		if err != nil {
			return nil, err
		}
		c.s = s
		return s, c.atBranch(s)
	}
	s, err := sqlstore.Open(p)
	if err != nil {
		return nil, err
	}
	c.s = s
	if err := c.atBranch(s); err != nil {
		return nil, err
	}
	if disk.OnNetworkDrive(p) {
		fmt.Fprintln(c.stderr, "studiopartner: "+c.tr.S("db.network_drive", "Path", p))
	}
	if n := len(s.ReappliedErasures()); n > 0 {
		fmt.Fprintln(c.stderr, "studiopartner: "+c.tr.N("erase.reapplied", n))
	}
	return s, nil
}

// atBranch sets the store's clock and the branch the computer records at
// (STUDIO_BRANCH); a name it cannot take is said before anything is done.
func (c *call) atBranch(s *sqlstore.Store) error {
	s.Now = clock
	if err := s.SetBranch(os.Getenv(EnvBranch)); err != nil {
		return said(EnvBranch + ": " + c.tr.Err(err))
	}
	return nil
}

// close closes the store if the command opened it.
func (c *call) close() {
	if c.s != nil {
		c.s.Close()
		c.s = nil
	}
}

// usage is a usage problem in the terminal's language: exit status 2.
func (c *call) usage(key string, args ...any) error {
	return usageErr{errors.New(c.tr.S(key, args...))}
}

// usageErr marks an error as a usage problem.
type usageErr struct{ error }

// exitStatus ends a command that has already said what it had to say.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// execute parses a command's flags (which include the global ones, and
// may stand before or after its positional arguments), runs it and turns
// its error into one translated line and an exit status.
func (cmd command) execute(args []string, g globals, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	run := cmd.define(fs)
	positional, err := parseInterleaved(fs, args)
	c := &call{g: g, args: positional, stdout: stdout, stderr: stderr, tr: g.tr()}
	defer c.close()
	if err != nil {
		return usageError(stderr, c.tr, flagError(c.tr, err))
	}
	if len(positional) < cmd.minArgs || len(positional) > cmd.maxArgs {
		if cmd.badArgs != nil {
			return c.exit(cmd.badArgs(c))
		}
		return c.exit(c.usage("cli.args.unexpected", "Args", fmt.Sprint(positional)))
	}
	return c.exit(run(c))
}

// exit turns a command's outcome into its exit status.
func (c *call) exit(err error) int {
	var ue usageErr
	var status exitStatus
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &status):
		return int(status)
	case errors.As(err, &ue):
		return usageError(c.stderr, c.tr, ue.error)
	}
	return userError(c.stderr, c.tr, err)
}

// parseInterleaved parses flags that may stand between the positional
// arguments, and returns those.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(positional, rest...), nil // everything after -- is an argument
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// says returns a usage message by its key, for badArgs.
func says(key string) func(c *call) error {
	return func(c *call) error { return c.usage(key) }
}

// noFlags is the definition of a command with no flags of its own.
func noFlags(run func(c *call) error) func(fs *flag.FlagSet) func(c *call) error {
	return func(*flag.FlagSet) func(c *call) error { return run }
}

// withStore runs f over the command's store.
func (c *call) withStore(f func(s *sqlstore.Store) error) error {
	s, err := c.store()
	if err != nil {
		return err
	}
	return f(s)
}

// defaultDBPath is the database in the user's configuration folder.
func defaultDBPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "StudioPartner", "studiopartner.db"), nil
}

// dbPath returns the database to use: the one named, or the default one,
// whose folder is created on first use.
func dbPath(named string) (string, error) {
	if sqlstore.IsServerURL(named) {
		return strings.TrimSpace(named), nil // a studio server: nothing to make here
	}
	if named != "" {
		return named, nil
	}
	p, err := defaultDBPath()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", err
	}
	return p, nil
}
