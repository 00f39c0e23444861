package cli

import (
	"fmt"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// restoreCommand replaces the database with a backup, after checking it
// and keeping a safety copy of what was there. The command line acts as
// the owner.
var restoreCommand = command{name: "restore", minArgs: 1, maxArgs: 1, badArgs: says("cli.restore.file"),
	define: noFlags(func(c *call) error {
		path, err := dbPath(c.g.db)
		if err != nil {
			return err
		}
		if sqlstore.IsServerURL(path) {
			return data.Errorf(data.CodeInvalid, "db.server.file_only", map[string]any{"URL": sqlstore.ShownURL(path)})
		}
		info, safety, err := sqlstore.Restore(path, c.args[0], data.RoleOwner)
		if err != nil {
			return err
		}
		if safety == "" {
			safety = "–"
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.restore.done", "Date", info.LastAt, "Clients", info.Clients, "Payments", info.Payments,
			"Goodwill", info.Goodwill, "Safety", safety))
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
