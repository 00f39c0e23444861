package ui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/demo"
	"studiopartner/data/sqlstore"
	"studiopartner/reports"
	"studiopartner/translations"
)

// auditStudio fills a demo studio and then does, once each, what the demo
// does not: every kind of change that writes to the audit log.
func auditStudio(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	o := demo.Options{Clients: 40, Months: 8, Seed: 3, PrintAgreement: reports.PrintAgreement}
	if err := demo.Fill(ctx, s, o); err != nil {
		t.Fatal(err)
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	staff, err := s.StaffList(ctx, false)
	must("staff", err)
	s.SetActor(staff[0].ID)
	must("pin", s.SetPIN(ctx, staff[0].ID, "4711"))
	must("grace", s.SetGraceDays(ctx, 10))
	must("budget", s.SetBudget(ctx, 40000))
	must("erase after", s.SaveEraseAfterMonths(ctx, 24))
	vr, _ := s.VisitRules(ctx)
	vr.CancelHours = 12
	must("visit rules", s.SaveVisitRules(ctx, vr))
	must("sign-in", s.SaveSignInRules(ctx, data.SignInRules{IdleMinutes: 20}))
	fr, _ := s.FlagRules(ctx)
	fr.CardDays++
	must("flag rules", s.SaveFlagRules(ctx, fr))
	rr, _ := s.RetentionRules(ctx)
	rr.LettersYears++
	must("retention", s.SaveRetentionRules(ctx, rr))
	svs, err := s.Services(ctx, false)
	must("services", err)
	sv := svs[0]
	sv.Price += 100
	_, err = s.SaveService(ctx, sv)
	must("service", err)
	rows, err := s.ListClients(ctx, 0, 100)
	must("clients", err)
	var card, member data.Contract
	var cardClient, memberClient int64
	for _, r := range rows {
		ks, _ := s.ContractsOf(ctx, r.ID)
		for _, k := range ks {
			if k.IsCard() && cardClient == 0 && k.Left() > 0 && k.EndsOn.IsZero() {
				card, cardClient = k, r.ID
			}
			if !k.IsCard() && memberClient == 0 && k.EndsOn.IsZero() && r.ID != cardClient {
				member, memberClient = k, r.ID
			}
		}
	}
	if cardClient == 0 || memberClient == 0 {
		t.Fatal("the demo has no card or no membership")
	}
	v, err := s.CheckIn(ctx, data.CheckIn{ClientID: cardClient, ContractID: card.ID, Confirmed: true})
	must("check-in", err)
	must("undo", s.UndoVisit(ctx, v.ID, "falscher Kunde"))
	_, err = s.CheckIn(ctx, data.CheckIn{ClientID: cardClient, ContractID: card.ID, Confirmed: true})
	must("check-in again", err)
	_, err = s.RecordAbsence(ctx, data.Absence{ClientID: memberClient, At: s.Now().Add(48 * time.Hour)})
	must("absence", err)
	fresh, err := s.CreateClient(ctx, data.Client{Name: "Paula Probe", Language: "de"})
	must("client", err)
	_, err = s.CheckIn(ctx, data.CheckIn{ClientID: fresh.ID, Beyond: data.BeyondGoodwill, Text: "Zusätzliche Stunde", Confirmed: true})
	must("goodwill visit", err)
	_, err = s.CheckIn(ctx, data.CheckIn{ClientID: fresh.ID, Beyond: data.BeyondCharge, Text: "Einzelstunde", Confirmed: true})
	must("charged visit", err)
	_, _, err = reports.IssueAgreement(ctx, s, fresh.ID, reports.Issue{AcceptWarnings: true}) // no contract yet: a warning confirmed
	must("agreement with a warning", err)
	fresh.Phone = "0170 1234567"
	_, err = s.UpdateClient(ctx, fresh)
	must("update client", err)
	p, err := s.RecordPayment(ctx, data.Payment{ClientID: fresh.ID, Amount: 50000, Method: data.MethodCash, ReceivedOn: s.Today()})
	must("payment", err)
	_, err = s.PayOutCredit(ctx, data.Payment{ClientID: fresh.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()})
	must("payout", err)
	_, err = s.ReversePayment(ctx, p.ID, "doppelt erfasst")
	must("reverse", err)
	_, err = s.CancelContract(ctx, member.ID, s.Today())
	must("cancel", err)
	_, _, err = reports.IssueLetter(ctx, s, data.DocCancellation, member.ID, reports.Issue{})
	must("letter", err)
	k, err := s.CreateContract(ctx, data.Contract{ClientID: fresh.ID, ServiceID: member.ServiceID, Start: s.Today(),
		Price: member.Price, Terms: member.Terms, Concluded: data.ConcludedDistance})
	must("contract", err)
	_, err = s.WithdrawContract(ctx, k.ID, s.Today())
	must("withdraw", err)
	_, err = s.PauseContract(ctx, card.ID, s.Today().AddDays(30), s.Today().AddDays(60), "Reise", false)
	if err != nil {
		t.Logf("pause: %v", err)
	}
	_, err = s.AddCharge(ctx, data.OneOffCharge{ClientID: fresh.ID, Description: "Schuhe", Amount: 3000, Due: s.Today()})
	must("charge", err)
	must("branch", s.SetBranch("Nord"))
	_, err = s.RecordPayment(ctx, data.Payment{ClientID: fresh.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()})
	must("payment at a branch", err)
	must("branch", s.SetBranch(""))
	mandate, err := s.AddMandate(ctx, data.Mandate{ClientID: fresh.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013000",
		Holder: "Jonas Brandt"})
	must("mandate", err)
	_, err = s.ChangeMandateAccount(ctx, mandate.ID, "DE02120300000000202051", "BYLADEM1001")
	must("mandate account", err)
	_, err = s.RevokeMandate(ctx, mandate.ID, s.Today(), "Kündigung")
	must("revoke", err)
	_, err = s.SaveCreditor(ctx, data.Creditor{ID: "DE98ZZZ09999999999", IBAN: "DE89370400440532013000", LeadDays: 2, NoticeDays: 14})
	must("creditor", err)
	ms, err := s.Mandates(ctx, 0)
	must("mandates", err)
	for _, m := range ms {
		if m.State(s.Today()) == data.MandateActive {
			_, _, err = reports.IssueLetter(ctx, s, data.DocMandate, m.ID, reports.Issue{})
			must("mandate form", err)
			break
		}
	}
	gone, err := s.CreateClient(ctx, data.Client{Name: "Erik Ende", Language: "de"})
	must("client", err)
	must("erase", s.EraseClient(ctx, gone.ID))
	_, err = s.CleanUp(ctx)
	must("clean-up", err)
	docs, _ := s.DocumentsOf(ctx, memberClient)
	if len(docs) > 0 {
		_, err = s.CopyOfErased(ctx, docs[0].Number)
		must("reprint", err)
	}
}

var (
	rawKey   = regexp.MustCompile(`(^|[\s:(])[a-z]+(\.[a-z_]+)+($|[\s·,)])`)
	rawSnake = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`)
	rawTime  = regexp.MustCompile(`\d{4}-\d\d-\d\d`)
)

// Every table's audit rows read as words in both languages: the record
// named, the action and every field labelled, enumerations, days and times
// as the window writes them, no JSON and no keys outside the details.
func TestAuditWalkEveryTable(t *testing.T) {
	a, s := newTestApp(t, "de")
	auditStudio(t, s)
	ctx := context.Background()
	rows, err := s.AuditLog(ctx, data.AuditFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	names := map[int64]string{}
	staff, _ := s.StaffList(ctx, true)
	for _, m := range staff {
		names[m.ID] = m.Name
	}
	tables := map[string]bool{}
	problems := map[string]bool{}
	for _, lang := range []string{"de", "en"} {
		tr := translations.New(lang)
		for _, r := range rows {
			tables[r.Table] = true
			say := func(what string) { problems[fmt.Sprintf("%s %s %s: %s", lang, r.Table, r.Action, what)] = true }
			if !tr.Has("audit.table." + r.Table) {
				say("table unnamed")
			}
			if !tr.Has("audit.action." + r.Action) {
				say("action unnamed")
			}
			for _, k := range auditFieldsOf(r) {
				if !tr.Has("audit.field." + k) {
					say("field " + k + " unlabelled")
				}
			}
			text := auditRecord(tr, r.Table, r.RowID) + " " + auditDescribe(tr, r, names)
			for _, re := range []*regexp.Regexp{rawKey, rawSnake, rawTime} {
				if m := re.FindString(text); m != "" {
					say(fmt.Sprintf("raw %q in %q", m, text))
				}
			}
			if r.Table == "agreements" && strings.Contains(r.After, "doc.warn.") {
				tables["a warning"] = true
				if !strings.Contains(text, tr.S("doc.warn.no_contract")) {
					say("the confirmed warning is not in words: " + text)
				}
			}
			if strings.ContainsAny(text, "{}[]") {
				say("JSON in " + text)
			}
		}
	}
	for _, want := range []string{"staff", "clients", "services", "contracts", "charges", "payments", "demands", "goodwill",
		"agreements", "documents", "settings", "visits", "owed", "clause_sets", "mandates", "a warning"} {
		if !tables[want] {
			problems["no audit row of "+want] = true
		}
	}
	a.show(PageAudit)
	sc := a.audit
	if len(sc.rows) == 0 {
		t.Fatal("the audit screen lists nothing")
	}
	for i, r := range sc.rows {
		for col := range 6 {
			text, _ := sc.cell(i, col)
			if m := rawSnake.FindString(text); m != "" || strings.ContainsAny(text, "{}") {
				problems[fmt.Sprintf("screen row %d (%s) col %d: %q", i, r.Table, col, text)] = true
			}
		}
		if r.ClientID != 0 && r.ClientName != "" {
			if who, _ := sc.cell(i, 2); !strings.Contains(who, r.ClientName) {
				problems[fmt.Sprintf("screen row %d names client %q", i, who)] = true
			}
		}
	}
	for p := range problems {
		t.Error(p)
	}
}

// auditFieldsOf are the fields an entry shows.
func auditFieldsOf(r data.AuditRow) []string {
	if r.Table == "visits" && r.RowID != 0 {
		return nil // said in a sentence of their own
	}
	return auditNames(auditFields(r.Before), auditFields(r.After))
}
