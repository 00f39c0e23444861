package sqlstore

import (
	"context"
	"testing"

	"studiopartner/data"
)

// An amount the agreement does not announce is collected only once a
// pre-notification of that amount was issued, and not before the day it
// names (the notice period from the letter's day); a changed amount needs
// a letter again; a letter announces each amount once.
func TestPreNotificationLetsTheRunCollect(t *testing.T) {
	ctx := context.Background()
	s, clients := debitStudio(t)
	partly := clients["partly"].ID
	if _, err := s.PreNoticeOf(ctx, clients["mandate"].ID); data.ErrorKey(err) != "letter.prenotice.nothing" {
		t.Fatalf("the contract's price needs no letter: %v", err)
	}
	if _, err := s.PreNoticeOf(ctx, clients["none"].ID); data.ErrorKey(err) != "letter.prenotice.nothing" {
		t.Fatalf("a full charge without a mandate: %v", err)
	}
	p, err := s.PreNoticeOf(ctx, partly)
	if err != nil || len(p.Items) != 1 || p.Items[0].Amount != 4000 || p.Mandate.ClientID != partly {
		t.Fatalf("what is announced: %+v %v", p, err)
	}
	// today is 1 December; 14 days of notice: 15 December, a Tuesday
	if got := p.Items[0].CollectOn.String(); got != "2026-12-15" {
		t.Fatalf("collected from %s", got)
	}
	if _, _, err := s.IssueDocument(ctx, data.Document{Kind: data.DocPreNotice, ClientID: partly, RefID: partly, Language: "de",
		Announces: p.Items}, func(string) ([]byte, error) { return []byte("%PDF letter"), nil }, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PreNoticeOf(ctx, partly); data.ErrorKey(err) != "letter.prenotice.nothing" {
		t.Fatalf("announced twice: %v", err)
	}
	early, err := s.PlanDebits(ctx, day("2026-12-31"), day("2026-12-14"))
	if err != nil || byReason(early) != "mandate_expired:expired mandate_revoked:revoked no_mandate:none notice_late:partly" {
		t.Fatalf("collected before the day announced: %s %v", byReason(early), err)
	}
	onTime, err := s.PlanDebits(ctx, day("2026-12-31"), day("2026-12-15"))
	if err != nil || onTime.Count != 4 || onTime.Total != 3*4900+4000 {
		t.Fatalf("the day announced: %d debits, %d, %s %v", onTime.Count, onTime.Total, byReason(onTime), err)
	}
	// another payment changes the amount: the letter announced another
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: partly, Amount: 500, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	changed, err := s.PlanDebits(ctx, day("2026-12-31"), day("2026-12-15"))
	if err != nil || byReason(changed) != "mandate_expired:expired mandate_revoked:revoked no_mandate:none notice_late:partly" {
		t.Fatalf("a changed amount collected on the old letter: %s %v", byReason(changed), err)
	}
	if p, err := s.PreNoticeOf(ctx, partly); err != nil || p.Items[0].Amount != 3500 {
		t.Fatalf("the new amount: %+v %v", p, err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: clients["revoked"].ID, Amount: 100, Method: data.MethodCash,
		ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PreNoticeOf(ctx, clients["revoked"].ID); data.ErrorKey(err) != "letter.prenotice.no_mandate" {
		t.Fatalf("a letter naming a revoked mandate: %v", err)
	}
}
