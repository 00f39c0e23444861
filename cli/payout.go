package cli

import (
	"context"
	"flag"
	"fmt"

	"studiopartner/data"
)

// payoutCommand pays a client's credit back: the whole of it, or
// --amount of it, in cash unless --method says otherwise.
var payoutCommand = command{name: "payout", define: func(fs *flag.FlagSet) func(c *call) error {
	var client int64
	var amount, method, date, note string
	fs.Int64Var(&client, "client", 0, "")
	fs.StringVar(&amount, "amount", "", "")
	fs.StringVar(&method, "method", string(data.MethodCash), "")
	fs.StringVar(&date, "date", "", "")
	fs.StringVar(&note, "note", "", "")
	return func(c *call) error {
		if client <= 0 {
			return c.usage("cli.client.required")
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		ctx := context.Background()
		b, err := s.BalanceOf(ctx, client)
		if err != nil {
			return err
		}
		p := data.Payment{ClientID: client, Amount: b.Credit, Method: data.PaymentMethod(method), ReceivedOn: s.Today(), Note: note}
		if amount != "" {
			if p.Amount, err = data.ParseMoney(amount, c.tr.Lang()); err != nil {
				return err
			}
		}
		if date != "" {
			if p.ReceivedOn, err = data.ParseLocalDate(date, c.tr.Lang()); err != nil {
				return err
			}
		}
		if b.Credit <= 0 {
			return data.Errorf(data.CodeConflict, "payout.no_credit", nil)
		}
		if p, err = s.PayOutCredit(ctx, p); err != nil {
			return err
		}
		cl, err := s.Client(ctx, client)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.payout.done", "Amount", c.tr.Money(-p.Amount), "Method", c.tr.Enum("payment.method", p.Method),
			"Name", cl.Name, "Date", c.tr.Date(p.ReceivedOn), "Left", c.tr.Money(b.Credit+p.Amount)))
		return nil
	}
}}
