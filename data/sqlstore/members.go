package sqlstore

import (
	"context"
)

// settingMembersAsOf names the day the stored clients.member_since values
// are for; the view memberships_running and data/derived.go keep them on
// that day.
const settingMembersAsOf = "flag:members_as_of"

// refreshMembers moves the members' day to today and recomputes, for
// every client, the start of the earliest membership running today.
func (s *Store) refreshMembers(tx *dbx) error {
	today := s.Today().String()
	if err := setSetting(tx, settingMembersAsOf, today); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE clients SET member_since = x.since FROM (
			SELECT c.id, coalesce(m.since, '') AS since FROM clients c LEFT JOIN (
				SELECT client_id, min(start_on) AS since FROM memberships_running GROUP BY client_id) m ON m.client_id = c.id) x
		WHERE clients.id = x.id AND clients.member_since IS DISTINCT FROM x.since`)
	return err
}

// freshMembers makes sure the stored membership starts are today's; after
// midnight it recomputes them once.
func (s *Store) freshMembers(ctx context.Context) error {
	return s.freshAsOf(ctx, settingMembersAsOf, s.Today().String(), s.refreshMembers)
}
