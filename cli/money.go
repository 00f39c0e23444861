package cli

import (
	"context"
	"fmt"
	"io"

	"studiopartner/data"
	"studiopartner/translations"
)

// cmdCharges creates the charges that have come due, as the window does
// at start.
func cmdCharges(args []string, g globals, stdout, stderr io.Writer) int {
	return withStore("charges", args, g, stderr, func(s *data.Store, tr *translations.T) error {
		n, err := s.GenerateCharges(context.Background())
		if err == nil {
			fmt.Fprintln(stdout, tr.N("status.charges", n))
		}
		return err
	})
}

// cmdBalances prints the clients who owe money, most overdue first, tab
// separated: client id, name, overdue, open, oldest due date; the studio's
// totals go to stderr.
func cmdBalances(args []string, g globals, stdout, stderr io.Writer) int {
	return withStore("balances", args, g, stderr, func(s *data.Store, tr *translations.T) error {
		ctx := context.Background()
		const page = 5000
		for offset := 0; ; offset += page {
			rows, err := s.OpenBalances(ctx, offset, page)
			if err != nil {
				return err
			}
			for _, r := range rows {
				fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Overdue.Plain(tr.Lang()), r.Open.Plain(tr.Lang()), r.OldestDue)
			}
			if len(rows) < page {
				break
			}
		}
		t, err := s.Totals(ctx)
		if err == nil {
			fmt.Fprintln(stderr, tr.S("balances.totals", "Open", tr.Money(t.Open), "Overdue", tr.Money(t.Overdue),
				"Clients", t.ClientsOverdue, "Received", tr.Money(t.ReceivedThisMonth)))
		}
		return err
	})
}
