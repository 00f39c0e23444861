package cli

import (
	"context"
	"flag"
	"fmt"

	"studiopartner/reports"
)

// clientExportCommand writes one client's data (DSGVO access and
// portability) into a new or empty folder.
var clientExportCommand = command{name: "client-export", define: func(fs *flag.FlagSet) func(c *call) error {
	var client int64
	var out string
	fs.Int64Var(&client, "client", 0, "")
	fs.StringVar(&out, "o", "", "")
	return func(c *call) error {
		if client <= 0 || out == "" {
			return c.usage("cli.client_export.args")
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		files, err := reports.WriteClientExport(context.Background(), s, client, out, c.g.docLang())
		if err != nil {
			return err
		}
		cl, err := s.Client(context.Background(), client)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.client_export.done", "Name", cl.Name, "Path", out, "Agreements", len(files.Agreements)))
		return nil
	}
}}
