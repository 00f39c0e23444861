package reports

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
)

func TestLetters(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "letters.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return testAt }
	s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio Sonnenschein", Address: "Lindenallee 12\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger", IBAN: "DE89 3704 0044 0532 0130 00", BankName: "Sparkasse Leipzig"})
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lena Weiß", Address: "Gartenweg 3\n04109 Leipzig", Language: "de"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Zumba", Kind: data.KindCourse, Price: 3500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	k, _ := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3500, Terms: sv.Terms, Start: data.NewDate(2026, 9, 1)})
	s.GenerateCharges(ctx)
	p, _ := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 3500, Method: data.MethodCash, ReceivedOn: data.NewDate(2026, 9, 2)})

	text := func(write func(w *bytes.Buffer) error) string {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		tool(t, buf.Bytes(), "qpdf", "--check")
		if fonts := tool(t, buf.Bytes(), "pdffonts"); strings.Count(fonts, " yes ") < 2 {
			t.Fatalf("fonts not embedded:\n%s", fonts)
		}
		text := flat(tool(t, buf.Bytes(), "pdftotext"))
		if strings.ContainsRune(text, '\uFFFD') {
			t.Fatal("replacement characters in the letter")
		}
		var again bytes.Buffer
		if err := write(&again); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Fatal("the same letter twice gave different bytes")
		}
		return text
	}
	t.Run("reminder", func(t *testing.T) {
		got := text(func(w *bytes.Buffer) error { _, _, err := WriteReminder(ctx, s, w, c.ID); return err })
		for _, want := range []string{"Freundliche Zahlungserinnerung", "Lena Weiß", "Gartenweg 3", "70,00 €", "01.10.2026",
			"01.11.2026", "DE89 3704 0044 0532 0130 00", "Zusammen offen"} {
			if !strings.Contains(got, want) {
				t.Errorf("reminder lacks %q: %s", want, got)
			}
		}
	})
	t.Run("receipt", func(t *testing.T) {
		got := text(func(w *bytes.Buffer) error { _, _, err := WriteReceipt(ctx, s, w, p.ID); return err })
		for _, want := range []string{"Zahlungsbestätigung", "35,00 €", "02.09.2026", "bar", "erfasste Zahlung", "QU-"} {
			if !strings.Contains(got, want) {
				t.Errorf("receipt lacks %q: %s", want, got)
			}
		}
	})
	t.Run("cancellation", func(t *testing.T) {
		var buf bytes.Buffer
		if _, _, err := WriteCancellationConfirmation(ctx, s, &buf, k.ID); data.AsError(err) == nil || data.AsError(err).Key != "letter.not_cancelled" {
			t.Fatalf("a running contract was confirmed as cancelled: %v", err)
		}
		s.CancelContract(ctx, k.ID, data.NewDate(2026, 11, 20))
		got := text(func(w *bytes.Buffer) error { _, _, err := WriteCancellationConfirmation(ctx, s, w, k.ID); return err })
		for _, want := range []string{"Bestätigung Ihrer Kündigung", "Zumba", "20.11.2026", "20.12.2026"} {
			if !strings.Contains(got, want) {
				t.Errorf("confirmation lacks %q: %s", want, got)
			}
		}
	})
	t.Run("ErrNothingOpen", func(t *testing.T) {
		s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 100000, Method: data.MethodTransfer, ReceivedOn: data.NewDate(2026, 11, 23)})
		var buf bytes.Buffer
		if _, _, err := WriteReminder(ctx, s, &buf, c.ID); data.AsError(err) == nil || data.AsError(err).Key != "letter.nothing_open" {
			t.Fatalf("err = %v", err)
		}
	})
}
