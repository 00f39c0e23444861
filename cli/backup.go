package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"studiopartner/data"
)

// cmdBackup writes a consistent copy of the database: to the file named
// with -o, or dated into the backup folder beside the database.
func cmdBackup(args []string, g globals, stdout, stderr io.Writer) int {
	var out string
	err := commandFlags("backup", &g, args, func(fs *flag.FlagSet) { fs.StringVar(&out, "o", "", "") })
	// a backup never replaces a file: there is no --force
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	if out != "" {
		err = s.Backup(context.Background(), out)
	} else {
		out, err = s.BackupInto(context.Background(), s.BackupDir())
	}
	if err != nil {
		return userError(stderr, tr, err)
	}
	fmt.Fprintln(stdout, tr.S("cli.backup.done", "Path", out))
	return exitOK
}

// cmdRestore replaces the database with a backup, after checking it and
// keeping a safety copy of what was there.
func cmdRestore(args []string, g globals, stdout, stderr io.Writer) int {
	fs, tr, code := parseWithArgs("restore", args, &g, stderr)
	if fs == nil {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.restore.file")))
	}
	path, err := dbPath(g.db)
	if err != nil {
		return userError(stderr, tr, err)
	}
	info, safety, err := data.Restore(path, fs.Arg(0), data.RoleOwner) // the command line acts as the owner
	if err != nil {
		return userError(stderr, tr, err)
	}
	if safety == "" {
		safety = "–"
	}
	fmt.Fprintln(stdout, tr.S("cli.restore.done", "Date", info.LastAt, "Clients", info.Clients, "Payments", info.Payments,
		"Goodwill", info.Goodwill, "Safety", safety))
	// opening applies again the erasures made after the backup was taken
	s, err := data.Open(path)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	if n := len(s.ReappliedErasures()); n > 0 {
		fmt.Fprintln(stdout, tr.N("erase.reapplied", n))
	}
	return exitOK
}
