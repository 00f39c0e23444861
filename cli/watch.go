package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"studiopartner/data/sqlstore"
)

// watchCommand prints each change to the records as it is made, by any
// program on the database, one tab-separated line each: time, kind,
// record, client. It runs until stopped (Ctrl+C), or until --count
// changes were printed.
var watchCommand = command{name: "watch", define: func(fs *flag.FlagSet) func(c *call) error {
	var count int
	fs.IntVar(&count, "count", 0, "")
	return func(c *call) error {
		if count < 0 {
			return c.usage("cli.watch.count")
		}
		return c.withStore(func(s *sqlstore.Store) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			feed, err := s.FollowChanges(ctx)
			if err != nil {
				return err
			}
			defer feed.Close()
			for printed := 0; count == 0 || printed < count; {
				changes, err := feed.Next(ctx, 5*time.Second)
				if ctx.Err() != nil {
					return nil // stopped
				}
				if err != nil {
					return err
				}
				for _, ch := range changes {
					fmt.Fprintf(c.stdout, "%s\t%s\t%d\t%d\n", ch.At, ch.Kind, ch.Record, ch.ClientID)
					if printed++; count > 0 && printed == count {
						break
					}
				}
			}
			return nil
		})
	}
}}
