package cli

import (
	"flag"
	"fmt"
	"io"

	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// output is the -o and --force flags of a command that writes a file.
type output struct {
	path  string
	force bool
}

func (o *output) register(fs *flag.FlagSet) {
	fs.StringVar(&o.path, "o", "", "")
	fs.BoolVar(&o.force, "force", false, "")
}

// required says when -o is missing.
func (o output) required(c *call) error {
	if o.path == "" {
		return c.usage("cli.output.required")
	}
	return nil
}

// write writes a finished document through the store's safe-write helper.
func (o output) write(s *sqlstore.Store, b []byte) error {
	return s.WriteFile(o.path, disk.WriteOptions{Force: o.force}, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// issue stages the file, lets produce write and record the document into
// it, and publishes the file only once the record is kept.
func (o output) issue(s *sqlstore.Store, produce func(sf *disk.StagedFile) error) error {
	sf, err := s.CreateFile(o.path, disk.WriteOptions{Force: o.force})
	if err != nil {
		return err
	}
	if err := produce(sf); err != nil {
		sf.Discard()
		return err
	}
	return sf.Publish()
}

// written says where a document went.
func (c *call) written(path, number string) {
	fmt.Fprintln(c.stdout, c.tr.S("cli.written", "Path", path, "Number", number))
}

// docLang is the language --lang asks documents to be in; empty means the
// client's own.
func (g globals) docLang() string {
	if g.lang == "" {
		return ""
	}
	return translations.Normalize(g.lang, "de")
}
