package cli

import (
	"context"
	"fmt"

	"studiopartner/data/sqlstore"
)

// chargesCommand creates the charges that have come due, as the window
// does at start.
var chargesCommand = command{name: "charges", define: noFlags(func(c *call) error {
	return c.withStore(func(s *sqlstore.Store) error {
		n, err := s.GenerateCharges(context.Background())
		if err == nil {
			fmt.Fprintln(c.stdout, c.tr.N("status.charges", n))
		}
		return err
	})
})}
