package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/reports"
	"studiopartner/translations"
)

// cmdAgreement prints a client's partnership agreement to a PDF file and
// records the copy: the file is staged first, the copy recorded, and only
// then is the file published.
func cmdAgreement(args []string, g globals, stdout, stderr io.Writer) int {
	var client int64
	var o output
	var accept bool
	err := commandFlags("agreement", &g, args, func(fs *flag.FlagSet) {
		fs.Int64Var(&client, "client", 0, "")
		fs.BoolVar(&accept, "accept-warnings", false, "")
		o.register(fs)
	})
	tr := g.tr()
	switch {
	case err != nil:
		return usageError(stderr, tr, err)
	case client == 0:
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.client.required")))
	case o.path == "":
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.output.required")))
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	sf, err := s.CreateFile(o.path, data.WriteOptions{Force: o.force})
	if err != nil {
		return userError(stderr, tr, err)
	}
	a, _, err := reports.IssueAgreement(context.Background(), s, client, reports.Issue{Lang: g.docLang(), AcceptWarnings: accept, Out: sf})
	if err != nil {
		sf.Discard()
		if e := data.AsError(err); e.Key == "doc.needs_confirmation" {
			fmt.Fprintln(stderr, "studiopartner: "+tr.Err(err))
			fmt.Fprintln(stderr, tr.S("cli.accept_warnings"))
			return exitUser
		}
		return userError(stderr, tr, err)
	}
	if err := sf.Publish(); err != nil {
		return userError(stderr, tr, err)
	}
	if len(a.AcceptedWarnings) > 0 {
		fmt.Fprintln(stderr, tr.S("cli.warnings_accepted"))
	}
	return reportFile(o.path, a.Number(), nil, tr, stdout, stderr)
}

// docLang is the language --lang asks documents to be in; empty means the
// client's own.
func (g globals) docLang() string {
	if g.lang == "" {
		return ""
	}
	return translations.Normalize(g.lang, "de")
}

// output is the -o and --force flags of a command that writes a file.
type output struct {
	path  string
	force bool
}

func (o *output) register(fs *flag.FlagSet) {
	fs.StringVar(&o.path, "o", "", "")
	fs.BoolVar(&o.force, "force", false, "")
}

// write writes a finished document through the store's safe-write helper.
func (o output) write(s *data.Store, b []byte) error {
	return s.WriteFile(o.path, data.WriteOptions{Force: o.force}, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// reportFile says where a document went, and which characters its font
// could not print.
func reportFile(path, number string, missing []rune, tr *translations.T, stdout, stderr io.Writer) int {
	if len(missing) > 0 {
		fmt.Fprintln(stderr, tr.S("cli.missing_glyphs", "Chars", string(missing)))
	}
	fmt.Fprintln(stdout, tr.S("cli.written", "Path", path, "Number", number))
	return exitOK
}

// letterCommand is a command that issues one letter about the record
// named by its flag.
type letterCommand struct {
	flag, missingKey string
	kind             data.DocumentKind
}

var letterCommands = map[string]letterCommand{
	"confirm-cancellation": {"contract", "cli.contract.required", data.DocCancellation},
	"reminder":             {"client", "cli.client.required", data.DocReminder},
	"receipt":              {"payment", "cli.payment.required", data.DocReceipt},
}

// cmdLetter issues a letter into a PDF file and records it.
func cmdLetter(name string, args []string, g globals, stdout, stderr io.Writer) int {
	lc := letterCommands[name]
	var id int64
	var o output
	err := commandFlags(name, &g, args, func(fs *flag.FlagSet) {
		fs.Int64Var(&id, lc.flag, 0, "")
		o.register(fs)
	})
	tr := g.tr()
	switch {
	case err != nil:
		return usageError(stderr, tr, err)
	case id == 0:
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S(lc.missingKey)))
	case o.path == "":
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.output.required")))
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	sf, err := s.CreateFile(o.path, data.WriteOptions{Force: o.force})
	if err != nil {
		return userError(stderr, tr, err)
	}
	doc, _, err := reports.IssueLetter(context.Background(), s, lc.kind, id, reports.Issue{Lang: g.docLang(), Out: sf})
	if err == nil {
		err = sf.Publish()
	} else {
		sf.Discard()
	}
	if err != nil {
		return userError(stderr, tr, err)
	}
	return reportFile(o.path, doc.Number, nil, tr, stdout, stderr)
}

// cmdReprint writes the stored copy of an issued document, byte for byte.
func cmdReprint(args []string, g globals, stdout, stderr io.Writer) int {
	var o output
	fs := flag.NewFlagSet("reprint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	o.register(fs)
	err := fs.Parse(args)
	number := ""
	if err == nil && fs.NArg() > 0 { // flags may also follow the number
		number = fs.Arg(0)
		err = fs.Parse(fs.Args()[1:])
	}
	tr := g.tr()
	switch {
	case err != nil:
		return usageError(stderr, tr, flagError(tr, err))
	case number == "" || fs.NArg() > 0:
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.reprint.args")))
	}
	if o.path == "" {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.output.required")))
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	pdf, err := s.CopyOf(context.Background(), number)
	if err == nil {
		err = o.write(s, pdf)
	}
	if err != nil {
		return userError(stderr, tr, err)
	}
	return reportFile(o.path, strings.ToUpper(number), nil, tr, stdout, stderr)
}

// cmdReview writes the monthly goodwill review as PDF or CSV, by the
// file's ending; the month defaults to the last one.
func cmdReview(args []string, g globals, stdout, stderr io.Writer) int {
	var month string
	var o output
	err := commandFlags("review", &g, args, func(fs *flag.FlagSet) {
		fs.StringVar(&month, "month", "", "")
		o.register(fs)
	})
	tr := g.tr()
	switch {
	case err != nil:
		return usageError(stderr, tr, err)
	case o.path == "":
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.output.required")))
	}
	ext := strings.ToLower(filepath.Ext(o.path))
	if ext != ".pdf" && ext != ".csv" {
		return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.review.ext")))
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	day := s.Today().AddMonthsClamped(-1)
	if month != "" {
		if day, err = data.ParseDate(month + "-01"); err != nil || len(month) != 7 {
			return usageError(stderr, tr, fmt.Errorf("%s", tr.S("cli.review.month", "Month", month)))
		}
	}
	r, err := s.MonthlyReview(context.Background(), day)
	if err != nil {
		return userError(stderr, tr, err)
	}
	var buf bytes.Buffer
	if ext == ".csv" {
		err = reports.ReviewCSV(&buf, r, tr.Lang())
	} else {
		studio, serr := s.Studio(context.Background())
		if serr != nil {
			return userError(stderr, tr, serr)
		}
		err = reports.ReviewPDF(&buf, r, studio, tr.Lang(), s.Now().UTC().Truncate(time.Second))
	}
	if err != nil {
		return userError(stderr, tr, err)
	}
	if err := o.write(s, buf.Bytes()); err != nil {
		return userError(stderr, tr, err)
	}
	return reportFile(o.path, r.Month.String()[:7], nil, tr, stdout, stderr)
}
