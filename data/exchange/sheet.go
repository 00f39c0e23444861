package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Sheet is a client list saved from a spreadsheet: German Excel writes
// ";" and Windows-1252, others "," and UTF-8, with or without BOM.
type Sheet struct {
	Header   []string
	Rows     []SheetRow
	Encoding string // "UTF-8", "UTF-8 BOM", "Windows-1252"
	Sep      rune
}

// SheetRow is one line of a sheet as read, with a problem if the line
// itself could not be read (a stray quote, bytes in another encoding).
type SheetRow struct {
	Line    int
	Cells   []string
	Problem *data.FieldError
}

// Client fields a sheet column can fill; "" leaves the column out.
const (
	SheetName          = "name"
	SheetFirstName     = "first_name"
	SheetLastName      = "last_name"
	SheetContactPerson = "contact_person"
	SheetPhone         = "phone"
	SheetEmail         = "email"
	SheetStreet        = "street"
	SheetZip           = "zip"
	SheetCity          = "city"
	SheetAddress       = "address"
	SheetBirthDate     = "birth_date"
	SheetLanguage      = "language"
	SheetNotes         = "notes"
)

// SheetFields lists what a column can be mapped to, in the order the
// mapping offers them.
var SheetFields = []string{SheetName, SheetFirstName, SheetLastName, SheetContactPerson, SheetPhone, SheetEmail,
	SheetStreet, SheetZip, SheetCity, SheetAddress, SheetBirthDate, SheetLanguage, SheetNotes}

// sheetHeaders are header names, folded, in German and English.
var sheetHeaders = map[string][]string{
	SheetName:          {"name", "kunde", "kundin", "kundename", "vollstaendigername", "client", "customer", "fullname"},
	SheetFirstName:     {"vorname", "firstname", "givenname", "forename"},
	SheetLastName:      {"nachname", "familienname", "zuname", "lastname", "surname", "familyname"},
	SheetContactPerson: {"ansprechpartner", "ansprechpartnerin", "kontaktperson", "erziehungsberechtigte", "erziehungsberechtigter", "eltern", "contact", "contactperson", "guardian", "parent"},
	SheetPhone:         {"telefon", "tel", "telefonnummer", "handy", "mobil", "mobilnummer", "phone", "telephone", "mobile", "phonenumber"},
	SheetEmail:         {"email", "mail", "emailadresse", "emailaddress"},
	SheetStreet:        {"strasse", "str", "strassehausnummer", "street", "streetaddress"},
	SheetZip:           {"plz", "postleitzahl", "zip", "zipcode", "postcode", "postalcode"},
	SheetCity:          {"ort", "stadt", "wohnort", "city", "town"},
	SheetAddress:       {"adresse", "anschrift", "address"},
	SheetBirthDate:     {"geburtsdatum", "geboren", "geburtstag", "geburtsjahr", "birthdate", "birthday", "dateofbirth", "dob"},
	SheetLanguage:      {"sprache", "language"},
	SheetNotes:         {"notiz", "notizen", "bemerkung", "bemerkungen", "anmerkung", "anmerkungen", "kommentar", "note", "notes", "comment", "comments"},
}

// maxSheetBytes bounds what a sheet may weigh.
const maxSheetBytes = 64 << 20

// ReadSheet reads a spreadsheet saved as CSV. It finds the encoding and the
// separator itself; lines it cannot read are kept with their problem so
// the preview can list them.
func ReadSheet(r io.Reader) (*Sheet, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxSheetBytes+1))
	if err != nil {
		return nil, data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	if len(raw) > maxSheetBytes {
		return nil, data.Errorf(data.CodeInvalid, "sheet.too_big", map[string]any{"MB": maxSheetBytes >> 20})
	}
	sh := &Sheet{}
	raw, badLines, err := sh.decode(raw)
	if err != nil {
		return nil, err
	}
	sh.Sep = guessSeparator(raw)
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma = sh.Sep
	cr.FieldsPerRecord = -1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if err := sh.unreadable(err); err != nil {
				return nil, err
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		sh.add(line, rec, badLines[line])
	}
	if sh.Header == nil {
		return nil, data.Errorf(data.CodeInvalid, "import.empty", nil)
	}
	return sh, nil
}

// decode finds the sheet's encoding and returns its text as UTF-8, with
// the lines that hold bytes of another encoding.
func (sh *Sheet) decode(raw []byte) ([]byte, map[int]bool, error) {
	sh.Encoding = "UTF-8"
	switch {
	case bytes.HasPrefix(raw, []byte("\xFF\xFE")), bytes.HasPrefix(raw, []byte("\xFE\xFF")):
		// Excel's "Unicode text": UTF-16 with its byte order mark, tab-separated
		sh.Encoding = "UTF-16"
		dec, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, nil, data.Errorf(data.CodeInvalid, "sheet.encoding.utf16", nil)
		}
		return dec, nil, nil
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")), bytes.HasPrefix(raw, []byte("\xD0\xCF\x11\xE0")):
		return nil, nil, data.Errorf(data.CodeInvalid, "sheet.workbook", nil)
	case bytes.IndexByte(raw, 0) >= 0:
		// zero bytes: UTF-16 or UTF-32 without a byte order mark, or not text at all
		return nil, nil, data.Errorf(data.CodeInvalid, "sheet.encoding.unknown", nil)
	case bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")):
		sh.Encoding = "UTF-8 BOM"
		raw, bad := markBadUTF8(raw[3:])
		return raw, bad, nil
	case utf8.Valid(raw):
		return raw, nil, nil
	case looksUTF8(raw):
		raw, bad := markBadUTF8(raw)
		return raw, bad, nil
	}
	dec, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, nil, data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	sh.Encoding = "Windows-1252"
	return dec, nil, nil
}

// unreadable keeps a line the CSV reader could not read, with its
// problem; an unreadable header or another error ends the reading.
func (sh *Sheet) unreadable(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	if sh.Header == nil {
		return data.Errorf(data.CodeInvalid, "sheet.header", nil)
	}
	if errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine {
		// a quote that never closes takes every line after it: nothing is read
		return data.Errorf(data.CodeInvalid, "sheet.quote_open", map[string]any{"Line": pe.StartLine})
	}
	key := "import.row.syntax"
	if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
		key = "import.row.quote"
	}
	sh.Rows = append(sh.Rows, SheetRow{Line: pe.StartLine, Problem: &data.FieldError{Field: "line", Key: key,
		Args: map[string]any{"Line": pe.StartLine}}})
	return nil
}

// add keeps a line read: the first is the header, blank ones are left out.
func (sh *Sheet) add(line int, rec []string, badEncoding bool) {
	if sh.Header == nil {
		sh.Header = trimCells(rec)
		return
	}
	if blank(rec) {
		return
	}
	row := SheetRow{Line: line, Cells: trimCells(rec)}
	if badEncoding {
		row.Problem = &data.FieldError{Field: "line", Key: "sheet.encoding", Args: map[string]any{"Line": line}}
	}
	sh.Rows = append(sh.Rows, row)
}

// looksUTF8 tells a UTF-8 file with a few broken lines from a file in a
// single-byte encoding: it holds valid multi-byte sequences.
func looksUTF8(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError && n > 1 {
			return true
		}
		b = b[n:]
	}
	return false
}

// markBadUTF8 replaces bytes that are not UTF-8 and returns the lines
// they were on.
func markBadUTF8(b []byte) ([]byte, map[int]bool) {
	if utf8.Valid(b) {
		return b, nil
	}
	bad := map[int]bool{}
	out := make([]byte, 0, len(b))
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			bad[line] = true
			out = append(out, "\uFFFD"...)
		} else {
			if r == '\n' {
				line++
			}
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out, bad
}

// guessSeparator picks the separator of the first line: the most frequent
// of ";", "," and tab outside quotes; ";" when there is none.
func guessSeparator(b []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(b) {
		if r == '"' {
			quoted = !quoted
		}
		if r == '\n' && !quoted {
			break
		}
		if !quoted && (r == ';' || r == ',' || r == '\t') {
			counts[r]++
		}
	}
	best := ';'
	for _, r := range []rune{',', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func trimCells(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// GuessMapping maps each header to a client field by its name, German or
// English; headers it does not know, and second uses of a field, map to "".
func GuessMapping(header []string) []string {
	byName := map[string]string{}
	for field, names := range sheetHeaders {
		for _, n := range names {
			byName[n] = field
		}
	}
	used := map[string]bool{}
	out := make([]string, len(header))
	for i, h := range header {
		key := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, data.FoldUmlauts(strings.ToLower(h)))
		if f := byName[key]; f != "" && !used[f] {
			out[i], used[f] = f, true
		}
	}
	return out
}

// PlanSheet turns every line of a sheet into a client through the mapping
// (one field per column, "" to leave it out) and checks each: its fields,
// and whether the client is likely there already. It stores nothing.
func PlanSheet(ctx context.Context, s *sqlstore.Store, sh *Sheet, mapping []string) (sqlstore.SheetPlan, error) {
	var plan sqlstore.SheetPlan
	mapped := map[string]bool{}
	for _, f := range mapping {
		mapped[f] = true
	}
	if !mapped[SheetName] && !mapped[SheetLastName] {
		return plan, data.Errorf(data.CodeInvalid, "sheet.no_name", nil)
	}
	known, err := s.KnownClients(ctx)
	if err != nil {
		return plan, err
	}
	today := s.Today()
	for _, row := range sh.Rows {
		p := sqlstore.PlannedClient{Line: row.Line}
		p.Client, p.Problems = sheetClient(row, mapping, today)
		if row.Problem != nil {
			p.Problems = []data.FieldError{*row.Problem} // the client is only shown
		}
		if len(p.Problems) == 0 {
			p.Duplicate = known.Match(&p.Client)
			known.Add(&p.Client, row.Line)
		}
		switch {
		case len(p.Problems) > 0:
			plan.Faulty++
		case p.Duplicate != nil:
			plan.Duplicates++
		default:
			plan.Ready++
		}
		plan.Rows = append(plan.Rows, p)
	}
	return plan, nil
}

// sheetClient builds the client of one line and lists its problems.
func sheetClient(row SheetRow, mapping []string, today data.Date) (data.Client, []data.FieldError) {
	var c data.Client
	var probs []data.FieldError
	if len(row.Cells) > len(mapping) {
		return c, []data.FieldError{{Field: "line", Key: "import.row.columns",
			Args: map[string]any{"Line": row.Line, "Got": len(row.Cells), "Want": len(mapping)}}}
	}
	v := map[string]string{}
	for i, cell := range row.Cells {
		if f := mapping[i]; f != "" && cell != "" {
			v[f] = UnescapeCell(cell) // a list this program exported: "'+49 …" is "+49 …"
		}
	}
	c.Name = v[SheetName]
	if c.Name == "" {
		c.Name = strings.TrimSpace(v[SheetFirstName] + " " + v[SheetLastName])
	}
	c.ContactPerson, c.Phone, c.Email, c.Notes = v[SheetContactPerson], v[SheetPhone], v[SheetEmail], v[SheetNotes]
	c.Address = v[SheetAddress]
	if c.Address == "" {
		place := strings.TrimSpace(v[SheetZip] + " " + v[SheetCity])
		c.Address = strings.Trim(v[SheetStreet]+"\n"+place, "\n")
	}
	if p := sheetBirthDate(v[SheetBirthDate], &c); p != nil {
		probs = append(probs, *p)
	}
	if p := sheetLanguage(v[SheetLanguage], &c); p != nil {
		probs = append(probs, *p)
	}
	c.Normalize()
	if err := c.Validate(today); err != nil {
		if e := data.AsError(err); e != nil {
			probs = append(probs, e.Fields...)
		}
	}
	if len(probs) == 0 && firstNameOnly(c) {
		probs = append(probs, data.FieldError{Field: "name", Key: "sheet.first_name_only", Args: map[string]any{"Name": c.Name}})
	}
	return c, probs
}

// sheetBirthDate reads a birth date cell written the German way.
func sheetBirthDate(cell string, c *data.Client) *data.FieldError {
	if cell == "" {
		return nil
	}
	d, err := data.ParseLocalDate(cell, "de")
	c.BirthDate = d
	if err != nil {
		return &data.FieldError{Field: "birth_date", Key: "sheet.birth_date", Args: map[string]any{"Value": cell}}
	}
	return nil
}

// sheetLanguage reads a language cell in either language's words.
func sheetLanguage(cell string, c *data.Client) *data.FieldError {
	switch strings.ToLower(cell) {
	case "":
	case "de", "deutsch", "german", "ger":
		c.Language = "de"
	case "en", "englisch", "english", "eng":
		c.Language = "en"
	default:
		return &data.FieldError{Field: "language", Key: "sheet.language", Args: map[string]any{"Value": cell}}
	}
	return nil
}

// firstNameOnly reports a client known by one word and nothing else to
// reach or tell them apart by: such a line is checked, not imported.
func firstNameOnly(c data.Client) bool {
	return !strings.ContainsAny(c.Name, " -") && c.Phone == "" && c.Email == "" && c.Address == "" &&
		c.BirthDate.IsZero() && c.ContactPerson == ""
}
