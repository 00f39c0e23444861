package reports

import (
	"fmt"
	"strconv"

	"studiopartner/data"
	"studiopartner/translations"
)

// ReviewTable is one table of the monthly review. The PDF, the CSV and the
// window all show these, so a table is added or changed in one place.
type ReviewTable struct {
	Key     string // categories, staff, top, demands, heavy
	Heading string
	Cols    []string
	Lines   []ReviewLine
	Note    string // said below the table: clients that tie with the tenth
	minutes bool   // the lines have minutes
	paid    bool   // the lines have what the client paid
}

// ReviewLine is one line of a review table.
type ReviewLine struct {
	Label   string
	Count   int
	Value   data.Money
	Minutes int
	Paid    data.Money
	Counted bool // only counted: no value to show
}

// ReviewTables are the review's tables in the order they are shown; the
// table of heavy goodwill only when there is some.
func ReviewTables(tr *translations.T, r data.Review) []ReviewTable {
	cols := func(first string) []string {
		return []string{tr.S(first), tr.S("review.count"), tr.S("review.value"), tr.S("review.minutes")}
	}
	topCols := []string{tr.S("review.client"), tr.S("review.count"), tr.S("review.value"), tr.S("review.minutes"), tr.S("review.share_paid")}
	tables := []ReviewTable{
		{Key: "categories", Heading: tr.S("review.by_category"), Cols: cols("review.col.kind"), minutes: true,
			Lines: sliceLines(tr, r.Categories, "goodwill.category")},
		{Key: "staff", Heading: tr.S("review.by_staff"), Cols: cols("review.col.staff"), minutes: true, Lines: sliceLines(tr, r.Staff, "")},
		{Key: "top", Heading: tr.S("review.top"), Cols: topCols, minutes: true, paid: true, Lines: sliceLines(tr, r.Top, "")},
		{Key: "demands", Heading: tr.S("review.demands"), Cols: []string{tr.S("review.step"), tr.S("review.count"), tr.S("review.value")},
			Lines: demandLines(tr, r)},
		{Key: "visits", Heading: tr.S("review.visits"), Cols: []string{tr.S("review.col.what"), tr.S("review.count"), tr.S("review.value")},
			Lines: visitLines(tr, r)},
	}
	if r.TopMore > 0 {
		tables[2].Note = tr.N("review.top.more", r.TopMore)
	}
	if len(r.Heavy) > 0 {
		heavy := ReviewTable{Key: "heavy", Heading: tr.S("review.heavy"),
			Cols: []string{tr.S("review.client"), tr.S("review.count"), tr.S("review.value")}}
		for _, f := range r.Heavy {
			heavy.Lines = append(heavy.Lines, ReviewLine{Label: f.ClientName, Count: f.Count, Value: f.Amount})
		}
		tables = append(tables, heavy)
	}
	return tables
}

// sliceLines names each slice: by its enumeration's word, else by its key,
// else (goodwill recorded by nobody) as such.
func sliceLines(tr *translations.T, sl []data.Slice, enum string) []ReviewLine {
	lines := make([]ReviewLine, 0, len(sl))
	for _, s := range sl {
		name := s.Key
		if enum != "" {
			name = tr.Enum(enum, s.Key)
		} else if name == "" {
			name = tr.S("goodwill.nobody")
		}
		lines = append(lines, ReviewLine{Label: name, Count: s.Entries, Value: s.Value, Minutes: s.Minutes, Paid: s.Paid})
	}
	return lines
}

// demandLines are the demands raised in the month, the steps taken and
// what is billed and unpaid.
func demandLines(tr *translations.T, r data.Review) []ReviewLine {
	lines := []ReviewLine{{Label: tr.S("review.raised"), Count: r.Raised.Count, Value: r.Raised.Value}}
	for _, st := range data.DemandStatuses[1:] {
		t := r.Steps[st]
		lines = append(lines, ReviewLine{Label: tr.Enum("demand.status", st), Count: t.Count, Value: t.Value})
	}
	return append(lines, ReviewLine{Label: tr.S("review.unpaid"), Count: r.Unpaid.Count, Value: r.Unpaid.Value})
}

// visitLines are the month's visits: attended (and the month before),
// cancelled in time or late, missed, and what was given or charged beyond
// the contracts.
func visitLines(tr *translations.T, r data.Review) []ReviewLine {
	v := r.Visits
	return []ReviewLine{
		{Label: tr.S("review.visits.attended"), Count: v.Attended, Counted: true},
		{Label: tr.S("review.visits.previous"), Count: r.PrevVisits, Counted: true},
		{Label: tr.Enum("visit.outcome", data.CancelledInTime), Count: v.InTime, Counted: true},
		{Label: tr.Enum("visit.outcome", data.CancelledLate), Count: v.Late, Counted: true},
		{Label: tr.Enum("visit.outcome", data.NoShow), Count: v.NoShow, Counted: true},
		{Label: tr.S("review.visits.extra"), Count: v.Extra, Value: v.ExtraValue},
		{Label: tr.S("review.visits.charged"), Count: v.Charged, Value: v.ChargedValue},
		{Label: tr.S("review.visits.new_cards"), Count: v.NewCards, Counted: true},
	}
}

// Rows are the table's cells as the language writes them.
func (t ReviewTable) Rows(tr *translations.T) [][]string {
	rows := make([][]string, 0, len(t.Lines))
	for _, l := range t.Lines {
		value := tr.Money(l.Value)
		if l.Counted {
			value = "–"
		}
		row := []string{l.Label, strconv.Itoa(l.Count), value}
		if t.minutes {
			row = append(row, strconv.Itoa(l.Minutes))
		}
		if t.paid {
			row = append(row, fmt.Sprintf("%s (%s)", Percent(l.Value, l.Paid, tr.Lang()), tr.Money(l.Paid)))
		}
		rows = append(rows, row)
	}
	return rows
}

// Numeric lists the columns that hold numbers: all but the first.
func (t ReviewTable) Numeric() []int {
	out := make([]int, 0, len(t.Cols)-1)
	for i := 1; i < len(t.Cols); i++ {
		out = append(out, i)
	}
	return out
}

// pdfCols are the table's columns with their widths on the page.
func (t ReviewTable) pdfCols() []col {
	widths := map[int][]float64{3: {100, 30, 40}, 4: {90, 20, 35, 25}, 5: {60, 20, 30, 20, 40}}[len(t.Cols)]
	cols := make([]col, len(t.Cols))
	for i, title := range t.Cols {
		cols[i] = col{title, widths[i], i > 0}
	}
	return cols
}

// csvSection is the CSV's word for the table's lines; the heavy-goodwill
// table has its own place in the flags and is not repeated there.
func (t ReviewTable) csvSection(tr *translations.T) string {
	key := map[string]string{"categories": "csv.category", "staff": "csv.staff", "top": "csv.client", "demands": "csv.demands",
		"visits": "csv.visits"}[t.Key]
	if key == "" {
		return ""
	}
	return tr.S(key)
}
