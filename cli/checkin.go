package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// checkinCommand checks a client in, against the contract that fits or
// the one named; beyond the contract it needs --beyond, and a repeat or a
// declined or former client needs --confirm.
var checkinCommand = command{name: "checkin", define: func(fs *flag.FlagSet) func(c *call) error {
	var client, contract, card int64
	var when, beyond string
	var confirm bool
	fs.Int64Var(&client, "client", 0, "")
	fs.Int64Var(&contract, "contract", 0, "")
	fs.StringVar(&when, "at", "", "")
	fs.StringVar(&beyond, "beyond", "", "")
	fs.Int64Var(&card, "card", 0, "")
	fs.BoolVar(&confirm, "confirm", false, "")
	return func(c *call) error {
		if client <= 0 {
			return c.usage("cli.checkin.args")
		}
		r := data.CheckIn{ClientID: client, ContractID: contract, CardID: card, Confirmed: confirm,
			Beyond: data.Beyond(strings.ReplaceAll(beyond, "-", "_"))}
		if beyond != "" && !r.Beyond.Valid() {
			return c.usage("cli.checkin.beyond")
		}
		if when != "" {
			t, err := data.ParseVisitTime(when, c.tr.Lang(), clock())
			if err != nil {
				return err
			}
			r.At = t
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		ctx := context.Background()
		cl, err := s.Client(ctx, client)
		if err != nil {
			return err
		}
		r.Text = beyondText(Messages(s.StudioLanguage(ctx, c.tr.Lang())), r.Beyond, r.At, clock())
		v, err := s.CheckIn(ctx, r)
		if err != nil {
			return c.checkinProblem(s, err, r)
		}
		fmt.Fprintln(c.stdout, c.tr.S("cli.checkin.done", "ID", v.ID, "Name", cl.Name, "Time", v.At.Format("15:04"),
			"What", visitWhat(c.tr, s, v)))
		return nil
	}
}}

// beyondText is the words a charge or goodwill entry beyond the contract
// gets, in the studio's language.
func beyondText(tr *translations.T, b data.Beyond, at, now time.Time) string {
	if at.IsZero() {
		at = now
	}
	day := data.DateOf(at)
	switch b {
	case data.BeyondCharge:
		return tr.S("visit.charge.text", "Date", day)
	case data.BeyondGoodwill:
		return tr.S("visit.goodwill.text", "Date", day)
	}
	return ""
}

// visitWhat says what a visit counted against: a card with what is left,
// a contract, or what was chosen beyond it.
func visitWhat(tr *translations.T, s *sqlstore.Store, v data.Visit) string {
	if v.Beyond != "" && v.Beyond != data.BeyondNewCard {
		return tr.Enum("visit.state", v.Beyond)
	}
	k, err := s.Contract(context.Background(), v.ContractID)
	if err != nil {
		return ""
	}
	return contractSummary(tr, k)
}

// contractSummary is "10er-Karte: 3 of 10 left, valid until 31.03.2027",
// or the contract's name.
func contractSummary(tr *translations.T, k data.Contract) string {
	if k.IsCard() {
		return tr.S("visit.card.summary", "Name", k.ServiceName, "Left", k.Left(), "Total", k.Sessions, "Until", k.ValidUntil)
	}
	return k.ServiceName
}

// checkinProblem says what stopped a check-in and, where a flag lets it
// through, which one.
func (c *call) checkinProblem(s *sqlstore.Store, err error, r data.CheckIn) error {
	e := data.AsError(err)
	if e == nil {
		return err
	}
	switch {
	case e.Key == "visit.repeat" || strings.HasPrefix(e.Key, "visit.client_"):
		return said(c.tr.Err(err) + " " + c.tr.S("cli.checkin.confirm"))
	case strings.HasPrefix(e.Key, "visit.beyond.") && e.Key != "visit.beyond.invalid":
		p, perr := s.PlanCheckIn(context.Background(), r.ClientID, r.ContractID, r.At)
		if perr != nil {
			return err
		}
		var cards []string
		for _, sv := range p.Cards {
			cards = append(cards, fmt.Sprintf("%d (%s)", sv.ID, sv.Name))
		}
		return said(c.tr.Err(err) + " " + c.tr.S("cli.checkin.beyond_hint", "Price", p.SessionPrice,
			"Cards", strings.Join(cards, ", ")))
	}
	return err
}
