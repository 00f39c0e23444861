package exchange

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"studiopartner/data/sqlstore"
)

// newStore opens a fresh studio database in a temporary folder, with the
// clock fixed at a known day.
func newStore(t testing.TB) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "studio.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

// clientCount is the number of clients the store holds.
func clientCount(t *testing.T, s *sqlstore.Store) int {
	t.Helper()
	n, err := s.CountClients(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
