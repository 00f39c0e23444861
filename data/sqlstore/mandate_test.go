package sqlstore

import (
	"context"
	"strings"
	"testing"

	"studiopartner/data"
)

// Mandates: a reference made where none is given, one taken in any case
// refused, accounts tidied, a signature in the future refused; a revoked
// mandate stays revoked; a change of account is kept for the bank's next
// collection, at the same bank or another.
func TestMandates(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	anna := mustClient(t, s, "Anna Weiß")
	m, err := s.AddMandate(ctx, data.Mandate{ClientID: anna.ID, SignedOn: s.Today(), IBAN: "de89 3704 0044 0532 0130 00"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Reference != "SP-000001-1" || m.IBAN != "DE89370400440532013000" || m.ClientName != "Anna Weiß" {
		t.Fatalf("the first mandate: %+v", m)
	}
	second, err := s.AddMandate(ctx, data.Mandate{ClientID: anna.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013000", Once: true})
	if err != nil || second.Reference != "SP-000001-2" {
		t.Fatalf("the second: %+v %v", second, err)
	}
	for _, x := range []struct {
		m          data.Mandate
		field, key string
	}{
		{data.Mandate{ClientID: anna.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013000", Reference: "sp-000001-1"},
			"reference", "mandate.reference.taken"},
		{data.Mandate{ClientID: anna.ID, SignedOn: s.Today().AddDays(1), IBAN: "DE89370400440532013000"}, "signed_on", "mandate.signed.future"},
		{data.Mandate{ClientID: anna.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013001"}, "iban", "sepa.iban.check"},
		{data.Mandate{ClientID: anna.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013000", Reference: "Weiß-1"},
			"reference", "sepa.reference.characters"},
	} {
		_, err := s.AddMandate(ctx, x.m)
		e := data.AsError(err)
		if e == nil || len(e.Fields) == 0 || e.Fields[0].Field != x.field || e.Fields[0].Key != x.key {
			t.Errorf("%+v: %v", x.m, err)
		}
	}
	if all, _ := s.Mandates(ctx, anna.ID); len(all) != 2 {
		t.Fatalf("stored: %+v", all)
	}

	// the account changes at the same bank, then at another: the bank
	// hears of the account it knew
	changed, err := s.ChangeMandateAccount(ctx, m.ID, "DE45370400440000012345", "")
	if err != nil || changed.AmendedFrom != "DE89370400440532013000" || changed.AmendOtherBank {
		t.Fatalf("same bank: %+v %v", changed, err)
	}
	changed, err = s.ChangeMandateAccount(ctx, m.ID, "DE02120300000000202051", "BYLADEM1001")
	if err != nil || changed.AmendedFrom != "DE89370400440532013000" || !changed.AmendOtherBank || changed.BIC != "BYLADEM1001" {
		t.Fatalf("another bank: %+v %v", changed, err)
	}

	if _, err := s.RevokeMandate(ctx, m.ID, s.Today().AddDays(-400), ""); data.AsError(err) == nil ||
		data.AsError(err).Fields[0].Key != "mandate.revoked.before_signed" {
		t.Fatalf("revoked before it was signed: %v", err)
	}
	revoked, err := s.RevokeMandate(ctx, m.ID, data.Date{}, "Kündigung")
	if err != nil || !revoked.RevokedOn.Equal(s.Today()) || revoked.State(s.Today()) != data.MandateRevoked {
		t.Fatalf("revoked: %+v %v", revoked, err)
	}
	if _, err := s.RevokeMandate(ctx, m.ID, data.Date{}, ""); data.ErrorKey(err) != "mandate.revoked.already" {
		t.Fatalf("revoked twice: %v", err)
	}
	if _, err := s.ChangeMandateAccount(ctx, m.ID, "DE89370400440532013000", ""); data.ErrorKey(err) != "mandate.revoked.already" {
		t.Fatalf("a revoked mandate's account changed: %v", err)
	}
	// the audit log names the mandates without their accounts in full
	var full int
	if err := s.read.QueryRow(`SELECT count(*) FROM audit_log WHERE table_name = 'mandates' AND (after LIKE '%0532013000%' OR before LIKE '%0532013000%')`).
		Scan(&full); err != nil || full != 0 {
		t.Fatalf("%d audit rows hold a whole account (%v)", full, err)
	}
	export, err := s.ClientExport(ctx, anna.ID)
	if err != nil || len(export.Mandates) != 2 || !strings.HasPrefix(export.Mandates[1].AmendedFrom, "DE89") {
		t.Fatalf("the client's data export: %+v %v", export.Mandates, err)
	}
}

// A contract paid by direct debit flags its client while no mandate is
// in force: none, revoked, or unused for 36 months.
func TestNoMandateFlag(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-11-05")
	c := mustClient(t, s, "Ben Roth")
	sv := mustService(t, s, "Salsa", 5900)
	k, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
		Start: day("2026-11-01"), DirectDebit: true})
	if err != nil || !k.DirectDebit {
		t.Fatalf("the contract: %+v %v", k, err)
	}
	flagged := func() bool {
		t.Helper()
		fs, err := s.FlagsOf(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Kind == data.FlagNoMandate {
				return true
			}
		}
		return false
	}
	if !flagged() {
		t.Fatal("no mandate, no flag")
	}
	old, err := s.AddMandate(ctx, data.Mandate{ClientID: c.ID, SignedOn: day("2023-11-05"), IBAN: "DE89370400440532013000"})
	if err != nil {
		t.Fatal(err)
	}
	if !flagged() {
		t.Fatal("a mandate unused for 36 months counts")
	}
	at(s, "2026-11-04")
	if flagged() {
		t.Fatal("a mandate signed 35 months and 30 days ago does not count")
	}
	at(s, "2026-11-05")
	if _, err := s.AddMandate(ctx, data.Mandate{ClientID: c.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013000"}); err != nil {
		t.Fatal(err)
	}
	if flagged() {
		t.Fatal("flagged with a mandate in force")
	}
	all, _ := s.Mandates(ctx, c.ID)
	for _, m := range all {
		if m.ID != old.ID {
			if _, err := s.RevokeMandate(ctx, m.ID, data.Date{}, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !flagged() {
		t.Fatal("a revoked mandate counts")
	}
}
