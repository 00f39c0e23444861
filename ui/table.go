package ui

import (
	"fyne.io/fyne/v2"
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

// newTable builds a table with translated headers over rows given by
// count, each cell's text and importance given by cell.
func newTable(tr *translations.T, cols []column, count func() int,
	cell func(row, col int) (string, widget.Importance), onSelect func(row int)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return count(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= count() {
				return
			}
			text, imp := cell(id.Row, id.Col)
			l.Alignment = fyne.TextAlignLeading
			if cols[id.Col].right {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.Importance = imp
			l.SetText(text)
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(tr.S(cols[id.Col].key))
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < count() {
			onSelect(id.Row)
		}
		t.UnselectAll()
	}
	return t
}
