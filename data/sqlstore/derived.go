package sqlstore

import (
	"context"
	"sort"
	"studiopartner/data"
)

// goodwillShareOf reads what entry id adds to the sums now.
func goodwillShareOf(tx *dbx, id int64) (data.GoodwillShare, error) {
	var g data.GoodwillShare
	var given, deleted string
	err := tx.QueryRow(`SELECT given_on, category, coalesce(given_by, 0), client_id, value_cents, minutes, deleted_on
		FROM goodwill WHERE id = ?`, id).Scan(&given, &g.Category, &g.Staff, &g.Client, &g.Value, &g.Minutes, &deleted)
	if err != nil {
		return g, err
	}
	g.Month, g.Alive = monthOf(given), deleted == ""
	return g, nil
}

// goodwillTotals adds up entries for the sums: per row, the entries,
// cents and minutes to add (negative to take away).
type goodwillTotals map[data.SumKey][3]int64

func (t goodwillTotals) add(g data.GoodwillShare, sign int64) {
	if !g.Alive {
		return
	}
	for _, k := range g.Keys() {
		v := t[k]
		t[k] = [3]int64{v[0] + sign, v[1] + sign*g.Value, v[2] + sign*g.Minutes}
	}
}

// apply moves the kept sums by the totals.
func (t goodwillTotals) apply(tx *dbx) error {
	b := newRowBatch(tx, `INSERT INTO goodwill_sums (month, kind, part, entries, value_cents, minutes) VALUES`,
		`ON CONFLICT (month, kind, part) DO UPDATE SET entries = goodwill_sums.entries + excluded.entries,
			value_cents = goodwill_sums.value_cents + excluded.value_cents, minutes = goodwill_sums.minutes + excluded.minutes`, 6)
	defer b.close()
	for _, k := range sortedKeys(t) {
		v := t[k]
		if v == [3]int64{} {
			continue
		}
		if err := b.add(k.Month, k.Kind, k.Part, v[0], v[1], v[2]); err != nil {
			return err
		}
	}
	return b.flushLater()
}

// keepGoodwillSums runs change, which alters goodwill entry id, and moves
// the sums from what the entry added before to what it adds after.
func keepGoodwillSums(tx *dbx, id int64, change func() error) error {
	before, err := goodwillShareOf(tx, id)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := goodwillShareOf(tx, id)
	if err != nil {
		return err
	}
	t := goodwillTotals{}
	t.add(before, -1)
	t.add(after, 1)
	return t.apply(tx)
}

// countGoodwill adds a new entry, as it was stored, to the sums.
func countGoodwill(tx *dbx, g data.Goodwill) error {
	t := goodwillTotals{}
	t.add(data.GoodwillShare{Alive: true, Month: monthOf(g.GivenOn.String()), Category: string(g.Category), Staff: g.GivenBy,
		Client: g.ClientID, Value: int64(g.Value), Minutes: int64(g.Minutes)}, 1)
	return t.apply(tx)
}

// visitKey is the row of visit_months a visit counts in.
type visitKey struct{ month, outcome, beyond string }

// visitTotals are the visits to add per row (negative to take away).
type visitTotals map[visitKey]int64

// visitShareOf reads the row visit id counts in; ok is false for a visit
// that was undone.
func visitShareOf(tx *dbx, id int64) (k visitKey, ok bool, err error) {
	var at, undone string
	if err := tx.QueryRow(`SELECT at, outcome, beyond, undone_on FROM visits WHERE id = ?`, id).
		Scan(&at, &k.outcome, &k.beyond, &undone); err != nil {
		return k, false, err
	}
	k.month = monthOf(at)
	return k, undone == "", nil
}

// apply moves the kept visit counts by the totals.
func (t visitTotals) apply(tx *dbx) error {
	keys := make([]visitKey, 0, len(t))
	for k, n := range t {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a.month+"\x00"+a.outcome+"\x00"+a.beyond < b.month+"\x00"+b.outcome+"\x00"+b.beyond
	})
	b := newRowBatch(tx, `INSERT INTO visit_months (month, outcome, beyond, visits) VALUES`,
		`ON CONFLICT (month, outcome, beyond) DO UPDATE SET visits = visit_months.visits + excluded.visits`, 4)
	defer b.close()
	for _, k := range keys {
		if err := b.add(k.month, k.outcome, k.beyond, t[k]); err != nil {
			return err
		}
	}
	return b.flushLater()
}

// keepVisitMonths runs change, which alters visit id, and moves the
// month's counts from the row the visit counted in to the one it counts
// in now.
func keepVisitMonths(tx *dbx, id int64, change func() error) error {
	before, was, err := visitShareOf(tx, id)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, is, err := visitShareOf(tx, id)
	if err != nil {
		return err
	}
	t := visitTotals{}
	if was {
		t[before]--
	}
	if is {
		t[after]++
	}
	return t.apply(tx)
}

// countNewVisit adds a visit just stored to its month's counts.
func countNewVisit(tx *dbx, v *data.Visit) error {
	k := visitKey{month: monthOf(v.At.Format(data.VisitLayout)), outcome: string(v.Outcome), beyond: string(v.Beyond)}
	return visitTotals{k: 1}.apply(tx)
}

// paymentTotals are the cents to add to each month's payments.
type paymentTotals map[string]int64

// apply moves the kept monthly payment sums by the totals.
func (t paymentTotals) apply(tx *dbx) error {
	months := make([]string, 0, len(t))
	for m, v := range t {
		if v != 0 {
			months = append(months, m)
		}
	}
	sort.Strings(months)
	b := newRowBatch(tx, `INSERT INTO payment_months (month, amount_cents) VALUES`,
		`ON CONFLICT (month) DO UPDATE SET amount_cents = payment_months.amount_cents + excluded.amount_cents`, 2)
	defer b.close()
	for _, m := range months {
		if err := b.add(m, t[m]); err != nil {
			return err
		}
	}
	return b.flushLater()
}

// monthOf is the month (2026-12) of a stored day or time.
func monthOf(day string) string {
	if len(day) < 7 {
		return day
	}
	return day[:7]
}

func sortedKeys(t goodwillTotals) []data.SumKey {
	keys := make([]data.SumKey, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Part < b.Part
	})
	return keys
}

// rebuildSums computes the kept monthly sums of a table's records afresh
// (goodwill, payments or visits): an import of whole tables uses it.
func rebuildSums(tx *dbx, table string) error {
	queries := map[string][]string{
		"goodwill": {`DELETE FROM goodwill_sums`,
			`INSERT INTO goodwill_sums (month, kind, part, entries, value_cents, minutes)
			SELECT substr(given_on, 1, 7), kind, part, count(*), sum(value_cents), sum(minutes) FROM goodwill_parts
			WHERE deleted_on = '' GROUP BY substr(given_on, 1, 7), kind, part`},
		"payments": {`DELETE FROM payment_months`,
			`INSERT INTO payment_months (month, amount_cents)
			SELECT substr(received_on, 1, 7), sum(amount_cents) FROM payments GROUP BY substr(received_on, 1, 7)`},
		"visits": {`DELETE FROM visit_months`,
			`INSERT INTO visit_months (month, outcome, beyond, visits)
			SELECT substr(at, 1, 7), outcome, beyond, count(*) FROM visits WHERE undone_on = '' GROUP BY substr(at, 1, 7), outcome, beyond`},
	}
	for _, q := range queries[table] {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	return nil
}

// refreshMembersOf recomputes the running memberships of clients just
// stored in bulk: one by one for a few, all at once for many.
func (s *Store) refreshMembersOf(tx *dbx, ids []int64) error {
	if len(ids) > 200 {
		return s.refreshMembers(tx)
	}
	return refreshMember(tx, ids...)
}

// refreshMember recomputes, for the given clients, the start of the
// earliest membership running on the members' day.
func refreshMember(tx *dbx, clientIDs ...int64) error {
	for _, id := range clientIDs {
		if _, err := tx.Exec(`UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running
			WHERE client_id = clients.id), '') WHERE id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// RecountSums computes every kept monthly sum (goodwill, payments,
// visits) and the running memberships afresh from the records, for
// records written behind the store's back: a repair, or a benchmark that
// grows a studio with plain SQL.
func (s *Store) RecountSums(ctx context.Context) error {
	return internal(s.write(ctx, func(tx *dbx) error {
		for _, table := range []string{"goodwill", "payments", "visits"} {
			if err := rebuildSums(tx, table); err != nil {
				return err
			}
		}
		return s.refreshMembers(tx)
	}))
}
