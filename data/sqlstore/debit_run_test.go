package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"studiopartner/data"
)

// debitStudio is a studio collecting by direct debit from 1 December 2026:
// clients in every case a run meets, named by what they show.
func debitStudio(t *testing.T) (*Store, map[string]data.Client) {
	t.Helper()
	ctx := context.Background()
	s := newStore(t)
	at(s, "2026-11-02")
	if _, err := s.SaveCreditor(ctx, data.Creditor{ID: "DE98ZZZ09999999999", IBAN: "DE89370400440532013000", LeadDays: 2,
		NoticeDays: 14}); err != nil {
		t.Fatal(err)
	}
	sv := mustService(t, s, "Salsa", 4900)
	clients := map[string]data.Client{}
	for _, name := range []string{"mandate", "none", "revoked", "expired", "once", "moved", "transfer", "partly"} {
		c := mustClient(t, s, name)
		clients[name] = c
		if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
			Start: day("2026-12-01"), DirectDebit: name != "transfer"}); err != nil {
			t.Fatal(err)
		}
		signed := day("2026-10-01")
		switch name {
		case "none", "transfer":
			continue
		case "expired":
			signed = day("2023-10-01")
		}
		m, err := s.AddMandate(ctx, data.Mandate{ClientID: c.ID, SignedOn: signed, IBAN: "DE89370400440532013000", Once: name == "once"})
		if err != nil {
			t.Fatal(err)
		}
		switch name {
		case "revoked":
			if _, err := s.RevokeMandate(ctx, m.ID, data.Date{}, ""); err != nil {
				t.Fatal(err)
			}
		case "moved":
			if _, err := s.ChangeMandateAccount(ctx, m.ID, "DE02120300000000202051", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	at(s, "2026-12-01")
	if _, err := s.GenerateCharges(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: clients["partly"].ID, Amount: 900, Method: data.MethodCash,
		ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	return s, clients
}

// byReason lists who was left out why: "no_mandate:none".
func byReason(run data.DebitRun) string {
	var out []string
	for _, l := range run.LeftOut {
		out = append(out, l.Reason+":"+l.ClientName)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func fakeFile(run data.DebitRun, _ data.Creditor) ([]byte, error) {
	return []byte(fmt.Sprintf("<run %s %d>", run.MessageID, len(run.Debits))), nil
}

// A run collects the charges of contracts paid by direct debit under a
// mandate in force and leaves out every other with its reason; its
// charges are in collection and never in a second run; cancelled, they
// are open again and the account change waits for the next run; on the
// collection day the run books its payments.
func TestDebitRuns(t *testing.T) {
	ctx := context.Background()
	s, clients := debitStudio(t)
	if _, err := s.PlanDebits(ctx, day("2026-12-31"), day("2026-12-02")); data.ErrorKey(err) != "debit.collect.too_early" {
		t.Fatalf("collected before the bank's lead time: %v", err)
	}
	plan, err := s.PlanDebits(ctx, day("2026-12-31"), data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.CollectOn.String() != "2026-12-03" || plan.Count != 3 || plan.Total != 3*4900 {
		t.Fatalf("plan: %s, %d debits, %d", plan.CollectOn, plan.Count, plan.Total)
	}
	if got := byReason(plan); got != "mandate_expired:expired mandate_revoked:revoked no_mandate:none notice_late:partly" {
		t.Fatalf("left out: %s", got)
	}
	seq := map[string]data.SequenceType{}
	for _, d := range plan.Debits {
		seq[d.ClientName] = d.Sequence
		if d.ClientName == "moved" && (d.AmendedFrom != "DE89370400440532013000" || !d.AmendOtherBank) {
			t.Errorf("the moved account's debit: %+v", d)
		}
	}
	if seq["mandate"] != data.SeqRecurrent || seq["once"] != data.SeqOneOff || seq["moved"] != data.SeqRecurrent {
		t.Fatalf("sequence types: %v", seq)
	}

	run, err := s.CreateDebitRun(ctx, day("2026-12-31"), data.Date{}, "Studio", fakeFile)
	if err != nil || run.Count != 3 || !strings.HasPrefix(run.MessageID, fmt.Sprintf("SP-%06d-", run.ID)) {
		t.Fatalf("run: %+v %v", run, err)
	}
	if file, _ := s.DebitRunFile(ctx, run.ID); string(file) != fmt.Sprintf("<run %s 3>", run.MessageID) {
		t.Fatalf("kept file: %q", file)
	}
	again, err := s.PlanDebits(ctx, day("2026-12-31"), data.Date{})
	if err != nil || again.Count != 0 || strings.Count(byReason(again), "in_run:") != 3 {
		t.Fatalf("a second plan: %d debits, %s, %v", again.Count, byReason(again), err)
	}
	if _, err := s.CreateDebitRun(ctx, day("2026-12-31"), data.Date{}, "Studio", fakeFile); data.ErrorKey(err) != "debit.run.empty" {
		t.Fatalf("a run of charges in collection: %v", err)
	}
	moved, _ := s.Mandates(ctx, clients["moved"].ID)
	if moved[0].AmendedFrom != "" {
		t.Fatal("the amendment stays for the run after this one")
	}

	if _, err := s.CancelDebitRun(ctx, run.ID); err != nil {
		t.Fatal(err)
	}
	moved, _ = s.Mandates(ctx, clients["moved"].ID)
	if moved[0].AmendedFrom != "DE89370400440532013000" || !moved[0].AmendOtherBank {
		t.Fatalf("the cancelled run's amendment: %+v", moved[0])
	}
	if _, err := s.CancelDebitRun(ctx, run.ID); data.ErrorKey(err) != "debit.run.not_prepared" {
		t.Fatalf("cancelled twice: %v", err)
	}
	run, err = s.CreateDebitRun(ctx, day("2026-12-31"), data.Date{}, "Studio", fakeFile)
	if err != nil || run.Count != 3 {
		t.Fatalf("the run again: %+v %v", run, err)
	}
	if n, err := s.BookDueRuns(ctx); err != nil || n != 0 {
		t.Fatalf("booked before its day: %d %v", n, err)
	}
	at(s, "2026-12-03")
	if n, err := s.BookDueRuns(ctx); err != nil || n != 1 {
		t.Fatalf("booking: %d %v", n, err)
	}
	for _, name := range []string{"mandate", "once", "moved"} {
		b, err := s.BalanceOf(ctx, clients[name].ID)
		if err != nil || b.Open != 0 {
			t.Errorf("%s after booking: %+v %v", name, b, err)
		}
		ps, _ := s.PaymentsOf(ctx, clients[name].ID, 5)
		if len(ps) != 1 || ps[0].Method != data.MethodDirectDebit || ps[0].ReceivedOn.String() != "2026-12-03" ||
			!strings.Contains(ps[0].Note, run.MessageID) {
			t.Errorf("%s's payment: %+v", name, ps)
		}
	}
	once, _ := s.Mandates(ctx, clients["once"].ID)
	if once[0].LastCollected.String() != "2026-12-03" || once[0].State(s.Today()) != data.MandateExpired {
		t.Errorf("the one-off mandate after its collection: %+v", once[0])
	}
	if _, err := s.CancelDebitRun(ctx, run.ID); data.ErrorKey(err) != "debit.run.not_prepared" {
		t.Fatalf("a booked run cancelled: %v", err)
	}
	runs, _ := s.DebitRuns(ctx)
	if len(runs) != 2 || runs[0].Status != data.RunBooked || runs[1].Status != data.RunCancelled {
		t.Fatalf("runs: %+v", runs)
	}
}

// Returned debits: each found by its end-to-end id, its payment reversed
// and its charge open again, the bank's fee charged where the studio
// passes it on, a mandate ended by the reason revoked and the client
// flagged with the reason; the same returns again change nothing; one no
// debit has is listed; another account's file is refused.
func TestReturnedDebits(t *testing.T) {
	ctx := context.Background()
	s, clients := debitStudio(t)
	cr, _ := s.Creditor(ctx)
	cr.PassFee = true
	if _, err := s.SaveCreditor(ctx, cr); err != nil {
		t.Fatal(err)
	}
	run, err := s.CreateDebitRun(ctx, day("2026-12-31"), data.Date{}, "Studio", fakeFile)
	if err != nil {
		t.Fatal(err)
	}
	at(s, "2026-12-07")
	full, _ := s.DebitRun(ctx, run.ID)
	e2e := map[string]string{}
	for _, d := range full.Debits {
		e2e[d.ClientName] = d.EndToEnd
	}
	returns := []data.Return{
		{EndToEnd: e2e["mandate"], Amount: 4900, Fee: 350, Reason: "AM04", On: day("2026-12-07")},
		{EndToEnd: e2e["moved"], Amount: 4900, Reason: "AC04", On: day("2026-12-07")},
		{EndToEnd: "SP-999999-000001", Amount: 1000, Reason: "MD06", On: day("2026-12-07")},
	}
	if _, err := s.ApplyReturns(ctx, "DE02120300000000202051", returns); data.ErrorKey(err) != "returns.other_account" {
		t.Fatalf("another account's returns: %v", err)
	}
	res, err := s.ApplyReturns(ctx, "DE89370400440532013000", returns)
	if err != nil || len(res.Applied) != 2 || len(res.Unmatched) != 1 || res.Revoked != 1 || res.Already != 0 {
		t.Fatalf("returns: %+v %v", res, err)
	}
	b, _ := s.BalanceOf(ctx, clients["mandate"].ID)
	if b.Open != 4900+350 {
		t.Fatalf("the returned charge and the fee: open %d", b.Open)
	}
	fs, _ := s.FlagsOf(ctx, clients["mandate"].ID)
	found := false
	for _, f := range fs {
		found = found || (f.Kind == data.FlagReturned && f.Code == "AM04" && f.Amount == 4900)
	}
	if !found {
		t.Fatalf("flags: %+v", fs)
	}
	moved, _ := s.Mandates(ctx, clients["moved"].ID)
	if moved[0].State(s.Today()) != data.MandateRevoked {
		t.Fatal("the closed account's mandate is not revoked")
	}
	if b, _ := s.BalanceOf(ctx, clients["moved"].ID); b.Open != 4900 {
		t.Fatalf("no fee is passed on where the bank took none: open %d", b.Open)
	}
	again, err := s.ApplyReturns(ctx, "DE89370400440532013000", returns)
	if err != nil || len(again.Applied) != 0 || again.Already != 2 || len(again.Unmatched) != 1 {
		t.Fatalf("the same returns again: %+v %v", again, err)
	}
	if b2, _ := s.BalanceOf(ctx, clients["mandate"].ID); b2.Open != b.Open {
		t.Fatal("the same returns again changed the balance")
	}
}
