package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// importCommand reads one table in the export format; any problem in any
// row and nothing is stored, and every problem is listed on stderr.
var importCommand = command{name: "import", minArgs: 2, maxArgs: 2, badArgs: (*call).importArgs, define: noFlags(func(c *call) error {
	kind, path := c.args[0], c.args[1]
	f, err := os.Open(path)
	if err != nil {
		return data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	s, err := c.store()
	if err != nil {
		return err
	}
	n, err := exchange.Import(context.Background(), s, kind, f, st.Size(), nil)
	if err != nil {
		return c.listProblems(err)
	}
	fmt.Fprintln(c.stdout, c.tr.N("cli.import.done", n, "Kind", kind))
	return nil
})}

// importArgs says how import is called, with the kinds it takes.
func (c *call) importArgs() error {
	return c.usage("cli.import.args", "Kinds", strings.Join(sqlstore.ImportKinds(), ", "))
}

// listProblems prints every row problem of a failed import, then how many
// there were.
func (c *call) listProblems(err error) error {
	e := data.AsError(err)
	if e == nil || e.Key != "import.failed" {
		return err
	}
	for _, f := range e.Fields {
		fmt.Fprintln(c.stderr, c.tr.Field(f))
	}
	count, _ := e.Args["Count"].(int)
	fmt.Fprintln(c.stderr, "studiopartner: "+c.tr.N("import.failed", count))
	return exitStatus(exitUser)
}
