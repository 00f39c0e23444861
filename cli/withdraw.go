package cli

import (
	"context"
	"flag"
	"fmt"

	"studiopartner/data"
)

// withdrawCommand records a client's withdrawal from a contract concluded
// off the premises or at a distance, received on --received (default
// today): the contract is undone, and the refund owed is named.
var withdrawCommand = command{name: "withdraw", define: func(fs *flag.FlagSet) func(c *call) error {
	var contract int64
	var received string
	fs.Int64Var(&contract, "contract", 0, "")
	fs.StringVar(&received, "received", "", "")
	return func(c *call) error {
		if contract <= 0 {
			return c.usage("cli.contract.required")
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		day := s.Today()
		if received != "" {
			if day, err = data.ParseLocalDate(received, c.tr.Lang()); err != nil {
				return err
			}
		}
		k, err := s.WithdrawContract(context.Background(), contract, day)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.withdraw.done", "ID", k.ID, "Service", k.ServiceName, "Date", c.tr.Date(k.WithdrawnOn),
			"Refund", c.tr.Money(k.Refund)))
		return nil
	}
}}
