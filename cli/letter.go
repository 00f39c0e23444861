package cli

import (
	"context"
	"flag"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/reports"
)

// letterCommands are the commands that issue a letter, one per kind in
// the registry of letters: each takes the id of its subject (--contract,
// --client, --payment) and -o.
func letterCommands() []command {
	var cmds []command
	for _, lk := range reports.Letters {
		cmds = append(cmds, command{name: lk.Command, define: letterDefinition(lk)})
	}
	return cmds
}

// letterDefinition is the flags and the run of one letter's command: the
// letter is written into a staged file, recorded, then published.
func letterDefinition(lk reports.LetterKind) func(fs *flag.FlagSet) func(c *call) error {
	return func(fs *flag.FlagSet) func(c *call) error {
		var id int64
		var o output
		fs.Int64Var(&id, lk.Subject, 0, "")
		o.register(fs)
		return func(c *call) error {
			if id == 0 {
				return c.usage("cli." + lk.Subject + ".required")
			}
			if err := o.required(c); err != nil {
				return err
			}
			s, err := c.store()
			if err != nil {
				return err
			}
			var doc data.Document
			err = o.issue(s, func(sf *disk.StagedFile) error {
				doc, _, err = reports.IssueLetter(context.Background(), s, lk.Kind, id, reports.Issue{Lang: c.g.docLang(), Out: sf})
				return err
			})
			if err == nil {
				c.written(o.path, doc.Number)
			}
			return err
		}
	}
}
