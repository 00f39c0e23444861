package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/translations"
)

// form lays out labelled fields in reading order, each with room for its
// own error message beneath it.
type form struct {
	tr      *translations.T
	grid    *fyne.Container
	errs    map[string]*widget.Label
	general *widget.Label
	first   fyne.Focusable
}

func newForm(tr *translations.T) *form {
	general := widget.NewLabel("")
	general.Importance = widget.DangerImportance
	general.Wrapping = fyne.TextWrapWord
	general.Hide()
	return &form{tr: tr, grid: container.New(layout.NewFormLayout()), errs: map[string]*widget.Label{}, general: general}
}

// add places a field under a label; name is the store's field name that
// errors refer to ("" for none).
func (f *form) add(label, name string, w fyne.CanvasObject) {
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	if name != "" {
		f.errs[name] = msg
	}
	if o, ok := w.(objecter); ok {
		w = o.object()
	}
	lbl := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{})
	f.grid.Add(lbl)
	f.grid.Add(container.NewVBox(w, msg))
	if fo, ok := w.(fyne.Focusable); ok && f.first == nil {
		f.first = fo
	}
}

// content is the form with its general message on top.
func (f *form) content() fyne.CanvasObject {
	return container.NewVBox(f.general, f.grid)
}

// clear hides every message.
func (f *form) clear() {
	for _, l := range f.errs {
		l.SetText("")
		l.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
}

// setError shows a message beside one field.
func (f *form) setError(field, msg string) {
	if l, ok := f.errs[field]; ok {
		l.SetText(msg)
		l.Show()
		return
	}
	f.showGeneral(msg)
}

func (f *form) showGeneral(msg string) {
	if f.general.Text != "" {
		msg = f.general.Text + "\n" + msg
	}
	f.general.SetText(msg)
	f.general.Show()
}

// show puts err's messages beside the fields they concern; an error
// without fields goes on top.
func (f *form) show(err error) {
	f.clear()
	e := data.AsError(err)
	if e == nil {
		return
	}
	if len(e.Fields) == 0 {
		f.showGeneral(f.tr.Err(err))
		return
	}
	for _, fe := range e.Fields {
		f.setError(fe.Field, f.tr.Field(fe))
	}
}

// showProblems shows what validation found and the fields whose text could
// not be read at all, each beside its field.
func (f *form) showProblems(validation error, unreadable map[string]string) {
	f.show(validation)
	for field, msg := range unreadable {
		f.setError(field, msg)
	}
}

// message returns the text shown beside a field ("" for none).
func (f *form) message(field string) string {
	if l, ok := f.errs[field]; ok {
		return l.Text
	}
	return ""
}

// choice is a drop-down over the values of one of the store's
// enumerations, showing their translated names.
type choice[T comparable] struct {
	*pick
	values []T
	labels []string
}

func newChoice[T comparable](tr *translations.T, prefix string, values []T, changed func(T)) *choice[T] {
	c := &choice[T]{values: values}
	for _, v := range values {
		c.labels = append(c.labels, tr.Enum(prefix, v))
	}
	c.pick = newPick(c.labels, func(string) {
		if changed != nil {
			changed(c.value())
		}
	})
	c.PlaceHolder = tr.S("choice.placeholder")
	return c
}

// objecter is a value that stands for a widget it wraps; layouts must hold
// the widget itself, or it is drawn but never refreshed.
type objecter interface{ object() fyne.CanvasObject }

// object returns the drop-down to put into a layout.
func (c *choice[T]) object() fyne.CanvasObject { return c.pick }

func (c *choice[T]) value() T {
	var zero T
	i := c.SelectedIndex()
	if i < 0 {
		return zero
	}
	return c.values[i]
}

func (c *choice[T]) set(v T) {
	for i, x := range c.values {
		if x == v {
			c.SetSelectedIndex(i)
			return
		}
	}
}
