package exchange

import (
	"bytes"
	"context"
	"strings"
	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func readSheet(t *testing.T, text string) *Sheet {
	t.Helper()
	sh, err := ReadSheet(strings.NewReader(text))
	if err != nil {
		t.Fatalf("ReadSheet: %v", err)
	}
	return sh
}

// A sheet as German Excel saves it: ";" and Windows-1252, German headers.
func TestSheetGermanExcel(t *testing.T) {
	text := "Vorname;Nachname;E-Mail;Telefon;Straße;PLZ;Ort;Geburtsdatum;Bemerkung\r\n" +
		"Jürgen;Müller;jm@example.de;0171 2345678;Hauptstraße 5;10115;Berlin;04.03.1980;zahlt bar\r\n" +
		"Anna;Weiß;;;;;;;\r\n;;;;;;;;\r\n"
	enc, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	sh := readSheet(t, enc)
	if sh.Encoding != "Windows-1252" || sh.Sep != ';' || len(sh.Rows) != 2 {
		t.Fatalf("encoding %s, separator %q, %d rows", sh.Encoding, sh.Sep, len(sh.Rows))
	}
	m := GuessMapping(sh.Header)
	want := []string{SheetFirstName, SheetLastName, SheetEmail, SheetPhone, SheetStreet, SheetZip, SheetCity, SheetBirthDate, SheetNotes}
	if strings.Join(m, ",") != strings.Join(want, ",") {
		t.Fatalf("mapping %v, want %v", m, want)
	}
	s := newStore(t)
	plan, err := PlanSheet(context.Background(), s, sh, m)
	if err != nil {
		t.Fatal(err)
	}
	c := plan.Rows[0].Client
	if c.Name != "Jürgen Müller" || c.Address != "Hauptstraße 5\n10115 Berlin" || c.BirthDate.String() != "1980-03-04" ||
		c.Notes != "zahlt bar" || c.Phone != "0171 2345678" {
		t.Errorf("client from the sheet: %+v", c)
	}
	if plan.Ready != 2 || plan.Faulty != 0 {
		t.Errorf("plan: %d ready, %d faulty", plan.Ready, plan.Faulty)
	}
	if clientCount(t, s) != 0 {
		t.Fatal("planning stored clients")
	}
	n, err := s.ImportPlanned(context.Background(), plan, false, nil)
	if err != nil || n != 2 {
		t.Fatalf("import: %d, %v", n, err)
	}
	if hits, _ := s.SearchClients(context.Background(), "muell", 5); len(hits) != 1 {
		t.Errorf("imported client not found: %v", hits)
	}
}

// UTF-8 with BOM, English headers and commas; faulty lines are listed with
// their number and reason, duplicates of stored clients and of earlier
// lines are shown, and only sound lines are stored.
func TestSheetProblemsAndDuplicates(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.CreateClient(ctx, data.Client{Name: "Clara Stein", Email: "clara@example.org"}); err != nil {
		t.Fatal(err)
	}
	text := "\xEF\xBB\xBFName,Email,Date of birth,Language\n" +
		"Dora Hahn,dora@example.org,2011-05-06,English\n" + // 2 ok
		"C. Stein,CLARA@example.org,,de\n" + // 3 same e-mail as a stored client
		"Dora Hahn,,06.05.2011,\n" + // 4 same name and birth date as line 2
		"Emil Roth,,31.02.2012,\n" + // 5 no such date
		"Fritz \"Fips\" Lang,,,\n" + // 6 stray quote
		"Gerd Bauer,not-an-email,,\n" + // 7 bad e-mail
		"Hanna Kuhn,,,Klingon\n" + // 8 unknown language
		"Ida Vo\xdf,,,\n" + // 9 Windows-1252 byte in a UTF-8 file
		",,,\n" + // blank, skipped
		"Jana Falk,,,,extra\n" // 11 too many cells
	sh := readSheet(t, text)
	if sh.Encoding != "UTF-8 BOM" || sh.Sep != ',' {
		t.Fatalf("encoding %s, separator %q", sh.Encoding, sh.Sep)
	}
	plan, err := PlanSheet(ctx, s, sh, GuessMapping(sh.Header))
	if err != nil {
		t.Fatal(err)
	}
	byLine := map[int]sqlstore.PlannedClient{}
	for _, r := range plan.Rows {
		byLine[r.Line] = r
	}
	problem := func(line int, key string) {
		t.Helper()
		for _, p := range byLine[line].Problems {
			if p.Key == key {
				return
			}
		}
		t.Errorf("line %d: want %s, got %+v", line, key, byLine[line])
	}
	problem(5, "sheet.birth_date")
	problem(6, "import.row.quote")
	problem(7, "client.email.invalid")
	problem(8, "sheet.language")
	problem(9, "sheet.encoding")
	problem(11, "import.row.columns")
	if d := byLine[3].Duplicate; d == nil || d.ID == 0 || d.By != "email" {
		t.Errorf("line 3 duplicate: %+v", d)
	}
	if d := byLine[4].Duplicate; d == nil || d.Line != 2 || d.By != "name_birth" {
		t.Errorf("line 4 duplicate: %+v", d)
	}
	if c := byLine[2].Client; c.Language != "en" || len(byLine[2].Problems) > 0 || byLine[2].Duplicate != nil {
		t.Errorf("line 2: %+v", byLine[2])
	}
	if plan.Ready != 1 || plan.Duplicates != 2 || plan.Faulty != 6 {
		t.Errorf("plan: %d ready, %d duplicates, %d faulty", plan.Ready, plan.Duplicates, plan.Faulty)
	}
	n, err := s.ImportPlanned(ctx, plan, true, nil)
	if err != nil || n != 3 || clientCount(t, s) != 4 {
		t.Errorf("import with duplicates: %d, %v, %d clients", n, err, clientCount(t, s))
	}
}

func TestSheetNeedsAName(t *testing.T) {
	s := newStore(t)
	sh := readSheet(t, "Telefon;E-Mail\n0301234567;a@b.de\n")
	_, err := PlanSheet(context.Background(), s, sh, GuessMapping(sh.Header))
	if e := data.AsError(err); e == nil || e.Key != "sheet.no_name" {
		t.Errorf("err = %v", err)
	}
	if _, err := ReadSheet(strings.NewReader("")); data.AsError(err) == nil {
		t.Error("an empty file is read without complaint")
	}
}

// A quote that never closes stops the sheet with the line it opened on;
// Excel's "Unicode text" (UTF-16 with BOM, tabs) is read; a workbook and
// an encoding that cannot be read are named; the program's own client
// export reads back without its apostrophes and without duplicating
// anyone, found by name with phone when there is no e-mail.
func TestSheetReadsWhatExcelWrites(t *testing.T) {
	_, err := ReadSheet(strings.NewReader("Name;Telefon\nAnna Berg;0301\n\"Ben Kurz;0302\nCarl Dorn;0303\nDora Eck;0304\n"))
	if e := data.AsError(err); e == nil || e.Key != "sheet.quote_open" || e.Args["Line"] != 3 {
		t.Fatalf("unclosed quote: %v", err)
	}
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Name\tTelefon\r\nJürgen Groß\t0176 1234567\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	sh, err := ReadSheet(bytes.NewReader(utf16))
	if err != nil || sh.Encoding != "UTF-16" || sh.Sep != '\t' || len(sh.Rows) != 1 || sh.Rows[0].Cells[0] != "Jürgen Groß" {
		t.Fatalf("UTF-16: %+v, %v", sh, err)
	}
	if _, err := ReadSheet(strings.NewReader("PK\x03\x04 workbook")); data.AsError(err) == nil || data.AsError(err).Key != "sheet.workbook" {
		t.Fatalf("workbook: %v", err)
	}
	if _, err := ReadSheet(bytes.NewReader([]byte("N\x00a\x00m\x00e\x00"))); data.AsError(err) == nil || data.AsError(err).Key != "sheet.encoding.unknown" {
		t.Fatalf("UTF-16 without BOM: %v", err)
	}

	s := newStore(t)
	ctx := context.Background()
	if _, err := s.CreateClient(ctx, data.Client{Name: "Lea Sommer", Phone: "+49 176 5550123"}); err != nil {
		t.Fatal(err)
	}
	// the row as the program's export writes it, and the same person typed with a national number
	sh = readSheet(t, "Name;Telefon\nOle Winter;'+49 171 2223334\nLea Sommer;0176 555 0123\n")
	plan, err := PlanSheet(ctx, s, sh, GuessMapping(sh.Header))
	if err != nil {
		t.Fatal(err)
	}
	if c := plan.Rows[0].Client; c.Phone != "+49 171 2223334" || len(plan.Rows[0].Problems) > 0 {
		t.Errorf("exported phone read as %q, %+v", c.Phone, plan.Rows[0].Problems)
	}
	if d := plan.Rows[1].Duplicate; d == nil || d.By != "name_phone" {
		t.Errorf("Lea Sommer by name and phone: %+v", d)
	}
	if n, err := s.ImportPlanned(ctx, plan, false, nil); err != nil || n != 1 || clientCount(t, s) != 2 {
		t.Errorf("import: %d, %v, %d clients", n, err, clientCount(t, s))
	}
}
