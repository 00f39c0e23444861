package sqlstore

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"studiopartner/data"
)

// FlagRules returns the thresholds in force.
func (s *Store) FlagRules(ctx context.Context) (data.FlagRules, error) {
	r := data.FlagRules{OpenDemandDays: data.DefaultOpenDemandDays, Amount: data.DefaultGoodwillAmount, SharePercent: data.DefaultGoodwillShare,
		CardDays: data.DefaultCardDays, NoVisitDays: data.DefaultNoVisitDays}
	read := func(key string, into *int) error {
		v, err := s.Setting(ctx, key)
		if n, convErr := strconv.Atoi(v); err == nil && convErr == nil {
			*into = n
		}
		return err
	}
	amount := int(r.Amount)
	for _, x := range []struct {
		key  string
		into *int
	}{{data.SettingOpenDemandDays, &r.OpenDemandDays}, {data.SettingGoodwillAmount, &amount}, {data.SettingGoodwillShare, &r.SharePercent},
		{data.SettingCardDays, &r.CardDays}, {data.SettingNoVisitDays, &r.NoVisitDays}} {
		if err := read(x.key, x.into); err != nil {
			return r, err
		}
	}
	r.Amount = data.Money(amount)
	mode, err := s.Setting(ctx, data.SettingGoodwillMode)
	r.ByShare = mode == "share"
	return r, err
}

// SaveFlagRules validates and stores the thresholds.
func (s *Store) SaveFlagRules(ctx context.Context, r data.FlagRules) error {
	if err := s.Allow(data.OpThresholds); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	mode := "amount"
	if r.ByShare {
		mode = "share"
	}
	return s.write(ctx, func(tx *dbx) error {
		for k, val := range map[string]string{data.SettingOpenDemandDays: strconv.Itoa(r.OpenDemandDays), data.SettingGoodwillMode: mode,
			data.SettingGoodwillAmount: strconv.FormatInt(int64(r.Amount), 10), data.SettingGoodwillShare: strconv.Itoa(r.SharePercent),
			data.SettingCardDays: strconv.Itoa(r.CardDays), data.SettingNoVisitDays: strconv.Itoa(r.NoVisitDays)} {
			if err := setSetting(tx, k, val); err != nil {
				return err
			}
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, r)
	})
}

// Flags returns every flag of every client, most serious first.
func (s *Store) Flags(ctx context.Context) ([]data.Flag, error) { return s.flags(ctx, nil) }

// FlagsOf returns one client's flags, most serious first.
func (s *Store) FlagsOf(ctx context.Context, clientID int64) ([]data.Flag, error) {
	return s.flags(ctx, []int64{clientID})
}

// FlagsAmong returns the flags of the given clients, by client.
func (s *Store) FlagsAmong(ctx context.Context, ids []int64) (map[int64][]data.Flag, error) {
	out := map[int64][]data.Flag{}
	if len(ids) == 0 {
		return out, nil
	}
	fs, err := s.flags(ctx, ids)
	for _, f := range fs {
		out[f.ClientID] = append(out[f.ClientID], f)
	}
	return out, err
}

// flags runs one query per kind, for all clients (ids nil) or some.
func (s *Store) flags(ctx context.Context, ids []int64) (out []data.Flag, err error) {
	err = s.freshSnapshot(ctx, func(v *Store) error {
		out, err = v.flagsNow(ctx, ids)
		return err
	})
	return out, err
}

// flagQuery finds the clients of one kind of flag. Its SQL selects the
// client's id and name, the day the flag counts from, the record it is
// about (0 if none) and the amount (0 if none); /*clients*/ is where the
// condition for a few clients goes.
type flagQuery struct {
	kind  data.FlagKind
	sql   string
	col   string                   // the client id column, for /*clients*/
	args  func(flagDay) []any      // the query's own arguments
	shift func(flagDay) (days int) // added to the day read
	// custom queries select the until and count columns themselves
	custom bool
}

// flagDay is what the queries depend on.
type flagDay struct {
	today data.Date
	rules data.FlagRules
	grace int
}

var flagQueries = []flagQuery{
	{kind: data.FlagDisputed, col: "d.client_id",
		sql: `SELECT d.client_id, c.name, d.status_on, d.id, d.claimed_cents FROM demands d
			JOIN clients c ON c.id = d.client_id WHERE d.status = 'disputed' /*clients*/`},
	{kind: data.FlagBilledUnpaid, col: "d.client_id",
		sql: `SELECT d.client_id, c.name, g.due_on, d.id, g.amount_cents - g.paid_cents FROM demands d
			JOIN charges g ON g.id = d.charge_id JOIN clients c ON c.id = d.client_id
			WHERE d.status = 'billed' AND g.paid_cents < g.amount_cents AND g.waived_on = '' AND g.due_on < ? /*clients*/`,
		args:  func(d flagDay) []any { return []any{d.today.String()} },
		shift: func(flagDay) int { return 1 }},
	{kind: data.FlagOverdue, col: "id",
		sql:   `SELECT id, name, oldest_due, 0, overdue_cents FROM clients WHERE open_cents > 0 AND overdue_cents > 0 /*clients*/`,
		shift: func(d flagDay) int { return d.grace + 1 }},
	{kind: data.FlagDeclined, col: "id",
		sql: `SELECT id, name, substr(updated_at, 1, 10), 0, 0 FROM clients WHERE status = 'declined' /*clients*/`},
	{kind: data.FlagOpenDemand, col: "d.client_id",
		sql: `SELECT d.client_id, c.name, d.raised_on, d.id, d.claimed_cents FROM demands d
			JOIN clients c ON c.id = d.client_id WHERE d.status = 'open' AND d.raised_on < ? /*clients*/`,
		args: func(d flagDay) []any { return []any{d.today.AddDays(-d.rules.OpenDemandDays).String()} }},
	{kind: data.FlagVoidTerms, col: "k.client_id",
		sql: `SELECT k.client_id, c.name, k.start_on, k.id, 0 FROM contracts k JOIN clients c ON c.id = k.client_id
			WHERE k.void_terms = 1 AND (k.ends_on = '' OR k.ends_on >= ?) /*clients*/`,
		args: func(d flagDay) []any { return []any{d.today.String()} }},
	{kind: data.FlagEarlyStart, col: "k.client_id",
		sql: `SELECT k.client_id, c.name, k.start_on, k.id, 0 FROM contracts k JOIN clients c ON c.id = k.client_id
			WHERE k.concluded <> 'studio' AND k.early_start = 0 AND k.withdrawn_on = '' AND k.withdrawal_until >= ?
			AND k.start_on <= k.withdrawal_until /*clients*/`,
		args: func(d flagDay) []any { return []any{d.today.String()} }},
	{kind: data.FlagReturned, col: "d.client_id", custom: true,
		// the returned debits of the last 90 days, each with the bank's reason
		sql: `SELECT d.client_id, c.name, d.returned_on, d.id, d.amount_cents, d.return_reason, 0 FROM debits d
			JOIN clients c ON c.id = d.client_id WHERE d.returned_on <> '' AND d.returned_on > ? /*clients*/`,
		args: func(d flagDay) []any { return []any{d.today.AddDays(-data.GoodwillWindowDays).String()} }},
	{kind: data.FlagNoMandate, col: "k.client_id",
		// a running contract paid by direct debit, and no mandate of the
		// client in force: not revoked, not a one-off one used, signed or
		// used within 36 months (data.Mandate.State)
		sql: `SELECT k.client_id, c.name, k.start_on, k.id, 0 FROM contracts k JOIN clients c ON c.id = k.client_id
			WHERE k.direct_debit = 1 AND k.withdrawn_on = '' AND (k.ends_on = '' OR k.ends_on >= ?)
			AND NOT EXISTS (SELECT 1 FROM mandates m WHERE m.client_id = k.client_id AND (m.revoked_on = '' OR m.revoked_on > ?)
				AND NOT (m.once = 1 AND m.last_collected <> '') AND {{greatest}}(m.last_collected, m.signed_on) > ?) /*clients*/`,
		args: func(d flagDay) []any {
			return []any{d.today.String(), d.today.String(), data.MandateCutoff(d.today).String()}
		}},
}

// clientsIn is the condition and arguments that limit a flag query to
// some clients; with ids nil, to none.
func clientsIn(ids []int64) func(col string) (string, []any) {
	return func(col string) (string, []any) {
		if ids == nil {
			return "", nil
		}
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		return " AND " + col + " IN (?" + strings.Repeat(",?", len(ids)-1) + ")", args
	}
}

// flagsNow runs the flag queries; call it inside a snapshot.
func (s *Store) flagsNow(ctx context.Context, ids []int64) ([]data.Flag, error) {
	var out []data.Flag
	part, err := s.flagsPart(ctx, ids, &out)
	if err != nil {
		return nil, err
	}
	if err := s.read.readAllCtx(ctx, part); err != nil {
		return nil, internal(err)
	}
	sortFlags(out)
	return out, nil
}

// flagsPart is flagsNow's one statement as a part of several reads;
// sortFlags orders what it read.
func (s *Store) flagsPart(ctx context.Context, ids []int64, out *[]data.Flag) (readPart, error) {
	day := flagDay{today: s.Today()}
	var err error
	if day.rules, err = s.FlagRules(ctx); err != nil {
		return readPart{}, err
	}
	if day.grace, err = s.GraceDays(ctx); err != nil {
		return readPart{}, err
	}
	in := clientsIn(ids)
	heavy, err := s.heavyGoodwillPart(ctx, day.rules, day.today, in)
	if err != nil {
		return readPart{}, internal(err)
	}
	return flagUnion(append(append(flagQueryParts(day, in), heavy), visitFlagParts(day, in)...), out), nil
}

// sortFlags orders flags by kind, then oldest first, then by name.
func sortFlags(out []data.Flag) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind.Rank() != b.Kind.Rank() {
			return a.Kind.Rank() < b.Kind.Rank()
		}
		if !a.Since.Equal(b.Since) {
			return a.Since.Before(b.Since)
		}
		return a.ClientName < b.ClientName
	})
}

// flagPart is one kind of flag's query. Its SQL selects the client's id
// and name, the day the flag counts from, the record it is about (0 if
// none), the amount (0 if none), the day it runs until (” if none) and a
// count (0 if none); finish, if set, completes the flag from what was read.
type flagPart struct {
	kind   data.FlagKind
	sql    string
	args   []any
	finish func(f *data.Flag)
}

// flagQueryParts are the flagQueries for the day, limited by in.
func flagQueryParts(day flagDay, in func(string) (string, []any)) []flagPart {
	parts := make([]flagPart, len(flagQueries))
	for i, q := range flagQueries {
		cond, extra := in(q.col)
		query := strings.Replace(q.sql, "/*clients*/", cond, 1)
		at := strings.Index(query, " FROM ") // the select list ends there: no until, no count
		p := flagPart{kind: q.kind, sql: query[:at] + ", '', 0" + query[at:]}
		if q.custom { // it selects the last two columns itself
			p.sql = query
		}
		if q.args != nil {
			p.args = q.args(day)
		}
		p.args = append(p.args, extra...)
		if q.shift != nil {
			shift := q.shift(day)
			p.finish = func(f *data.Flag) { f.Since = f.Since.AddDays(shift) }
		}
		parts[i] = p
	}
	return parts
}

// runFlagParts runs the parts as one statement (one round trip to a
// server): each part's rows carry its place first.
func (s *Store) runFlagParts(ctx context.Context, parts []flagPart, out *[]data.Flag) error {
	return s.read.readAllCtx(ctx, flagUnion(parts, out))
}

// flagUnion is the flag parts as one statement (UNION ALL), a part of
// several reads.
func flagUnion(parts []flagPart, out *[]data.Flag) readPart {
	texts := make([]string, len(parts))
	var args []any
	for i, p := range parts {
		texts[i] = "SELECT " + strconv.Itoa(i) + ", " + strings.TrimPrefix(strings.TrimSpace(p.sql), "SELECT ")
		args = append(args, p.args...)
	}
	return readPart{query: strings.Join(texts, "\nUNION ALL\n"), args: args, row: func(r scanner) error {
		var i int
		var f data.Flag
		var since, until string
		if err := r.Scan(&i, &f.ClientID, &f.ClientName, &since, &f.Ref, &f.Amount, &until, &f.Count); err != nil {
			return err
		}
		f.Kind, f.Since, f.Until = parts[i].kind, mustDate(since), mustDate(until)
		if f.Kind == data.FlagReturned {
			f.Code = until // the column carries the bank's reason
		}
		if parts[i].finish != nil {
			parts[i].finish(&f)
		}
		*out = append(*out, f)
		return nil
	}}
}

// heavyGoodwill flags clients whose goodwill in the last 90 days is over
// the amount, or over the share of what they paid in that time.
func (s *Store) heavyGoodwill(ctx context.Context, rules data.FlagRules, today data.Date, in func(string) (string, []any), out *[]data.Flag) error {
	p, err := s.heavyGoodwillPart(ctx, rules, today, in)
	if err != nil {
		return err
	}
	return s.runFlagParts(ctx, []flagPart{p}, out)
}

// heavyGoodwillPart is heavyGoodwill's query.
func (s *Store) heavyGoodwillPart(ctx context.Context, rules data.FlagRules, today data.Date, in func(string) (string, []any)) (flagPart, error) {
	p := flagPart{kind: data.FlagHeavyGoodwill}
	if !rules.ByShare {
		// by amount: the 90-day sums are kept per client
		if err := s.freshGoodwill90(ctx); err != nil {
			return p, err
		}
		cond, extra := in("id")
		p.sql = `SELECT id, name, goodwill_90d_since, 0, goodwill_90d_cents, '', goodwill_90d_count FROM clients
			WHERE goodwill_90d_cents > 0 AND goodwill_90d_cents > ?` + cond
		p.args = append([]any{rules.Amount}, extra...)
		return p, nil
	}
	from := today.AddDays(-data.GoodwillWindowDays + 1).String()
	cond, extra := in("client_id")
	// Aggregate the window through the date index first (the planner would
	// otherwise walk every entry in client order), then name the clients.
	p.args = append([]any{from}, extra...)
	p.args = append(p.args, rules.SharePercent, from)
	index := "goodwill_month"
	if cond != "" {
		index = "goodwill_client" // a few clients: their own entries are fewer than the window's
	}
	p.sql = `SELECT w.client_id, c.name, w.since, 0, w.total, '', w.n FROM (
			SELECT client_id, min(given_on) AS since, sum(value_cents) AS total, count(*) AS n
			FROM goodwill {{indexed:` + index + `}} WHERE deleted_on = '' AND given_on >= ?` + cond + `
			GROUP BY client_id HAVING sum(value_cents) * 100 > ? * coalesce((SELECT sum(p.amount_cents) FROM payments p
				WHERE p.client_id = goodwill.client_id AND p.received_on >= ?), 0)) w
		JOIN clients c ON c.id = w.client_id`
	return p, nil
}
