package cli

import (
	"context"
	"flag"
	"fmt"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// visitsCommand prints a client's visits, newest first, tab-separated:
// id, time, outcome, contract, whether it used a card's session, what was
// chosen beyond the contract, who recorded it, the day it was undone and
// the branch it was recorded at; --branch lists one branch's.
var visitsCommand = command{name: "visits", define: func(fs *flag.FlagSet) func(c *call) error {
	var client int64
	var from, branch string
	fs.Int64Var(&client, "client", 0, "")
	fs.StringVar(&from, "from", "", "")
	fs.StringVar(&branch, "branch", "", "")
	return func(c *call) error {
		if client <= 0 {
			return c.usage("cli.visits.args")
		}
		start, err := data.ParseLocalDate(from, c.tr.Lang())
		if err != nil {
			return c.usage("cli.visits.from", "Text", from)
		}
		return c.withStore(func(s *sqlstore.Store) error {
			vs, err := s.VisitsAt(context.Background(), client, start, branch)
			for _, v := range vs {
				uses := 0
				if v.UsesSession {
					uses = 1
				}
				undone := ""
				if !v.UndoneOn.IsZero() {
					undone = v.UndoneOn.String()
				}
				fmt.Fprintf(c.stdout, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", v.ID, v.At.Format("2006-01-02T15:04"), v.Outcome,
					oneLine(v.ContractName), uses, v.Beyond, oneLine(v.StaffName), undone, v.Branch)
			}
			return err
		})
	}
}}
