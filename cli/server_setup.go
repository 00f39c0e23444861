package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// serverSetupCommand gives a studio server its two roles, the owner's and
// the counters', run as the server's administrator (--db names the
// administrator's login), or prints the SQL for the administrator.
var serverSetupCommand = command{name: "server-setup", define: func(fs *flag.FlagSet) func(c *call) error {
	var print bool
	r := sqlstore.Roles{Owner: "studio_owner", Counter: "studio_counter"}
	fs.BoolVar(&print, "print", false, "")
	fs.StringVar(&r.Owner, "owner", r.Owner, "")
	fs.StringVar(&r.Counter, "counter", r.Counter, "")
	return func(c *call) error {
		raw, err := dbPath(c.g.db)
		if err != nil {
			return err
		}
		if !sqlstore.IsServerURL(raw) {
			return data.Errorf(data.CodeInvalid, "cli.server_setup.server", nil)
		}
		// the passwords from the environment, never from the command line
		r.OwnerPassword, r.CounterPassword = os.Getenv("STUDIO_OWNER_PASSWORD"), os.Getenv("STUDIO_COUNTER_PASSWORD")
		if print {
			stmts, err := sqlstore.SetupSQLFor(raw, r)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, "BEGIN;")
			for _, q := range stmts {
				fmt.Fprintln(c.stdout, q+";")
			}
			fmt.Fprintln(c.stdout, "COMMIT;")
			return nil
		}
		if err := sqlstore.SetUpServer(context.Background(), raw, r); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.server_setup.done", "Owner", r.Owner, "Counter", r.Counter, "URL", sqlstore.ShownURL(raw)))
		return nil
	}
}}
