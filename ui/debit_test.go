package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// The owner's direct debit screen: the preview of a new run shows its
// debits and the charges left out with why; a run is listed with its
// state and can be cancelled until it is booked; a client without a
// mandate is named.
func TestDirectDebitScreen(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	if _, err := s.SaveCreditor(ctx, data.Creditor{ID: "DE98ZZZ09999999999", IBAN: "DE89370400440532013000", LeadDays: 2,
		NoticeDays: 14}); err != nil {
		t.Fatal(err)
	}
	sv, err := s.SaveService(ctx, data.Service{Name: "Ballett", Kind: data.KindMembership, Price: 4900, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths},
			Renewal: data.RenewMonthly}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Lea Brandt", "Ole Sand"} {
		c, _ := s.CreateClient(ctx, data.Client{Name: name})
		if _, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
			Start: s.Today(), DirectDebit: true}); err != nil {
			t.Fatal(err)
		}
		if name == "Lea Brandt" {
			if _, err := s.AddMandate(ctx, data.Mandate{ClientID: c.ID, SignedOn: s.Today(), IBAN: "DE89370400440532013000"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.GenerateCharges(ctx); err != nil {
		t.Fatal(err)
	}
	a.show(PageDebit)
	sc := a.screen(PageDebit).(*debitScreen)
	if text := renderedText(sc.body); !strings.Contains(text, "No collection run yet") || !strings.Contains(text, "Ole Sand") {
		t.Fatalf("the screen:\n%s", text)
	}
	sc.onNewRun()
	if text := renderedText(a.lastFormDialog.content); !strings.Contains(text, "1 debits, €49.00") || !strings.Contains(text, "Ole Sand") ||
		!strings.Contains(text, "no mandate") || !strings.Contains(text, "recurrent") {
		t.Fatalf("the preview:\n%s", text)
	}
	a.keys.escape()
	run, err := s.CreateDebitRun(ctx, data.Date{}, data.Date{}, "Studio", func(data.DebitRun, data.Creditor) ([]byte, error) {
		return []byte("<x/>"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.reload()
	if text := renderedText(sc.body); !strings.Contains(text, run.MessageID) || !strings.Contains(text, "written, not yet booked") {
		t.Fatalf("the run listed:\n%s", text)
	}
	var cancel *widget.Button
	walk(sc.body, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == "Cancel run" {
			cancel = b
		}
	})
	if cancel == nil {
		t.Fatal("no way to cancel the run")
	}
	test.Tap(cancel)
	a.lastFormDialog.submit()
	if text := renderedText(sc.body); !strings.Contains(text, "· cancelled") {
		t.Fatalf("after cancelling:\n%s", text)
	}

	// collected, then returned by the bank for want of funds
	run, err = s.CreateDebitRun(ctx, data.Date{}, data.Date{}, "Studio", func(data.DebitRun, data.Creditor) ([]byte, error) {
		return []byte("<x/>"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return testNow.AddDate(0, 0, 7) }
	full, _ := s.DebitRun(ctx, run.ID)
	camt := `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><Ntfctn>
		<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct><Ntry><Amt Ccy="EUR">49.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
		<NtryDtls><TxDtls><Refs><EndToEndId>` + full.Debits[0].EndToEnd + `</EndToEndId></Refs>
		<RtrInf><Rsn><Cd>AM04</Cd></Rsn></RtrInf></TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`
	path := filepath.Join(t.TempDir(), "returns.xml")
	if err := os.WriteFile(path, []byte(camt), 0o600); err != nil {
		t.Fatal(err)
	}
	sc.readReturns(path)
	if msg := renderedText(a.win.Canvas().Overlays().Top()); !strings.Contains(msg, "1 returned debits taken back") ||
		!strings.Contains(msg, "insufficient funds") {
		t.Fatalf("the returns said: %q", msg)
	}
}
