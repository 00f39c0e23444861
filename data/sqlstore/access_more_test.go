package sqlstore

import (
	"encoding/base64"
	"strings"
	"studiopartner/data"
	"studiopartner/data/disk"

	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// Twenty wrong PINs sent at once from two counters (two stores, each with
// its own connections) are counted one after another: the person is
// locked out, and no try gets past the count.
func TestParallelWrongPINs(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	ben := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	s.SignOut()
	counters := []*Store{s, openAgain(t, s)}
	var wg sync.WaitGroup
	results := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := counters[i%2].SignIn(ctx, ben.ID, "0000")
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	wrong, locked := 0, 0
	for err := range results {
		switch data.AsError(err).Fields[0].Key {
		case "signin.wrong":
			wrong++
		case "signin.locked":
			locked++
		}
	}
	if wrong != data.MaxPINFailures-1 || locked != 20-wrong {
		t.Fatalf("%d wrong and %d locked of 20", wrong, locked)
	}
	if _, err := s.SignIn(ctx, ben.ID, "2468"); data.AsError(err) == nil || data.AsError(err).Fields[0].Key != "signin.locked" {
		t.Fatalf("the right PIN got in during the lockout: %v", err)
	}
}

// A PIN hashed with the old, weaker parameters is hashed again at the next
// sign-in; signing in then costs one hash.
func TestPINRehashedAndTimed(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	olga := mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	// the hash an earlier version wrote: 19 MiB, two passes
	old := "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + oldKey(t, "4711")
	if _, err := s.x().Exec(`UPDATE staff SET pin_hash = ? WHERE id = ?`, old, olga.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, olga.ID, "4711"); err != nil {
		t.Fatal(err)
	}
	var hash string
	s.read.QueryRow(`SELECT pin_hash FROM staff WHERE id = ?`, olga.ID).Scan(&hash)
	if hash == old || !containsAll(hash, "m=65536", "t=3") {
		t.Fatalf("not rehashed: %s", hash)
	}
	// the fastest of three, beside the fastest of three hashes alone: on a
	// busy machine both slow down alike
	took, hash1 := time.Hour, time.Hour
	for range 3 {
		start := time.Now()
		if _, err := s.SignIn(ctx, olga.ID, "4711"); err != nil {
			t.Fatal(err)
		}
		took = min(took, time.Since(start))
		start = time.Now()
		if _, err := hashPIN("4711"); err != nil {
			t.Fatal(err)
		}
		hash1 = min(hash1, time.Since(start))
	}
	t.Logf("sign-in took %v, one hash %v", took, hash1)
	// one hash, not two (the PIN was hashed again once, at the sign-in
	// before); the hash's own time is make bench's SignIn figure
	if !raceBuild && took > hash1*3/2+20*time.Millisecond {
		t.Errorf("sign-in took %v, more than one hash (%v)", took, hash1)
	}
}

// The sign-in settings change only for the owner, and only the owner
// restores.
func TestAccessSettingsAndRestore(t *testing.T) {
	sqliteOnly(t, "backs up and restores the database file")
	s := newStore(t)
	ctx := context.Background()
	mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	ben := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	s.SignOut()
	if _, err := s.SignIn(ctx, ben.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, settingSignIn, "0"); data.ErrorCode(err) != data.CodeForbidden {
		t.Fatalf("the front desk switched sign-in off: %v", err)
	}
	if err := s.SetSetting(ctx, settingIdle, "999"); data.ErrorCode(err) != data.CodeForbidden {
		t.Fatalf("the front desk changed the idle time: %v", err)
	}
	backup := filepath.Join(tempDir(t), "b.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	p := s.Path()
	role := s.Role()
	s.Close()
	if _, _, err := Restore(p, backup, role); data.ErrorCode(err) != data.CodeForbidden {
		t.Fatalf("the front desk restored: %v", err)
	}
}

// oldKey is the 19 MiB, two-pass key of pin with the salt of the old hash
// in TestPINRehashedAndTimed.
func oldKey(t *testing.T, pin string) string {
	t.Helper()
	salt, err := base64.RawStdEncoding.DecodeString("c2FsdHNhbHRzYWx0c2FsdA")
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawStdEncoding.EncodeToString(argon2.IDKey([]byte(pin), salt, 2, 19*1024, 1, 32))
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// Every settings key the program knows is refused to the front desk in
// the data layer when it belongs to the owner, and stays open for the
// window's own notes; the owner may set them all.
func TestSettingsKeysAsFrontDesk(t *testing.T) {
	ctx := context.Background()
	owner := []string{"studio:name", "studio:address", "studio:responsible", "studio:phone", "studio:email", "studio:website",
		"studio:tax_id", "studio:bank_name", "studio:iban", "studio:bic", "studio:logo_path", disk.SettingBackupDir,
		settingSignIn, settingIdle, data.SettingGraceDays, settingBalancesAsOf, settingBooks, settingVouchers, settingLetters,
		data.SettingOpenDemandDays, data.SettingGoodwillMode, data.SettingGoodwillAmount, data.SettingGoodwillShare, data.SettingCardDays,
		data.SettingNoVisitDays, settingGoodwillAsOf, settingMembersAsOf, data.SettingCancelHours, data.SettingLateUses, data.SettingBudget,
		"debit:creditor_id", "tax:adviser_number"}
	open := []string{"ui:language", "backup:last_day", "cleanup:asked_year"}
	s := newStore(t)
	mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	desk := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	if _, err := s.SignIn(ctx, desk.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	for _, key := range owner {
		before, _ := s.Setting(ctx, key)
		if err := s.SetSetting(ctx, key, "7"); data.ErrorCode(err) != data.CodeForbidden {
			t.Errorf("front desk set %s: %v", key, err)
		}
		if after, _ := s.Setting(ctx, key); after != before {
			t.Errorf("%s changed from %q to %q", key, before, after)
		}
	}
	for _, key := range open {
		if err := s.SetSetting(ctx, key, "7"); err != nil {
			t.Errorf("front desk could not note %s: %v", key, err)
		}
	}
	s.SignOut()
	if _, err := s.SignIn(ctx, 1, "4711"); err != nil {
		t.Fatal(err)
	}
	for _, key := range append(owner, open...) {
		if err := s.SetSetting(ctx, key, "7"); err != nil {
			t.Errorf("owner could not set %s: %v", key, err)
		}
	}
}

// Two counters retire the last two owners at the same moment (two stores,
// each with its own connections): one succeeds, the other is told the
// studio would be left without an owner, round after round.
func TestLastOwnerKeptAtTwoCounters(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	owners := []data.Staff{mustStaff(t, s, "Olga", data.RoleOwner, ""), mustStaff(t, s, "Petra", data.RoleOwner, "")}
	counters := []*Store{s, openAgain(t, s)}
	for round := range 8 {
		errs := make([]error, 2)
		atOnce(2, func(i int) {
			m := owners[i]
			m.Role = data.RoleFrontDesk
			_, errs[i] = counters[i].SaveStaff(ctx, m)
		})
		ok, refused := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case data.AsError(err) != nil && data.AsError(err).Field("role") != nil && data.AsError(err).Field("role").Key == "staff.last_owner":
				refused++
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Fatalf("round %d: %d retired, %d refused; want one each", round, ok, refused)
		}
		list, err := s.StaffList(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		active := 0
		for _, m := range list {
			if m.Role == data.RoleOwner && m.Active {
				active++
			}
		}
		if active != 1 {
			t.Fatalf("round %d: %d active owners", round, active)
		}
		for i := range owners { // both owners again for the next round
			owners[i].Role = data.RoleOwner
			if _, err := s.SaveStaff(ctx, owners[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
}
