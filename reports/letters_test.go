package reports

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

func TestLetters(t *testing.T) {
	ctx := context.Background()
	s, err := sqlstore.Open(filepath.Join(t.TempDir(), "letters.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return testAt }
	s.SaveStudio(ctx, data.Studio{Name: "Tanzstudio Sonnenschein", Address: "Lindenallee 12\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger", IBAN: "DE89 3704 0044 0532 0130 00", BankName: "Sparkasse Leipzig"})
	c, _ := s.CreateClient(ctx, data.Client{Name: "Lena Weiß", Address: "Gartenweg 3\n04109 Leipzig", Language: "de"})
	sv, _ := s.SaveService(ctx, data.Service{Name: "Zumba", NameEN: "Zumba fitness", Kind: data.KindCourse, Price: 3500, Active: true,
		Terms: data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}})
	k, _ := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3500, Terms: sv.Terms, Start: data.NewDate(2026, 9, 1)})
	s.GenerateCharges(ctx)
	p, _ := s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 3500, Method: data.MethodCash, ReceivedOn: data.NewDate(2026, 9, 2)})

	text := func(kind data.DocumentKind, id int64) string {
		t.Helper()
		doc, pdf, err := IssueLetter(ctx, s, kind, id, Issue{})
		if err != nil {
			t.Fatal(err)
		}
		tool(t, pdf, "qpdf", "--check")
		if fonts := tool(t, pdf, "pdffonts"); strings.Count(fonts, " yes ") < 2 {
			t.Fatalf("fonts not embedded:\n%s", fonts)
		}
		text := flat(tool(t, pdf, "pdftotext"))
		if strings.ContainsRune(text, '\uFFFD') || !strings.Contains(text, doc.Number) {
			t.Fatalf("replacement characters or no number %s in the letter", doc.Number)
		}
		if kept, err := s.CopyOf(ctx, doc.Number); err != nil || !bytes.Equal(kept, pdf) {
			t.Fatal("the kept copy is not the letter as issued")
		}
		// the same records on the same day give the same bytes
		lk, _ := letterOf(kind)
		ld, _ := lk.load(ctx, s, id)
		l, _ := letterFor(ctx, s, ld.clientID, "")
		l.Number = doc.Number
		var again bytes.Buffer
		if _, err := ld.write(&again, l); err != nil || !bytes.Equal(pdf, again.Bytes()) {
			t.Fatal("the same letter twice gave different bytes")
		}
		return text
	}
	t.Run("reminder", func(t *testing.T) {
		got := text(data.DocReminder, c.ID)
		for _, want := range []string{"Freundliche Zahlungserinnerung", "Lena Weiß", "Gartenweg 3", "70,00 €", "01.10.2026",
			"01.11.2026", "DE89 3704 0044 0532 0130 00", "Zusammen offen"} {
			if !strings.Contains(got, want) {
				t.Errorf("reminder lacks %q: %s", want, got)
			}
		}
	})
	t.Run("receipt", func(t *testing.T) {
		got := text(data.DocReceipt, p.ID)
		for _, want := range []string{"Zahlungsbestätigung", "am 02.09.2026 35,00 € bar von Lena Weiß erhalten", "erfasste Zahlung", "QU-000001",
			"Bar erhalten für Tanzstudio Sonnenschein", "Damit ist Folgendes bezahlt", "Zumba 01.09.2026 – 30.09.2026 35,00 €"} {
			if !strings.Contains(got, want) {
				t.Errorf("receipt lacks %q: %s", want, got)
			}
		}
	})
	t.Run("cancellation", func(t *testing.T) {
		if _, _, err := IssueLetter(ctx, s, data.DocCancellation, k.ID, Issue{}); data.AsError(err) == nil || data.AsError(err).Key != "letter.not_cancelled" {
			t.Fatalf("a running contract was confirmed as cancelled: %v", err)
		}
		s.CancelContract(ctx, k.ID, data.NewDate(2026, 11, 20))
		got := text(data.DocCancellation, k.ID)
		for _, want := range []string{"Bestätigung Ihrer Kündigung", "„Zumba“", "20.11.2026", "Der Vertrag endet am 20.12.2026", "in Textform"} {
			if !strings.Contains(got, want) {
				t.Errorf("confirmation lacks %q: %s", want, got)
			}
		}
	})
	t.Run("ErrNothingOpen", func(t *testing.T) {
		s.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 100000, Method: data.MethodTransfer, ReceivedOn: data.NewDate(2026, 11, 23)})
		if _, _, err := IssueLetter(ctx, s, data.DocReminder, c.ID, Issue{}); data.AsError(err) == nil || data.AsError(err).Key != "letter.nothing_open" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrReceiptOfReversed", func(t *testing.T) {
		if _, err := s.ReversePayment(ctx, p.ID, "falsch gebucht"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := IssueLetter(ctx, s, data.DocReceipt, p.ID, Issue{}); data.AsError(err) == nil || data.AsError(err).Key != "letter.receipt.reversed" {
			t.Fatalf("a receipt for a reversed payment: %v", err)
		}
	})
	t.Run("English on request, numbered by kind", func(t *testing.T) {
		k2, _ := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3500, Terms: sv.Terms, Start: data.NewDate(2026, 10, 1)})
		s.CancelContract(ctx, k2.ID, data.NewDate(2026, 11, 21))
		doc, pdf, err := IssueLetter(ctx, s, data.DocCancellation, k2.ID, Issue{Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		got := flat(tool(t, pdf, "pdftotext"))
		if doc.Number != "KB-000002" || doc.Language != "en" || !strings.Contains(got, "Confirmation of your cancellation") {
			t.Fatalf("%s %s: %s", doc.Number, doc.Language, got)
		}
		for _, want := range []string{"“Zumba fitness”", "Your contract will end on", "You are, of course, welcome"} {
			if !strings.Contains(got, want) {
				t.Errorf("English confirmation lacks %q: %s", want, got)
			}
		}
		list, _ := s.DocumentsOf(ctx, c.ID)
		if len(list) != 4 { // reminder, receipt, two confirmations
			t.Fatalf("documents = %+v", list)
		}
	})
}

// A letter about a minor goes to the guardian, on the minor's behalf; the
// agreement has the guardian sign under their name, with room for a second.
func TestMinorsAndGuardians(t *testing.T) {
	minor := data.Client{Name: "Mia Kurz", ContactPerson: "Petra Kurz", Address: "Am Hang 2\n04109 Leipzig",
		BirthDate: data.NewDate(2015, 5, 5), Language: "de"}
	l := Letter{Studio: data.Studio{Name: "Tanzstudio", Address: "Weg 1", Responsible: "Inhaberin: S. K."}, Client: minor,
		Number: "KB-000009", Lang: "de", Today: data.NewDate(2026, 11, 23), At: testAt}
	k := data.Contract{ServiceName: "Kindertanz", Start: data.NewDate(2026, 1, 1), NoticeReceived: data.NewDate(2026, 11, 20),
		EndsOn: data.NewDate(2026, 12, 20)}
	var buf bytes.Buffer
	if _, err := CancellationConfirmation(&buf, l, k); err != nil {
		t.Fatal(err)
	}
	text := flat(tool(t, buf.Bytes(), "pdftotext"))
	for _, want := range []string{"Petra Kurz für Mia Kurz Am Hang 2", "Liebe/r Petra Kurz,"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q: %s", want, text)
		}
	}
	// written after the end, in English: the past, and what was paid for whom
	l.Lang, l.Today = "en", data.NewDate(2027, 1, 10)
	buf.Reset()
	if _, err := CancellationConfirmation(&buf, l, k); err != nil {
		t.Fatal(err)
	}
	text = flat(tool(t, buf.Bytes(), "pdftotext"))
	for _, want := range []string{"in text form", "Your contract ended on 20 Dec 2026", "you are always welcome back"} {
		if !strings.Contains(text, want) {
			t.Errorf("late confirmation lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, "until then") {
		t.Errorf("a confirmation after the end speaks of the future: %s", text)
	}
	buf.Reset()
	paid := Paid{Payment: data.Payment{Amount: 4000, Method: data.MethodTransfer, ReceivedOn: data.NewDate(2027, 1, 5)},
		Settled: []data.ChargeShare{{Charge: data.Charge{Description: "Kindertanz", ContractID: 1, PeriodStart: data.NewDate(2027, 1, 1),
			PeriodEnd: data.NewDate(2027, 1, 31), Amount: 3000, Due: data.NewDate(2027, 1, 1)}, Amount: 3000}}, Credit: 1000}
	if _, err := Receipt(&buf, l, paid); err != nil {
		t.Fatal(err)
	}
	text = flat(tool(t, buf.Bytes(), "pdftotext"))
	for _, want := range []string{"€40.00 by bank transfer from Petra Kurz on behalf of Mia Kurz on 5 Jan 2027",
		"Kindertanz 1 Jan 2027 – 31 Jan 2027", "€10.00 was more than was due"} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q: %s", want, text)
		}
	}
	a := sampleAgreement("de")
	got := flat(tool(t, render(t, a), "pdftotext"))
	for _, want := range []string{"Unterschrift Erziehungsberechtigte/r Käthe Groß", "zweite/r Erziehungsberechtigte/r"} {
		if !strings.Contains(got, want) {
			t.Errorf("agreement lacks %q", want)
		}
	}
}

// A 120-character name and a five-line address wrap inside the page.
func TestLetterLayout(t *testing.T) {
	name := strings.TrimSpace(strings.Repeat("Maximiliane Müller ", 7))[:120]
	l := Letter{Studio: data.Studio{Name: "Tanzstudio", Address: "Weg 1", Responsible: "Inhaberin: S. K.", Website: "tanzstudio-sonnenschein.example",
		Email: "hallo@tanzstudio-sonnenschein.example", Phone: "0341 2345678"},
		Client: data.Client{Name: name, Address: "c/o Familie Weiß\nHinterhaus, 3. OG links\nStraße des 17. Juni 135\n10623 Berlin-Charlottenburg\nDeutschland"},
		Number: "ZE-000001", Lang: "en", Today: data.NewDate(2026, 11, 23), At: testAt}
	var buf bytes.Buffer
	if _, err := Reminder(&buf, l, data.Balance{Open: 1000, OpenCharges: []data.Charge{{Description: "Zumba", Amount: 1000, Due: data.NewDate(2026, 11, 1)}}}); err != nil {
		t.Fatal(err)
	}
	bbox := tool(t, buf.Bytes(), "pdftotext", "-bbox")
	for _, line := range strings.Split(bbox, "\n") {
		if !strings.Contains(line, "<word") {
			continue
		}
		var xMin, yMin, xMax, yMax float64
		if _, err := fmtSscanBox(line, &xMin, &yMin, &xMax, &yMax); err != nil {
			t.Fatal(err)
		}
		if xMin < 50 || xMax > 545 || yMin < 40 || yMax > 800 {
			t.Fatalf("a word is outside the margins: %s", line)
		}
	}
	text := flat(tool(t, buf.Bytes(), "pdftotext"))
	if !strings.Contains(text, "Deutschland") || !strings.Contains(text, "Perhaps this has") {
		t.Fatalf("address or sentence case: %s", text)
	}
}

// Every kind of document the store numbers is a letter here, with a
// command and a subject, and the window's and terminal's texts for it.
func TestEveryLetterRegistered(t *testing.T) {
	if len(Letters) != len(data.DocumentKinds) {
		t.Fatalf("%d letters for %d document kinds", len(Letters), len(data.DocumentKinds))
	}
	for _, kind := range data.DocumentKinds {
		lk, ok := letterOf(kind)
		if !ok || lk.Command == "" || lk.Subject == "" || lk.load == nil {
			t.Errorf("document kind %s has no complete letter: %+v", kind, lk)
			continue
		}
		for _, lang := range []string{"de", "en"} {
			tr := translations.New(lang)
			for _, key := range []string{"cli." + lk.Subject + ".required", "doc.kind." + string(kind), "doc.name." + string(kind)} {
				if !tr.Has(key) {
					t.Errorf("%s lacks %s", lang, key)
				}
			}
		}
	}
}

// A date or a month with its year is printed with non-breaking spaces,
// so no table cell or line breaks it apart.
func TestDatesStayTogether(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", "from 1 Jan 2027 – 31 Jan 2027", "from 1\u00a0Jan\u00a02027 – 31\u00a0Jan\u00a02027"},
		{"en", "review for March 2027", "review for March\u00a02027"},
		{"de", "Rückblick März 2027", "Rückblick März\u00a02027"},
	} {
		d := newDoc(translations.New(c.lang), data.Studio{Name: "T"}, "x", "", "", testAt)
		if got := d.clean(c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, got, c.want)
		}
	}
}
