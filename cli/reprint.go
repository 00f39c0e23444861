package cli

import (
	"context"
	"flag"
	"strings"
)

// reprintCommand writes the stored copy of an issued document, byte for
// byte.
var reprintCommand = command{name: "reprint", minArgs: 1, maxArgs: 1, badArgs: says("cli.reprint.args"),
	define: func(fs *flag.FlagSet) func(c *call) error {
		var o output
		var erased bool
		o.register(fs)
		fs.BoolVar(&erased, "erased", false, "")
		return func(c *call) error {
			if err := o.required(c); err != nil {
				return err
			}
			s, err := c.store()
			if err != nil {
				return err
			}
			number := c.args[0]
			copyOf := s.CopyOf
			if erased {
				copyOf = s.CopyOfErased // a kept copy about an erased client, confirmed
			}
			pdf, err := copyOf(context.Background(), number)
			if err == nil {
				err = o.write(s, pdf)
			}
			if err == nil {
				c.written(o.path, strings.ToUpper(number))
			}
			return err
		}
	}}
