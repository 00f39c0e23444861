package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// sepaRunCommand collects the open charges of contracts paid by direct
// debit due up to --until: --dry-run prints the run it would make, one
// debit per line and then every charge left out, tab-separated; else it
// makes the run and writes its pain.008 file for the bank. Runs whose
// collection day has come are booked first.
var sepaRunCommand = command{name: "sepa-run", define: func(fs *flag.FlagSet) func(c *call) error {
	var until, collect string
	var dry bool
	var o output
	fs.StringVar(&until, "until", "", "")
	fs.StringVar(&collect, "collect-on", "", "")
	fs.BoolVar(&dry, "dry-run", false, "")
	o.register(fs)
	return func(c *call) error {
		if !dry {
			if err := o.required(c); err != nil {
				return err
			}
		}
		var u, on data.Date
		for _, x := range []struct {
			flag, text string
			into       *data.Date
		}{{"--until", until, &u}, {"--collect-on", collect, &on}} {
			if x.text == "" {
				continue
			}
			d, err := data.ParseLocalDate(x.text, c.tr.Lang())
			if err != nil {
				return c.usage("cli.date.invalid", "Flag", x.flag, "Text", x.text)
			}
			*x.into = d
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		ctx := context.Background()
		if _, err := s.BookDueRuns(ctx); err != nil {
			return err
		}
		if dry {
			run, err := s.PlanDebits(ctx, u, on)
			if err != nil {
				return err
			}
			c.printRun(run)
			return nil
		}
		return c.makeRun(s, o, u, on)
	}
}}

// printRun prints a run's debits and the charges it leaves out.
func (c *call) printRun(run data.DebitRun) {
	for _, d := range run.Debits {
		fmt.Fprintln(c.stdout, tabbed("debit", strconv.FormatInt(d.ChargeID, 10), strconv.FormatInt(d.ClientID, 10), d.ClientName,
			d.Holder, d.Amount.Plain("en"), d.Reference, string(d.Sequence), run.CollectOn.String()))
	}
	for _, l := range run.LeftOut {
		fmt.Fprintln(c.stdout, tabbed("left_out", strconv.FormatInt(l.ChargeID, 10), strconv.FormatInt(l.ClientID, 10), l.ClientName,
			"", l.Amount.Plain("en"), l.Due.String(), l.Reason, c.tr.S("debit.left."+l.Reason)))
	}
	fmt.Fprintln(c.stderr, c.tr.S("cli.sepa.preview", "Count", run.Count, "Total", c.tr.Money(run.Total), "Date", c.tr.Date(run.CollectOn),
		"Left", len(run.LeftOut)))
}

// makeRun makes the run and writes its file; the run is kept only with
// its file, and cancelled if the file cannot be published.
func (c *call) makeRun(s *sqlstore.Store, o output, until, on data.Date) error {
	ctx := context.Background()
	studio, err := s.Studio(ctx)
	if err != nil {
		return err
	}
	var run data.DebitRun
	err = o.issue(s, func(sf *disk.StagedFile) error {
		run, err = s.CreateDebitRun(ctx, until, on, studio.Name, func(r data.DebitRun, cr data.Creditor) ([]byte, error) {
			var buf bytes.Buffer
			if err := exchange.WritePain008(&buf, r, cr, studio.Name, clock()); err != nil {
				return nil, err
			}
			_, err := sf.Write(buf.Bytes())
			return buf.Bytes(), err
		})
		return err
	})
	if err != nil {
		if run.ID != 0 {
			s.CancelDebitRun(ctx, run.ID) // the bank never got it
		}
		return err
	}
	fmt.Fprintln(c.stdout, c.tr.S("cli.sepa.made", "ID", run.ID, "Count", run.Count, "Total", c.tr.Money(run.Total),
		"Date", c.tr.Date(run.CollectOn), "Path", o.path, "Left", len(run.LeftOut)))
	return nil
}

// sepaRunsCommand lists the collection runs, tab-separated: id, message
// id, collection date, status, debits, total; --cancel cancels one not
// yet booked.
var sepaRunsCommand = command{name: "sepa-runs", define: func(fs *flag.FlagSet) func(c *call) error {
	var cancel int64
	fs.Int64Var(&cancel, "cancel", 0, "")
	return func(c *call) error {
		return c.withStore(func(s *sqlstore.Store) error {
			ctx := context.Background()
			if _, err := s.BookDueRuns(ctx); err != nil {
				return err
			}
			if cancel != 0 {
				run, err := s.CancelDebitRun(ctx, cancel)
				if err != nil {
					return err
				}
				fmt.Fprintln(c.stdout, c.tr.S("cli.sepa.cancelled", "ID", run.ID, "Message", run.MessageID))
				return nil
			}
			runs, err := s.DebitRuns(ctx)
			for _, r := range runs {
				fmt.Fprintln(c.stdout, tabbed(strconv.FormatInt(r.ID, 10), r.MessageID, r.CollectOn.String(), string(r.Status),
					strconv.Itoa(r.Count), r.Total.Plain("en")))
			}
			return err
		})
	}
}}

// sepaReturnsCommand reads the bank's returned debits (camt.054, or a
// camt.053 statement) and takes them back; it prints each, tab-separated:
// "returned", end-to-end id, amount, fee, reason code, reason in words;
// then "unmatched" lines for entries no debit of the studio has.
var sepaReturnsCommand = command{name: "sepa-returns", minArgs: 1, maxArgs: 1, badArgs: says("cli.sepa.returns.file"),
	define: noFlags(func(c *call) error {
		f, err := os.Open(c.args[0])
		if err != nil {
			return data.Errorf(data.CodeInvalid, "restore.unreadable", map[string]any{"Path": c.args[0]})
		}
		defer f.Close()
		iban, returns, err := exchange.ReadReturns(f)
		if err != nil {
			return err
		}
		return c.withStore(func(s *sqlstore.Store) error {
			res, err := s.ApplyReturns(context.Background(), iban, returns)
			if err != nil {
				return err
			}
			line := func(kind string, r data.Return) {
				fmt.Fprintln(c.stdout, tabbed(kind, r.EndToEnd, r.Amount.Plain("en"), r.Fee.Plain("en"), r.Reason,
					c.tr.ReturnReason(r.Reason)))
			}
			for _, r := range res.Applied {
				line("returned", r)
			}
			for _, r := range res.Unmatched {
				line("unmatched", r)
			}
			fmt.Fprintln(c.stderr, c.tr.S("cli.sepa.returns", "Applied", len(res.Applied), "Already", res.Already,
				"Unmatched", len(res.Unmatched), "Revoked", res.Revoked))
			return nil
		})
	})}
