package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// mandateFlags are the flags of the mandate command's actions.
type mandateFlags struct {
	client, mandate                               int64
	iban, bic, holder, town, country, signed, ref string
	on, why                                       string
	once                                          bool
}

// mandateCommand records SEPA direct debit mandates: add one, revoke one,
// or change its account.
var mandateCommand = command{name: "mandate", minArgs: 1, maxArgs: 1, badArgs: says("cli.mandate.args"),
	define: func(fs *flag.FlagSet) func(c *call) error {
		var f mandateFlags
		fs.Int64Var(&f.client, "client", 0, "")
		fs.Int64Var(&f.mandate, "mandate", 0, "")
		fs.StringVar(&f.iban, "iban", "", "")
		fs.StringVar(&f.bic, "bic", "", "")
		fs.StringVar(&f.holder, "holder", "", "")
		fs.StringVar(&f.town, "town", "", "")
		fs.StringVar(&f.country, "country", "", "")
		fs.StringVar(&f.signed, "signed", "", "")
		fs.StringVar(&f.ref, "reference", "", "")
		fs.StringVar(&f.on, "on", "", "")
		fs.StringVar(&f.why, "why", "", "")
		fs.BoolVar(&f.once, "once", false, "")
		return func(c *call) error {
			switch c.args[0] {
			case "add":
				return f.add(c)
			case "revoke":
				return f.revoke(c)
			case "change":
				return f.change(c)
			}
			return c.usage("cli.mandate.args")
		}
	}}

// add records a new mandate.
func (f mandateFlags) add(c *call) error {
	if f.client <= 0 || f.iban == "" {
		return c.usage("cli.mandate.add.args")
	}
	s, err := c.store()
	if err != nil {
		return err
	}
	m := data.Mandate{ClientID: f.client, IBAN: f.iban, BIC: f.bic, Holder: f.holder, HolderTown: f.town, HolderCountry: f.country,
		Reference: f.ref, Once: f.once, SignedOn: s.Today()}
	if f.signed != "" {
		if m.SignedOn, err = data.ParseLocalDate(f.signed, c.tr.Lang()); err != nil {
			return c.usage("cli.date.invalid", "Flag", "--signed", "Text", f.signed)
		}
	}
	if m, err = s.AddMandate(context.Background(), m); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.tr.S("cli.mandate.added", "ID", m.ID, "Reference", m.Reference, "Name", m.ClientName,
		"IBAN", data.MaskIBAN(m.IBAN)))
	return nil
}

// revoke ends a mandate on a day (today without --on).
func (f mandateFlags) revoke(c *call) error {
	if f.mandate <= 0 {
		return c.usage("cli.mandate.revoke.args")
	}
	var on data.Date
	if f.on != "" {
		var err error
		if on, err = data.ParseLocalDate(f.on, c.tr.Lang()); err != nil {
			return c.usage("cli.date.invalid", "Flag", "--on", "Text", f.on)
		}
	}
	return c.withStore(func(s *sqlstore.Store) error {
		m, err := s.RevokeMandate(context.Background(), f.mandate, on, f.why)
		if err == nil {
			fmt.Fprintln(c.stdout, c.tr.S("cli.mandate.revoked", "Reference", m.Reference, "Date", c.tr.Date(m.RevokedOn)))
		}
		return err
	})
}

// change records a new account for a mandate.
func (f mandateFlags) change(c *call) error {
	if f.mandate <= 0 || f.iban == "" {
		return c.usage("cli.mandate.change.args")
	}
	return c.withStore(func(s *sqlstore.Store) error {
		m, err := s.ChangeMandateAccount(context.Background(), f.mandate, f.iban, f.bic)
		if err == nil {
			fmt.Fprintln(c.stdout, c.tr.S("cli.mandate.changed", "Reference", m.Reference, "IBAN", data.MaskIBAN(m.IBAN)))
		}
		return err
	})
}

// mandatesCommand lists mandates, tab-separated: id, client id, client,
// reference, state today, signed, kind (recurrent or once), account holder,
// the account shortened, last collection, revoked on.
var mandatesCommand = command{name: "mandates", define: func(fs *flag.FlagSet) func(c *call) error {
	var client int64
	fs.Int64Var(&client, "client", 0, "")
	return func(c *call) error {
		return c.withStore(func(s *sqlstore.Store) error {
			ms, err := s.Mandates(context.Background(), client)
			today := s.Today()
			for _, m := range ms {
				kind := "recurrent"
				if m.Once {
					kind = "once"
				}
				fmt.Fprintln(c.stdout, tabbed(strconv.FormatInt(m.ID, 10), strconv.FormatInt(m.ClientID, 10), m.ClientName, m.Reference,
					string(m.State(today)), m.SignedOn.String(), kind, m.HolderName(), data.MaskIBAN(m.IBAN),
					m.LastCollected.String(), m.RevokedOn.String()))
			}
			return err
		})
	}
}}

// creditorCommand shows the studio's direct debit settings, or sets those
// given (the owner's).
var creditorCommand = command{name: "creditor", define: func(fs *flag.FlagSet) func(c *call) error {
	var id, iban, bic, passFee string
	var lead, notice int
	fs.StringVar(&id, "id", "", "")
	fs.StringVar(&iban, "iban", "", "")
	fs.StringVar(&bic, "bic", "", "")
	fs.IntVar(&lead, "lead-days", 0, "")
	fs.IntVar(&notice, "notice-days", 0, "")
	fs.StringVar(&passFee, "pass-fee", "", "")
	return func(c *call) error {
		return c.withStore(func(s *sqlstore.Store) error {
			ctx := context.Background()
			cr, err := s.Creditor(ctx)
			if err != nil {
				return err
			}
			set := false
			for _, x := range []struct {
				v    string
				into *string
			}{{id, &cr.ID}, {iban, &cr.IBAN}, {bic, &cr.BIC}} {
				if x.v != "" {
					*x.into, set = x.v, true
				}
			}
			for _, x := range []struct {
				v    int
				into *int
			}{{lead, &cr.LeadDays}, {notice, &cr.NoticeDays}} {
				if x.v != 0 {
					*x.into, set = x.v, true
				}
			}
			switch passFee {
			case "":
			case "yes", "no":
				cr.PassFee, set = passFee == "yes", true
			default:
				return c.usage("cli.creditor.pass_fee", "Text", passFee)
			}
			if set {
				if cr, err = s.SaveCreditor(ctx, cr); err != nil {
					return err
				}
			}
			fee := "no"
			if cr.PassFee {
				fee = "yes"
			}
			fmt.Fprintln(c.stdout, tabbed(cr.ID, data.FormatIBAN(cr.IBAN), cr.BIC, strconv.Itoa(cr.LeadDays), strconv.Itoa(cr.NoticeDays), fee))
			return nil
		})
	}
}}

// tabbed is one line of tab-separated fields, each kept to one line.
func tabbed(fields ...string) string {
	for i, f := range fields {
		fields[i] = oneLine(f)
	}
	return strings.Join(fields, "\t")
}
