package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
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
	Problem *FieldError
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
		return nil, Errorf(CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	if len(raw) > maxSheetBytes {
		return nil, Errorf(CodeInvalid, "sheet.too_big", map[string]any{"MB": maxSheetBytes >> 20})
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
		return nil, Errorf(CodeInvalid, "import.empty", nil)
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
			return nil, nil, Errorf(CodeInvalid, "sheet.encoding.utf16", nil)
		}
		return dec, nil, nil
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")), bytes.HasPrefix(raw, []byte("\xD0\xCF\x11\xE0")):
		return nil, nil, Errorf(CodeInvalid, "sheet.workbook", nil)
	case bytes.IndexByte(raw, 0) >= 0:
		// zero bytes: UTF-16 or UTF-32 without a byte order mark, or not text at all
		return nil, nil, Errorf(CodeInvalid, "sheet.encoding.unknown", nil)
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
		return nil, nil, Errorf(CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	sh.Encoding = "Windows-1252"
	return dec, nil, nil
}

// unreadable keeps a line the CSV reader could not read, with its
// problem; an unreadable header or another error ends the reading.
func (sh *Sheet) unreadable(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return Errorf(CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	if sh.Header == nil {
		return Errorf(CodeInvalid, "sheet.header", nil)
	}
	if errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine {
		// a quote that never closes takes every line after it: nothing is read
		return Errorf(CodeInvalid, "sheet.quote_open", map[string]any{"Line": pe.StartLine})
	}
	key := "import.row.syntax"
	if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
		key = "import.row.quote"
	}
	sh.Rows = append(sh.Rows, SheetRow{Line: pe.StartLine, Problem: &FieldError{Field: "line", Key: key,
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
		row.Problem = &FieldError{Field: "line", Key: "sheet.encoding", Args: map[string]any{"Line": line}}
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
		}, foldUmlauts(strings.ToLower(h)))
		if f := byName[key]; f != "" && !used[f] {
			out[i], used[f] = f, true
		}
	}
	return out
}

// SheetDuplicate is a likely earlier record of the same client: one
// already stored (ID) or an earlier line of the sheet (Line).
type SheetDuplicate struct {
	ID   int64
	Line int
	Name string
	By   string // "email", "name_birth" or "name_phone"
}

// PlannedClient is one line of a sheet as it would be imported.
type PlannedClient struct {
	Line      int
	Client    Client
	Problems  []FieldError
	Duplicate *SheetDuplicate
}

// SheetPlan is what importing a sheet with a mapping would do.
type SheetPlan struct {
	Rows                      []PlannedClient
	Ready, Faulty, Duplicates int
}

// SheetOutcome is what importing a line would do.
type SheetOutcome int

// The outcomes, in the order a preview lists them.
const (
	SheetFaultyLine SheetOutcome = iota
	SheetLikelyDuplicate
	SheetReadyLine
)

// Outcome says whether the line has problems, is likely there already or
// is ready.
func (p PlannedClient) Outcome() SheetOutcome {
	switch {
	case len(p.Problems) > 0:
		return SheetFaultyLine
	case p.Duplicate != nil:
		return SheetLikelyDuplicate
	}
	return SheetReadyLine
}

// Ordered lists the plan's rows as a preview shows them: faulty lines
// first, then likely duplicates, then the ready ones, each in file order.
func (p SheetPlan) Ordered() []int {
	order := make([]int, 0, len(p.Rows))
	for pass := SheetFaultyLine; pass <= SheetReadyLine; pass++ {
		for i, r := range p.Rows {
			if r.Outcome() == pass {
				order = append(order, i)
			}
		}
	}
	return order
}

// PlanSheet turns every line of a sheet into a client through the mapping
// (one field per column, "" to leave it out) and checks each: its fields,
// and whether the client is likely there already. It stores nothing.
func (s *Store) PlanSheet(ctx context.Context, sh *Sheet, mapping []string) (SheetPlan, error) {
	var plan SheetPlan
	mapped := map[string]bool{}
	for _, f := range mapping {
		mapped[f] = true
	}
	if !mapped[SheetName] && !mapped[SheetLastName] {
		return plan, Errorf(CodeInvalid, "sheet.no_name", nil)
	}
	known, err := s.knownClients(ctx)
	if err != nil {
		return plan, err
	}
	today := s.Today()
	for _, row := range sh.Rows {
		p := PlannedClient{Line: row.Line}
		p.Client, p.Problems = sheetClient(row, mapping, today)
		if row.Problem != nil {
			p.Problems = []FieldError{*row.Problem} // the client is only shown
		}
		if len(p.Problems) == 0 {
			p.Duplicate = known.match(&p.Client)
			known.add(&p.Client, row.Line)
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
func sheetClient(row SheetRow, mapping []string, today Date) (Client, []FieldError) {
	var c Client
	var probs []FieldError
	if len(row.Cells) > len(mapping) {
		return c, []FieldError{{Field: "line", Key: "import.row.columns",
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
		if e := AsError(err); e != nil {
			probs = append(probs, e.Fields...)
		}
	}
	if len(probs) == 0 && firstNameOnly(c) {
		probs = append(probs, FieldError{Field: "name", Key: "sheet.first_name_only", Args: map[string]any{"Name": c.Name}})
	}
	return c, probs
}

// sheetBirthDate reads a birth date cell written the German way.
func sheetBirthDate(cell string, c *Client) *FieldError {
	if cell == "" {
		return nil
	}
	d, err := ParseLocalDate(cell, "de")
	c.BirthDate = d
	if err != nil {
		return &FieldError{Field: "birth_date", Key: "sheet.birth_date", Args: map[string]any{"Value": cell}}
	}
	return nil
}

// sheetLanguage reads a language cell in either language's words.
func sheetLanguage(cell string, c *Client) *FieldError {
	switch strings.ToLower(cell) {
	case "":
	case "de", "deutsch", "german", "ger":
		c.Language = "de"
	case "en", "englisch", "english", "eng":
		c.Language = "en"
	default:
		return &FieldError{Field: "language", Key: "sheet.language", Args: map[string]any{"Value": cell}}
	}
	return nil
}

// firstNameOnly reports a client known by one word and nothing else to
// reach or tell them apart by: such a line is checked, not imported.
func firstNameOnly(c Client) bool {
	return !strings.ContainsAny(c.Name, " -") && c.Phone == "" && c.Email == "" && c.Address == "" &&
		c.BirthDate.IsZero() && c.ContactPerson == ""
}

// knownClients indexes clients by e-mail and by name with birth date, to
// find likely duplicates.
type knownClients struct {
	email, nameBirth, namePhone map[string]SheetDuplicate
}

func (s *Store) knownClients(ctx context.Context) (*knownClients, error) {
	k := &knownClients{email: map[string]SheetDuplicate{}, nameBirth: map[string]SheetDuplicate{}, namePhone: map[string]SheetDuplicate{}}
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, email, birth_date, phone FROM clients`)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Client
		var birth string
		if err := rows.Scan(&c.ID, &c.Name, &c.Email, &birth, &c.Phone); err != nil {
			return nil, internal(err)
		}
		c.BirthDate, _ = ParseDate(birth)
		k.addAs(&c, SheetDuplicate{ID: c.ID, Name: c.Name})
	}
	return k, internal(rows.Err())
}

func nameBirthKey(c *Client) string {
	if c.BirthDate.IsZero() {
		return ""
	}
	return fold(c.Name) + "|" + c.BirthDate.String()
}

// namePhoneKey is the folded name with the phone's last nine digits (a
// number written +49 176 … and 0176 … is the same).
func namePhoneKey(c *Client) string {
	var digits []rune
	for _, r := range c.Phone {
		if r >= '0' && r <= '9' {
			digits = append(digits, r)
		}
	}
	if len(digits) < 6 {
		return ""
	}
	return fold(c.Name) + "|" + string(digits[max(len(digits)-9, 0):])
}

func (k *knownClients) addAs(c *Client, d SheetDuplicate) {
	if np := namePhoneKey(c); np != "" {
		if _, ok := k.namePhone[np]; !ok {
			k.namePhone[np] = d
		}
	}
	if e := strings.ToLower(c.Email); e != "" {
		if _, ok := k.email[e]; !ok {
			k.email[e] = d
		}
	}
	if nb := nameBirthKey(c); nb != "" {
		if _, ok := k.nameBirth[nb]; !ok {
			k.nameBirth[nb] = d
		}
	}
}

func (k *knownClients) add(c *Client, line int) { k.addAs(c, SheetDuplicate{Line: line, Name: c.Name}) }

func (k *knownClients) match(c *Client) *SheetDuplicate {
	if d, ok := k.email[strings.ToLower(c.Email)]; ok && c.Email != "" {
		d.By = "email"
		return &d
	}
	if d, ok := k.nameBirth[nameBirthKey(c)]; ok {
		d.By = "name_birth"
		return &d
	}
	if d, ok := k.namePhone[namePhoneKey(c)]; ok {
		d.By = "name_phone"
		return &d
	}
	return nil
}

// ImportPlanned stores the sound clients of a plan in one transaction:
// those without problems, and likely duplicates only if asked to. It
// returns how many were stored.
func (s *Store) ImportPlanned(ctx context.Context, plan SheetPlan, withDuplicates bool, progress Progress) (int, error) {
	if err := s.Allow(OpTransfer); err != nil {
		return 0, err
	}
	var take []*Client
	for i := range plan.Rows {
		p := &plan.Rows[i]
		if len(p.Problems) == 0 && (p.Duplicate == nil || withDuplicates) {
			take = append(take, &p.Client)
		}
	}
	if len(take) == 0 {
		return 0, Errorf(CodeInvalid, "sheet.nothing", nil)
	}
	err := s.write(ctx, func(tx *dbx) error {
		w, err := s.newClientWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		now := stamp(s.now())
		for i, c := range take {
			c.ID = 0
			if err := w.add(c, now); err != nil {
				return err
			}
			if progress != nil && i%2000 == 0 {
				progress(float64(i) / float64(len(take)))
			}
		}
		return w.flush()
	})
	if err != nil {
		return 0, internal(err)
	}
	if progress != nil {
		progress(1)
	}
	return len(take), nil
}
