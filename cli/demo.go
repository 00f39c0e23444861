package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"studiopartner/data/demo"
	"studiopartner/data/sqlstore"
	"studiopartner/reports"
)

// demoCommand fills a new database with a made-up studio, all or nothing.
var demoCommand = command{name: "demo", define: func(fs *flag.FlagSet) func(c *call) error {
	o := demo.DefaultOptions()
	var seed int64 = 1
	fs.IntVar(&o.Clients, "clients", o.Clients, "")
	fs.IntVar(&o.Months, "months", o.Months, "")
	fs.Int64Var(&seed, "seed", seed, "")
	return func(c *call) error {
		o.Seed = uint64(seed)
		o.PrintAgreement = reports.PrintAgreement
		if err := o.Validate(); err != nil {
			return err // before any file is made
		}
		path, err := dbPath(c.g.db)
		if err != nil {
			return err
		}
		start := time.Now()
		build := sqlstore.BuildDatabase
		if sqlstore.IsServerURL(path) {
			build = sqlstore.BuildServerDatabase
		}
		err = build(context.Background(), path, func(s *sqlstore.Store) error {
			s.Now = clock
			return demo.Fill(context.Background(), s, o)
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.demo.done", "Count", o.Clients, "Path", sqlstore.ShownURL(path),
			"Seconds", c.tr.Decimal(time.Since(start).Seconds(), 1)))
		return nil
	}
}}
