package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// transferCard is the Settings section that takes every record out as CSV
// and brings tables and client lists in.
func (s *settingsScreen) transferCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	export := widget.NewButtonWithIcon(tr.S("transfer.export"), theme.DownloadIcon(), a.onExport)
	table := widget.NewButtonWithIcon(tr.S("transfer.import_table"), theme.UploadIcon(), a.onImportTable)
	sheet := widget.NewButtonWithIcon(tr.S("sheet.open"), theme.UploadIcon(), a.onImportSheet)
	return widget.NewCard(tr.S("settings.transfer"), "",
		container.NewVBox(hintLabel(tr.S("settings.transfer.hint")), buttonRow(export), buttonRow(sheet, table)))
}

// pickFolder asks for a folder and hands its path on.
func (a *App) pickFolder(then func(dir string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			then(u.Path())
		}
	}, a.win)
	showFileDialog(d, fyne.NewSize(800, 560))
}

// pickFile asks for a file, offering only those ending in one of exts
// (all files when none), and hands its path on.
func (a *App) pickFile(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, a.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	showFileDialog(d, fyne.NewSize(800, 560))
}

// pickCSV asks for a CSV file and hands its path on.
func (a *App) pickCSV(then func(path string)) {
	a.pickFile([]string{".csv", ".CSV", ".txt", ".TXT"}, then)
}

// onExport writes every table into a new dated folder inside the folder
// chosen, so nothing already there is touched.
func (a *App) onExport() { a.pickFolder(a.exportInto) }

func (a *App) exportInto(parent string) {
	dir := filepath.Join(parent, "studiopartner-export-"+a.store.Now().Format("2006-01-02-1504"))
	var files []string
	a.runLong(a.tr.S("transfer.export"), true, func(p sqlstore.Progress) error {
		var err error
		files, err = exchange.Export(a.ctx, a.store, dir, p)
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		a.showMessage(a.tr.S("transfer.export"), a.tr.S("cli.export.done", "Tables", len(files), "Path", dir))
	})
}

// onImportTable reads one table in the export format, after asking which.
func (a *App) onImportTable() {
	tr := a.tr
	kinds := newChoice(tr, "csv.table", sqlstore.ImportKinds(), nil)
	kinds.set("clients")
	hint := widget.NewLabel(tr.S("transfer.import_table.hint"))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(hint, kinds.object())
	dlg := a.newFormDialog(tr.S("transfer.import_table"), tr.S("transfer.choose_file"), content, func() bool {
		kind := kinds.value()
		a.pickCSV(func(path string) { a.importTable(kind, path) })
		return true
	})
	dlg.show(fyne.NewSize(520, 260), nil)
}

func (a *App) importTable(kind, path string) {
	var n int
	a.runLong(a.tr.S("transfer.import_table"), true, func(p sqlstore.Progress) error {
		f, err := os.Open(path)
		if err != nil {
			return data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
		}
		defer f.Close()
		st, _ := f.Stat()
		n, err = exchange.Import(a.ctx, a.store, kind, f, st.Size(), p)
		return err
	}, func(err error) {
		if err != nil {
			a.showProblems(err)
			return
		}
		a.dataChanged()
		a.reloadPage()
		a.showMessage(a.tr.S("transfer.import_table"), a.tr.N("cli.import.done", n, "Kind", kind))
	})
}

// showProblems lists every problem of a refused import, or shows the error.
func (a *App) showProblems(err error) {
	e := data.AsError(err)
	if e == nil || e.Key != "import.failed" {
		a.showError(err)
		return
	}
	count, _ := e.Args["Count"].(int)
	lines := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		lines[i] = a.tr.Field(f)
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(a.tr.N("import.failed", count), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d := a.openDialog(a.tr.S("error.title"), container.NewBorder(head, nil, nil, nil, vscroll(text)),
		fyne.NewSize(760, 480))
	ok := newButton(a.tr.S("action.ok"), d.Hide)
	ok.Importance = widget.HighImportance
	a.setButtons(d, ok)
	d.Show()
}

// onImportSheet reads a client list from a spreadsheet and opens its
// preview; nothing is stored before the user confirms there.
func (a *App) onImportSheet() { a.pickCSV(a.previewSheet) }

func (a *App) previewSheet(path string) {
	var sh *exchange.Sheet
	var plan sqlstore.SheetPlan
	a.runLong(a.tr.S("sheet.title"), false, func(sqlstore.Progress) error {
		f, err := os.Open(path)
		if err != nil {
			return data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
		}
		defer f.Close()
		if sh, err = exchange.ReadSheet(f); err != nil {
			return err
		}
		plan, err = exchange.PlanSheet(a.ctx, a.store, sh, exchange.GuessMapping(sh.Header))
		if data.AsError(err) != nil && data.AsError(err).Key == "sheet.no_name" {
			err = nil // the preview lets the user map the name
		}
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		newSheetPreview(a, filepath.Base(path), sh, plan).show()
	})
}

// sheetPreview shows what importing a sheet would do: how its columns map
// to client fields, and line by line the client, its problems and likely
// duplicates. Changing the mapping plans again.
type sheetPreview struct {
	a          *App
	name       string
	sheet      *exchange.Sheet
	plan       sqlstore.SheetPlan
	mapping    []*choice[string]
	summary    *widget.Label
	planError  *widget.Label
	duplicates *widget.Check
	table      *listTable
	importBtn  *button
	d          *dialog.CustomDialog
	order      []int // rows of the plan in the order shown: problems, duplicates, then the rest
}

// sheetIgnore is the mapping choice that leaves a column out.
const sheetIgnore = "ignore"

func newSheetPreview(a *App, name string, sh *exchange.Sheet, plan sqlstore.SheetPlan) *sheetPreview {
	p := &sheetPreview{a: a, name: name, sheet: sh, plan: plan}
	a.lastPreview = p
	return p
}

func (p *sheetPreview) show() {
	a, tr := p.a, p.a.tr
	fields := append([]string{sheetIgnore}, exchange.SheetFields...)
	guess := exchange.GuessMapping(p.sheet.Header)
	mapRow := container.NewHBox()
	for i, h := range p.sheet.Header {
		c := newChoice(tr, "sheet.field", fields, func(string) { p.replan() })
		if guess[i] != "" {
			c.set(guess[i])
		} else {
			c.set(sheetIgnore)
		}
		p.mapping = append(p.mapping, c)
		head := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		mapRow.Add(container.NewGridWrap(fyne.NewSize(170, 80), container.NewVBox(head, c.object())))
	}
	sep := map[rune]string{';': ";", ',': ",", '\t': "Tab"}[p.sheet.Sep]
	info := widget.NewLabel(tr.S("sheet.info", "File", p.name, "Encoding", p.sheet.Encoding, "Sep", sep,
		"Lines", len(p.sheet.Rows)))
	p.summary = widget.NewLabel("")
	p.planError = widget.NewLabel("")
	p.planError.Importance = widget.DangerImportance
	p.duplicates = widget.NewCheck(tr.S("sheet.with_duplicates"), func(bool) { p.refresh() })
	cols := []column{{"sheet.col.line", 60, true}, {"sheet.col.name", 200, false}, {"sheet.col.email", 200, false},
		{"sheet.col.birth", 100, false}, {"sheet.col.result", 420, false}}
	p.table = newTable(tr, cols, func() int { return len(p.order) }, p.cell, func(int) {})
	top := container.NewVBox(info, widget.NewLabel(tr.S("sheet.mapping")), container.NewHScroll(mapRow),
		p.planError, p.summary, p.duplicates)
	p.d = a.openDialog(tr.S("sheet.title"), container.NewBorder(top, nil, nil, nil, p.table), fyne.NewSize(1080, 700))
	cancel := newButton(tr.S("action.cancel"), p.d.Hide)
	p.importBtn = newButton("", p.onImport)
	p.importBtn.Importance = widget.HighImportance
	a.setButtons(p.d, cancel, p.importBtn)
	p.refresh()
	p.d.Show()
}

// chosen is the mapping as the drop-downs stand.
func (p *sheetPreview) chosen() []string {
	m := make([]string, len(p.mapping))
	for i, c := range p.mapping {
		if v := c.value(); v != sheetIgnore {
			m[i] = v
		}
	}
	return m
}

// replan plans the sheet again for a changed mapping, off the UI goroutine.
func (p *sheetPreview) replan() {
	if p.importBtn == nil {
		return // still being built
	}
	mapping := p.chosen()
	p.a.background(func() func() {
		plan, err := exchange.PlanSheet(p.a.ctx, p.a.store, p.sheet, mapping)
		return func() {
			p.planError.SetText("")
			if err != nil {
				p.planError.SetText(p.a.tr.Err(err))
				plan = sqlstore.SheetPlan{}
			}
			p.plan = plan
			p.refresh()
		}
	})
}

// refresh shows the current plan: the order of lines, the counts and what
// the import button would store.
func (p *sheetPreview) refresh() {
	tr := p.a.tr
	p.order = p.plan.Ordered()
	p.summary.SetText(tr.S("sheet.summary", "Ready", p.plan.Ready, "Duplicates", p.plan.Duplicates, "Faulty", p.plan.Faulty))
	n := p.plan.Ready
	if p.duplicates.Checked {
		n += p.plan.Duplicates
	}
	p.importBtn.SetText(tr.N("sheet.import", n))
	if n == 0 {
		p.importBtn.Disable()
	} else {
		p.importBtn.Enable()
	}
	p.table.Refresh()
}

func (p *sheetPreview) cell(row, col int) (string, widget.Importance) {
	tr := p.a.tr
	r := p.plan.Rows[p.order[row]]
	switch col {
	case 0:
		return fmt.Sprint(r.Line), widget.MediumImportance
	case 1:
		return r.Client.Name, widget.MediumImportance
	case 2:
		return r.Client.Email, widget.MediumImportance
	case 3:
		if r.Client.BirthDate.IsZero() {
			return "", widget.MediumImportance
		}
		return tr.Date(r.Client.BirthDate), widget.MediumImportance
	}
	importance := map[sqlstore.SheetOutcome]widget.Importance{sqlstore.SheetFaultyLine: widget.DangerImportance,
		sqlstore.SheetLikelyDuplicate: widget.WarningImportance, sqlstore.SheetReadyLine: widget.SuccessImportance}
	return tr.SheetResult(r), importance[r.Outcome()]
}

// onImport stores the sound lines and closes the preview.
func (p *sheetPreview) onImport() {
	a := p.a
	plan, dup := p.plan, p.duplicates.Checked
	p.d.Hide()
	var n int
	start := time.Now()
	a.runLong(a.tr.S("sheet.title"), true, func(pr sqlstore.Progress) error {
		var err error
		n, err = a.store.ImportPlanned(a.ctx, plan, dup, pr)
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		a.dataChanged()
		a.reloadPage()
		a.showMessage(a.tr.S("sheet.title"), a.tr.N("sheet.done", n, "Seconds", a.tr.Decimal(time.Since(start).Seconds(), 1)))
	})
}
