package ui

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keymap holds the window's shortcuts and the stack of open dialogs, so
// shortcuts work even while an entry has the focus, and Esc closes the
// dialog on top.
type keymap struct {
	canvas   fyne.Canvas
	handlers map[string]func()
	dialogs  []openDialog // the top last
	nextID   int
	touched  atomic.Int64 // when the keyboard was last used, Unix nanoseconds
}

// touch notes that someone is working at the window.
func (k *keymap) touch() { k.touched.Store(time.Now().UnixNano()) }

// idleSince is when the window was last used.
func (k *keymap) idleSince() time.Time { return time.Unix(0, k.touched.Load()) }

// openDialog is a dialog the keymap knows is open. A dialog that closes
// by itself (a progress dialog whose work is done) while another lies
// above it waits with its close until it is on top: Fyne removes every
// overlay above one that is hidden, which would take the other dialog
// away while the keymap still counted it open.
type openDialog struct {
	id      int
	hide    func()
	closing func() // set when the dialog is done but not on top yet
}

func newKeymap(c fyne.Canvas) *keymap {
	k := &keymap{canvas: c, handlers: map[string]func(){}}
	k.touch()
	return k
}

// ctrl registers Ctrl+key.
func (k *keymap) ctrl(key fyne.KeyName, fn func()) {
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	k.handlers[sc.ShortcutName()] = fn
	k.canvas.AddShortcut(sc, func(fyne.Shortcut) { k.run(sc) })
}

// handle runs the window shortcut s, reporting whether there was one.
func (k *keymap) handle(s fyne.Shortcut) bool {
	if _, ok := k.handlers[s.ShortcutName()]; !ok {
		return false
	}
	k.run(s)
	return true
}

func (k *keymap) run(s fyne.Shortcut) {
	k.touch()
	// While a dialog is open only its own keys apply: no screen changes
	// underneath it.
	if len(k.dialogs) > 0 {
		return
	}
	if fn := k.handlers[s.ShortcutName()]; fn != nil {
		fn()
	}
}

// pushDialog records an open dialog's hide function and returns the id
// to forget it by when it closes.
func (k *keymap) pushDialog(hide func()) int {
	k.nextID++
	k.dialogs = append(k.dialogs, openDialog{id: k.nextID, hide: hide})
	return k.nextID
}

// popDialog forgets a closed dialog, wherever it is in the stack; a
// dialog below that was waiting to close closes now that it is on top.
func (k *keymap) popDialog(id int) {
	for i, d := range k.dialogs {
		if d.id == id {
			k.dialogs = append(k.dialogs[:i], k.dialogs[i+1:]...)
			break
		}
	}
	if n := len(k.dialogs); n > 0 && k.dialogs[n-1].closing != nil {
		top := k.dialogs[n-1]
		k.dialogs = k.dialogs[:n-1]
		top.closing()
		k.popDialog(-1) // and any waiting below it
	}
}

// closeWhenOnTop closes the dialog id now if it is on top, else as soon
// as the dialogs above it have closed.
func (k *keymap) closeWhenOnTop(id int, close func()) {
	n := len(k.dialogs)
	if n > 0 && k.dialogs[n-1].id == id {
		k.dialogs = k.dialogs[:n-1]
		close()
		k.popDialog(-1)
		return
	}
	for i := range k.dialogs {
		if k.dialogs[i].id == id {
			k.dialogs[i].closing = close
			return
		}
	}
	close() // not known: close it as asked
}

// escape closes the top dialog, reporting whether there was one.
func (k *keymap) escape() bool {
	n := len(k.dialogs)
	if n == 0 {
		return false
	}
	k.dialogs[n-1].hide()
	return true
}

// onTypedKey is the canvas's handler for keys when nothing has the focus.
func (k *keymap) onTypedKey(ev *fyne.KeyEvent) {
	k.touch()
	if ev.Name == fyne.KeyEscape {
		k.escape()
	}
}

// entry is a text entry that passes window shortcuts and Esc on to the
// window instead of swallowing them.
type entry struct {
	widget.Entry
	keys *keymap
	// onKey, if set, may take a key first (Down, Up, Esc in a search
	// field); it reports whether it did.
	onKey func(name fyne.KeyName) bool
	shift bool // Shift is held (a multi-line entry's new line)
	// selectOnFocus selects the text when the field gets the focus, so
	// typing replaces a filled-in amount instead of adding to it
	selectOnFocus bool
}

// FocusGained selects an amount's text, so what is typed replaces it.
func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	if e.selectOnFocus && e.Text != "" {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// KeyDown notes Shift, for Shift+Enter in a multi-line entry.
func (e *entry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(ev)
}

// KeyUp notes that Shift is let go.
func (e *entry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(ev)
}

// newLine types a line break into a multi-line entry whose Enter saves
// the form.
func (e *entry) newLine() {
	submit := e.OnSubmitted
	e.OnSubmitted = nil // Fyne then types the line break itself
	e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.OnSubmitted = submit
}

// AcceptsTab is false: Tab moves to the next field, also out of a
// multi-line one, and never types a tab.
func (e *entry) AcceptsTab() bool { return false }

func (k *keymap) newEntry() *entry {
	e := &entry{keys: k}
	e.ExtendBaseWidget(e)
	return e
}

// newAmountEntry is an entry for money: its text is selected whenever it
// gets the focus.
func (k *keymap) newAmountEntry() *entry {
	e := k.newEntry()
	e.selectOnFocus = true
	return e
}

func (k *keymap) newMultiEntry(lines int) *entry {
	e := k.newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(lines)
	return e
}

// TypedShortcut runs window shortcuts first, then the entry's own.
func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if e.keys.handle(s) {
		return
	}
	if c, ok := s.(*desktop.CustomShortcut); ok && e.MultiLine && (c.KeyName == fyne.KeyReturn || c.KeyName == fyne.KeyEnter) {
		e.newLine() // Ctrl+Enter
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey closes the dialog on Esc; other keys go to the entry.
func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	e.keys.touch()
	if ev.Name == fyne.KeyEscape && e.keys.escape() {
		return
	}
	if e.onKey != nil && e.onKey(ev.Name) {
		return
	}
	if e.MultiLine && e.OnSubmitted != nil && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) {
		// in a form, Enter saves; Shift+Enter or Ctrl+Enter starts a new line
		if e.shift {
			e.newLine()
		} else {
			e.OnSubmitted(e.Text)
		}
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedRune notes the activity and types the character.
func (e *entry) TypedRune(r rune) {
	e.keys.touch()
	e.Entry.TypedRune(r)
}

// isEnter reports whether name is one of the two Enter keys.
func isEnter(name fyne.KeyName) bool { return name == fyne.KeyReturn || name == fyne.KeyEnter }

// formKeys are what a form's dialog gives the fields that are not
// entries: Esc closes the dialog, Enter saves the form.
type formKeys struct {
	keys    *keymap
	onEnter func()
}

// typed handles Esc and Enter for a field, reporting whether it did.
func (f *formKeys) typed(name fyne.KeyName) bool {
	if f.keys == nil {
		return false
	}
	f.keys.touch()
	switch {
	case name == fyne.KeyEscape:
		return f.keys.escape()
	case isEnter(name) && f.onEnter != nil:
		f.onEnter()
		return true
	}
	return false
}

// pick is a drop-down that, in a form's dialog, closes it on Esc and
// saves the form on Enter; Space, Up and Down open it, Left and Right
// choose without opening it.
type pick struct {
	widget.Select
	formKeys
}

func newPick(options []string, changed func(string)) *pick {
	p := &pick{}
	p.Options, p.OnChanged = options, changed
	p.ExtendBaseWidget(p)
	return p
}

// TypedKey takes Esc and Enter; other keys go to the drop-down.
func (p *pick) TypedKey(ev *fyne.KeyEvent) {
	if !p.typed(ev.Name) {
		p.Select.TypedKey(ev)
	}
}

// tick is a check box that, in a form's dialog, closes it on Esc and
// saves the form on Enter; Space ticks it.
type tick struct {
	widget.Check
	formKeys
}

func newTick(label string, changed func(bool)) *tick {
	t := &tick{}
	t.Text, t.OnChanged = label, changed
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey takes Esc and Enter; other keys go to the check box.
func (t *tick) TypedKey(ev *fyne.KeyEvent) {
	if !t.typed(ev.Name) {
		t.Check.TypedKey(ev)
	}
}
