package cli

import (
	"context"
	"fmt"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
)

// restoreCommand replaces the database with a backup, after checking it
// and keeping a safety copy of what was there. The command line acts as
// the owner. On a studio server it restores only while no other counter
// is connected (they are told).
var restoreCommand = command{name: "restore", minArgs: 1, maxArgs: 1, badArgs: says("cli.restore.file"),
	define: noFlags(func(c *call) error {
		path, err := dbPath(c.g.db)
		if err != nil {
			return err
		}
		var info disk.BackupInfo
		var safety string
		if sqlstore.IsServerURL(path) {
			s, err := c.store()
			if err != nil {
				return err
			}
			info, safety, err = s.RestoreServer(context.Background(), c.args[0])
			if err != nil {
				return err
			}
			c.restored(info, safety)
			return nil
		}
		info, safety, err = sqlstore.Restore(path, c.args[0], data.RoleOwner)
		if err != nil {
			return err
		}
		c.restored(info, safety)
		// opening applies again the erasures made after the backup was taken
		s, err := sqlstore.Open(path)
		if err != nil {
			return err
		}
		defer s.Close()
		if n := len(s.ReappliedErasures()); n > 0 {
			fmt.Fprintln(c.stdout, c.tr.N("erase.reapplied", n))
		}
		return nil
	})}

// restored says what a restore brought back and where the state before
// it is kept.
func (c *call) restored(info disk.BackupInfo, safety string) {
	if safety == "" {
		safety = "–"
	}
	fmt.Fprintln(c.stdout, c.tr.S("cli.restore.done", "Date", info.LastAt, "Clients", info.Clients, "Payments", info.Payments,
		"Goodwill", info.Goodwill, "Safety", safety))
}
