package demo

import (
	"context"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// visitWeeks is how far back the demo's visits go.
const visitWeeks = 9

// visits records the last months' visits that agree with the contracts:
// courses and memberships weekly on the client's day and hour (now and
// then missed, cancelled late or in time; some members stay away for
// weeks), cards used from their start (some used up, some running out,
// some expired with sessions left). Then, through the counter's own
// calls, a few clients whose card is used up come once more: as goodwill
// ("extra session") or charged as a single session.
func (g *gen) visits(ctx context.Context, s *sqlstore.Store, staff []data.Staff) error {
	now := s.Now().In(time.Local)
	var vs []data.Visit
	var usedUp []data.Contract
	err := s.EachContract(ctx, func(k data.Contract) error {
		switch {
		case k.IsCard():
			more, up := g.cardVisits(k, now, staff)
			vs = append(vs, more...)
			lapsed := k.ValidUntil.Before(g.today) && !k.ValidUntil.Before(g.today.AddDays(-60))
			if up || lapsed {
				usedUp = append(usedUp, k)
			}
		case k.Kind == data.KindCourse || k.Kind == data.KindMembership:
			vs = append(vs, g.weeklyVisits(k, now, staff)...)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.RecordVisitsBulk(ctx, vs); err != nil {
		return err
	}
	return g.beyond(ctx, s, usedUp, now)
}

// outcome draws how a booked session ended.
func (g *gen) outcome() data.VisitOutcome {
	switch x := g.r.Float64(); {
	case x < 0.04:
		return data.NoShow
	case x < 0.07:
		return data.CancelledLate
	case x < 0.12:
		return data.CancelledInTime
	}
	return data.Attended
}

// sessionAt is a session's time on day d: the client's usual hour.
func sessionAt(d data.Date, hour int) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.Local)
}

// weeklyVisits are a course's or membership's sessions on one weekday over
// the last weeks, up to its end; one member in four has stayed away for
// five to eight weeks.
func (g *gen) weeklyVisits(k data.Contract, now time.Time, staff []data.Staff) []data.Visit {
	from := g.today.AddDays(-7*visitWeeks + g.r.IntN(7))
	if from.Before(k.Start) {
		from = k.Start
	}
	until := g.today
	if end := k.End(); !end.IsZero() && end.Before(until) {
		until = end
	}
	if k.Kind == data.KindMembership && g.chance(0.25) {
		until = until.AddDays(-35 - g.r.IntN(21))
	}
	hour := 15 + g.r.IntN(6)
	var out []data.Visit
	for d := from; !d.After(until); d = d.AddDays(7) {
		at := sessionAt(d, hour)
		if at.After(now) {
			break
		}
		out = append(out, data.Visit{ClientID: k.ClientID, ContractID: k.ID, At: at, Outcome: g.outcome(),
			StaffID: staff[g.r.IntN(len(staff))].ID})
	}
	return out
}

// cardVisits spend a card's sessions from its start: all of them for some
// cards (reported as used up when still valid), part for the rest.
func (g *gen) cardVisits(k data.Contract, now time.Time, staff []data.Staff) ([]data.Visit, bool) {
	last := g.today
	if k.ValidUntil.Before(last) {
		last = k.ValidUntil
	}
	days := k.Start.DaysUntil(last)
	if days < 1 {
		return nil, false
	}
	want := k.Sessions * (3 + g.r.IntN(8)) / 10 // 30–100 %
	if g.chance(0.3) {
		want = k.Sessions
	}
	hour := 9 + g.r.IntN(11)
	var out []data.Visit
	used := 0
	for i := 0; used < want && i < 3*k.Sessions; i++ {
		d := k.Start.AddDays(days * (i + 1) / (want + 2))
		at := sessionAt(d, hour)
		if at.After(now) {
			break
		}
		v := data.Visit{ClientID: k.ClientID, ContractID: k.ID, At: at, Outcome: g.outcome(),
			StaffID: staff[g.r.IntN(len(staff))].ID}
		v.UsesSession = v.Outcome != data.CancelledInTime
		if v.UsesSession {
			used++
		}
		out = append(out, v)
	}
	return out, used >= k.Sessions && !k.ValidUntil.Before(g.today)
}

// beyond lets a few clients whose card is used up or has lately expired
// come once more, this week: two in three as goodwill, the rest charged as
// a single session.
func (g *gen) beyond(ctx context.Context, s *sqlstore.Store, usedUp []data.Contract, now time.Time) error {
	for i, k := range usedUp {
		if i >= 12 {
			break
		}
		at := now.Add(-time.Duration(1+g.r.IntN(6*24)) * time.Hour).Truncate(time.Hour)
		day := data.DateOf(at)
		// the demo studio writes German, as its goodwill ideas and demands do
		r := data.CheckIn{ClientID: k.ClientID, At: at, Confirmed: true, Beyond: data.BeyondGoodwill,
			Text: "Zusätzliche Stunde am " + day.Format("de")}
		if i%3 == 2 {
			r.Beyond, r.Text = data.BeyondCharge, "Einzelstunde am "+day.Format("de")
		}
		if _, err := s.CheckIn(ctx, r); err != nil {
			if e := data.AsError(err); e != nil && e.Code != data.CodeInternal {
				continue // a client the counter would be asked about: not in the demo
			}
			return err
		}
	}
	return nil
}
