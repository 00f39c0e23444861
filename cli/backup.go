package cli

import (
	"context"
	"flag"
	"fmt"
)

// backupCommand writes a consistent copy of the database: to the file
// named with -o, or dated into the backup folder beside the database. A
// backup never replaces a file: there is no --force.
var backupCommand = command{name: "backup", define: func(fs *flag.FlagSet) func(c *call) error {
	var out string
	fs.StringVar(&out, "o", "", "")
	return func(c *call) error {
		s, err := c.store()
		if err != nil {
			return err
		}
		if out != "" {
			err = s.Backup(context.Background(), out)
		} else {
			out, err = s.BackupInto(context.Background(), s.BackupDir())
		}
		if err == nil {
			fmt.Fprintln(c.stdout, c.tr.S("cli.backup.done", "Path", out))
		}
		return err
	}
}}
