package sqlstore

import (
	"context"
	"studiopartner/data"
	"testing"
)

// A database with demands that goodwill and steps refer to takes the
// migration that lets demands be owed: every demand and link stays.
func TestOwedMigrationKeepsDemands(t *testing.T) {
	path := tempDir(t) + "/m.db"
	s, err := openAt(path, 15)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := mustClient(t, s, "A B")
	d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: s.Today(), Asked: "x"})
	if err != nil {
		t.Fatal(err)
	}
	// granted as the program of schema 15 granted it: the goodwill entry
	// names the demand (today's program writes columns schema 15 lacks)
	today := s.Today().String()
	if _, err := s.db.Exec(`UPDATE demands SET status = 'granted', status_on = ? WHERE id = ?`, today, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO goodwill (client_id, given_on, category, description, demand_id, created_at, updated_at)
		VALUES (?, ?, 'other', 'y', ?, ?, ?)`, c.ID, today, d.ID, today, today); err != nil {
		t.Fatal(err)
	}
	if err := s.migrate(ctx, 16, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Demand(ctx, d.ID)
	if err != nil || got.Status != data.DemandGranted {
		t.Fatalf("demand after the migration: %+v, %v", got, err)
	}
	var orphans int
	s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&orphans)
	if orphans != 0 {
		t.Fatalf("%d rows lost their reference", orphans)
	}
}
