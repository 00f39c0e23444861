package reports

import (
	"context"
	"path/filepath"
	"testing"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

func issueStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Nothing unlawful or incomplete is issued silently, and a refused
// document records nothing.
func TestIssueRefusals(t *testing.T) {
	ctx := context.Background()
	s := issueStore(t)
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Müller", Language: "de"})
	agreements := func() int {
		list, _ := s.AgreementsOf(ctx, c.ID)
		return len(list)
	}
	t.Run("ErrProfileIncomplete", func(t *testing.T) {
		s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio"})
		_, _, err := IssueAgreement(ctx, s, c.ID, Issue{AcceptWarnings: true})
		e := data.AsError(err)
		if e == nil || e.Key != "doc.profile_incomplete" {
			t.Fatalf("err = %v", err)
		}
		if keys := e.Args["ListKeys"].([]string); len(keys) != 2 || keys[0] != "studio.field.address" || keys[1] != "studio.field.responsible" {
			t.Fatalf("missing = %v", keys)
		}
		if _, _, err := IssueLetter(ctx, s, data.DocReminder, c.ID, Issue{}); data.AsError(err) == nil {
			t.Fatal("a letter was issued for an incomplete profile")
		}
	})
	s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio", Address: "Lindenallee 12\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger"})
	t.Run("ErrNeedsConfirmation", func(t *testing.T) {
		_, _, err := IssueAgreement(ctx, s, c.ID, Issue{})
		e := data.AsError(err)
		if e == nil || e.Key != "doc.needs_confirmation" {
			t.Fatalf("err = %v", err)
		}
		if keys := e.Args["ListKeys"].([]string); len(keys) != 1 || keys[0] != "doc.warn.no_contract" {
			t.Fatalf("warnings = %v", keys)
		}
	})
	t.Run("ErrUnprintable", func(t *testing.T) {
		zh, _ := s.CreateClient(ctx, data.Client{Name: "王小明 😀", Language: "de"})
		_, _, err := IssueAgreement(ctx, s, zh.ID, Issue{AcceptWarnings: true})
		e := data.AsError(err)
		if e == nil || e.Key != "doc.unprintable" {
			t.Fatalf("err = %v", err)
		}
		for _, r := range "王小明😀" {
			if !containsRune(e.Args["Chars"].(string), r) {
				t.Errorf("the message does not name %q: %q", r, e.Args["Chars"])
			}
		}
		if list, _ := s.AgreementsOf(ctx, zh.ID); len(list) != 0 {
			t.Fatal("an unprintable agreement was recorded")
		}
	})
	if n := agreements(); n != 0 {
		t.Fatalf("%d agreements recorded by refusals", n)
	}
	t.Run("OK", func(t *testing.T) {
		a, _, err := IssueAgreement(ctx, s, c.ID, Issue{AcceptWarnings: true})
		if err != nil {
			t.Fatal(err, data.AsError(err).Args)
		}
		list, _ := s.AgreementsOf(ctx, c.ID)
		if len(list) != 1 || list[0].ID != a.ID || len(list[0].AcceptedWarnings) != 1 || list[0].AcceptedWarnings[0] != "doc.warn.no_contract" {
			t.Fatalf("recorded %+v", list)
		}
	})
}

func containsRune(s string, r rune) bool {
	for _, x := range s {
		if x == r {
			return true
		}
	}
	return false
}

// An agreement listing a contract with void terms is refused, naming the
// service; fair terms pass.
func TestVoidTermsRefusePrinting(t *testing.T) {
	fair := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 12, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
	k := data.Contract{ServiceName: "Ballett", Terms: fair, Start: data.NewDate(2026, 1, 1)}
	if err := VoidTerms([]data.Contract{k}); err != nil {
		t.Fatalf("fair terms refused: %v", err)
	}
	for _, change := range []func(*data.Terms){
		func(t *data.Terms) { t.MinTermMonths = 25 },
		func(t *data.Terms) { t.Notice = data.Notice{N: 2, Unit: data.NoticeMonths} },
		func(t *data.Terms) { t.Renewal, t.RenewalMonths = data.RenewFixed, 6 },
	} {
		v := k
		change(&v.Terms)
		err := VoidTerms([]data.Contract{k, v})
		if e := data.AsError(err); e == nil || e.Key != "doc.void_terms" || e.Args["Services"] != "Ballett" {
			t.Fatalf("void terms %+v: %v", v.Terms, err)
		}
	}
}
