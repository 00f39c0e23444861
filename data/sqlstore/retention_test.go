package sqlstore

import (
	"bytes"
	"context"
	"os"
	"studiopartner/data"
	"testing"
	"time"
)

// secret is personal data that must leave no trace once erased.
var secret = []string{"Quellenberg", "Zacharias", "zq.quelle@example.org", "0176 99887766", "99887766", "Mondweg 13",
	"Hustet oft", "Ihr Bruder Emil"}

// erasable builds a client with contact data, a contract, a charge paid in
// full, goodwill, a settled demand and an issued agreement.
func erasable(t *testing.T, s *Store) data.Client {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateClient(ctx, data.Client{Name: "Zacharias Quellenberg", Email: "zq.quelle@example.org", Phone: "0176 99887766",
		Address: "Mondweg 13\n04109 Leipzig", BirthDate: day("2015-02-03"), Notes: "Hustet oft", ContactPerson: "Ihr Bruder Emil",
		Consent: data.Consent{DataOn: day("2025-01-10"), DataHow: "Anmeldung"}})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kostüm", Amount: 4500, Due: day("2025-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 4500, Method: data.MethodCash, ReceivedOn: day("2025-03-02"),
		Note: "Zacharias zahlt bar"}); err != nil {
		t.Fatal(err)
	}
	_ = ch
	if _, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: day("2025-04-01"), Category: data.CatMakeup,
		Description: "Nachholstunde für Zacharias Quellenberg", Value: 1500}); err != nil {
		t.Fatal(err)
	}
	d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: day("2025-05-01"), Asked: "Quellenberg möchte Rabatt",
		ClientWords: "Ihr Bruder Emil zahlt weniger"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen, Note: "Zacharias bekommt keinen"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordOwed(ctx, data.Owed{ClientID: c.ID, GivenOn: day("2025-05-02"), Kind: data.OwedMakeup,
		Description: "Nachholstunde: Kurs fiel aus, Zacharias war da"}); err != nil {
		t.Fatal(err)
	}
	mustContract(t, s, c.ID, mustCard(t, s, "Zehnerkarte Q", 10, 6, 9000), "2026-11-01")
	v, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoVisit(ctx, v.ID, "Hustet oft, Zacharias ging wieder"); err != nil {
		t.Fatal(err)
	}
	cs, err := s.SaveClauses(ctx, data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "privacy", Title: "Datenschutz", Body: "…"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.IssueAgreement(ctx, c.ID, cs, nil, nil, func(string) ([]byte, error) { return []byte("%PDF-1.4 compressed"), nil }, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.IssueDocument(ctx, data.Document{Kind: data.DocReminder, ClientID: c.ID, Language: "de"},
		func(string) ([]byte, error) { return []byte("%PDF-1.4 letter"), nil }, nil); err != nil {
		t.Fatal(err)
	}
	return c
}

// fileBytes is the database file with its write-ahead log.
func fileBytes(t *testing.T, s *Store) []byte {
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(s.Path() + "-wal")
	return append(b, wal...)
}

func TestEraseLeavesNoTraceAndKeepsRecords(t *testing.T) {
	sqliteOnly(t, "reads the database file's bytes for traces")
	s := newStore(t)
	ctx := context.Background()
	c := erasable(t, s)
	other := mustClient(t, s, "Anna Weiß")
	raw := fileBytes(t, s)
	if !bytes.Contains(raw, []byte("Quellenberg")) {
		t.Fatal("the test data is not in the file to begin with")
	}
	before, _ := s.Retention(ctx, c.ID)
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	raw = fileBytes(t, s)
	for _, x := range secret {
		if i := bytes.Index(raw, []byte(x)); i >= 0 {
			t.Errorf("%q is still in the database file at byte %d", x, i)
		}
	}
	got, err := s.Client(ctx, c.ID)
	if err != nil || got.Name != data.ErasedName(c.ID) || got.ErasedOn != s.Today() || got.Email != "" || !got.BirthDate.IsZero() {
		t.Fatalf("erased client: %+v %v", got, err)
	}
	plan, _ := s.Retention(ctx, c.ID)
	if len(plan.Parts) != 4 || plan.Parts[0].Count != 1 || plan.Parts[1].Count != 1 || plan.Parts[2].Count != 1 ||
		plan.Parts[3].Count != 1 || plan.Parts[3].Until != day("2033-01-01") {
		t.Fatalf("retained records: %+v", plan)
	}
	if plan.Parts[0].Until != day("2036-01-01") || plan.Parts[1].Until != day("2034-01-01") || plan.Parts[2].Until != day("2033-01-01") {
		t.Errorf("retention ends: %+v", plan.Parts)
	}
	if before.Parts[0].Count != plan.Parts[0].Count {
		t.Error("erasure removed charges")
	}
	// each kept document is listed with the day it may go, and reprinted
	// only by the owner who confirms
	if len(plan.Documents) != 2 {
		t.Fatalf("kept documents: %+v", plan.Documents)
	}
	for _, d := range plan.Documents {
		if d.Until != day("2033-01-01") || d.Number == "" {
			t.Errorf("kept document %+v", d)
		}
		if _, err := s.CopyOf(ctx, d.Number); data.AsError(err) == nil || data.AsError(err).Key != "document.erased" {
			t.Errorf("%s reprinted without confirmation: %v", d.Number, err)
		}
		if pdf, err := s.CopyOfErased(ctx, d.Number); err != nil || len(pdf) == 0 {
			t.Errorf("%s not reprinted after confirmation: %v", d.Number, err)
		}
	}
	var logged int
	s.read.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'reprint'`).Scan(&logged)
	if logged != 2 {
		t.Errorf("%d reprints logged, want 2", logged)
	}
	if hits, _ := s.SearchClients(ctx, "quellen", 5); len(hits) != 0 {
		t.Errorf("the erased client is still found: %v", hits)
	}
	if hits, _ := s.SearchClients(ctx, "weiß", 5); len(hits) != 1 || hits[0].ID != other.ID {
		t.Errorf("the other client is no longer found: %v", hits)
	}
	if err := s.EraseClient(ctx, c.ID); data.AsError(err) == nil || data.AsError(err).Key != "erase.already" {
		t.Errorf("erasing twice: %v", err)
	}
	_, err = s.UpdateClient(ctx, got)
	if data.AsError(err) == nil || data.AsError(err).Key != "erase.already" {
		t.Errorf("an erased client was edited: %v", err)
	}
	if rep, _ := s.Check(ctx); !rep.OK {
		t.Errorf("the database is not sound after erasure: %v", rep.Problems)
	}
}

// The yearly clean-up removes retained records once their period has
// ended, and nothing before.
func TestCleanUpAfterRetention(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := erasable(t, s)
	keep := mustClient(t, s, "Bleibt Hier")
	if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: keep.ID, Description: "alt", Amount: 100, Due: day("2010-01-01")}); err != nil {
		t.Fatal(err)
	}
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	at := func(y int) { s.Now = func() time.Time { return time.Date(y, 1, 2, 9, 0, 0, 0, time.UTC) } }
	at(2032)
	if p, _ := s.Expired(ctx); p.Total() != 0 {
		t.Fatalf("expired in 2032: %+v", p)
	}
	at(2033) // letters (6 years from 2025) have ended
	if p, _ := s.Expired(ctx); p != (data.CleanupPlan{Agreements: 1, Letters: 1}) {
		t.Fatalf("expired in 2033: %+v", p)
	}
	at(2036)
	p, err := s.CleanUp(ctx)
	if err != nil || p != (data.CleanupPlan{Charges: 1, Payments: 1, Agreements: 1, Letters: 1}) {
		t.Fatalf("clean-up in 2036: %+v %v", p, err)
	}
	plan, _ := s.Retention(ctx, c.ID)
	for _, part := range plan.Parts {
		if part.Count != 0 {
			t.Errorf("%s still kept after the clean-up", part.Kind)
		}
	}
	if ch, _ := s.ChargesOf(ctx, keep.ID, false); len(ch) != 1 {
		t.Error("the clean-up removed records of a client who was not erased")
	}
}

func TestEraseRefused(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Offen Schuld")
	if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: c.ID, Description: "Kurs", Amount: 3000, Due: day("2026-11-01")}); err != nil {
		t.Fatal(err)
	}
	err := s.EraseClient(ctx, c.ID)
	if e := data.AsError(err); e == nil || e.Key != "erase.open_balance" {
		t.Fatalf("erasing a client who owes money: %v", err)
	}
	s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 3000, Method: data.MethodCash, ReceivedOn: day("2026-11-02")})
	d, _ := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: day("2026-11-03"), Asked: "Rabatt"})
	s.DeclineDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen, Note: "nein"})
	s.DisputeDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandDeclined, Note: "widerspricht"})
	err = s.EraseClient(ctx, c.ID)
	if e := data.AsError(err); e == nil || e.Key != "erase.dispute" {
		t.Fatalf("erasing a client with a dispute: %v", err)
	}
	desk := mustStaff(t, s, "Ben", data.RoleFrontDesk, "2468")
	mustStaff(t, s, "Olga", data.RoleOwner, "")
	s.SignIn(ctx, desk.ID, "2468")
	if err := s.EraseClient(ctx, c.ID); data.ErrorCode(err) != data.CodeForbidden {
		t.Errorf("the front desk erased a client: %v", err)
	}
	if _, err := s.CleanUp(ctx); data.ErrorCode(err) != data.CodeForbidden {
		t.Errorf("the front desk ran the clean-up: %v", err)
	}
	if _, err := s.ClientExport(ctx, c.ID); data.ErrorCode(err) != data.CodeForbidden {
		t.Errorf("the front desk exported a client: %v", err)
	}
	got, _ := s.Client(ctx, c.ID)
	if got.Name != "Offen Schuld" {
		t.Error("a refused erasure changed the client")
	}
}
