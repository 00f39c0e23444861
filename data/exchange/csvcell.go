package exchange

import (
	"encoding/csv"
	"io"
	"regexp"
)

// A spreadsheet runs a cell that starts with =, +, -, @, a tab or a
// carriage return as a formula (=HYPERLINK(…), +cmd|…). Every CSV the
// program writes for spreadsheets puts an apostrophe before such a cell,
// which Excel and LibreOffice take as "this is text"; plain numbers such as
// -25.00 stay numbers. A cell that itself starts with an apostrophe gets a
// second one, so reading our own files back (UnescapeCell) gives every
// value exactly.

// plainNumber is a cell a spreadsheet reads as a number, not a formula.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?$`)

func needsEscape(v string) bool {
	if v == "" {
		return false
	}
	switch v[0] {
	case '\'', '=', '@', '\t', '\r':
		return true
	case '+', '-':
		return !plainNumber.MatchString(v)
	}
	return false
}

// EscapeCell makes a value safe to put in a spreadsheet cell.
func EscapeCell(v string) string {
	if needsEscape(v) {
		return "'" + v
	}
	return v
}

// UnescapeCell gives back the value EscapeCell was given.
func UnescapeCell(v string) string {
	if len(v) > 1 && v[0] == '\'' && needsEscape(v[1:]) {
		return v[1:]
	}
	return v
}

// CSVWriter writes records for spreadsheets with every cell escaped.
type CSVWriter struct {
	*csv.Writer
	cells []string
}

// NewCSVWriter wraps a csv.Writer around w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{Writer: csv.NewWriter(w)} }

// Write writes one record, each cell escaped.
func (cw *CSVWriter) Write(rec []string) error {
	cw.cells = cw.cells[:0]
	for _, v := range rec {
		cw.cells = append(cw.cells, EscapeCell(v))
	}
	return cw.Writer.Write(cw.cells)
}

// WriteAll writes records and flushes.
func (cw *CSVWriter) WriteAll(recs [][]string) error {
	for _, r := range recs {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
