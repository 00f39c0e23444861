package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"studiopartner/data"
	"studiopartner/data/demo"
	"studiopartner/reports"
	"studiopartner/translations"
)

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

// commands are the subcommands by name.
var commands = map[string]func(args []string, g globals, stdout, stderr io.Writer) int{
	"demo": cmdDemo, "check": cmdCheck, "charges": cmdCharges, "balances": cmdBalances, "flags": cmdFlags,
	"agreement": cmdAgreement, "review": cmdReview, "backup": cmdBackup, "restore": cmdRestore,
	"export": cmdExport, "import": cmdImport, "client-export": cmdClientExport, "reprint": cmdReprint,
}

// runCommand runs one subcommand.
func runCommand(name string, args []string, g globals, stdout, stderr io.Writer) int {
	if cmd, ok := commands[name]; ok {
		return cmd(args, g, stdout, stderr)
	}
	if _, ok := letterCommands[name]; ok {
		return cmdLetter(name, args, g, stdout, stderr)
	}
	if name == "help" {
		printHelp(stdout, g.tr())
		return exitOK
	}
	tr := g.tr()
	return usageError(stderr, tr, errors.New(tr.S("cli.command.unknown", "Name", name)))
}

// commandFlags parses a subcommand's flags, which include the global ones.
func commandFlags(name string, g *globals, args []string, define func(fs *flag.FlagSet)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	if define != nil {
		define(fs)
	}
	if err := fs.Parse(args); err != nil {
		return flagError(g.tr(), err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s", g.tr().S("cli.args.unexpected", "Args", fmt.Sprint(fs.Args())))
	}
	return nil
}

// openStore opens the command's database; erasures applied again at
// opening (after a restore) are said on stderr.
func openStore(g globals) (*data.Store, error) {
	p, err := dbPath(g.db)
	if err != nil {
		return nil, err
	}
	s, err := data.Open(p)
	if err == nil && len(s.ReappliedErasures()) > 0 {
		fmt.Fprintln(os.Stderr, "studiopartner: "+g.tr().N("erase.reapplied", len(s.ReappliedErasures())))
	}
	return s, err
}

// withStore runs a command that takes no flags of its own over the
// database: usage problems exit 2, the command's errors 1.
func withStore(name string, args []string, g globals, stderr io.Writer, run func(s *data.Store, tr *translations.T) error) int {
	err := commandFlags(name, &g, args, nil)
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	if err := run(s, tr); err != nil {
		return userError(stderr, tr, err)
	}
	return exitOK
}

func cmdDemo(args []string, g globals, stdout, stderr io.Writer) int {
	o := demo.DefaultOptions()
	var seed int64 = 1
	err := commandFlags("demo", &g, args, func(fs *flag.FlagSet) {
		fs.IntVar(&o.Clients, "clients", o.Clients, "")
		fs.IntVar(&o.Months, "months", o.Months, "")
		fs.Int64Var(&seed, "seed", seed, "")
	})
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	o.Seed = uint64(seed)
	o.PrintAgreement = reports.PrintAgreement
	if err := o.Validate(); err != nil {
		return userError(stderr, tr, err) // before any file is made
	}
	path, err := dbPath(g.db)
	if err != nil {
		return userError(stderr, tr, err)
	}
	start := time.Now()
	err = data.BuildDatabase(context.Background(), path, func(s *data.Store) error {
		return demo.Fill(context.Background(), s, o)
	})
	if err != nil {
		return userError(stderr, tr, err)
	}
	fmt.Fprintln(stdout, tr.S("cli.demo.done", "Count", o.Clients, "Path", path,
		"Seconds", fmt.Sprintf("%.1f", time.Since(start).Seconds())))
	return exitOK
}

func cmdCheck(args []string, g globals, stdout, stderr io.Writer) int {
	if code, done := checkDamaged(args, g, stderr); done {
		return code
	}
	problems := 0
	code := withStore("check", args, g, stderr, func(s *data.Store, tr *translations.T) error {
		res, err := s.Check(context.Background())
		if err != nil {
			return err
		}
		if !res.OK {
			for _, p := range res.Problems {
				fmt.Fprintln(stderr, p)
			}
			fmt.Fprintln(stderr, tr.N("check.problems", len(res.Problems)))
			problems = len(res.Problems)
			return nil
		}
		fmt.Fprintln(stdout, tr.S("check.ok", "Version", res.Version))
		return nil
	})
	if code == exitOK && problems > 0 {
		return exitUser
	}
	return code
}

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

// checkDamaged lists the integrity problems of a database that is too
// damaged to open; done is false when the database opens (or is not one).
func checkDamaged(args []string, g globals, stderr io.Writer) (int, bool) {
	if commandFlags("check", &g, args, nil) != nil {
		return 0, false
	}
	p, err := dbPath(g.db)
	if err != nil {
		return 0, false
	}
	s, err := data.Open(p)
	if err == nil {
		s.Close()
		return 0, false
	}
	if e := data.AsError(err); e == nil || e.Key != "db.damaged" {
		return 0, false
	}
	tr := g.tr()
	problems, _ := data.CheckFile(p)
	for _, line := range problems {
		fmt.Fprintln(stderr, line)
	}
	fmt.Fprintln(stderr, "studiopartner: "+tr.Err(err))
	fmt.Fprintln(stderr, tr.N("check.problems", max(len(problems), 1)))
	return exitUser, true
}

// userError prints a user error as one translated line and returns 1.
func userError(stderr io.Writer, tr *translations.T, err error) int {
	fmt.Fprintln(stderr, "studiopartner: "+tr.Err(err))
	return exitUser
}

// usageError prints a usage problem and where to find help, and returns 2.
func usageError(stderr io.Writer, tr *translations.T, err error) int {
	fmt.Fprintln(stderr, "studiopartner: "+err.Error())
	fmt.Fprintln(stderr, tr.S("cli.usage.hint"))
	return exitUsage
}

func printHelp(w io.Writer, tr *translations.T) {
	p, err := defaultDBPath()
	if err != nil {
		p = "?"
	}
	fmt.Fprintln(w, tr.S("cli.help", "Path", p, "Version", Version))
}
