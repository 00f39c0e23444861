package reports

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"studiopartner/data"
	"studiopartner/translations"
)

func sampleReview() data.Review {
	r := data.Review{Month: data.NewDate(2026, 10, 1), Total: data.MonthTotal{Entries: 3, Value: 123456, Minutes: 95},
		Clients: 2, PerClient: 61728, Revenue: 1000000, Budget: 100000,
		Categories: []data.Slice{{Key: "makeup", Entries: 2, Value: 100000, Minutes: 60}, {Key: "free_product", Entries: 1, Value: 23456, Minutes: 35}},
		Staff:      []data.Slice{{Key: "Tom Becker", ID: 1, Entries: 3, Value: 123456, Minutes: 95}},
		Top:        []data.Slice{{Key: "Jürgen Groß", ID: 7, Entries: 2, Value: 100000, Minutes: 60, Paid: 400000}},
		Raised:     data.DemandTally{Count: 4, Value: 8000},
		Steps:      map[data.DemandStatus]data.DemandTally{data.DemandGranted: {Count: 1, Value: 2000}},
		Unpaid:     data.DemandTally{Count: 1, Value: 6500},
	}
	for i := 11; i >= 0; i-- {
		r.Series = append(r.Series, data.MonthTotal{Month: r.Month.AddMonthsClamped(-i), Value: data.Money(1000 * (12 - i))})
	}
	r.Series[11].Value = r.Total.Value
	return r
}

func TestReviewCSV(t *testing.T) {
	for lang, sep := range map[string]rune{"de": ';', "en": ','} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := ReviewCSV(&buf, sampleReview(), lang); err != nil {
				t.Fatal(err)
			}
			raw := buf.String()
			if bom := strings.HasPrefix(raw, "\ufeff"); bom != (lang == "de") {
				t.Fatalf("byte-order mark present = %v", bom)
			}
			cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, "\ufeff")))
			cr.Comma = sep
			rows, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"de": "1234,56", "en": "1234.56"}[lang]
			if rows[1][2] != "3" || rows[1][3] != want || rows[1][4] != "95" {
				t.Fatalf("total row = %v", rows[1])
			}
			back, err := data.ParseMoney(rows[1][3], lang)
			if err != nil || back != 123456 {
				t.Fatalf("the total reads back as %v, %v", back, err)
			}
			var sum data.Money
			for _, r := range rows[2:4] {
				m, _ := data.ParseMoney(r[3], lang)
				sum += m
			}
			if sum != 123456 {
				t.Fatalf("categories add up to %d", sum)
			}
		})
	}
}

func TestReviewPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := ReviewPDF(&buf, sampleReview(), data.Studio{Name: "Tanzstudio Sonnenschein"}, "de", testAt); err != nil {
		t.Fatal(err)
	}
	tool(t, buf.Bytes(), "qpdf", "--check")
	text := flat(tool(t, buf.Bytes(), "pdftotext"))
	for _, want := range []string{"Kulanz-Monatsbericht Oktober 2026", "1.234,56 €", "617,28 €", "12,3 %", "Jürgen Groß",
		"25,0 % (4.000,00 €)", "Tom Becker", "Nachholstunde", "81,0 %", "Budget 1.000,00 €", "gestellt", "65,00 €", "Seite 1 von"} {
		if !strings.Contains(text, want) {
			t.Errorf("the review lacks %q", want)
		}
	}
	if n := strings.Count(text, "Seite "); n < 1 || n > 3 {
		t.Fatalf("%d pages, want 1 to 3", n)
	}
	var empty bytes.Buffer
	if err := ReviewPDF(&empty, data.Review{Month: data.NewDate(2020, 2, 1), Steps: map[data.DemandStatus]data.DemandTally{}},
		data.Studio{Name: "S"}, "en", testAt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(flat(tool(t, empty.Bytes(), "pdftotext")), "No goodwill was given this month") {
		t.Fatal("the empty month has no sentence")
	}
}

// Shares and changes have one decimal, rounded half away from zero also
// below zero, with the language's decimal sign.
func TestPercentAndChange(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Percent(1, 3, "de"), "33,3 %"}, {Percent(2, 3, "en"), "66.7%"}, {Percent(5, 0, "de"), "–"},
		{Change(9286, 10000, "de"), "-7,1 %"}, {Change(9285, 10000, "de"), "-7,2 %"}, {Change(10715, 10000, "en"), "+7.2%"},
		{Change(100, 100, "de"), "0,0 %"}, {Change(1, 0, "de"), "–"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// The PDF and the CSV show every line of every review table, so the two
// and the window (which draws the same tables) cannot drift apart.
func TestReviewTablesInPDFAndCSV(t *testing.T) {
	r := sampleReview()
	r.TopMore = 2
	r.Heavy = []data.Flag{{Kind: data.FlagHeavyGoodwill, ClientName: "Lea Schmitt", Count: 4, Amount: 25000}}
	r.Visits = data.VisitMonth{Attended: 412, InTime: 17, Late: 9, NoShow: 6, Extra: 5, ExtraValue: 6000, Charged: 3,
		ChargedValue: 5400, NewCards: 2}
	r.PrevVisits = 398
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			tr := translations.New(lang)
			var pdf, sheet bytes.Buffer
			if err := ReviewPDF(&pdf, r, data.Studio{Name: "S"}, lang, testAt); err != nil {
				t.Fatal(err)
			}
			if err := ReviewCSV(&sheet, r, lang); err != nil {
				t.Fatal(err)
			}
			text, csvText := flat(tool(t, pdf.Bytes(), "pdftotext")), sheet.String()
			tables := ReviewTables(tr, r)
			if len(tables) != 6 {
				t.Fatalf("%d tables, want 6 with heavy goodwill", len(tables))
			}
			for _, tb := range tables {
				if !strings.Contains(text, tb.Heading) {
					t.Errorf("the PDF lacks the heading %q", tb.Heading)
				}
				for _, row := range tb.Rows(tr) {
					if len(row) != len(tb.Cols) {
						t.Errorf("%s: row %v has %d cells for %d columns", tb.Key, row, len(row), len(tb.Cols))
					}
					for _, cell := range row {
						if !strings.Contains(text, cell) {
							t.Errorf("%s: the PDF lacks %q", tb.Key, cell)
						}
					}
				}
				if tb.csvSection(tr) == "" {
					continue
				}
				for _, l := range tb.Lines {
					if !strings.Contains(csvText, l.Label) {
						t.Errorf("%s: the CSV lacks %q", tb.Key, l.Label)
					}
				}
			}
			for _, n := range []string{"412", "398", "17", "54"} { // 54: the single sessions charged, in euros
				if !strings.Contains(text, n) || !strings.Contains(csvText, n) {
					t.Errorf("the visits' %s is missing from the PDF or the CSV", n)
				}
			}
			if note := tables[2].Note; note == "" || !strings.Contains(text, note) || !strings.Contains(csvText, note) {
				t.Errorf("the note on ties %q is missing", note)
			}
		})
	}
}
