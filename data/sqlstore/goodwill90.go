package sqlstore

import (
	"context"
	"studiopartner/data"
)

// settingGoodwillAsOf names the first day of the 90-day window the stored
// per-client goodwill sums were computed for.
const settingGoodwillAsOf = "flag:goodwill_as_of"

// goodwillWindow returns the first day of today's 90-day window.
func (s *Store) goodwillWindow() data.Date { return s.Today().AddDays(-data.GoodwillWindowDays + 1) }

// refreshGoodwill90 recomputes a client's goodwill in the 90-day window,
// or with clientID 0 everyone's, and then records the window.
func (s *Store) refreshGoodwill90(tx *dbx, clientID int64) error {
	from := s.goodwillWindow().String()
	index, inner, outer, args := "goodwill_month", "", "", []any{from}
	if clientID != 0 {
		index, inner, outer = "goodwill_client", " AND client_id = ?", " WHERE c.id = ?"
		args = append(args, clientID, clientID)
	}
	err := tx.later(`UPDATE clients SET goodwill_90d_cents = x.v, goodwill_90d_count = x.n, goodwill_90d_since = x.since FROM (
			SELECT c.id, coalesce(w.v, 0) AS v, coalesce(w.n, 0) AS n, coalesce(w.since, '') AS since
			FROM clients c LEFT JOIN (
				SELECT client_id, sum(value_cents) AS v, count(*) AS n, min(given_on) AS since
				FROM goodwill {{indexed:`+index+`}} WHERE deleted_on = '' AND given_on >= ?`+inner+` GROUP BY client_id) w
			ON w.client_id = c.id`+outer+`) x
		WHERE clients.id = x.id AND (clients.goodwill_90d_cents IS DISTINCT FROM x.v
			OR clients.goodwill_90d_count IS DISTINCT FROM x.n OR clients.goodwill_90d_since IS DISTINCT FROM x.since)`, args...)
	if err != nil || clientID != 0 {
		return err
	}
	return setSetting(tx, settingGoodwillAsOf, from)
}

// freshen brings every kept derived value up to today before a snapshot
// reads them.
func (s *Store) freshen(ctx context.Context) error {
	if s.snap {
		return nil // refreshed before the snapshot began
	}
	// the days the kept values are as of come in one statement, at the first
	return s.settingsView().freshenEach(ctx)
}

// freshSnapshot brings the kept values to today, then runs fn in one
// snapshot; the settings are read once for both.
func (s *Store) freshSnapshot(ctx context.Context, fn func(v *Store) error) error {
	if s.snap {
		return fn(s) // refreshed before the snapshot began
	}
	view := s.settingsView()
	if err := view.freshenEach(ctx); err != nil {
		return err
	}
	return view.snapshot(ctx, fn)
}

// freshenEach brings each kept value to today.
func (s *Store) freshenEach(ctx context.Context) error {
	if err := s.freshBalances(ctx); err != nil {
		return err
	}
	if err := s.freshMembers(ctx); err != nil {
		return err
	}
	return s.freshGoodwill90(ctx)
}

// freshGoodwill90 makes sure the stored 90-day sums are today's; after
// midnight it recomputes them once.
func (s *Store) freshGoodwill90(ctx context.Context) error {
	return s.freshAsOf(ctx, settingGoodwillAsOf, s.goodwillWindow().String(),
		func(tx *dbx) error { return s.refreshGoodwill90(tx, 0) })
}

// freshAsOf runs refresh once the day kept in setting key is no longer
// want; inside a snapshot it does nothing (freshen ran before it began),
// and a busy database leaves it to the next look.
func (s *Store) freshAsOf(ctx context.Context, key, want string, refresh func(*dbx) error) error {
	if s.snap {
		return nil
	}
	asOf, err := s.Setting(ctx, key)
	if err != nil || asOf == want {
		return err
	}
	_, err = s.tryWrite(ctx, refresh)
	return err
}
