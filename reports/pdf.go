// Package reports turns the studio's records into documents: PDFs for the
// client, written to an io.Writer. It never touches the window.
package reports

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"studiopartner/assets"
	"studiopartner/data"
	"studiopartner/translations"
)

// Page geometry in millimetres: A4 with 20 mm margins.
const (
	margin      = 20.0
	pageW       = 210.0
	pageH       = 297.0
	bodyW       = pageW - 2*margin
	footerSpace = 18.0
	lineH       = 5.2
	family      = "DejaVu"
)

// doc is one PDF on the studio's letterhead, with a footer giving the
// document number and page x of y.
type doc struct {
	pdf     *fpdf.Fpdf
	tr      *translations.T
	studio  data.Studio
	missing map[rune]bool // characters the font lacks, printed as "?"
	// headEnd is where the last heading ended (page, y): text right under
	// a heading flows on rather than leaving the heading alone
	headPage int
	headY    float64
}

// underHeading reports whether nothing was written since the last heading.
func (d *doc) underHeading() bool {
	return d.pdf.PageNo() == d.headPage && d.pdf.GetY() == d.headY
}

// newDoc starts a document; at is its date, so the same records and the
// same clock give the same bytes.
func newDoc(tr *translations.T, studio data.Studio, title, number, extra string, at time.Time) *doc {
	p := fpdf.New("P", "mm", "A4", "")
	d := &doc{pdf: p, tr: tr, studio: studio, missing: map[rune]bool{}}
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin+footerSpace-8)
	p.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	p.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	p.SetCatalogSort(true)
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetTitle(d.clean(title), true)
	p.SetCreator(d.clean(studio.Name), true)
	p.SetProducer("Studio Partner", true)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-margin - 2)
		p.SetFont(family, "", 8)
		p.SetTextColor(110, 110, 110)
		left := number
		if extra != "" {
			left += " · " + extra
		}
		p.CellFormat(bodyW/2, 4, d.clean(left), "", 0, "L", false, 0, "")
		p.CellFormat(bodyW/2, 4, d.clean(tr.S("pdf.page", "Page", p.PageNo(), "Pages", "{nb}")), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	// pages after the first carry one line: who, what, which number
	p.SetHeaderFunc(func() {
		if p.PageNo() == 1 {
			return
		}
		p.SetFont(family, "", 8)
		p.SetTextColor(110, 110, 110)
		p.CellFormat(bodyW, 4, d.clean(studio.Name+" · "+title+" · "+number), "", 1, "L", false, 0, "")
		p.SetTextColor(0, 0, 0)
		p.SetDrawColor(200, 200, 200)
		p.SetLineWidth(0.2)
		p.Line(margin, p.GetY()+1, pageW-margin, p.GetY()+1)
		p.Ln(4)
	})
	p.AddPage()
	d.letterhead()
	return d
}

// letterhead puts the studio's name, address and contact at the top of
// the first page, with the logo on the right if one is set.
func (d *doc) letterhead() {
	p, s := d.pdf, d.studio
	if s.LogoPath != "" {
		info := p.RegisterImageOptions(s.LogoPath, fpdf.ImageOptions{ReadDpi: true})
		if info != nil && p.Error() == nil {
			h := 18.0
			w := info.Width() / info.Height() * h
			p.ImageOptions(s.LogoPath, pageW-margin-w, margin, w, h, false, fpdf.ImageOptions{}, 0, "")
		} else {
			p.ClearError() // a logo that cannot be read leaves the letterhead without one
		}
	}
	p.SetFont(family, "B", 14)
	p.MultiCell(bodyW-40, 7, d.clean(s.Name), "", "L", false)
	p.SetFont(family, "", 8)
	p.SetTextColor(90, 90, 90)
	// one contact line if it fits, else two: where the studio is, and how
	// to reach it online; an address never breaks inside or stands alone
	join := func(parts ...string) string {
		var out []string
		for _, v := range parts {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return strings.Join(out, " · ")
	}
	where, online := join(strings.ReplaceAll(s.Address, "\n", ", "), s.Phone), join(s.Email, s.Website)
	lines := []string{join(where, online)}
	if p.GetStringWidth(d.clean(lines[0])) > bodyW-40 {
		lines = []string{where, online}
	}
	for _, l := range lines {
		if l != "" {
			p.MultiCell(bodyW-40, 4, d.clean(l), "", "L", false)
		}
	}
	if strings.TrimSpace(s.Responsible) != "" {
		p.MultiCell(bodyW-40, 4, d.clean(s.Responsible), "", "L", false)
	}
	p.SetTextColor(0, 0, 0)
	p.SetDrawColor(46, 125, 107)
	p.SetLineWidth(0.4)
	y := p.GetY() + 2
	p.Line(margin, y, pageW-margin, y)
	p.SetY(y + 6)
}

// title writes the document's title.
func (d *doc) title(text string) {
	d.pdf.SetFont(family, "B", 16)
	d.pdf.MultiCell(bodyW, 8, d.clean(text), "", "L", false)
	d.pdf.Ln(2)
}

// heading writes a section heading, on a new page if fewer than a few
// lines of room are left, so a heading never stands alone at a page end.
func (d *doc) heading(text string) {
	d.keep(9 + 3*lineH)
	d.pdf.Ln(2)
	d.pdf.SetFont(family, "B", 11)
	d.pdf.MultiCell(bodyW, 6, d.clean(text), "", "L", false)
	d.pdf.Ln(0.5)
	d.headPage, d.headY = d.pdf.PageNo(), d.pdf.GetY()
}

// subheading writes a bold line that stays with the text after it.
func (d *doc) subheading(text string) {
	d.keep(4 * lineH)
	d.pdf.Ln(1)
	d.pdf.SetFont(family, "B", 9.5)
	d.pdf.MultiCell(bodyW, lineH, d.clean(text), "", "L", false)
	d.headPage, d.headY = d.pdf.PageNo(), d.pdf.GetY()
}

// paragraph writes flowing text. No single line of it stands alone at the
// foot or the top of a page: a paragraph that would leave one there starts
// on the next page.
func (d *doc) paragraph(text string) {
	d.pdf.SetFont(family, "", 9.5)
	for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
		para = d.clean(para)
		lines := len(d.pdf.SplitText(para, bodyW))
		room := (pageH - margin - footerSpace + 8) - d.pdf.GetY()
		need := float64(lines) * lineH
		if lines > 1 && need > room && d.underHeading() {
			d.splitUnderHeading(para, room)
			continue
		}
		if lines > 1 && need > room && (room < 2*lineH || need-room < 2*lineH) {
			d.pdf.AddPage()
		}
		d.pdf.MultiCell(bodyW, lineH, para, "", "L", false)
	}
	d.pdf.Ln(1.5)
}

// splitUnderHeading writes a paragraph that starts right under a heading
// and does not fit: as many lines as fit stay with the heading, but at
// least two go to the next page.
func (d *doc) splitUnderHeading(para string, room float64) {
	lines := d.pdf.SplitText(para, bodyW)
	fit := min(int(room/lineH), len(lines)-2)
	for _, line := range lines[:max(fit, 0)] {
		d.pdf.CellFormat(bodyW, lineH, line, "", 2, "L", false, 0, "")
	}
	d.pdf.AddPage()
	d.pdf.MultiCell(bodyW, lineH, strings.Join(lines[max(fit, 0):], " "), "", "L", false)
}

// keep starts a new page unless h millimetres are left on this one.
func (d *doc) keep(h float64) {
	if d.pdf.GetY()+h > pageH-margin-footerSpace+8 {
		d.pdf.AddPage()
	}
}

// col is a table column: header, width in mm, right-aligned or not.
type col struct {
	head  string
	width float64
	right bool
}

// table writes rows under a header; a row that does not fit moves to the
// next page whole, and the header is repeated there.
func (d *doc) table(cols []col, rows [][]string) {
	p := d.pdf
	header := func() {
		p.SetFont(family, "B", 7.5)
		p.SetFillColor(232, 241, 238)
		h := d.rowHeight(cols, headRow(cols), 4)
		x, y := p.GetX(), p.GetY()
		for i, c := range cols {
			p.Rect(x, y, c.width, h, "F")
			p.SetXY(x+0.5, y+0.8)
			p.MultiCell(c.width-1, 4, d.clean(c.head), "", align(c), false)
			x += c.width
			_ = i
		}
		p.SetXY(margin, y+h)
	}
	d.keep(18)
	header()
	p.SetFont(family, "", 8)
	for _, r := range rows {
		p.SetFont(family, "", 8)
		h := d.rowHeight(cols, r, 4.2)
		if p.GetY()+h > pageH-margin-footerSpace+8 {
			p.AddPage()
			header()
			p.SetFont(family, "", 8)
		}
		x, y := margin, p.GetY()
		for i, c := range cols {
			p.SetXY(x+0.5, y+0.8)
			p.MultiCell(c.width-1, 4.2, d.clean(r[i]), "", align(c), false)
			x += c.width
		}
		p.SetDrawColor(200, 200, 200)
		p.SetLineWidth(0.2)
		p.Line(margin, y+h, margin+tableWidth(cols), y+h)
		p.SetXY(margin, y+h)
	}
	p.Ln(3)
}

func headRow(cols []col) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.head
	}
	return out
}

func tableWidth(cols []col) float64 {
	w := 0.0
	for _, c := range cols {
		w += c.width
	}
	return w
}

func align(c col) string {
	if c.right {
		return "R"
	}
	return "L"
}

// rowHeight is the height of the tallest cell of a row.
func (d *doc) rowHeight(cols []col, r []string, lh float64) float64 {
	lines := 1
	for i, c := range cols {
		if n := len(d.pdf.SplitText(d.clean(r[i]), c.width-1)); n > lines {
			lines = n
		}
	}
	return float64(lines)*lh + 1.6
}

// signatures draws signature lines side by side, each with its caption.
func (d *doc) signatures(captions ...string) {
	p := d.pdf
	d.keep(30)
	p.Ln(14)
	w := (bodyW - 10*float64(len(captions)-1)) / float64(len(captions))
	y := p.GetY()
	for i, c := range captions {
		x := margin + float64(i)*(w+10)
		p.SetDrawColor(0, 0, 0)
		p.SetLineWidth(0.3)
		p.Line(x, y, x+w, y)
		p.SetXY(x, y+1)
		p.SetFont(family, "", 8)
		p.MultiCell(w, 4, d.clean(c), "", "L", false)
	}
	p.SetXY(margin, y+12)
}

// write finishes the document.
func (d *doc) write(w io.Writer) error {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Missing returns the characters the font lacks that the document had to
// print as "?".
func (d *doc) Missing() []rune {
	var out []rune
	for r := range d.missing {
		out = append(out, r)
	}
	return out
}

var (
	glyphsOnce sync.Once
	glyphs     *sfnt.Font
)

// englishDate finds dates as English writes them, "1 Dec 2026".
var englishDate = regexp.MustCompile(`\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b`)

// monthYear finds a month with its year, "March 2027", "März 2027".
var monthYear = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December|` +
	`Januar|Februar|März|Juni|Juli|Oktober|Dezember) (\d{4})\b`)

// clean replaces characters the font cannot draw (emoji, rare scripts)
// with a visible "?" and notes them, instead of printing nothing; an
// English date is held together on one line.
func (d *doc) clean(s string) string {
	// a date or a month is never broken across lines
	if d.tr.Lang() == "en" {
		s = englishDate.ReplaceAllString(s, "$1\u00a0$2\u00a0$3")
	}
	s = monthYear.ReplaceAllString(s, "$1\u00a0$2")
	glyphsOnce.Do(func() { glyphs, _ = sfnt.Parse(assets.FontRegular) })
	if glyphs == nil {
		return s
	}
	var buf sfnt.Buffer
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\t' {
			b.WriteRune(r)
			continue
		}
		if i, err := glyphs.GlyphIndex(&buf, r); err != nil || i == 0 {
			d.missing[r] = true
			b.WriteRune('?')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MissingError reports characters a document could not print.
type MissingError struct{ Runes []rune }

func (e *MissingError) Error() string {
	return fmt.Sprintf("characters the font lacks: %q", string(e.Runes))
}

// oneLine is an address on one line.
func oneLine(addr string) string {
	return strings.Join(nonEmpty(strings.Split(strings.TrimSpace(addr), "\n")...), ", ")
}

// nonEmpty keeps the texts that are not blank, trimmed.
func nonEmpty(texts ...string) []string {
	var out []string
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
