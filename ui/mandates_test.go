package ui

import (
	"context"
	"strings"
	"testing"

	"studiopartner/data"
)

// At the counter: a contract paid by direct debit without a mandate is
// flagged; a mandate with a wrong IBAN is refused beside the field and
// nothing is stored; a good one shows with its account shortened and the
// flag goes; a revoked one is said so, and the flag is back.
func TestMandatesOnTheCard(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lea Brandt"})
	sv, err := s.SaveService(ctx, data.Service{Name: "Ballett", Kind: data.KindMembership, Price: 4900, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
			Renewal: data.RenewMonthly}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
		Start: s.Today(), DirectDebit: true}); err != nil {
		t.Fatal(err)
	}
	cc, err := newClientCard(a, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if text := renderedText(cc.content); !strings.Contains(text, "no SEPA mandate in force") || !strings.Contains(text, "No mandate yet") {
		t.Fatalf("the card without a mandate:\n%s", text)
	}
	cc.onChange = func() {}
	cc.onAddMandate()
	fd := a.lastFormDialog
	fields := fieldsIn(fd.content)
	typeInto := func(i int, text string) { fields[i].(*entry).SetText(text) }
	typeInto(0, "DE89 3704 0044 0532 0130 01")
	typeInto(2, "Jonas Brandt")
	fd.submit()
	if got := renderedText(fd.content); !strings.Contains(got, "check digits do not match") {
		t.Fatalf("a wrong IBAN said: %q", got)
	}
	if ms, _ := s.Mandates(ctx, c.ID); len(ms) != 0 {
		t.Fatal("a refused mandate was stored")
	}
	typeInto(0, "DE89 3704 0044 0532 0130 00")
	fd.submit()
	ms, _ := s.Mandates(ctx, c.ID)
	if len(ms) != 1 || ms[0].Holder != "Jonas Brandt" || ms[0].Reference == "" {
		t.Fatalf("stored: %+v", ms)
	}
	cc, _ = newClientCard(a, c.ID)
	cc.onChange = func() {}
	text := renderedText(cc.content)
	if strings.Contains(text, "no SEPA mandate in force") || !strings.Contains(text, ms[0].Reference+" · active · recurrent") ||
		!strings.Contains(text, "Jonas Brandt · DE•• … 3000") || strings.Contains(text, "0532013000") ||
		!strings.Contains(text, "Announce direct debit") || !strings.Contains(text, "Form") {
		t.Fatalf("the card with a mandate:\n%s", text)
	}
	cc.onRevokeMandate(ms[0])
	a.lastFormDialog.submit()
	cc, _ = newClientCard(a, c.ID)
	if text := renderedText(cc.content); !strings.Contains(text, "· revoked ·") || !strings.Contains(text, "no SEPA mandate in force") {
		t.Fatalf("the card with the mandate revoked:\n%s", text)
	}
}

// The owner's direct debit settings: a creditor identifier with wrong
// check digits is refused beside its field; a good one is kept.
func TestDirectDebitSettings(t *testing.T) {
	a, s := newTestApp(t, "de")
	a.show(PageSettings)
	sc := a.screen(PageSettings).(*settingsScreen)
	d := sc.debit
	if d.lead.Text != "2" || d.notice.Text != "14" {
		t.Fatalf("defaults: %q %q", d.lead.Text, d.notice.Text)
	}
	d.creditor.SetText("DE97ZZZ09999999999")
	d.iban.SetText("DE89370400440532013000")
	sc.onSaveDebit()
	if msg := d.form.errs["creditor_id"].Text; !strings.Contains(msg, "Prüfziffern") {
		t.Fatalf("wrong check digits said %q", msg)
	}
	if c, _ := s.Creditor(context.Background()); c.ID != "" {
		t.Fatal("a refused identifier was kept")
	}
	d.creditor.SetText("de98 zzz0 9999 9999 99")
	sc.onSaveDebit()
	if c, _ := s.Creditor(context.Background()); c.ID != "DE98ZZZ09999999999" || c.IBAN != "DE89370400440532013000" || d.saved.Text == "" {
		t.Fatalf("kept: %+v", c)
	}
	if d.iban.Text != "DE89 3704 0044 0532 0130 00" {
		t.Errorf("the account shown: %q", d.iban.Text)
	}
}
