package reports

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// debitClient is a studio collecting by direct debit and a child whose
// mother holds the account: a contract of 35 € a month from 1 September,
// billed up to 23 November.
func debitClient(t *testing.T) (*sqlstore.Store, data.Client, data.Mandate) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "debit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return testAt }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	err = s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio Sonnenschein & Co", Address: "Lindenallee 12\n04109 Leipzig",
		Responsible: "Inhaberin: Sabine Krüger"})
	must(err)
	_, err = s.SaveCreditor(ctx, data.Creditor{ID: "DE98ZZZ09999999999", IBAN: "DE89370400440532013000", LeadDays: 2, NoticeDays: 14})
	must(err)
	c, err := s.CreateClient(ctx, data.Client{Name: "Lena Weiß", Address: "Gartenweg 3\n04109 Leipzig", Language: "de",
		BirthDate: data.NewDate(2015, 4, 2), ContactPerson: "Karin Weiß"})
	must(err)
	sv, err := s.SaveService(ctx, data.Service{Name: "Zumba", NameEN: "Zumba fitness", Kind: data.KindCourse, Price: 3500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
			Renewal: data.RenewMonthly}})
	must(err)
	_, err = s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3500, Terms: sv.Terms,
		Start: data.NewDate(2026, 9, 1), DirectDebit: true})
	must(err)
	_, err = s.GenerateCharges(ctx)
	must(err)
	m, err := s.AddMandate(ctx, data.Mandate{ClientID: c.ID, SignedOn: data.NewDate(2026, 8, 20), Holder: "Karin Weiß",
		IBAN: "DE02 1203 0000 0000 2020 51"})
	must(err)
	return s, c, m
}

// issued issues a letter and returns its text, checking it is recorded
// as printed.
func issued(t *testing.T, s *sqlstore.Store, kind data.DocumentKind, id int64, lang string) (data.Document, string) {
	t.Helper()
	doc, pdf, err := IssueLetter(context.Background(), s, kind, id, Issue{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	tool(t, pdf, "qpdf", "--check")
	if kept, err := s.CopyOf(context.Background(), doc.Number); err != nil || string(kept) != string(pdf) {
		t.Fatal("the kept copy is not the letter as issued")
	}
	return doc, flat(tool(t, pdf, "pdftotext"))
}

func wants(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q: %s", what, w, text)
		}
	}
}

// The mandate form prints the standard wording in the client's language
// (or the one asked for), the creditor identifier and the reference, the
// holder's account in full, and for whom the holder pays; it is recorded
// like every letter. A mandate no longer in force gets no form.
func TestMandateForm(t *testing.T) {
	s, c, m := debitClient(t)
	doc, de := issued(t, s, data.DocMandate, m.ID, "")
	if doc.Number != "LM-000001" || doc.Language != "de" || doc.RefID != m.ID || doc.ClientID != c.ID {
		t.Fatalf("recorded as %+v", doc)
	}
	wants(t, "the German form", de, "SEPA-Lastschriftmandat", "für wiederkehrende Zahlungen", "DE98ZZZ09999999999", m.Reference,
		"Ich ermächtige Tanzstudio Sonnenschein & Co, Zahlungen von meinem Konto mittels Lastschrift einzuziehen",
		"weise ich mein Kreditinstitut an", "innerhalb von acht Wochen", "DE02 1203 0000 0000 2020 51", "Karin Weiß",
		"Für die Beiträge von Lena Weiß", "Unterschrift Kontoinhaber/in Karin Weiß", "Lindenallee 12, 04109 Leipzig")
	_, en := issued(t, s, data.DocMandate, m.ID, "en")
	wants(t, "the English form", en, "SEPA Direct Debit Mandate", "you authorise (A) Tanzstudio Sonnenschein & Co",
		"within eight weeks", "Creditor identifier", "Mandate reference "+m.Reference)
	if _, err := s.RevokeMandate(context.Background(), m.ID, data.Date{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := IssueLetter(context.Background(), s, data.DocMandate, m.ID, Issue{}); data.ErrorKey(err) != "letter.mandate.inactive" {
		t.Fatalf("a form for a revoked mandate: %v", err)
	}
}

// The agreement of a contract paid by direct debit is its
// pre-notification: creditor identifier, mandate reference, the amount
// and the next due days. An amount that differs gets a letter of its own,
// recorded with what it announced.
func TestDebitAgreementAndPreNotification(t *testing.T) {
	ctx := context.Background()
	s, c, m := debitClient(t)
	_, pdf, err := IssueAgreement(ctx, s, c.ID, Issue{AcceptWarnings: true})
	if err != nil {
		t.Fatal(err)
	}
	wants(t, "the agreement", flat(tool(t, pdf, "pdftotext")), "Zahlung per SEPA-Lastschrift", "DE98ZZZ09999999999",
		"Mandatsreferenz "+m.Reference, "DE•• … 2051 (Karin Weiß)", "Zumba: 35,00 € pro Monat, fällig am 01.12.2026, 01.01.2027, 01.02.2027 und so fort",
		"mindestens 14 Tage vor dem Einzug")

	if _, _, err := IssueLetter(ctx, s, data.DocPreNotice, c.ID, Issue{}); data.ErrorKey(err) != "letter.prenotice.nothing" {
		t.Fatalf("a letter for amounts the agreement announces: %v", err)
	}
	if _, err := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 1000, Method: data.MethodCash, ReceivedOn: s.Today()}); err != nil {
		t.Fatal(err)
	}
	doc, text := issued(t, s, data.DocPreNotice, c.ID, "")
	if doc.Number != "VA-000001" || len(doc.Announces) != 1 || doc.Announces[0].Amount != 2500 {
		t.Fatalf("recorded as %+v", doc)
	}
	wants(t, "the pre-notification", text, "Vorabankündigung einer SEPA-Lastschrift", "Liebe/r Karin Weiß", "25,00 €",
		"ab "+doc.Announces[0].CollectOn.Format("de"), "Mandatsreferenz "+m.Reference, "DE98ZZZ09999999999", "DE•• … 2051",
		"Zumba 01.09.2026 – 30.09.2026")
	if doc.Announces[0].CollectOn.String() != "2026-12-07" { // 23 November + 14 days, a Monday
		t.Fatalf("collected from %s", doc.Announces[0].CollectOn)
	}
}
