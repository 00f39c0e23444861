package sqlstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"studiopartner/data"
)

// tableTexts reads every moved table of a store as text, in key order.
func tableTexts(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	for _, table := range movedTables {
		cols, keys, err := tableLayout(ctx, s.read, table)
		if err != nil {
			t.Fatal(err)
		}
		var check MoveCheck
		err = eachTableRow(ctx, s.read, table, cols, keys, &check, func(vals []any) error {
			parts := make([]string, len(vals))
			for i, v := range vals {
				text, null := valueText(v)
				parts[i] = string(text)
				if null {
					parts[i] = "NULL"
				}
			}
			out[table] = append(out[table], strings.Join(parts, "|"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// A studio moves from its file onto a server and from there into a new
// file: every table arrives whole, the checks agree, the file it came
// from is untouched, and the ids go on past the copied ones.
func TestMoveThereAndBack(t *testing.T) {
	bothEngines(t)
	ctx := context.Background()
	lite := newFileStore(t)
	m := newMixer(t, lite, 3)
	for range 200 {
		m.step()
	}
	if _, err := lite.CheckIn(ctx, data.CheckIn{ClientID: m.clients[0], Beyond: data.BeyondGoodwill, Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	mustStaff(t, lite, "Anna", data.RoleFrontDesk, "2468")
	before := tableTexts(t, lite)
	if len(before["payments"]) == 0 || len(before["visits"]) == 0 || len(before["audit_log"]) == 0 {
		t.Fatalf("the studio to move is too thin: %d payments, %d visits", len(before["payments"]), len(before["visits"]))
	}
	url := pg.Need(t).Database(t)
	var steps []float64
	checks, err := lite.MoveTo(ctx, url, func(done float64) { steps = append(steps, done) })
	if err != nil {
		t.Fatalf("move to the server: %v", err)
	}
	if len(checks) != len(movedTables) || len(steps) == 0 || steps[len(steps)-1] != 1 {
		t.Fatalf("%d checks, progress %v", len(checks), steps)
	}
	for _, c := range checks {
		if int(c.Rows) != len(before[c.Table]) {
			t.Errorf("%s: %d rows checked, the file has %d", c.Table, c.Rows, len(before[c.Table]))
		}
	}
	post, err := OpenServer(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer post.Close()
	post.Now = lite.Now
	compareTables(t, "server", before, tableTexts(t, post))
	if again := tableTexts(t, lite); !sameTables(before, again) {
		t.Error("the file changed by being moved")
	}
	// the PIN came along; new records take ids past the copied ones
	if _, err := post.SignIn(ctx, staffID(t, post, "Anna"), "2468"); err != nil {
		t.Errorf("the moved PIN: %v", err)
	}
	c, err := post.CreateClient(ctx, data.Client{Name: "Neu Kundin"})
	if err != nil {
		t.Fatalf("a new client on the server: %v", err)
	}
	if c.ID <= int64(len(before["clients"])) {
		t.Errorf("the new client took id %d, at or below the %d copied", c.ID, len(before["clients"]))
	}
	g, err := post.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: post.Today(), Category: data.CatMakeup,
		Description: "Nachholstunde", Value: 1500})
	if err != nil {
		t.Fatalf("new goodwill on the server: %v", err)
	}
	for _, row := range before["goodwill"] {
		if strings.HasPrefix(row, strconv.FormatInt(g.ID, 10)+"|") {
			t.Errorf("new goodwill took the id %d of a copied entry", g.ID)
		}
	}
	// and back into a new file, by the owner (Anna signed in at the counter)
	owner, err := OpenServer(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	back := filepath.Join(tempDir(t), "back.db")
	after := tableTexts(t, owner)
	if _, err := owner.MoveTo(ctx, back, nil); err != nil {
		t.Fatalf("move back into a file: %v", err)
	}
	file, err := Open(back)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	compareTables(t, "file", after, tableTexts(t, file))
	if rows, err := file.SearchClients(ctx, "Kundin", 50); err != nil || len(rows) != len(after["clients"]) {
		t.Errorf("the search in the moved file finds %d of %d clients (%v)", len(rows), len(after["clients"]), err)
	}
}

func staffID(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	list, err := s.StaffList(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		if m.Name == name {
			return m.ID
		}
	}
	t.Fatalf("no staff member %s", name)
	return 0
}

func sameTables(a, b map[string][]string) bool {
	for _, table := range movedTables {
		if strings.Join(a[table], "\n") != strings.Join(b[table], "\n") {
			return false
		}
	}
	return true
}

func compareTables(t *testing.T, where string, want, got map[string][]string) {
	t.Helper()
	for _, table := range movedTables {
		w, g := want[table], got[table]
		if len(w) != len(g) {
			t.Errorf("%s: %s has %d rows, want %d", where, table, len(g), len(w))
			continue
		}
		for i := range w {
			if w[i] != g[i] {
				t.Errorf("%s: %s row %d\n got %s\nwant %s", where, table, i, g[i], w[i])
				break
			}
		}
	}
}

// A move never lands on a studio: not onto itself, not into a file that
// exists, not onto a server database that holds one; and one that is
// stopped halfway leaves the target as it was.
func TestMoveRefusesAndStopsCleanly(t *testing.T) {
	bothEngines(t)
	ctx := context.Background()
	lite := newFileStore(t)
	mustClient(t, lite, "Ida Roth")
	wantKey := func(err error, key string) {
		t.Helper()
		var e *data.Error
		if !errors.As(err, &e) || e.Key != key {
			t.Fatalf("err = %v, want %s", err, key)
		}
	}
	_, err := lite.MoveTo(ctx, lite.Path(), nil)
	wantKey(err, keyMoveSame)
	other := newFileStore(t)
	_, err = lite.MoveTo(ctx, other.Path(), nil)
	wantKey(err, keyMoveExists)
	url := pg.Need(t).Database(t)
	full, err := OpenServer(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	mustClient(t, full, "Ole Berg")
	full.Close()
	_, err = lite.MoveTo(ctx, url, nil)
	wantKey(err, keyMoveNotEmpty)

	// stopped halfway — once copied, while the copy is being checked —
	// the server stays without a studio and no file appears
	for range 30 {
		mustClient(t, lite, "Kundin")
	}
	empty := pg.Need(t).Database(t)
	for _, target := range []string{empty, filepath.Join(tempDir(t), "never.db")} {
		stop, cancel := context.WithCancel(ctx)
		told := 0
		_, err := lite.MoveTo(stop, target, func(float64) { told++; cancel() })
		cancel()
		if err == nil || told == 0 {
			t.Fatalf("%s: a move stopped halfway succeeded (told %d times): %v", target, told, err)
		}
		if IsServerURL(target) {
			dst, err := OpenServer(ctx, target)
			if err != nil {
				t.Fatal(err)
			}
			held, err := dst.holdsStudio(ctx)
			dst.Close()
			if err != nil || held {
				t.Errorf("the server holds a studio after a stopped move (%v)", err)
			}
		} else if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a stopped move left %s (%v)", target, err)
		}
	}
}
