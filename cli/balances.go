package cli

import (
	"context"
	"fmt"

	"studiopartner/data/sqlstore"
)

// balancesCommand prints the clients who owe money, most overdue first,
// tab separated: client id, name, overdue, open, oldest due date; the
// studio's totals go to stderr.
var balancesCommand = command{name: "balances", define: noFlags(func(c *call) error {
	return c.withStore(func(s *sqlstore.Store) error {
		ctx := context.Background()
		lang := c.tr.Lang()
		const page = 5000
		for offset := 0; ; offset += page {
			rows, err := s.OpenBalances(ctx, offset, page)
			if err != nil {
				return err
			}
			for _, r := range rows {
				fmt.Fprintf(c.stdout, "%d\t%s\t%s\t%s\t%s\n", r.ID, oneLine(r.Name), r.Overdue.Plain(lang), r.Open.Plain(lang), r.OldestDue)
			}
			if len(rows) < page {
				break
			}
		}
		t, err := s.Totals(ctx)
		if err == nil {
			fmt.Fprintln(c.stderr, c.tr.S("balances.totals", "Open", c.tr.Money(t.Open), "Overdue", c.tr.Money(t.Overdue),
				"Clients", t.ClientsOverdue, "Received", c.tr.Money(t.ReceivedThisMonth)))
		}
		return err
	})
})}
