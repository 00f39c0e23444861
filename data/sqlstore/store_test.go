package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"studiopartner/data"
	"studiopartner/data/disk"
	"testing"
	"time"
)

func TestOpen(t *testing.T) {
	t.Run("OK creates a private file", func(t *testing.T) {
		p := filepath.Join(tempDir(t), "new.db")
		s, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		wantPrivate(t, p)
		res, err := s.Check(context.Background())
		if err != nil || !res.OK || res.Version != SchemaVersion() {
			t.Fatalf("check = %+v, %v", res, err)
		}
	})
	t.Run("ErrFolderMissing", func(t *testing.T) {
		_, err := Open(filepath.Join(tempDir(t), "nope", "studio.db"))
		if e := data.AsError(err); e == nil || e.Key != disk.KeyDBFolderMissing {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNotSQLite", func(t *testing.T) {
		p := filepath.Join(tempDir(t), "notes.txt")
		content := []byte("these are not the records you are looking for\n")
		os.WriteFile(p, content, 0o600)
		_, err := Open(p)
		if e := data.AsError(err); e == nil || e.Key != disk.KeyDBNotSQLite {
			t.Fatalf("err = %v", err)
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, content) {
			t.Fatal("the foreign file was changed")
		}
	})
	t.Run("ErrFolderGiven", func(t *testing.T) {
		_, err := Open(tempDir(t))
		if e := data.AsError(err); e == nil || e.Key != disk.KeyDBNotWritable {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNotWritable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root can write anywhere")
		}
		dir := tempDir(t)
		os.Chmod(dir, 0o500)
		defer os.Chmod(dir, 0o700)
		_, err := Open(filepath.Join(dir, "studio.db"))
		if e := data.AsError(err); e == nil || e.Key != disk.KeyDBNotWritable {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNewerSchemaLeftUntouched", func(t *testing.T) {
		p := filepath.Join(tempDir(t), "future.db")
		s, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(`INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01T00:00:00Z')`, SchemaVersion()+1); err != nil {
			t.Fatal(err)
		}
		s.Close()
		before, _ := os.ReadFile(p)
		_, err = Open(p)
		if e := data.AsError(err); e == nil || e.Key != disk.KeyDBTooNew {
			t.Fatalf("err = %v", err)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Fatal("a database from a newer program was changed")
		}
	})
}

// TestMigrationsUpgrade builds a database at every earlier schema version,
// puts a client in it, and checks that Open brings it up to date.
func TestMigrationsUpgrade(t *testing.T) {
	for v := 1; v < SchemaVersion(); v++ {
		p := filepath.Join(tempDir(t), "old.db")
		s, err := openAt(p, v)
		if err != nil {
			t.Fatalf("schema %d: %v", v, err)
		}
		for _, q := range []string{
			`INSERT INTO clients (id, name, sort_name, email, created_at, updated_at)
			 VALUES (1, 'Hanna Köhler', 'hanna kohler', 'hanna@example.de', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
			`INSERT INTO services (id, name, kind, price_cents, billing, min_term_months, notice_n, notice_unit, renewal, created_at)
			 VALUES (1, 'Ballett', 'course', 4500, 'monthly', 6, 1, 'months', 'monthly', '2025-01-01T00:00:00Z')`,
			`INSERT INTO contracts (id, client_id, service_id, price_cents, billing, start_on, min_term_months, notice_n,
			 notice_unit, renewal, created_at, updated_at)
			 VALUES (1, 1, 1, 4500, 'monthly', '2026-09-01', 6, 1, 'months', 'monthly', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		} {
			if _, err := s.db.Exec(q); err != nil {
				t.Fatalf("schema %d: %v", v, err)
			}
		}
		if v >= 3 { // the program of that version recorded the contract's price
			if _, err := s.db.Exec(`INSERT INTO contract_prices VALUES (1, '2026-09-01', 4500)`); err != nil {
				t.Fatal(err)
			}
		}
		if v >= 2 { // the program of that version indexed clients as it stored them
			if err := s.write(context.Background(), rebuildClientSearch); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s, err = Open(p)
		if err != nil {
			t.Fatalf("upgrade from %d: %v", v, err)
		}
		kept, _ := disk.Backups(filepath.Join(filepath.Dir(p), "backups"), disk.UpdatePrefix(p))
		if len(kept) != 1 {
			t.Fatalf("upgrade from %d: %d copies kept before the update, want 1", v, len(kept))
		}
		if info, err := InspectBackup(kept[0].Path); err != nil || info.Version != v || info.Clients != 1 {
			t.Fatalf("upgrade from %d: the copy before the update holds %+v (%v)", v, info, err)
		}
		res, err := s.Check(context.Background())
		if err != nil || !res.OK || res.Version != SchemaVersion() {
			t.Fatalf("upgrade from %d: %+v, %v", v, res, err)
		}
		rows, err := s.SearchClients(context.Background(), "koehler", 10)
		if err != nil || len(rows) != 1 {
			t.Fatalf("upgrade from %d: old client not searchable: %v, %v", v, rows, err)
		}
		s.Now = func() time.Time { return fixedNow }
		if n, err := s.GenerateCharges(context.Background()); err != nil || n != 3 {
			t.Fatalf("upgrade from %d: the old contract billed %d periods (%v), want Sep, Oct, Nov", v, n, err)
		}
		s.Close()
		if s, err = Open(p); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if again, _ := disk.Backups(filepath.Join(filepath.Dir(p), "backups"), disk.UpdatePrefix(p)); len(again) != 1 {
			t.Fatalf("upgrade from %d: opening the updated database kept another copy (%d)", v, len(again))
		}
	}
}

// openAt creates a database with the migrations up to version only.
func openAt(path string, version int) (*Store, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	s := storeOver(db, db, sqliteDialect)
	s.path, s.Now = path, func() time.Time { return fixedNow }
	return s, s.migrate(context.Background(), version, nil)
}

// TestTwoProgramsOnOneDatabase: a second copy of the program on the same
// database works beside the first (each store holds the file shared;
// SQLite orders their writes), each sees what the other wrote, and a
// restore waits until both have closed.
func TestTwoProgramsOnOneDatabase(t *testing.T) {
	ctx := context.Background()
	dir := tempDir(t)
	p := filepath.Join(dir, "studio.db")
	first, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Open(p)
	if err != nil {
		t.Fatalf("a second copy on the same database: %v", err)
	}
	mustClient(t, first, "Lea Müller")
	mustClient(t, second, "Jürgen Groß")
	for i, s := range []*Store{first, second} {
		if n, err := s.CountClients(ctx); err != nil || n != 2 {
			t.Fatalf("copy %d sees %d clients (%v), want both", i+1, n, err)
		}
	}
	backup, err := first.BackupInto(ctx, filepath.Join(dir, "backups"))
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	if _, _, err := Restore(p, backup, data.RoleOwner); data.ErrorCode(err) != data.CodeConflict {
		t.Fatalf("restore while the second copy is open: %v", err)
	}
	second.Close()
	if _, _, err := Restore(p, backup, data.RoleOwner); err != nil {
		t.Fatalf("restore once both closed: %v", err)
	}
}

// The counter's summary of a client, read in one snapshot, holds what the
// separate reads give, and sends fewer statements than they do.
func TestClientSummaryInOneSnapshot(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Ida Roth")
	mustContract(t, s, c.ID, mustCard(t, s, "Zehner", 10, 6, 12000), "2026-11-01")
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 5000, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	setClock(s, localAt("2026-11-23", 10, 0))
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID}); err != nil {
		t.Fatal(err)
	}
	lim := data.SummaryLimits{Payments: 8, Goodwill: 6, Visits: 8, Demands: 6}
	if _, err := s.ClientSummary(ctx, c.ID, lim); err != nil { // the day's first look refreshes what is kept
		t.Fatal(err)
	}
	before := s.Trips()
	sum, err := s.ClientSummary(ctx, c.ID, lim)
	if err != nil {
		t.Fatal(err)
	}
	together := s.Trips() - before
	before = s.Trips()
	one := func(v any, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%+v", v)
	}
	want := []string{
		one(s.Client(ctx, c.ID)), one(s.ContractsOf(ctx, c.ID)), one(s.BalanceOf(ctx, c.ID)),
		one(s.PaymentsOf(ctx, c.ID, lim.Payments)), one(s.FlagsOf(ctx, c.ID)), one(s.WorthOf(ctx, c.ID)),
		one(s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID, Limit: lim.Goodwill})), one(s.OwedOf(ctx, c.ID)),
		one(s.Visits(ctx, c.ID, data.Date{}, lim.Visits)), one(s.Demands(ctx, data.DemandFilter{ClientID: c.ID, Limit: lim.Demands})),
	}
	apart := s.Trips() - before
	got := []string{fmt.Sprintf("%+v", sum.Client), fmt.Sprintf("%+v", sum.Contracts), fmt.Sprintf("%+v", sum.Balance),
		fmt.Sprintf("%+v", sum.Payments), fmt.Sprintf("%+v", sum.Flags), fmt.Sprintf("%+v", sum.Worth),
		fmt.Sprintf("%+v", sum.Goodwill), fmt.Sprintf("%+v", sum.Owed), fmt.Sprintf("%+v", sum.Visits), fmt.Sprintf("%+v", sum.Demands)}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("part %d:\nsummary %s\napart   %s", i, got[i], want[i])
		}
	}
	if len(sum.Payments) != 1 || len(sum.Visits) != 1 || len(sum.Contracts) != 1 {
		t.Fatalf("the summary misses records: %+v", sum)
	}
	if together >= apart {
		t.Errorf("the summary sent %d statements, the reads apart %d", together, apart)
	}
	t.Logf("statements: %d in one snapshot, %d apart", together, apart)
}
