package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/translations"
)

// Percent writes part of whole as a percentage with one decimal, rounded
// half away from zero, as the language writes it: "12,5 %" in German,
// "12.5%" in English ("–" for no whole).
func Percent(part, whole data.Money, lang string) string {
	if whole <= 0 {
		return "–"
	}
	return tenths(data.RoundDivInt(int64(part)*1000, int64(whole)), lang) + percentSign(lang)
}

// percentSign is the sign as the language sets it: spaced in German, close
// in English.
func percentSign(lang string) string {
	if lang == "en" {
		return "%"
	}
	return " %"
}

// Change writes the change from before to now as a signed percentage with
// one decimal, rounded half away from zero also below zero.
func Change(now, before data.Money, lang string) string {
	if before <= 0 {
		return "–"
	}
	t := data.RoundDivInt(int64(now-before)*1000, int64(before))
	if t > 0 {
		return "+" + tenths(t, lang) + percentSign(lang)
	}
	return tenths(t, lang) + percentSign(lang)
}

// tenths writes a number of tenths with one decimal: -71 is "-7,1".
func tenths(t int64, lang string) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	sep := ","
	if lang == "en" {
		sep = "."
	}
	return sign + strconv.FormatInt(t/10, 10) + sep + strconv.FormatInt(t%10, 10)
}

// ReviewCSV writes the review as CSV for a spreadsheet: in German with
// ";" between fields, a decimal comma and a byte-order mark, so Excel
// opens it as it is; in English with "," and a decimal point. Amounts have
// no thousands separators.
func ReviewCSV(w io.Writer, r data.Review, lang string) error {
	tr := translations.New(lang)
	bw := bufio.NewWriter(w)
	cw := exchange.NewCSVWriter(bw)
	if tr.Lang() == "de" {
		bw.WriteString("\ufeff")
		cw.Comma = ';'
	}
	money := func(m data.Money) string { return csvMoney(m, tr.Lang()) }
	rows := [][]string{{tr.S("csv.section"), tr.S("csv.key"), tr.S("csv.entries"), tr.S("csv.value"), tr.S("csv.minutes"), tr.S("csv.paid")}}
	add := func(section, key string, entries int, value data.Money, minutes int, paid string) {
		rows = append(rows, []string{section, key, strconv.Itoa(entries), money(value), strconv.Itoa(minutes), paid})
	}
	month := r.Month.String()[:7]
	if r.Branch != "" {
		rows = append(rows, []string{tr.S("csv.branch"), r.Branch, "", "", "", ""})
	}
	add(tr.S("csv.total"), month, r.Total.Entries, r.Total.Value, r.Total.Minutes, money(r.Revenue))
	for _, t := range ReviewTables(tr, r) {
		section := t.csvSection(tr)
		if section == "" {
			continue
		}
		if t.Key == "demands" { // the months come before the demands
			for _, m := range r.Series {
				add(tr.S("csv.month"), m.Month.String()[:7], m.Entries, m.Value, m.Minutes, "")
			}
		}
		for _, l := range t.Lines {
			paid := ""
			if t.paid {
				paid = money(l.Paid)
			}
			add(section, l.Label, l.Count, l.Value, l.Minutes, paid)
		}
		if t.Note != "" {
			add(section, t.Note, 0, 0, 0, "")
		}
	}
	add(tr.S("csv.budget"), month, 0, r.Budget, 0, "")
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return bw.Flush()
}

// csvMoney writes an amount as a plain number: "1234,56" in German,
// "1234.56" in English.
func csvMoney(m data.Money, lang string) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	sep := "."
	if lang == "de" {
		sep = ","
	}
	return fmt.Sprintf("%s%d%s%02d", sign, m/100, sep, m%100)
}

// ReviewTitle names the review's month, and its branch if it is of one.
func ReviewTitle(tr *translations.T, r data.Review) string {
	if r.Branch != "" {
		return tr.S("review.title.branch", "Month", tr.Month(r.Month), "Branch", r.Branch)
	}
	return tr.S("review.title", "Month", tr.Month(r.Month))
}

// ReviewPDF writes the review as a PDF of one to three pages, the charts
// drawn as vector shapes.
func ReviewPDF(w io.Writer, r data.Review, studio data.Studio, lang string, at time.Time) error {
	tr := translations.New(lang)
	title := ReviewTitle(tr, r)
	d := newDoc(tr, studio, title, "MB-"+r.Month.String()[:7], "", at)
	d.title(title)
	if r.Branch != "" {
		d.paragraph(tr.S("review.branch.note"))
	}
	if r.Total.Entries == 0 {
		d.paragraph(tr.S("review.empty"))
	}
	d.table([]col{{tr.S("review.figure"), 110, false}, {tr.S("review.amount"), 60, true}}, reviewSummary(tr, r))
	d.heading(tr.S("review.chart.months"))
	d.barChart(r)
	for _, t := range ReviewTables(tr, r) {
		d.heading(t.Heading)
		if t.Key == "categories" {
			d.splitChart(r)
		}
		d.table(t.pdfCols(), t.Rows(tr))
		if t.Note != "" {
			d.paragraph(t.Note)
		}
	}
	return d.write(w)
}

// ReviewSummary lists the review's headline figures, label and value.
func ReviewSummary(tr *translations.T, r data.Review) [][]string { return reviewSummary(tr, r) }

func reviewSummary(tr *translations.T, r data.Review) [][]string {
	budget := "–"
	if r.Budget > 0 {
		budget = tr.S("review.budget.used", "Used", Percent(r.Total.Value, r.Budget, tr.Lang()), "Budget", tr.Money(r.Budget))
	}
	return [][]string{
		{tr.S("review.entries"), strconv.Itoa(r.Total.Entries)},
		{tr.S("review.value"), tr.Money(r.Total.Value)},
		{tr.S("review.minutes"), strconv.Itoa(r.Total.Minutes)},
		{tr.S("review.per_client", "Clients", r.Clients), tr.Money(r.PerClient)},
		{tr.S("review.revenue", "Revenue", tr.Money(r.Revenue)), Percent(r.Total.Value, r.Revenue, tr.Lang())},
		{tr.S("review.budget"), budget},
		{tr.S("review.vs_previous", "Value", tr.Money(r.Previous.Value)), Change(r.Total.Value, r.Previous.Value, tr.Lang())},
		{tr.S("review.vs_last_year", "Value", tr.Money(r.LastYear.Value)), Change(r.Total.Value, r.LastYear.Value, tr.Lang())},
	}
}

// barChart draws the last twelve months' goodwill value as bars, with
// the budget as a line.
func (d *doc) barChart(r data.Review) {
	p := d.pdf
	const h, w = 45.0, bodyW
	d.keep(h + 14)
	top := p.GetY() + 2
	max := r.Budget
	for _, m := range r.Series {
		if m.Value > max {
			max = m.Value
		}
	}
	if max == 0 {
		max = 1
	}
	bw := w / float64(len(r.Series))
	p.SetFont(family, "", 6.5)
	for i, m := range r.Series {
		bh := h * float64(m.Value) / float64(max)
		x := margin + float64(i)*bw
		p.SetFillColor(46, 125, 107)
		if i == len(r.Series)-1 {
			p.SetFillColor(242, 184, 75)
		}
		if bh > 0 {
			p.Rect(x+1.5, top+h-bh, bw-3, bh, "F")
		}
		p.SetXY(x, top+h+0.5)
		p.CellFormat(bw, 3.5, fmt.Sprintf("%02d/%02d", int(m.Month.Month()), m.Month.Year()%100), "", 0, "C", false, 0, "")
	}
	if r.Budget > 0 {
		y := top + h - h*float64(r.Budget)/float64(max)
		p.SetDrawColor(200, 60, 60)
		p.SetLineWidth(0.5)
		p.Line(margin, y, margin+w, y)
		p.SetXY(margin, y-4)
		p.SetTextColor(200, 60, 60)
		p.CellFormat(w, 3.5, d.clean(d.tr.S("review.budget.line", "Budget", d.tr.Money(r.Budget))), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
	}
	p.SetDrawColor(150, 150, 150)
	p.SetLineWidth(0.2)
	p.Line(margin, top+h, margin+w, top+h)
	p.SetXY(margin, top+h+6)
}

// splitChart draws each category's share of the month's value as a
// horizontal bar.
func (d *doc) splitChart(r data.Review) {
	if r.Total.Value <= 0 {
		return
	}
	p := d.pdf
	d.keep(float64(len(r.Categories))*5 + 4)
	p.SetFont(family, "", 7.5)
	for _, c := range r.Categories {
		y := p.GetY()
		p.SetXY(margin, y)
		p.CellFormat(55, 4.2, d.clean(d.tr.Enum("goodwill.category", c.Key)), "", 0, "L", false, 0, "")
		w := (bodyW - 75) * float64(c.Value) / float64(r.Total.Value)
		p.SetFillColor(46, 125, 107)
		if w > 0 {
			p.Rect(margin+56, y+0.6, w, 3, "F")
		}
		p.SetXY(margin+bodyW-18, y)
		p.CellFormat(18, 4.2, Percent(c.Value, r.Total.Value, d.tr.Lang()), "", 0, "R", false, 0, "")
		p.SetXY(margin, y+5)
	}
	p.Ln(2)
}
