package cli

import (
	"context"
	"fmt"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// checkCommand checks the database's integrity and lists what is wrong,
// also in a file too damaged to open.
var checkCommand = command{name: "check", define: noFlags(func(c *call) error {
	s, err := c.store()
	if e := data.AsError(err); e != nil && e.Key == "db.damaged" {
		return c.listDamaged(err)
	}
	if err != nil {
		return err
	}
	res, err := s.Check(context.Background())
	if err != nil {
		return err
	}
	if !res.OK {
		for _, p := range res.Problems {
			fmt.Fprintln(c.stderr, p)
		}
		for _, f := range res.Findings {
			fmt.Fprintln(c.stderr, c.tr.Err(&data.Error{Code: data.CodeInvalid, Key: f.Key, Args: f.Args}))
		}
		fmt.Fprintln(c.stderr, c.tr.N("check.problems", len(res.Problems)+len(res.Findings)))
		return exitStatus(exitUser)
	}
	if s.OnServer() {
		fmt.Fprintln(c.stdout, c.tr.S("check.server", "URL", s.Server()))
	}
	fmt.Fprintln(c.stdout, c.tr.S("check.ok", "Version", res.Version))
	return nil
})}

// listDamaged lists the integrity problems of a database that is too
// damaged to open.
func (c *call) listDamaged(openErr error) error {
	p, err := dbPath(c.g.db)
	if err != nil {
		return err
	}
	problems, _ := sqlstore.CheckFile(p)
	for _, line := range problems {
		fmt.Fprintln(c.stderr, line)
	}
	fmt.Fprintln(c.stderr, "studiopartner: "+c.tr.Err(openErr))
	fmt.Fprintln(c.stderr, c.tr.N("check.problems", max(len(problems), 1)))
	return exitStatus(exitUser)
}
