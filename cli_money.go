package main

import (
	"context"
	"fmt"
	"io"
)

// cmdCharges creates the charges that have come due, as the window does
// at start.
func cmdCharges(args []string, g globals, stdout, stderr io.Writer) int {
	err := commandFlags("charges", &g, args, nil)
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	n, err := s.GenerateCharges(context.Background())
	if err != nil {
		return userError(stderr, tr, err)
	}
	fmt.Fprintln(stdout, tr.N("status.charges", n))
	return exitOK
}

// cmdBalances prints the clients who owe money, most overdue first, tab
// separated: client id, name, overdue, open, oldest due date.
func cmdBalances(args []string, g globals, stdout, stderr io.Writer) int {
	err := commandFlags("balances", &g, args, nil)
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	ctx := context.Background()
	const page = 5000
	for offset := 0; ; offset += page {
		rows, err := s.OpenBalances(ctx, offset, page)
		if err != nil {
			return userError(stderr, tr, err)
		}
		for _, r := range rows {
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Overdue.Plain(tr.Lang()), r.Open.Plain(tr.Lang()), r.OldestDue)
		}
		if len(rows) < page {
			break
		}
	}
	t, err := s.Totals(ctx)
	if err != nil {
		return userError(stderr, tr, err)
	}
	fmt.Fprintln(stderr, tr.S("balances.totals", "Open", tr.Money(t.Open), "Overdue", tr.Money(t.Overdue),
		"Clients", t.ClientsOverdue, "Received", tr.Money(t.ReceivedThisMonth)))
	return exitOK
}
