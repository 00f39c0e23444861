package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"studiopartner/data/sqlstore"
)

// moveCommand copies the studio into a new file or an empty database on a
// server, checks every table there, and says so table by table.
var moveCommand = command{name: "move", define: func(fs *flag.FlagSet) func(c *call) error {
	var to string
	fs.StringVar(&to, "to", "", "")
	return func(c *call) error {
		if strings.TrimSpace(to) == "" {
			return c.usage("cli.move.args")
		}
		return c.withStore(func(s *sqlstore.Store) error {
			checks, err := s.MoveTo(context.Background(), to, nil)
			if err != nil {
				return err
			}
			var rows int64
			for _, ch := range checks {
				rows += ch.Rows
				fmt.Fprintf(c.stdout, "%s\t%d\t%s\n", ch.Table, ch.Rows, ch.Sum[:16])
			}
			from := s.Path()
			if s.OnServer() {
				from = s.Server()
			}
			fmt.Fprintln(c.stdout, c.tr.S("cli.move.done", "Target", sqlstore.ShownURL(to), "Tables", len(checks),
				"Rows", rows, "Source", from))
			return nil
		})
	}
}}
