package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/translations"
)

// column is one column of a table screen: its header key, width, and
// whether its figures are right-aligned.
type column struct {
	key   string
	width float32
	right bool
}

// listTable is a table of records, one per row, that the keyboard can
// steer: Down and Up (and the page keys, Home and End) move a highlighted
// row, Enter opens it; a click opens a row at once. Headers of the
// columns the screen names sort when clicked.
type listTable struct {
	widget.Table
	tr      *translations.T
	cols    []column
	count   func() int
	cell    func(row, col int) (string, widget.Importance)
	onOpen  func(row int)
	row     int // the highlighted row; -1 none
	onMoved func(row int)

	empty *widget.Label   // said instead of an empty grid; nil: nothing said
	whole *widget.Label   // the highlighted row in full, under the table
	below *fyne.Container // the table with that line under it
	fixed map[int]bool    // columns that never shrink: days, times, amounts

	sortable map[int]bool                // columns whose header sorts
	sortCol  int                         // the column sorted by; -1 none
	sortDesc bool                        // sorted descending
	onSort   func(col int, descend bool) // the screen reads its rows in the new order
}

// newTable builds a table with translated headers over rows given by
// count, each cell's text and importance given by cell; onOpen opens a
// row (nil: rows do not open).
func newTable(tr *translations.T, cols []column, count func() int,
	cell func(row, col int) (string, widget.Importance), onOpen func(row int)) *listTable {
	t := &listTable{tr: tr, cols: cols, count: count, cell: cell, onOpen: onOpen, row: -1, sortCol: -1}
	t.Length = func() (int, int) { return count(), len(cols) }
	t.CreateCell = t.createCell
	t.UpdateCell = t.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderLabel() }
	t.UpdateHeader = t.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < count() && t.onOpen != nil {
			t.highlight(id.Row)
			t.onOpen(id.Row)
		}
		t.UnselectAll()
	}
	// Fyne also highlights the cell under the mouse; the row the keys move
	// is kept apart from it, so hovering never changes what Enter or a
	// screen's buttons act on
	t.ExtendBaseWidget(t)
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// orEmpty is the table as a screen shows it: with no rows it says text
// (what the empty list means) instead of showing an empty grid.
func (t *listTable) orEmpty(text string) fyne.CanvasObject {
	t.empty = widget.NewLabel(text)
	t.empty.Wrapping = fyne.TextWrapWord
	t.empty.Alignment = fyne.TextAlignCenter
	t.empty.Importance = widget.LowImportance
	t.syncEmpty()
	t.whole = widget.NewLabel("")
	t.whole.Wrapping = fyne.TextWrapWord
	t.whole.Hide()
	t.below = container.NewBorder(nil, t.whole, nil, nil,
		container.NewStack(t, container.NewVBox(layout.NewSpacer(), t.empty, layout.NewSpacer())))
	return t.below
}

// showWhole writes the highlighted row in full under the table: a cell
// cut short in its column is read there.
func (t *listTable) showWhole() {
	if t.whole == nil {
		return
	}
	if t.row < 0 || t.row >= t.count() {
		t.whole.Hide()
		return
	}
	var parts []string
	for i, c := range t.cols {
		if text, _ := t.cell(t.row, i); strings.TrimSpace(text) != "" {
			parts = append(parts, t.tr.S(c.key)+": "+text)
		}
	}
	t.whole.SetText(strings.Join(parts, " · "))
	t.whole.Show()
	// a wrapped line knows its height only once it has its width: lay out twice
	t.below.Refresh()
	t.below.Refresh()
}

// syncEmpty shows the empty list's words when there are no rows.
func (t *listTable) syncEmpty() {
	if t.empty == nil {
		return
	}
	if t.count() == 0 {
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
}

// Refresh draws the rows again, and says so when there are none.
func (t *listTable) Refresh() {
	t.syncEmpty()
	t.Table.Refresh()
}

// Resize fits the columns to the table's width: with more room than
// their widths they widen in proportion; with less they shrink, the ones
// with the most room to spare (long texts) first, none below what its
// heading needs, so no column loses its heading or goes out of view.
func (t *listTable) Resize(size fyne.Size) {
	room := size.Width - theme.ScrollBarSize() - theme.Padding()*float32(len(t.cols))
	for i, w := range t.fit(room) {
		t.SetColumnWidth(i, w)
	}
	t.Table.Resize(size)
}

// fit is the width of each column in room.
func (t *listTable) fit(room float32) []float32 {
	widths := make([]float32, len(t.cols))
	var declared, slack float32
	mins := make([]float32, len(t.cols))
	for i, c := range t.cols {
		mins[i] = min(c.width, t.headerWidth(i))
		if t.fixed[i] {
			mins[i] = c.width
		}
		declared += c.width
		slack += c.width - mins[i]
	}
	for i, c := range t.cols {
		switch {
		case room >= declared && declared > 0:
			widths[i] = c.width * room / declared
		case slack > 0:
			share := min(1, (declared-room)/slack)
			widths[i] = c.width - (c.width-mins[i])*share
		default:
			widths[i] = c.width
		}
	}
	return widths
}

// keep marks columns that never shrink (a day, a time, an amount): the
// others give up their room first.
func (t *listTable) keep(cols ...int) *listTable {
	t.fixed = map[int]bool{}
	for _, c := range cols {
		t.fixed[c] = true
	}
	return t
}

// headerWidth is what column i's heading needs, with room for the sort
// arrow where it sorts, and never less than a short figure.
func (t *listTable) headerWidth(i int) float32 {
	heading := t.tr.S(t.cols[i].key)
	if t.sortable[i] {
		heading += " ↓"
	}
	text := fyne.MeasureText(heading, theme.TextSize(), fyne.TextStyle{Bold: true})
	return max(text.Width+2*theme.InnerPadding()+theme.Padding(), 60)
}

// createCell is a label over a background that marks the highlighted row.
func (t *listTable) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(canvas.NewRectangle(color.Transparent), l)
}

func (t *listTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	bg, l := box.Objects[0].(*canvas.Rectangle), box.Objects[1].(*widget.Label)
	if id.Row >= t.count() {
		return
	}
	var fill color.Color = color.Transparent
	if id.Row == t.row {
		fill = theme.Color(theme.ColorNameSelection)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	text, imp := t.cell(id.Row, id.Col)
	l.Alignment = fyne.TextAlignLeading
	if t.cols[id.Col].right {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.Importance = imp
	l.SetText(text)
}

func (t *listTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerLabel)
	if id.Row >= 0 || id.Col < 0 {
		return
	}
	text := t.tr.S(t.cols[id.Col].key)
	h.onTap = nil
	if t.sortable[id.Col] {
		col := id.Col
		h.onTap = func() { t.sortBy(col) }
		switch {
		case col == t.sortCol && t.sortDesc:
			text += " ↓"
		case col == t.sortCol:
			text += " ↑"
		}
	}
	h.SetText(text)
}

// sortOn makes the headers of cols sort the rows: onSort reads them in the
// order asked. The table starts sorted by col, descending or not.
func (t *listTable) sortOn(onSort func(col int, descend bool), col int, descend bool, cols ...int) {
	t.sortable = map[int]bool{}
	for _, c := range cols {
		t.sortable[c] = true
	}
	t.onSort, t.sortCol, t.sortDesc = onSort, col, descend
}

// sortBy sorts by a column; a second click on it turns the order round.
func (t *listTable) sortBy(col int) {
	if col == t.sortCol {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, t.cols[col].right // figures start with the largest
	}
	t.row = -1
	t.onSort(t.sortCol, t.sortDesc)
	t.Refresh()
}

// highlight marks row r (kept inside the table) and scrolls to it.
func (t *listTable) highlight(r int) {
	n := t.count()
	if n == 0 {
		t.row = -1
		return
	}
	r = max(0, min(r, n-1))
	if r == t.row {
		return
	}
	t.row = r
	t.ScrollTo(widget.TableCellID{Row: r, Col: 0})
	t.Refresh()
	t.showWhole()
	if t.onMoved != nil {
		t.onMoved(r)
	}
}

// reset forgets the highlighted row, for rows read anew.
func (t *listTable) reset() {
	t.row = -1
	t.showWhole()
	t.UnselectAll()
	t.Refresh()
}

// TypedKey moves the highlighted row and opens it with Enter.
func (t *listTable) TypedKey(ev *fyne.KeyEvent) {
	if next, ok := rowStep(ev.Name, t.row); ok {
		t.highlight(max(next, 0))
		return
	}
	switch ev.Name {
	case fyne.KeyHome:
		t.highlight(0)
	case fyne.KeyEnd:
		t.highlight(t.count() - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.row >= 0 && t.row < t.count() && t.onOpen != nil {
			t.onOpen(t.row)
		}
	default:
		t.Table.TypedKey(ev)
	}
}

// rowStep is the row a key moves a highlight to from row cur: Down and
// Up by one, the page keys by ten; ok is false for any other key. Lists
// keep the result inside their rows.
func rowStep(name fyne.KeyName, cur int) (next int, ok bool) {
	switch name {
	case fyne.KeyDown:
		return cur + 1, true
	case fyne.KeyUp:
		return cur - 1, true
	case fyne.KeyPageDown:
		return cur + 10, true
	case fyne.KeyPageUp:
		return cur - 10, true
	}
	return cur, false
}

// FocusGained highlights the first row when none is, so Enter has
// something to open.
func (t *listTable) FocusGained() {
	t.Table.FocusGained()
	if t.row < 0 {
		t.highlight(0)
	}
}

// headerLabel is a column header that sorts when the column can.
type headerLabel struct {
	widget.Label
	onTap func()
}

func newHeaderLabel() *headerLabel {
	h := &headerLabel{}
	h.TextStyle = fyne.TextStyle{Bold: true}
	h.Truncation = fyne.TextTruncateEllipsis
	h.ExtendBaseWidget(h)
	return h
}

// Tapped sorts by the header's column.
func (h *headerLabel) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows a hand over headers that sort.
func (h *headerLabel) Cursor() desktop.Cursor {
	if h.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}
