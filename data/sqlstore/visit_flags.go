package sqlstore

import (
	"context"
	"studiopartner/data"
)

// visitFlagParts are the queries of the flags the visits raise: a card used up with no
// other to go on with, a card with sessions left that runs out within the
// set days, and a running membership without a visit for the set days.
func visitFlagParts(day flagDay, in func(string) (string, []any)) []flagPart {
	today := day.today.String()
	cond, extra := in("k.client_id")
	cards := "contracts_cards" // every valid card; for a few clients, their own contracts
	if cond != "" {
		cards = "contracts_client"
	}
	usedUp := flagPart{kind: data.FlagCardUsedUp,
		sql: `SELECT k.client_id, c.name, coalesce((SELECT substr(max(v.at), 1, 10) FROM visits v
			WHERE v.contract_id = k.id AND v.uses_session = 1 AND v.undone_on = ''), k.start_on), k.id, 0, k.valid_until, 0
		FROM contracts k {{indexed:` + cards + `}} JOIN clients c ON c.id = k.client_id
		WHERE k.sessions > 0 AND k.valid_until >= ? AND k.sessions_used >= k.sessions AND c.erased_on = ''` + cond + `
		AND NOT EXISTS (SELECT 1 FROM contracts o WHERE o.client_id = k.client_id AND o.id <> k.id AND o.sessions > o.sessions_used
			AND o.valid_until >= ?)`,
		args: append(append([]any{today}, extra...), today)}
	expiring := flagPart{kind: data.FlagCardExpiring,
		sql: `SELECT k.client_id, c.name, k.valid_until, k.id, 0, k.valid_until, k.sessions - k.sessions_used
		FROM contracts k {{indexed:` + cards + `}} JOIN clients c ON c.id = k.client_id
		WHERE k.sessions > 0 AND k.valid_until BETWEEN ? AND ? AND k.sessions_used < k.sessions AND c.erased_on = ''` + cond,
		args: append([]any{today, day.today.AddDays(day.rules.CardDays).String()}, extra...),
		// flagged from the set days before the card runs out
		finish: func(f *data.Flag) { f.Since = f.Until.AddDays(-day.rules.CardDays) }}
	// member_since is kept for today by freshen; see migration 14
	quiet := day.today.AddDays(-day.rules.NoVisitDays).String()
	cond, extra = in("id")
	members := " {{indexed:clients_members}}" // every member; for a few clients, their rows
	if cond != "" {
		members = ""
	}
	noVisit := flagPart{kind: data.FlagNoVisit,
		sql: `SELECT id, name, {{greatest}}(last_visit_on, member_since), 0, 0, '', 0
		FROM clients` + members + `
		WHERE member_since <> '' AND member_since <= ? AND last_visit_on <= ? AND status = 'active'` + cond,
		args: append([]any{quiet, quiet}, extra...),
		// counted in days since the last visit, or since the membership began
		finish: func(f *data.Flag) { f.Count = f.Since.DaysUntil(day.today) }}
	return []flagPart{usedUp, expiring, noVisit}
}

// reviewVisits counts the visits of the month starting on first, and the
// sessions attended the month before, from the counts derived.go keeps
// per month; the few visits beyond a contract are
// valued from their goodwill entries and charges.
func (q sumsReader) reviewVisits(ctx context.Context, r *data.Review, first data.Date) error {
	from, to := first.String(), first.AddMonthsClamped(1).String()
	err := eachRow(ctx, q, `SELECT outcome, beyond, visits FROM visit_months WHERE month = ?`, func(rows rowsOf) error {
		var outcome data.VisitOutcome
		var beyond data.Beyond
		var n int
		if err := rows.Scan(&outcome, &beyond, &n); err != nil {
			return err
		}
		v := &r.Visits
		switch outcome {
		case data.Attended:
			v.Attended += n
		case data.CancelledInTime:
			v.InTime += n
		case data.CancelledLate:
			v.Late += n
		case data.NoShow:
			v.NoShow += n
		}
		if beyond == data.BeyondNewCard {
			v.NewCards += n
		}
		return nil
	}, from[:7])
	if err != nil {
		return err
	}
	for _, x := range []struct {
		beyond, join string
		n            *int
		value        *data.Money
	}{
		{"goodwill", `JOIN goodwill g ON g.id = v.goodwill_id AND g.deleted_on = ''`, &r.Visits.Extra, &r.Visits.ExtraValue},
		{"charge", `JOIN charges g ON g.id = v.charge_id AND g.waived_on = ''`, &r.Visits.Charged, &r.Visits.ChargedValue},
	} {
		value := "g.value_cents"
		if x.beyond == "charge" {
			value = "g.amount_cents"
		}
		if err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(`+value+`), 0) FROM visits v {{indexed:visits_beyond}} `+x.join+`
			WHERE v.beyond <> '' AND v.beyond = ? AND v.at >= ? AND v.at < ? AND v.undone_on = ''`+q.cond("v.branch"), q.withBranch(x.beyond, from, to)()...).Scan(x.n, x.value); err != nil {
			return err
		}
	}
	return q.QueryRowContext(ctx, `SELECT coalesce(sum(visits), 0) FROM visit_months WHERE month = ? AND outcome = 'attended'`,
		first.AddMonthsClamped(-1).String()[:7]).Scan(&r.PrevVisits)
}
