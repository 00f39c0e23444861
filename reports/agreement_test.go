package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"studiopartner/assets"
	"studiopartner/data"
	"studiopartner/translations"
)

var testAt = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func sampleAgreement(lang string) AgreementData {
	terms := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 6, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
	return AgreementData{
		Studio: data.Studio{Name: "Tanzstudio Sonnenschein", Address: "Lindenallee 12\n04109 Leipzig", Email: "hallo@sonnenschein.example",
			Phone: "0341 2345678"},
		Client: data.Client{ID: 7, Name: "Jürgen Groß-Ölmüller", Address: "Straße des 17. Juni 5\n10623 Berlin",
			BirthDate: data.NewDate(2014, 3, 1), ContactPerson: "Käthe Groß", Language: lang,
			Consent: data.Consent{DataOn: data.NewDate(2026, 1, 20), DataHow: "Anmeldeformular", Media: "no",
				MediaOn: data.NewDate(2026, 1, 20), MediaHow: "Anmeldeformular"}},
		Contracts: []data.Contract{{ServiceName: "Ballett „Kinder“ – Anfänger", Price: 123456, Terms: terms, Start: data.NewDate(2026, 1, 31)}},
		Clauses:   func() data.ClauseSet { c := DefaultClauses(lang); c.Version = 3; return c }(),
		Number:    "PV-000042",
		Today:     data.NewDate(2026, 11, 23),
		At:        testAt,
	}
}

func render(t *testing.T, a AgreementData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Agreement(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tool runs a PDF tool on the file; the tools come with make test's install step.
func tool(t *testing.T, pdf []byte, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is missing: run make test, which installs poppler-utils and qpdf", name)
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(name, append(args, p)...).CombinedOutput()
	if err != nil && name != "pdftotext" {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	if name == "pdftotext" {
		out, err = exec.Command(name, append(args, p, "-")...).CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v\n%s", err, out)
		}
	}
	return string(out)
}

// flat joins the text's lines, so checks do not depend on where a line broke.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestAgreementContent(t *testing.T) {
	cases := map[string][]string{
		"de": {"Partnerschaftsvereinbarung", "Jürgen Groß-Ölmüller", "Straße des 17. Juni 5, 10623 Berlin", "Käthe Groß",
			"1.234,56 €", "31.01.2026", "30.07.2026", "23.12.2026", "Ballett „Kinder“ – Anfänger", "Seite 1 von 3",
			"PV-000042", "Vereinbarungstext Version 3", "Unterschrift Erziehungsberechtigte/r", "hallo@sonnenschein.example",
			"höchstens einem Monat", "Datenschutzhinweise wurden am 20.01.2026 übergeben (Anmeldeformular)",
			"Fotos und Videos: nicht gewünscht"},
		"en": {"Partnership agreement", "€1,234.56", "31 Jan 2026", "30 Jul 2026", "23 Dec 2026", "Page 1 of 3",
			"Clause set version 3", "parent or guardian", "at most one month",
			"privacy information was handed over on 20 Jan 2026", "Photos and video: not wanted"},
	}
	for lang, want := range cases {
		t.Run(lang, func(t *testing.T) {
			a := sampleAgreement(lang)
			text := flat(tool(t, render(t, a), "pdftotext"))
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the agreement lacks %q", w)
				}
			}
			for _, s := range a.Clauses.Sections {
				if !strings.Contains(text, s.Title) {
					t.Errorf("section heading %q is missing", s.Title)
				}
			}
			if strings.ContainsRune(text, '\uFFFD') {
				t.Error("the text has replacement characters")
			}
		})
	}
}

func TestAgreementFile(t *testing.T) {
	a := sampleAgreement("de")
	pdf := render(t, a)
	tool(t, pdf, "qpdf", "--check")
	fonts := tool(t, pdf, "pdffonts")
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) != 4 || !strings.Contains(strings.ToLower(fonts), "dejavu") {
		t.Fatalf("want DejaVu regular and bold:\n%s", fonts)
	}
	for _, line := range lines[2:] {
		// name, type (two words), encoding, emb, sub, uni, object, generation
		if f := strings.Fields(line); len(f) < 8 || f[4] != "yes" {
			t.Fatalf("a font is not embedded:\n%s", fonts)
		}
	}
	if again := render(t, a); !bytes.Equal(pdf, again) {
		t.Fatal("the same data and clock gave different bytes")
	}
	if len(pdf) > 80_000 {
		t.Fatalf("the agreement is %d bytes", len(pdf))
	}
}

// TestAgreementLayout prints a long name, a five-line address, no address
// at all, and twelve contracts: everything stays on the page.
func TestAgreementLayout(t *testing.T) {
	a := sampleAgreement("de")
	a.Client.Name = strings.Repeat("Maximiliane-", 4) + "Müller-Lüdenscheidt von Ö"
	a.Client.Address = "c/o Familie Weiß\nHinterhaus, 3. OG links\nStraße des 17. Juni 135\n10623 Berlin-Charlottenburg\nDeutschland"
	for len(a.Contracts) < 12 {
		a.Contracts = append(a.Contracts, a.Contracts[0])
	}
	text := tool(t, render(t, a), "pdftotext", "-layout")
	if !strings.Contains(flat(text), "Maximiliane-Maximiliane-") {
		t.Fatal("the long name is missing")
	}
	if n := strings.Count(text, "1.234,56 €"); n != 12 {
		t.Fatalf("%d of 12 contract rows printed", n)
	}
	bbox := tool(t, render(t, a), "pdftotext", "-bbox")
	for _, line := range strings.Split(bbox, "\n") {
		if !strings.Contains(line, "<word") {
			continue
		}
		var xMin, yMin, xMax, yMax float64
		if _, err := fmtSscanBox(line, &xMin, &yMin, &xMax, &yMax); err != nil {
			t.Fatal(err)
		}
		// A4 is 595 × 842 points; the margins are 20 mm = 56.7 points
		if xMin < 50 || xMax > 545 || yMin < 50 || yMax > 800 {
			t.Fatalf("a word is outside the margins: %s", line)
		}
	}
	a.Client.Address = ""
	if text := flat(tool(t, render(t, a), "pdftotext")); !strings.Contains(text, "Anschrift: ____") {
		t.Fatal("no line to fill in the missing address")
	}
}

func TestMissingGlyphs(t *testing.T) {
	a := sampleAgreement("de")
	a.Clauses.Sections[0].Body += " Wir freuen uns auf Sie 💃🕺 – 谢谢"
	var buf bytes.Buffer
	missing, err := Agreement(&buf, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) < 3 {
		t.Fatalf("missing = %q, want the emoji and the Chinese characters", string(missing))
	}
	if text := flat(tool(t, buf.Bytes(), "pdftotext")); !strings.Contains(text, "Sie ?? – ??") {
		t.Fatalf("missing characters are not shown as '?': %s", text)
	}
}

func TestAgreementWithLogo(t *testing.T) {
	a := sampleAgreement("de")
	a.Studio.LogoPath = filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(a.Studio.LogoPath, assets.Icon, 0o600); err != nil {
		t.Fatal(err)
	}
	pdf := render(t, a)
	tool(t, pdf, "qpdf", "--check")
	if out := tool(t, pdf, "pdfimages", "-list"); !strings.Contains(out, "png") && !strings.Contains(out, "image") {
		t.Fatalf("no logo in the letterhead:\n%s", out)
	}
}

// The agreement tells each contract's real state: a notice received shows
// its day and the end, a deadline already past is not printed as one, two
// contracts for one service are told apart, and the rules limit no right.
func TestAgreementTellsTheRealState(t *testing.T) {
	for lang, want := range map[string][]string{
		"de": {"Ihre Kündigung ist am 10.11.2026 bei uns eingegangen; der Vertrag endet am 10.12.2026",
			"Jazz (ab 01.03.2026)", "Jazz (ab 01.09.2026)", "oben aufgeführt", "Verbraucherberatung oder einen Anwalt",
			"Jazz (ab 01.03.2026): Kündigungsfrist 1 Monat. Bei Kündigung heute endet der Vertrag am 23.12.2026."},
		"en": {"your notice reached us on 10 Nov 2026; the contract ends on 10 Dec 2026", "Jazz (from 1 Mar 2026)",
			"listed above", "consumer advice or a lawyer"},
	} {
		t.Run(lang, func(t *testing.T) {
			a := sampleAgreement(lang)
			k := a.Contracts[0]
			k.NoticeReceived, k.EndsOn = data.NewDate(2026, 11, 10), data.NewDate(2026, 12, 10)
			past := data.Contract{ServiceName: "Jazz", Price: 4000, Terms: k.Terms, Start: data.NewDate(2026, 3, 1)}
			later := data.Contract{ServiceName: "Jazz", Price: 4000, Terms: k.Terms, Start: data.NewDate(2026, 9, 1)}
			a.Contracts = []data.Contract{k, past, later}
			text := flat(tool(t, render(t, a), "pdftotext"))
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, bad := range []string{"Bei Kündigung heute endet der Vertrag am 10.12.2026", "muss die Kündigung bis 31.07.2026",
				"notice must arrive by 31 Jul 2026", "unten aufgeführt", "listed below", "nicht über Dritte", "not through third parties"} {
				if strings.Contains(text, bad) {
					t.Errorf("says %q", bad)
				}
			}
		})
	}
}

// The privacy section says what Art. 13 GDPR requires: the controller,
// purposes with their legal bases, recipients, how long, the rights, the
// right to object set apart; the contract's data is not presented as
// needing consent.
func TestAgreementPrivacyArt13(t *testing.T) {
	for lang, want := range map[string][]string{
		"de": {"Informationen nach Art. 13 DSGVO", "Verantwortlich für die Verarbeitung Ihrer Daten: Tanzstudio Sonnenschein",
			"Art. 6 Abs. 1 lit. b DSGVO", "§ 147 AO und § 257 HGB", "Art. 6 Abs. 1 lit. a DSGVO", "Art. 6 Abs. 1 lit. f DSGVO",
			"Steuerberatung", "Buchungen 10 Jahre", "Belege wie Posten und Zahlungen 8 Jahre", "Vereinbarungen und Briefe 6 Jahre",
			"Auskunft", "Berichtigung", "Löschung", "Einschränkung", "Übertragung", "widerrufen", "Aufsichtsbehörde",
			"Ihr Widerspruchsrecht (Art. 21 DSGVO)"},
		"en": {"Information under Art. 13 GDPR", "Art. 6(1)(b) GDPR", "tax adviser", "books 10 years", "Your right to object (Art. 21 GDPR)",
			"supervisory authority"},
	} {
		t.Run(lang, func(t *testing.T) {
			a := sampleAgreement(lang)
			a.Studio.Responsible = "Inhaberin: Sabine Krüger"
			text := flat(tool(t, render(t, a), "pdftotext"))
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, bad := range []string{"Einwilligung in die Verarbeitung der Daten erteilt", "Consent to the processing of data given"} {
				if strings.Contains(text, bad) {
					t.Errorf("presents the contract's data as needing consent: %q", bad)
				}
			}
		})
	}
}

// A contract concluded at a distance or off the premises carries the
// statutory withdrawal notice and model form; one concluded at the studio
// does not. The period runs from the day the notice is handed over (the
// agreement's day), not from the conclusion two months before; the notice
// names the contracts it is for, and asks for the early start to be
// ticked and signed.
func TestAgreementWithdrawal(t *testing.T) {
	for lang, want := range map[string][]string{
		"de": {"Widerrufsbelehrung", "binnen vierzehn Tagen ohne Angabe von Gründen", "Folgen des Widerrufs",
			"Muster-Widerrufsformular", "Hiermit widerrufe(n) ich/wir",
			"Yoga (geschlossen am 10.09.2026, Belehrung erhalten am 23.11.2026): die Widerrufsfrist endet mit Ablauf des 07.12.2026",
			"Diese Belehrung gilt nur für: Yoga", "Tanzstudio Sonnenschein, Lindenallee 12, 04109 Leipzig",
			"[ ] Yoga (Beginn 10.09.2026): Ich verlange ausdrücklich", "Wertersatz, § 357a Abs. 2 BGB", "nur wenn angekreuzt"},
		"en": {"Right of withdrawal", "within 14 days without giving any reason", "Model withdrawal form",
			"Yoga (concluded on 10 Sep 2026, notice received on 23 Nov 2026): the withdrawal period ends at the end of 7 Dec 2026",
			"This notice applies only to: Yoga", "I expressly ask you to start"},
	} {
		t.Run(lang, func(t *testing.T) {
			a := sampleAgreement(lang)
			if text := flat(tool(t, render(t, a), "pdftotext")); strings.Contains(text, want[0]+" ") && strings.Contains(text, want[1]) {
				t.Fatal("a contract concluded at the studio carries a withdrawal notice")
			}
			byPhone := a.Contracts[0]
			byPhone.ServiceName, byPhone.Start = "Yoga", data.NewDate(2026, 9, 10)
			byPhone.Concluded, byPhone.CreatedAt = data.ConcludedDistance, "2026-09-10T15:00:00Z"
			a.Contracts = append(a.Contracts, byPhone)
			text := flat(tool(t, render(t, a), "pdftotext"))
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q", w)
				}
			}
			if strings.Contains(text, "24.11.2026") || strings.Contains(text, "24 Sep 2026") || strings.Contains(text, "24.09.2026") {
				t.Error("the period is counted from the conclusion")
			}
		})
	}
}

// The agreement says what is agreed: a plain subtitle, what each service
// is, a card's sessions, validity, lapse and the cancellation rule the
// counter applies; liability as the law sets it and defects reported with
// rights kept; no house rules it does not print; no signature line for a
// child under seven.
func TestAgreementSaysWhatIsAgreed(t *testing.T) {
	for lang, want := range map[string][]string{
		"de": {"Vertrag über die Leistungen des Studios", "Ballett für Kinder ab 6, mittwochs 16 Uhr.",
			"Karte über 10 Stunden, gültig bis einschließlich 31.05.2027", "nicht genutzte Stunden verfallen",
			"Wer bis 24 Stunden vor Beginn absagt, behält die Stunde", "nach den gesetzlichen Vorschriften",
			"so bald wie möglich", "Ihre Rechte bleiben davon unberührt", "Schulferien"},
		"en": {"A contract for the studio's services", "Karte über", "A card for 10 sessions, valid up to and including 31 May 2027",
			"Cancel up to 24 hours before the start", "liable for damage as the law provides", "as soon as you can"},
	} {
		t.Run(lang, func(t *testing.T) {
			a := sampleAgreement(lang)
			a.Contracts[0].ServiceID = 3
			a.Services = map[int64]data.Service{3: {ID: 3, Description: "Ballett für Kinder ab 6, mittwochs 16 Uhr."}}
			card := data.Contract{ServiceName: "Karte über", Kind: data.KindCard, Sessions: 10, ValidUntil: data.NewDate(2027, 5, 31),
				Price: 9000, Terms: a.Contracts[0].Terms, Start: data.NewDate(2026, 12, 1)}
			a.Contracts = append(a.Contracts, card)
			a.Visits = data.VisitRules{CancelHours: 24, LateUses: true}
			a.Client.BirthDate = data.NewDate(2021, 5, 1) // five years old
			text := flat(tool(t, render(t, a), "pdftotext"))
			for _, w := range want {
				if lang == "en" && w == "Karte über" {
					continue
				}
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, bad := range []string{"Hausordnung", "house rules", "eigenes Handeln", "own actions",
				"Unterschrift Jürgen", "signature Jürgen"} {
				if strings.Contains(text, bad) {
					t.Errorf("says %q", bad)
				}
			}
		})
	}
}

// That the privacy information's receipt is not yet noted is the studio's
// note: the agreement, which carries that information, never prints it.
func TestAgreementKeepsInternalNotes(t *testing.T) {
	for lang, bad := range map[string]string{"de": "noch nicht vermerkt", "en": "not recorded yet"} {
		a := sampleAgreement(lang)
		a.Client.Consent = data.Consent{}
		if text := flat(tool(t, render(t, a), "pdftotext")); strings.Contains(text, bad) {
			t.Errorf("%s: the agreement prints the internal note %q", lang, bad)
		}
	}
}

// The privacy information tells the truth: it names the flags, the
// client's worth and the review's ten given most, with the legitimate
// interest behind them, and Art. 21 in full; never "no profiling".
func TestPrivacyTellsTheTruth(t *testing.T) {
	for lang, want := range map[string][]string{
		"de": {"zehn Kunden, die die meiste Kulanz", "Profiling nach Art. 4 Nr. 4", "Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen",
			"Interessen, Rechte und Freiheiten überwiegen"},
		"en": {"ten clients who received the most goodwill", "profiling within the meaning of Art. 4(4)",
			"establishment, exercise or defence of legal claims", "override your interests, rights and freedoms"},
	} {
		text := flat(tool(t, render(t, sampleAgreement(lang)), "pdftotext"))
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", lang, w)
			}
		}
		for _, bad := range []string{"kein Profiling", "no profiling"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s says %q", lang, bad)
			}
		}
	}
}

// The contracts table of an English agreement keeps every date whole:
// "30 Nov 2026" in its narrow columns, never "30 Nov 202" and "6".
func TestAgreementTableKeepsDatesWhole(t *testing.T) {
	a := sampleAgreement("en")
	a.Contracts[0].Start = data.NewDate(2026, 11, 30)
	a.Contracts[0].ServiceNameEN = "Ballet for children"
	text := flat(tool(t, render(t, a), "pdftotext"))
	k := a.Contracts[0]
	tr := translations.New("en")
	for _, day := range []data.Date{k.Start, k.MinTermEnd(), k.EarliestEnd(a.Today)} {
		if !strings.Contains(text, tr.Date(day)) {
			t.Errorf("the date %s is broken in the table: %s", tr.Date(day), text)
		}
	}
	if !strings.Contains(text, "Ballet for children") || strings.Contains(text, "Anfänger") {
		t.Errorf("the English agreement does not name the service in English: %s", text)
	}
}
