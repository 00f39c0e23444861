package data

import (
	"context"
	"database/sql"
)

// settingMembersAsOf names the day the stored clients.member_since values
// are for; the triggers of migration 14 keep them on that day.
const settingMembersAsOf = "flag:members_as_of"

// refreshMembers moves the members' day to today and recomputes, for
// every client, the start of the earliest membership running today.
func (s *Store) refreshMembers(tx *sql.Tx) error {
	today := s.Today().String()
	if err := setSetting(tx, settingMembersAsOf, today); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE clients SET member_since = x.since FROM (
			SELECT c.id, coalesce(m.since, '') AS since FROM clients c LEFT JOIN (
				SELECT k.client_id, min(k.start_on) AS since
				FROM services sv JOIN contracts k ON k.service_id = sv.id
				WHERE sv.kind = 'membership' AND k.start_on <= ?1 AND (k.ends_on = '' OR k.ends_on >= ?1)
				GROUP BY k.client_id) m ON m.client_id = c.id) x
		WHERE clients.id = x.id AND clients.member_since IS NOT x.since`, today)
	return err
}

// freshMembers makes sure the stored membership starts are today's; after
// midnight it recomputes them once.
func (s *Store) freshMembers(ctx context.Context) error {
	if s.snap {
		return nil // refreshed before the snapshot began
	}
	asOf, err := s.Setting(ctx, settingMembersAsOf)
	if err != nil || asOf == s.Today().String() {
		return err
	}
	_, err = s.tryWrite(ctx, s.refreshMembers)
	return err
}
