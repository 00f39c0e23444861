package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"studiopartner/data"
	"studiopartner/reports"
	"studiopartner/translations"
)

// cmdExport writes every table as CSV into a new or empty folder.
func cmdExport(args []string, g globals, stdout, stderr io.Writer) int {
	fs, tr, code := parseWithArgs("export", args, &g, stderr)
	if fs == nil {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(stderr, tr, errors.New(tr.S("cli.export.args")))
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	files, err := s.Export(context.Background(), fs.Arg(0), nil)
	if err != nil {
		return userError(stderr, tr, err)
	}
	fmt.Fprintln(stdout, tr.S("cli.export.done", "Tables", len(files), "Path", fs.Arg(0)))
	return exitOK
}

// cmdImport reads one table in the export format; any problem in any row
// and nothing is stored, and every problem is listed on stderr.
func cmdImport(args []string, g globals, stdout, stderr io.Writer) int {
	fs, tr, code := parseWithArgs("import", args, &g, stderr)
	if fs == nil {
		return code
	}
	kinds := strings.Join(data.ImportKinds(), ", ")
	if fs.NArg() != 2 {
		return usageError(stderr, tr, errors.New(tr.S("cli.import.args", "Kinds", kinds)))
	}
	kind, path := fs.Arg(0), fs.Arg(1)
	f, err := os.Open(path)
	if err != nil {
		return userError(stderr, tr, data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()}))
	}
	defer f.Close()
	st, _ := f.Stat()
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	n, err := s.Import(context.Background(), kind, f, st.Size(), nil)
	if err != nil {
		return listProblems(stderr, tr, err)
	}
	fmt.Fprintln(stdout, tr.N("cli.import.done", n, "Kind", kind))
	return exitOK
}

// listProblems prints every row problem of a failed import, then how many
// there were.
func listProblems(stderr io.Writer, tr *translations.T, err error) int {
	e := data.AsError(err)
	if e == nil || e.Key != "import.failed" {
		return userError(stderr, tr, err)
	}
	for _, f := range e.Fields {
		fmt.Fprintln(stderr, tr.Field(f))
	}
	count, _ := e.Args["Count"].(int)
	fmt.Fprintln(stderr, "studiopartner: "+tr.N("import.failed", count))
	return exitUser
}

// parseWithArgs parses a subcommand's flags where positional arguments
// follow; on a usage problem it returns a nil FlagSet and the exit code.
func parseWithArgs(name string, args []string, g *globals, stderr io.Writer) (*flag.FlagSet, *translations.T, int) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	if err := fs.Parse(args); err != nil {
		tr := g.tr()
		return nil, tr, usageError(stderr, tr, flagError(tr, err))
	}
	return fs, g.tr(), exitOK
}

// cmdClientExport writes one client's data bundle (DSGVO access and
// portability) into a new or empty folder.
func cmdClientExport(args []string, g globals, stdout, stderr io.Writer) int {
	var client int64
	var out string
	err := commandFlags("client-export", &g, args, func(fs *flag.FlagSet) {
		fs.Int64Var(&client, "client", 0, "")
		fs.StringVar(&out, "o", "", "")
	})
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	if client <= 0 || out == "" {
		return usageError(stderr, tr, errors.New(tr.S("cli.client_export.args")))
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	files, err := reports.WriteClientBundle(context.Background(), s, client, out, g.docLang())
	if err != nil {
		return userError(stderr, tr, err)
	}
	c, _ := s.Client(context.Background(), client)
	fmt.Fprintln(stdout, tr.S("cli.client_export.done", "Name", c.Name, "Path", out, "Agreements", len(files.Agreements)))
	return exitOK
}
