package sqlstore

import (
	"context"
	"strings"
	"studiopartner/data"
	"testing"
	"time"
)

func mustStaff(t *testing.T, s *Store, name string, role data.Role, pin string) data.Staff {
	t.Helper()
	m, err := s.SaveStaff(context.Background(), data.Staff{Name: name, Role: role, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if pin != "" {
		if err := s.SetPIN(context.Background(), m.ID, pin); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestPINFormat(t *testing.T) {
	s := newStore(t)
	m := mustStaff(t, s, "Olga", data.RoleOwner, "")
	for _, bad := range []string{"abcd", "123", "123456789", "12 34", "１２３４", ""} {
		wantField(t, s.SetPIN(context.Background(), m.ID, bad), "pin", "staff.pin.format")
	}
	if err := s.SetPIN(context.Background(), m.ID, "4711"); err != nil {
		t.Fatal(err)
	}
	var hash string
	s.read.QueryRow(`SELECT pin_hash FROM staff WHERE id = ?`, m.ID).Scan(&hash)
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") || strings.Contains(hash, "4711") {
		t.Errorf("stored PIN: %q", hash)
	}
}

// Five wrong PINs lock that person out for five minutes, even the right PIN
// then; after the five minutes the right PIN works again.
func TestPINLockout(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	now := fixedNow
	s.Now = func() time.Time { return now }
	olga := mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	ben := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	s.SignOut()
	for i := 1; i < data.MaxPINFailures; i++ {
		_, err := s.SignIn(ctx, ben.ID, "0000")
		wantField(t, err, "pin", "signin.wrong")
		if left := data.AsError(err).Fields[0].Args["Count"]; left != data.MaxPINFailures-i {
			t.Errorf("after %d wrong PINs %v tries are left", i, left)
		}
	}
	_, err := s.SignIn(ctx, ben.ID, "0000")
	wantField(t, err, "pin", "signin.locked")
	now = now.Add(4 * time.Minute)
	_, err = s.SignIn(ctx, ben.ID, "2468")
	wantField(t, err, "pin", "signin.locked")
	if data.AsError(err).Fields[0].Args["Count"] != 1 {
		t.Errorf("minutes left: %v", data.AsError(err).Fields[0].Args)
	}
	if s.Actor() != 0 || s.Role() != "" {
		t.Fatal("a locked-out person was signed in")
	}
	// the lockout is personal
	if m, err := s.SignIn(ctx, olga.ID, "4711"); err != nil || m.Role != data.RoleOwner {
		t.Fatalf("owner sign-in: %v", err)
	}
	now = now.Add(time.Minute + time.Second)
	m, err := s.SignIn(ctx, ben.ID, "2468")
	if err != nil || s.Actor() != ben.ID || s.Role() != data.RoleFrontDesk || m.Name != "Ben" {
		t.Fatalf("after the lockout: %v, actor %d, role %s", err, s.Actor(), s.Role())
	}
	// a wrong PIN after a right one starts counting afresh
	_, err = s.SignIn(ctx, ben.ID, "1111")
	if data.AsError(err).Fields[0].Args["Count"] != data.MaxPINFailures-1 {
		t.Errorf("failures were not reset by the right PIN: %v", err)
	}
}

// Each owner-only operation is refused to the front desk with code
// forbidden, in the data layer, and carried out for the owner.
func TestRolesGuardOperations(t *testing.T) {
	ctx := context.Background()
	ops := map[data.Op]func(s *Store, c data.Client) error{
		data.OpReview:     func(s *Store, _ data.Client) error { _, err := s.MonthlyReview(ctx, day("2026-10-01")); return err },
		data.OpBudget:     func(s *Store, _ data.Client) error { return s.SetBudget(ctx, 50000) },
		data.OpThresholds: func(s *Store, _ data.Client) error { r, _ := s.FlagRules(ctx); return s.SaveFlagRules(ctx, r) },
		data.OpClauses: func(s *Store, _ data.Client) error {
			_, err := s.SaveClauses(ctx, data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "intro", Title: "T", Body: "B"}}})
			return err
		},
		data.OpSettings: func(s *Store, _ data.Client) error { return s.SaveStudio(ctx, data.Studio{Name: "Studio"}) },
		data.OpStaff: func(s *Store, _ data.Client) error {
			_, err := s.SaveStaff(ctx, data.Staff{Name: "New " + string(s.Role()), Role: data.RoleFrontDesk, Active: true})
			return err
		},
		data.OpRestore: func(s *Store, _ data.Client) error { return s.Allow(data.OpRestore) },
		data.OpReversePayment: func(s *Store, c data.Client) error {
			p, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: day("2026-11-20")})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.ReversePayment(ctx, p.ID, "typed wrong")
			return err
		},
		data.OpDeleteGoodwill: func(s *Store, c data.Client) error {
			g, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: day("2026-11-20"), Category: data.CatMakeup, Description: "extra"})
			if err != nil {
				t.Fatal(err)
			}
			return s.DeleteGoodwill(ctx, g.ID, "entered twice")
		},
		data.OpDebitRun: func(s *Store, c data.Client) error {
			_, err := s.PlanDebits(ctx, data.Date{}, data.Date{}) // the owner hears that no creditor is set
			if data.ErrorCode(err) == data.CodeForbidden {
				return err
			}
			_, err = s.CancelDebitRun(ctx, 1)
			if data.ErrorCode(err) == data.CodeForbidden {
				return err
			}
			_, err = s.ApplyReturns(ctx, "", nil)
			return err
		},
		data.OpPayOut: func(s *Store, c data.Client) error {
			if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: day("2026-11-20")}); err != nil {
				t.Fatal(err)
			}
			_, err := s.PayOutCredit(ctx, data.Payment{ClientID: c.ID, Amount: 500, Method: data.MethodCash, ReceivedOn: day("2026-11-20")})
			return err
		},
		data.OpTransfer: func(s *Store, _ data.Client) error {
			_, err := ExportCSV(ctx, s, tempDir(t)+"/x", nil)
			return err
		},
	}
	for _, role := range data.Roles {
		s := newStore(t)
		mustStaff(t, s, "Olga", data.RoleOwner, "4711")
		desk := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
		c := mustClient(t, s, "Anna Weiß")
		if role == data.RoleFrontDesk {
			if _, err := s.SignIn(ctx, desk.ID, "2468"); err != nil {
				t.Fatal(err)
			}
		}
		for op, run := range ops {
			err := run(s, c)
			if forbidden := data.ErrorCode(err) == data.CodeForbidden; forbidden != (role == data.RoleFrontDesk) {
				t.Errorf("%s as %s: err = %v", op, role, err)
			}
		}
		// front-desk work is open to both
		if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 500, Method: data.MethodCard, ReceivedOn: day("2026-11-21")}); err != nil {
			t.Errorf("payment as %s: %v", role, err)
		}
	}
	for _, op := range data.OwnerOps {
		if op == data.OpErase || op == data.OpAudit || op == data.OpClientExport {
			continue // tested with erasure, the audit log and the client export
		}
		if ops[op] == nil {
			t.Errorf("owner operation %s is not tested", op)
		}
	}
}

func TestSignInRulesNeedAnOwnerPIN(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	olga := mustStaff(t, s, "Olga", data.RoleOwner, "")
	err := s.SaveSignInRules(ctx, data.SignInRules{Enabled: true, IdleMinutes: 10})
	if e := data.AsError(err); e == nil || e.Key != "signin.owner_pin" {
		t.Fatalf("sign-in without an owner PIN: %v", err)
	}
	wantField(t, s.SaveSignInRules(ctx, data.SignInRules{Enabled: false, IdleMinutes: 0}), "idle_minutes", "signin.idle.range")
	s.SetPIN(ctx, olga.ID, "4711")
	if err := s.SaveSignInRules(ctx, data.SignInRules{Enabled: true, IdleMinutes: 15}); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.SignInRules(ctx); !r.Enabled || r.IdleMinutes != 15 {
		t.Errorf("rules: %+v", r)
	}
}

// The only owner cannot be made front desk or retired; two staff cannot
// share a name.
func TestLastOwnerAndNames(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	olga := mustStaff(t, s, "Olga", data.RoleOwner, "")
	olga.Role = data.RoleFrontDesk
	_, err := s.SaveStaff(ctx, olga)
	wantField(t, err, "role", "staff.last_owner")
	olga.Role, olga.Active = data.RoleOwner, false
	_, err = s.SaveStaff(ctx, olga)
	wantField(t, err, "role", "staff.last_owner")
	_, err = s.SaveStaff(ctx, data.Staff{Name: "OLGA", Role: data.RoleFrontDesk, Active: true})
	wantField(t, err, "name", "staff.name.taken")
	mustStaff(t, s, "Petra", data.RoleOwner, "")
	if _, err := s.SaveStaff(ctx, olga); err != nil {
		t.Errorf("retiring one of two owners: %v", err)
	}
}

// Every change names the person signed in; the owner can read the log by
// client, person and day, the front desk cannot read it at all.
func TestAuditLogFilters(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	olga := mustStaff(t, s, "Olga", data.RoleOwner, "4711")
	ben := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	anna := mustClient(t, s, "Anna Weiß")
	carl := mustClient(t, s, "Carl Roth")
	if _, err := s.SignIn(ctx, ben.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: anna.ID, Amount: 1200, Method: data.MethodCash, ReceivedOn: day("2026-11-20")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuditLog(ctx, data.AuditFilter{}); data.ErrorCode(err) != data.CodeForbidden {
		t.Fatalf("the front desk read the audit log: %v", err)
	}
	s.SignIn(ctx, olga.ID, "4711")
	rows, err := s.AuditLog(ctx, data.AuditFilter{ClientID: anna.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Table != "payments" || rows[0].StaffName != "Ben" || rows[1].Table != "clients" {
		t.Fatalf("Anna's entries: %+v", rows)
	}
	for _, r := range rows {
		if r.ClientID != anna.ID {
			t.Errorf("an entry of another client: %+v", r)
		}
	}
	byBen, _ := s.AuditLog(ctx, data.AuditFilter{StaffID: ben.ID})
	if len(byBen) != 1 || byBen[0].Action != data.ActionCreate {
		t.Errorf("Ben's entries: %+v", byBen)
	}
	if none, _ := s.AuditLog(ctx, data.AuditFilter{From: day("2026-11-24")}); len(none) != 0 {
		t.Errorf("entries after the day: %+v", none)
	}
	if all, _ := s.AuditLog(ctx, data.AuditFilter{From: day("2026-11-23"), To: day("2026-11-23")}); len(all) < 5 {
		t.Errorf("entries of the day: %d", len(all))
	}
	_ = carl
}

func TestConsent(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Mia Sommer")
	c.DataHow = "signed agreement"
	_, err := s.UpdateClient(ctx, c)
	wantField(t, err, "consent_data_on", "client.consent.day_needed")
	c.DataOn, c.Media = day("2026-11-01"), "maybe"
	_, err = s.UpdateClient(ctx, c)
	wantField(t, err, "consent_media", "client.consent.media_invalid")
	c.Media, c.MediaOn = "yes", day("2026-12-01")
	_, err = s.UpdateClient(ctx, c)
	wantField(t, err, "consent_media_on", "client.consent.future")
	c.MediaOn, c.MediaHow = day("2026-11-02"), "by e-mail"
	if _, err := s.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Client(ctx, c.ID)
	if got.Consent != c.Consent {
		t.Errorf("stored consent %+v, want %+v", got.Consent, c.Consent)
	}
}

// The front desk prints letters and agreements: the program's first
// wording is stored for them, but they cannot change it; they see the
// month's goodwill total the counter's budget note needs.
func TestFrontDeskPrintsAndCounts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mustStaff(t, s, "Olga", data.RoleOwner, "")
	ben := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	c := mustClient(t, s, "Anna Weiß")
	s.SignIn(ctx, ben.ID, "2468")
	first := data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "privacy", Title: "Datenschutz", Body: "A"}}}
	cs, err := s.SaveFirstClauses(ctx, first)
	if err != nil || cs.Version != 1 {
		t.Fatalf("first wording for the front desk: %+v %v", cs, err)
	}
	again, err := s.SaveFirstClauses(ctx, data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "privacy", Title: "X", Body: "B"}}})
	if err != nil || again.Version != 1 || again.Sections[0].Body != "A" {
		t.Errorf("a second first wording changed the text: %+v %v", again, err)
	}
	if _, err := s.SaveClauses(ctx, first); data.ErrorCode(err) != data.CodeForbidden {
		t.Errorf("the front desk changed the wording: %v", err)
	}
	s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: day("2026-11-20"), Category: data.CatMakeup, Description: "x", Value: 1500})
	s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: day("2026-10-20"), Category: data.CatMakeup, Description: "y", Value: 700})
	if v, err := s.GoodwillInMonth(ctx, day("2026-11-03")); err != nil || v != 1500 {
		t.Errorf("November's goodwill: %v %v", v, err)
	}
}
