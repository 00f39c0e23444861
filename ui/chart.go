package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// barsLayout draws values as bars side by side, each with its label
// beneath, and a dashed-free budget line across when there is one. The
// objects are, in order: one rectangle and one label per bar, then the
// budget line and its caption.
type barsLayout struct {
	values []float64
	limit  float64 // the budget; 0 = none
}

const labelH = 16

func (l *barsLayout) max() float64 {
	m := l.limit
	for _, v := range l.values {
		if v > m {
			m = v
		}
	}
	if m == 0 {
		return 1
	}
	return m
}

func (l *barsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := len(l.values)
	if n == 0 {
		return
	}
	h := size.Height - labelH
	w := size.Width / float32(n)
	max := l.max()
	for i, v := range l.values {
		bh := h * float32(v/max)
		bar, label := objs[2*i], objs[2*i+1]
		bar.Move(fyne.NewPos(float32(i)*w+w*0.15, h-bh))
		bar.Resize(fyne.NewSize(w*0.7, bh))
		label.Move(fyne.NewPos(float32(i)*w, h+1))
		label.Resize(fyne.NewSize(w, labelH-2))
	}
	line, caption := objs[2*n], objs[2*n+1]
	if l.limit <= 0 {
		line.Hide()
		caption.Hide()
		return
	}
	y := h - h*float32(l.limit/max)
	line.Move(fyne.NewPos(0, y))
	line.Resize(fyne.NewSize(size.Width, 0))
	caption.Move(fyne.NewPos(size.Width-caption.MinSize().Width, y-caption.MinSize().Height))
	caption.Resize(caption.MinSize())
}

func (l *barsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(300, 160) }

// newBarChart draws labelled bars; the last is highlighted; limit draws
// the budget line with its caption.
func newBarChart(values []float64, labels []string, limit float64, limitCaption string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range values {
		c := accent
		if i == len(values)-1 {
			c = color.NRGBA{R: 0xF2, G: 0xB8, B: 0x4B, A: 0xFF}
		}
		objs = append(objs, canvas.NewRectangle(c))
		t := canvas.NewText(labels[i], theme.Color(theme.ColorNameForeground))
		t.TextSize = 10
		t.Alignment = fyne.TextAlignCenter
		objs = append(objs, t)
	}
	line := canvas.NewLine(theme.Color(theme.ColorNameError))
	line.StrokeWidth = 2
	caption := canvas.NewText(limitCaption, theme.Color(theme.ColorNameError))
	caption.TextSize = 10
	objs = append(objs, line, caption)
	return container.New(&barsLayout{values: values, limit: limit}, objs...)
}

// splitLayout draws shares as horizontal bars under each other, each with
// its label on the left and its share on the right. Objects per row:
// label, bar, share.
type splitLayout struct{ shares []float64 }

const splitRowH = 22

func (l *splitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	labelW := size.Width * 0.42
	barW := size.Width - labelW - 60
	for i, s := range l.shares {
		y := float32(i) * splitRowH
		label, bar, share := objs[3*i], objs[3*i+1], objs[3*i+2]
		label.Move(fyne.NewPos(0, y))
		label.Resize(fyne.NewSize(labelW, splitRowH))
		bar.Move(fyne.NewPos(labelW, y+5))
		bar.Resize(fyne.NewSize(barW*float32(s), splitRowH-10))
		share.Move(fyne.NewPos(size.Width-56, y))
		share.Resize(fyne.NewSize(56, splitRowH))
	}
}

func (l *splitLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(300, float32(len(l.shares))*splitRowH)
}

// newSplitChart draws each part's share of a whole.
func newSplitChart(labels []string, shares []float64, shareText []string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := range labels {
		l := canvas.NewText(labels[i], theme.Color(theme.ColorNameForeground))
		l.TextSize = 12
		s := canvas.NewText(shareText[i], theme.Color(theme.ColorNameForeground))
		s.TextSize = 12
		s.Alignment = fyne.TextAlignTrailing
		objs = append(objs, l, canvas.NewRectangle(accent), s)
	}
	return container.New(&splitLayout{shares: shares}, objs...)
}
