package ui

import (
	"bytes"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/exchange"
)

// previewRows is how many debits and charges left out a preview lists;
// the counts and sums always cover all of them.
const previewRows = 200

// debitScreen is the owner's screen of direct debits: the collection
// runs, each cancellable until it is booked and its file saved again, a
// new run with its preview, and the clients whose contracts are paid by
// direct debit without a mandate in force.
type debitScreen struct {
	a       *App
	content fyne.CanvasObject
	body    *fyne.Container
}

func newDebitScreen(a *App) *debitScreen {
	tr := a.tr
	s := &debitScreen{a: a, body: container.NewVBox()}
	title := widget.NewLabelWithStyle(tr.S("nav.debit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	newRun := widget.NewButtonWithIcon(tr.S("debit.run.new"), theme.ContentAddIcon(), s.onNewRun)
	newRun.Importance = widget.HighImportance
	returns := widget.NewButtonWithIcon(tr.S("debit.returns.read"), theme.DownloadIcon(), func() {
		a.pickFile([]string{".xml"}, s.readReturns)
	})
	top := container.NewBorder(nil, nil, title, container.NewHBox(returns, newRun))
	s.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, vscroll(container.NewPadded(s.body)))
	s.reload()
	return s
}

func (s *debitScreen) view() fyne.CanvasObject { return s.content }

// reload books the runs whose day has come and shows the runs and the
// clients without a mandate.
func (s *debitScreen) reload() {
	a, tr := s.a, s.a.tr
	s.body.Objects = nil
	bold := fyne.TextStyle{Bold: true}
	if _, err := a.store.BookDueRuns(a.ctx); err != nil {
		s.body.Add(hintLabel(tr.Err(err)))
	}
	cr, err := a.store.Creditor(a.ctx)
	if err == nil && !cr.Ready() {
		warn := hintLabel(tr.S("debit.no_creditor"))
		warn.Importance = widget.WarningImportance
		s.body.Add(warn)
	}
	s.body.Add(widget.NewLabelWithStyle(tr.S("debit.runs"), fyne.TextAlignLeading, bold))
	runs, err := a.store.DebitRuns(a.ctx)
	if err != nil {
		s.body.Add(hintLabel(tr.Err(err)))
	}
	if len(runs) == 0 {
		s.body.Add(hintLabel(tr.S("debit.runs.none")))
	}
	for _, r := range runs {
		s.body.Add(s.runRow(r))
	}
	s.body.Add(widget.NewSeparator())
	s.body.Add(widget.NewLabelWithStyle(tr.S("debit.without_mandate"), fyne.TextAlignLeading, bold))
	flags, err := a.store.Flags(a.ctx)
	var rows [][]string
	for _, f := range flags {
		if f.Kind == data.FlagNoMandate {
			rows = append(rows, []string{f.ClientName, tr.S("flag.reason.no_mandate", "Since", f.Since)})
		}
	}
	switch {
	case err != nil:
		s.body.Add(hintLabel(tr.Err(err)))
	case len(rows) == 0:
		s.body.Add(hintLabel(tr.S("debit.without_mandate.none")))
	default:
		s.body.Add(grid([]string{tr.S("debit.col.client"), tr.S("debit.col.why")}, rows))
	}
	s.body.Refresh()
}

// runRow is one run: what it collects and when, its state, and what can
// be done with it.
func (s *debitScreen) runRow(r data.DebitRun) fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	text := tr.S("debit.run.line", "ID", r.ID, "Message", r.MessageID, "Date", tr.Date(r.CollectOn), "Count", r.Count,
		"Total", tr.Money(r.Total), "Status", tr.Enum("debit.status", r.Status))
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(widget.NewButton(tr.S("debit.run.save"), func() { s.saveAgain(r) }))
	if r.Status == data.RunPrepared {
		r := r
		buttons.Add(widget.NewButton(tr.S("debit.run.cancel"), func() {
			q := a.newFormDialog(tr.S("debit.run.cancel"), tr.S("debit.run.cancel"),
				hintLabel(tr.S("debit.run.cancel.ask", "ID", r.ID, "Date", tr.Date(r.CollectOn))), func() bool {
					if _, err := a.store.CancelDebitRun(a.ctx, r.ID); err != nil {
						a.showError(err)
						return false
					}
					s.reload()
					return true
				})
			q.safe = true // a run the bank may have: Enter never takes it back unseen
			q.show(fyne.NewSize(480, 220), nil)
		}))
	} else {
		l.Importance = widget.LowImportance
	}
	return container.NewBorder(nil, nil, nil, buttons, l)
}

// saveAgain saves a run's file as it was written, for the bank.
func (s *debitScreen) saveAgain(r data.DebitRun) {
	a := s.a
	a.saveDocument(r.MessageID+".xml", ".xml", func(out *disk.StagedFile) ([]rune, error) {
		b, err := a.store.DebitRunFile(a.ctx, r.ID)
		if err == nil {
			_, err = out.Write(b)
		}
		return nil, err
	}, nil)
}

// onNewRun asks up to which due date and on which day to collect, shows
// the run it would make, and makes it with its file on confirmation.
func (s *debitScreen) onNewRun() {
	a, tr := s.a, s.a.tr
	until, on := a.keys.newEntry(), a.keys.newEntry()
	until.SetPlaceHolder(tr.S("debit.until.placeholder"))
	on.SetPlaceHolder(tr.S("debit.collect.placeholder"))
	fm := newForm(tr)
	fm.add(tr.S("debit.field.until"), "until", until)
	fm.add(tr.S("debit.field.collect_on"), "collect_on", on)
	preview := container.NewVBox()
	var plan data.DebitRun
	read := func() (data.Date, data.Date, bool) {
		fm.clear()
		u, errU := optionalDate(tr, until.Text)
		c, errC := optionalDate(tr, on.Text)
		if errU != nil {
			fm.setError("until", tr.Err(errU))
		}
		if errC != nil {
			fm.setError("collect_on", tr.Err(errC))
		}
		return u, c, errU == nil && errC == nil
	}
	show := func() {
		u, c, ok := read()
		if !ok {
			return
		}
		p, err := a.store.PlanDebits(a.ctx, u, c)
		preview.Objects = nil
		if err != nil {
			fm.show(err)
			preview.Refresh()
			return
		}
		plan = p
		preview.Add(s.previewOf(p))
		preview.Refresh()
	}
	until.OnSubmitted = func(string) { show() }
	on.OnSubmitted = func(string) { show() }
	look := widget.NewButton(tr.S("debit.preview"), show)
	content := container.NewVBox(hintLabel(tr.S("debit.run.hint")), fm.content(), buttonRow(look), preview)
	fd := a.newFormDialog(tr.S("debit.run.new"), tr.S("debit.run.make"), content, func() bool {
		u, c, ok := read()
		if !ok {
			return false
		}
		show()
		if plan.Count == 0 {
			return false // the preview says why there is nothing
		}
		s.makeRun(u, c)
		return true
	})
	fd.show(fyne.NewSize(860, 640), until)
	show()
}

// optionalDate reads a date that may be left empty.
func optionalDate(tr interface{ Lang() string }, text string) (data.Date, error) {
	if text == "" {
		return data.Date{}, nil
	}
	return data.ParseLocalDate(text, tr.Lang())
}

// previewOf shows a planned run: its sum, its debits and the charges it
// leaves out with why.
func (s *debitScreen) previewOf(p data.DebitRun) fyne.CanvasObject {
	tr := s.a.tr
	box := container.NewVBox(widget.NewLabelWithStyle(tr.S("cli.sepa.preview", "Count", p.Count, "Total", tr.Money(p.Total),
		"Date", tr.Date(p.CollectOn), "Left", len(p.LeftOut)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	var debits [][]string
	for i, d := range p.Debits {
		if i == previewRows {
			break
		}
		debits = append(debits, []string{d.ClientName, d.Holder, tr.Money(d.Amount), d.Reference, tr.Enum("debit.sequence", d.Sequence)})
	}
	if len(debits) > 0 {
		box.Add(grid([]string{tr.S("debit.col.client"), tr.S("debit.col.holder"), tr.S("debit.col.amount"),
			tr.S("debit.col.mandate"), tr.S("debit.col.sequence")}, debits, 2))
	}
	if len(p.LeftOut) > 0 {
		// one line each: a reason takes the room it needs, not every row's
		box.Add(widget.NewLabelWithStyle(tr.S("debit.left_out"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for i, l := range p.LeftOut {
		if i == previewRows {
			break
		}
		line := widget.NewLabel(tr.S("debit.left.line", "Name", l.ClientName, "Amount", tr.Money(l.Amount), "Due", tr.Date(l.Due),
			"Why", tr.S("debit.left."+l.Reason)))
		line.Wrapping = fyne.TextWrapWord
		box.Add(line)
	}
	if more := max(len(p.Debits), len(p.LeftOut)) - previewRows; more > 0 {
		box.Add(hintLabel(tr.S("debit.preview.more", "Count", more)))
	}
	return box
}

// makeRun makes the run and saves its file where the owner says; the run
// is kept only with its file.
func (s *debitScreen) makeRun(until, on data.Date) {
	a := s.a
	studio, err := a.store.Studio(a.ctx)
	if err != nil {
		a.showError(err)
		return
	}
	name := fmt.Sprintf("%s_%s.xml", data.FileWord(a.tr.S("debit.file")), a.store.Today())
	a.saveDocument(name, ".xml", func(out *disk.StagedFile) ([]rune, error) {
		_, err := a.store.CreateDebitRun(a.ctx, until, on, studio.Name, func(r data.DebitRun, cr data.Creditor) ([]byte, error) {
			var buf bytes.Buffer
			if err := exchange.WritePain008(&buf, r, cr, studio.Name, a.store.Now()); err != nil {
				return nil, err
			}
			_, err := out.Write(buf.Bytes())
			return buf.Bytes(), err
		})
		return nil, err
	}, s.reload)
}

// readReturns takes back the debits the bank's file says it returned and
// says what it did: each return with the bank's reason, and the entries no
// debit of the studio has.
func (s *debitScreen) readReturns(path string) {
	a, tr := s.a, s.a.tr
	f, err := os.Open(path)
	if err != nil {
		a.showError(data.Errorf(data.CodeInvalid, "restore.unreadable", map[string]any{"Path": path}))
		return
	}
	defer f.Close()
	iban, returns, err := exchange.ReadReturns(f)
	if err != nil {
		a.showError(err)
		return
	}
	res, err := a.store.ApplyReturns(a.ctx, iban, returns)
	if err != nil {
		a.showError(err)
		return
	}
	text := tr.S("cli.sepa.returns", "Applied", len(res.Applied), "Already", res.Already, "Unmatched", len(res.Unmatched),
		"Revoked", res.Revoked)
	for _, r := range res.Applied {
		text += "\n" + tr.S("debit.returned.line", "ID", r.EndToEnd, "Amount", tr.Money(r.Amount), "Reason", tr.ReturnReason(r.Reason))
	}
	for _, r := range res.Unmatched {
		text += "\n" + tr.S("debit.unmatched.line", "ID", r.EndToEnd, "Amount", tr.Money(r.Amount))
	}
	a.dataChanged()
	s.reload()
	a.showMessage(tr.S("debit.returns.read"), text)
}
