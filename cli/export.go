package cli

import (
	"context"
	"fmt"

	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// exportCommand writes every table as CSV into a new or empty folder.
var exportCommand = command{name: "export", minArgs: 1, maxArgs: 1, badArgs: says("cli.export.args"),
	define: noFlags(func(c *call) error {
		return c.withStore(func(s *sqlstore.Store) error {
			files, err := exchange.Export(context.Background(), s, c.args[0], nil)
			if err == nil {
				fmt.Fprintln(c.stdout, c.tr.S("cli.export.done", "Tables", len(files), "Path", c.args[0]))
			}
			return err
		})
	})}
