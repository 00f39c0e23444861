package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scrollPane is a vertical scroll that the keyboard can reach: Tab moves
// the focus into it (a thin ring shows it), then Up, Down, the page keys,
// Home and End scroll. Its content keeps clear of the scroll bar, so the
// bar never covers a button or a heading.
type scrollPane struct {
	widget.BaseWidget
	scroll  *container.Scroll
	ring    *canvas.Rectangle
	focused bool
}

func newScrollPane(content fyne.CanvasObject) *scrollPane {
	p := &scrollPane{scroll: vscroll(content)}
	p.ring = canvas.NewRectangle(color.Transparent)
	p.ring.StrokeWidth = 1
	p.ExtendBaseWidget(p)
	return p
}

func (p *scrollPane) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(p.scroll, p.ring))
}

// FocusGained shows the ring.
func (p *scrollPane) FocusGained() {
	p.focused = true
	p.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	p.ring.Refresh()
}

// FocusLost hides the ring.
func (p *scrollPane) FocusLost() {
	p.focused = false
	p.ring.StrokeColor = color.Transparent
	p.ring.Refresh()
}

// TypedRune ignores typing: there is nothing to type into.
func (p *scrollPane) TypedRune(rune) {}

// TypedKey scrolls.
func (p *scrollPane) TypedKey(e *fyne.KeyEvent) { p.key(e.Name) }

// key scrolls for a key and reports whether it was one that scrolls.
func (p *scrollPane) key(name fyne.KeyName) bool {
	step := theme.TextSize() * 3
	page := p.scroll.Size().Height * 0.9
	switch name {
	case fyne.KeyDown:
		p.scrollBy(step)
	case fyne.KeyUp:
		p.scrollBy(-step)
	case fyne.KeyPageDown:
		p.scrollBy(page)
	case fyne.KeyPageUp:
		p.scrollBy(-page)
	case fyne.KeyHome:
		p.scroll.ScrollToTop()
	case fyne.KeyEnd:
		p.scroll.ScrollToBottom()
	default:
		return false
	}
	return true
}

// scrollBy moves the view by dy, kept within the content.
func (p *scrollPane) scrollBy(dy float32) {
	p.scrollTo(p.scroll.Offset.Y + dy)
}

// scrollTo shows the content from y, kept within the content.
func (p *scrollPane) scrollTo(y float32) {
	most := p.scroll.Content.MinSize().Height - p.scroll.Size().Height
	y = max(0, min(y, most))
	p.scroll.ScrollToOffset(fyne.NewPos(0, y))
}

// show scrolls so that o, somewhere in the content, is in view from its top.
func (p *scrollPane) show(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(p.scroll.Content).Y
	p.scrollTo(y - theme.Padding())
}

// vscroll scrolls content vertically, keeping it clear of the scroll bar
// so the bar never lies over a field, a button or a heading.
func vscroll(content fyne.CanvasObject) *container.Scroll {
	inset := theme.ScrollBarSize() + theme.Padding()
	return container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, inset), content))
}
