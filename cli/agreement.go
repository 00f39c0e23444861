package cli

import (
	"context"
	"flag"
	"fmt"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/reports"
)

// agreementCommand prints a client's partnership agreement to a PDF file
// and records the copy: the file is staged first, the copy recorded, and
// only then is the file published.
var agreementCommand = command{name: "agreement", define: func(fs *flag.FlagSet) func(c *call) error {
	var client int64
	var o output
	var accept bool
	fs.Int64Var(&client, "client", 0, "")
	fs.BoolVar(&accept, "accept-warnings", false, "")
	o.register(fs)
	return func(c *call) error {
		if client == 0 {
			return c.usage("cli.client.required")
		}
		if err := o.required(c); err != nil {
			return err
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		var a data.Agreement
		err = o.issue(s, func(sf *disk.StagedFile) error {
			a, _, err = reports.IssueAgreement(context.Background(), s, client, reports.Issue{Lang: c.g.docLang(), AcceptWarnings: accept, Out: sf})
			return err
		})
		if e := data.AsError(err); e != nil && e.Key == "doc.needs_confirmation" {
			fmt.Fprintln(c.stderr, "studiopartner: "+c.tr.Err(err))
			fmt.Fprintln(c.stderr, c.tr.S("cli.accept_warnings"))
			return exitStatus(exitUser)
		}
		if err != nil {
			return err
		}
		if len(a.AcceptedWarnings) > 0 {
			fmt.Fprintln(c.stderr, c.tr.S("cli.warnings_accepted"))
		}
		c.written(o.path, a.Number())
		return nil
	}
}}
