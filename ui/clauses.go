package ui

import (
	"bytes"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/reports"
)

// clausesScreen is where the owner edits the agreement's wording, section
// by section and per language, and sees the printed page before saving a
// new version. Old versions stay; agreements printed with them keep them.
type clausesScreen struct {
	a       *App
	content fyne.CanvasObject
	lang    *choice[string]
	version *widget.Label
	form    *form
	titles  map[string]*entry
	bodies  map[string]*entry
	preview *fyne.Container
	saved   *widget.Label
	current data.ClauseSet
}

func newClausesScreen(a *App) *clausesScreen {
	tr := a.tr
	s := &clausesScreen{a: a, form: newForm(tr), titles: map[string]*entry{}, bodies: map[string]*entry{},
		version: widget.NewLabel(""), saved: widget.NewLabel("")}
	s.saved.Importance = widget.SuccessImportance
	s.lang = newChoice(tr, "lang", data.Languages, func(string) { s.reload() })
	sections := container.NewVBox()
	for _, key := range reports.SectionKeys {
		t, b := a.keys.newEntry(), a.keys.newMultiEntry(5)
		s.titles[key], s.bodies[key] = t, b
		head := widget.NewLabelWithStyle(tr.S("clauses.section."+key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		sections.Add(head)
		sections.Add(t)
		sections.Add(b)
		msg := widget.NewLabel("")
		msg.Importance = widget.DangerImportance
		msg.Hide()
		s.form.errs[key] = msg
		sections.Add(msg)
	}
	previewBtn := widget.NewButtonWithIcon(tr.S("clauses.preview"), theme.VisibilityIcon(), s.onPreview)
	save := widget.NewButtonWithIcon(tr.S("clauses.save"), theme.DocumentSaveIcon(), s.onSave)
	save.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(tr.S("nav.clauses"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	hint := widget.NewLabel(tr.S("clauses.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	top := container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(s.lang.pick)), s.version, hint, s.form.general)
	editor := container.NewBorder(top, buttonRow(s.saved, previewBtn, save), nil, nil, vscroll(sections))
	previewHint := widget.NewLabel(tr.S("clauses.preview.hint"))
	previewHint.Wrapping = fyne.TextWrapWord
	previewHint.Alignment = fyne.TextAlignCenter
	s.preview = container.NewStack(container.NewVBox(layout.NewSpacer(), previewHint, layout.NewSpacer()))
	split := container.NewHSplit(editor, s.preview)
	split.Offset = 0.55
	s.content = split
	s.lang.set(tr.Lang())
	return s
}

func (s *clausesScreen) view() fyne.CanvasObject { return s.content }

// reload shows the newest wording of the chosen language: the owner's, or
// the default until they save one.
func (s *clausesScreen) reload() {
	if s.titles == nil || s.lang == nil {
		return
	}
	tr := s.a.tr
	lang := s.lang.value()
	if lang == "" {
		return
	}
	cs, ok, err := s.a.store.CurrentClauses(s.a.ctx, lang)
	if err != nil {
		s.form.show(err)
		return
	}
	if !ok {
		cs = reports.DefaultClauses(lang)
		s.version.SetText(tr.S("clauses.version.default"))
	} else {
		s.version.SetText(tr.S("clauses.version", "Version", cs.Version, "Date", data.DateOf(parseStamp(cs.CreatedAt))))
	}
	s.current = cs
	for _, sec := range cs.Sections {
		if t, ok := s.titles[sec.Key]; ok {
			t.SetText(sec.Title)
			s.bodies[sec.Key].SetText(sec.Body)
		}
	}
	s.form.clear()
	s.saved.SetText("")
}

// edited returns the wording as typed.
func (s *clausesScreen) edited() data.ClauseSet {
	cs := data.ClauseSet{Language: s.lang.value(), Version: s.current.Version}
	for _, key := range reports.SectionKeys {
		cs.Sections = append(cs.Sections, data.Section{Key: key, Title: s.titles[key].Text, Body: s.bodies[key].Text})
	}
	return cs
}

// onPreview renders the first page of a sample agreement with the wording
// as typed.
func (s *clausesScreen) onPreview() {
	studio, err := s.a.store.Studio(s.a.ctx)
	if err != nil {
		s.a.showError(err)
		return
	}
	var buf bytes.Buffer
	if _, err := reports.Agreement(&buf, reports.SampleAgreement(studio, s.edited(), s.a.store.Today())); err != nil {
		s.a.showError(err)
		return
	}
	png, err := reports.PagePNG(buf.Bytes(), 1, 80)
	if err != nil {
		s.a.showError(err)
		return
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource("preview.png", png))
	img.FillMode = canvas.ImageFillContain
	s.preview.Objects = []fyne.CanvasObject{img}
	s.preview.Refresh()
}

// onSave stores the wording as a new version.
func (s *clausesScreen) onSave() {
	s.form.clear()
	cs, err := s.a.store.SaveClauses(s.a.ctx, s.edited())
	if err != nil {
		s.form.show(err)
		s.a.offerReload(err, s.reload)
		return
	}
	s.reload()
	s.saved.SetText(s.a.tr.S("clauses.saved", "Version", cs.Version))
}
