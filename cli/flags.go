package cli

import (
	"context"
	"fmt"
	"strings"

	"studiopartner/data/sqlstore"
)

// flagsCommand prints every flagged client, most serious first,
// tab-separated: client id, name, flag, reason, since.
var flagsCommand = command{name: "flags", define: noFlags(func(c *call) error {
	return c.withStore(func(s *sqlstore.Store) error {
		fs, err := s.Flags(context.Background())
		for _, f := range fs {
			reason := c.tr.FlagReason(f)
			fmt.Fprintf(c.stdout, "%d\t%s\t%s\t%s\t%s\n", f.ClientID, oneLine(f.ClientName), f.Kind, oneLine(reason), f.Since)
		}
		return err
	})
})}

// oneLine keeps a value inside one tab-separated field.
var oneLine = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace
