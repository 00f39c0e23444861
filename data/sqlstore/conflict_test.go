package sqlstore

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"studiopartner/data"
)

// Two counters editing the same client or contract: the second save is
// refused with who changed it and when, and nothing is overwritten; two
// saves at the same moment on their own connections: one wins.
func TestSecondSaveIsRefused(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	other := openAgain(t, s)
	anna := mustStaff(t, s, "Anna", data.RoleFrontDesk, "2468")
	c := mustClient(t, s, "Ida Roth")
	k := mustContract(t, s, c.ID, mustCard(t, s, "Zehner", 10, 6, 12000), "2026-11-01")
	wantChanged := func(err error, name string) {
		t.Helper()
		var e *data.Error
		if !errors.As(err, &e) || e.Code != data.CodeConflict || e.Args["Name"] != name || e.Args["Time"] != fixedNow.Add(time.Hour).In(time.Local).Format("15:04") {
			t.Fatalf("the second save: %v (%+v)", err, e)
		}
	}

	atDesk, atOffice := c, c // both forms read the client
	setClock(s, fixedNow.Add(time.Hour))
	s.SetActor(anna.ID)
	atDesk.Phone = "0341 111"
	if _, err := s.UpdateClient(ctx, atDesk); err != nil {
		t.Fatal(err)
	}
	setClock(other, fixedNow.Add(2*time.Hour))
	atOffice.Notes = "Kommt dienstags"
	_, err := other.UpdateClient(ctx, atOffice)
	wantChanged(err, "Anna")
	got, _ := other.Client(ctx, c.ID)
	if got.Phone != "0341 111" || got.Notes != "" {
		t.Errorf("after the refused save: phone %q, notes %q", got.Phone, got.Notes)
	}
	// read again, the office's save goes through
	got.Notes = "Kommt dienstags"
	if _, err := other.UpdateClient(ctx, got); err != nil {
		t.Fatalf("the save after reading again: %v", err)
	}

	kDesk, kOffice := contractNow(t, s, k.ID), contractNow(t, s, k.ID)
	kDesk.Note = "Ermäßigt"
	if _, err := s.UpdateContract(ctx, kDesk); err != nil {
		t.Fatal(err)
	}
	kOffice.Note = "Voll"
	_, err = other.UpdateContract(ctx, kOffice)
	wantChanged(err, "Anna")

	// at the same moment, each on its own connections: one wins
	fresh, _ := s.Client(ctx, c.ID)
	setClock(s, fixedNow.Add(3*time.Hour))
	setClock(other, fixedNow.Add(3*time.Hour+time.Minute))
	var won, refused atomic.Int32
	atOnce(2, func(i int) {
		st, v := s, fresh
		if i == 1 {
			st = other
		}
		v.Notes = []string{"von vorn", "vom Büro"}[i]
		_, err := st.UpdateClient(ctx, v)
		var e *data.Error
		switch {
		case err == nil:
			won.Add(1)
		case errors.As(err, &e) && e.Code == data.CodeConflict:
			refused.Add(1)
		default:
			t.Errorf("save %d: %v", i, err)
		}
	})
	if won.Load() != 1 || refused.Load() != 1 {
		t.Errorf("of two saves at once %d won and %d were refused; want one each", won.Load(), refused.Load())
	}
}

// Two counters editing the agreement's wording from the same version: the
// second save is refused with who saved the newer version and when.
func TestSecondClausesSaveIsRefused(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	other := openAgain(t, s)
	anna := mustStaff(t, s, "Anna", data.RoleOwner, "2468")
	base, err := s.SaveClauses(ctx, data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "intro", Title: "T", Body: "B"}}})
	if err != nil {
		t.Fatal(err)
	}
	s.SetActor(anna.ID)
	first := base
	first.Sections = []data.Section{{Key: "intro", Title: "T", Body: "Neu"}}
	if cs, err := s.SaveClauses(ctx, first); err != nil || cs.Version != base.Version+1 {
		t.Fatalf("the first edit: %+v, %v", cs, err)
	}
	second := base
	second.Sections = []data.Section{{Key: "intro", Title: "T", Body: "Anders"}}
	_, err = other.SaveClauses(ctx, second)
	var e *data.Error
	if !errors.As(err, &e) || e.Code != data.CodeConflict || e.Args["Name"] != "Anna" {
		t.Fatalf("the second edit from the same version: %v", err)
	}
	cur, _, err := other.CurrentClauses(ctx, "de")
	if err != nil || cur.Version != base.Version+1 || cur.Sections[0].Body != "Neu" {
		t.Errorf("the wording now: %+v, %v", cur, err)
	}
}

// Two counters editing the same service: the second save is refused, even
// within the same second, and the service keeps the first.
func TestSecondServiceSaveIsRefused(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	other := openAgain(t, s)
	anna := mustStaff(t, s, "Anna", data.RoleOwner, "2468")
	sv := mustService(t, s, "Ballett", 4500)
	s.SetActor(anna.ID)
	first, second := sv, sv
	first.Price = 4900
	if _, err := s.SaveServiceOver(ctx, sv, first); err != nil {
		t.Fatal(err)
	}
	second.Description = "Für Kinder"
	_, err := other.SaveServiceOver(ctx, sv, second)
	var e *data.Error
	if !errors.As(err, &e) || e.Code != data.CodeConflict || e.Args["Name"] != "Anna" {
		t.Fatalf("the second save: %v", err)
	}
	got, _ := other.Service(ctx, sv.ID)
	if got.Price != 4900 || got.Description != "" {
		t.Errorf("the service now: %+v", got)
	}
	edited := got // read again, the office's edit goes through
	edited.Description = "Für Kinder"
	if _, err := other.SaveServiceOver(ctx, got, edited); err != nil {
		t.Errorf("an edit of the service as it is now: %v", err)
	}
}

// A screen of settings read before another counter saved settings: its
// save is refused with who and when; its own saves one after another go
// through, and after reading again it saves.
func TestStaleSettingsSaveIsRefused(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	other := openAgain(t, s)
	anna := mustStaff(t, s, "Anna", data.RoleOwner, "2468")
	var seen atomic.Int64
	mark, err := s.SettingsMark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen.Store(mark)
	screen := s.SettingsAsSeen(&seen)
	if err := screen.SetGraceDays(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if err := screen.SetBudget(ctx, 20000); err != nil { // its own change before is no conflict
		t.Fatalf("the screen's second save: %v", err)
	}
	other.SetActor(anna.ID)
	if err := other.SetGraceDays(ctx, 21); err != nil {
		t.Fatal(err)
	}
	err = screen.SetGraceDays(ctx, 7)
	var e *data.Error
	if !errors.As(err, &e) || e.Code != data.CodeConflict || e.Args["Name"] != "Anna" {
		t.Fatalf("a save over another counter's settings: %v", err)
	}
	if days, _ := s.GraceDays(ctx); days != 21 {
		t.Errorf("grace days %d, want the other counter's 21", days)
	}
	mark, _ = s.SettingsMark(ctx) // read again
	seen.Store(mark)
	if err := screen.SetGraceDays(ctx, 7); err != nil {
		t.Errorf("after reading again: %v", err)
	}
}

// envConflictChild, set for a child of the test binary, names the
// database, client and staff member of TestSecondSaveAcrossPrograms's
// other counter.
const envConflictChild = "STUDIO_CONFLICT_CHILD"

// The other counter is a program of its own: it saves the client as the
// staff member, at ten past the hour.
func TestConflictChild(t *testing.T) {
	spec := os.Getenv(envConflictChild)
	if spec == "" {
		t.Skip("the other counter of TestSecondSaveAcrossPrograms")
	}
	parts := strings.Split(spec, "\x1f")
	s, err := OpenServer(context.Background(), parts[0])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return fixedNow.Add(70 * time.Minute) }
	id, _ := strconv.ParseInt(parts[1], 10, 64)
	staff, _ := strconv.ParseInt(parts[2], 10, 64)
	s.SetActor(staff)
	c, err := s.Client(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	c.Phone = "0341 222"
	if _, err := s.UpdateClient(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// Two programs of their own on one server edit the same client: the
// save of the one that read it first is refused, naming the other's
// staff member and time, and the other's change stays.
func TestSecondSaveAcrossPrograms(t *testing.T) {
	bothEngines(t) // one server, in the SQLite pass
	raw := pg.Need(t).Database(t)
	s, err := OpenServer(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return fixedNow }
	ctx := context.Background()
	ben := mustStaff(t, s, "Ben", data.RoleFrontDesk, "1357")
	c := mustClient(t, s, "Ida Roth")
	cmd := exec.Command(os.Args[0], "-test.run=^TestConflictChild$")
	cmd.Env = append(os.Environ(), envConflictChild+"="+strings.Join([]string{raw, strconv.FormatInt(c.ID, 10),
		strconv.FormatInt(ben.ID, 10)}, "\x1f"))
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("the other counter: %v\n%s", err, out)
	}
	s.Now = func() time.Time { return fixedNow.Add(80 * time.Minute) }
	c.Notes = "Kommt dienstags"
	_, err = s.UpdateClient(ctx, c)
	var e *data.Error
	if !errors.As(err, &e) || e.Code != data.CodeConflict || e.Args["Name"] != "Ben" ||
		e.Args["Time"] != fixedNow.Add(70*time.Minute).In(time.Local).Format("15:04") {
		t.Fatalf("the second save: %v (%+v)", err, e)
	}
	if got, _ := s.Client(ctx, c.ID); got.Phone != "0341 222" || got.Notes != "" {
		t.Fatalf("after the refused save: %+v", got)
	}
}
