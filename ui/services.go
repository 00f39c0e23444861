package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// servicesScreen is the studio's catalogue: what it offers, at what price
// and on which terms.
type servicesScreen struct {
	a        *App
	content  fyne.CanvasObject
	table    *listTable
	services []data.Service
	selected int
	edit     *widget.Button
	retire   *widget.Button
}

var serviceColumns = []column{
	{"service.field.name", 250, false}, {"service.field.kind", 130, false}, {"service.field.price", 100, true},
	{"service.field.billing", 120, false}, {"service.col.min_term", 140, true}, {"service.field.notice", 140, false},
	{"service.field.state", 170, false},
}

func newServicesScreen(a *App) *servicesScreen {
	s := &servicesScreen{a: a, selected: -1}
	s.table = newTable(a.tr, serviceColumns, func() int { return len(s.services) }, s.cell, s.onOpen).keep(2)
	s.table.OnSelected = func(id widget.TableCellID) { // the row stays marked: Edit and Retire act on it
		s.selected = id.Row
		s.updateButtons()
	}
	s.table.onMoved = func(row int) { // the row the keyboard reached is the one Edit and Retire act on
		s.selected = row
		s.updateButtons()
	}
	add := widget.NewButtonWithIcon(a.tr.S("service.new"), theme.ContentAddIcon(), s.onNew)
	add.Importance = widget.HighImportance
	s.edit = widget.NewButtonWithIcon(a.tr.S("service.edit"), theme.DocumentCreateIcon(), s.onEdit)
	s.retire = widget.NewButton(a.tr.S("service.retire"), s.onRetire)
	title := widget.NewLabelWithStyle(a.tr.S("nav.services"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.content = container.NewBorder(container.NewBorder(nil, nil, title, container.NewHBox(s.edit, s.retire, add)), nil, nil, nil, s.table.orEmpty(a.tr.S("services.empty")))
	return s
}

func (s *servicesScreen) cell(row, col int) (string, widget.Importance) {
	tr := s.a.tr
	sv := s.services[row]
	imp := widget.MediumImportance
	if !sv.Active {
		imp = widget.LowImportance
	}
	switch col {
	case 0:
		return sv.Name, imp
	case 1:
		return tr.Enum("service.kind", sv.Kind), imp
	case 2:
		return tr.Money(sv.Price), imp
	case 3:
		return tr.Enum("billing", sv.Billing), imp
	case 4:
		return tr.N("months", sv.MinTermMonths), imp
	case 5:
		return noticeText(tr, sv.Notice), imp
	}
	if sv.Active {
		return tr.S("service.state.active"), imp
	}
	return tr.S("service.state.retired"), imp
}

func (s *servicesScreen) reload() {
	list, err := s.a.store.Services(s.a.ctx, true)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.services = list
	s.selected = -1
	s.table.reset()
	s.updateButtons()
}

// onOpen edits the service Enter was pressed on.
func (s *servicesScreen) onOpen(row int) {
	s.selected = row
	s.updateButtons()
	s.onEdit()
}

func (s *servicesScreen) updateButtons() {
	if s.selected < 0 || s.selected >= len(s.services) {
		s.edit.Disable()
		s.retire.Disable()
		return
	}
	s.edit.Enable()
	s.retire.Enable()
	if s.services[s.selected].Active {
		s.retire.SetText(s.a.tr.S("service.retire"))
	} else {
		s.retire.SetText(s.a.tr.S("service.reactivate"))
	}
}

func (s *servicesScreen) onNew() {
	s.a.openServiceForm(newService(), s.reload)
}

func (s *servicesScreen) onEdit() {
	if s.selected >= 0 && s.selected < len(s.services) {
		s.a.openServiceForm(s.services[s.selected], s.reload)
	}
}

// onRetire takes a service out of the catalogue (or back in); its
// contracts stay as they are.
func (s *servicesScreen) onRetire() {
	if s.selected < 0 || s.selected >= len(s.services) {
		return
	}
	orig := s.services[s.selected]
	sv := orig
	sv.Active = !sv.Active
	if _, err := s.a.store.SaveServiceOver(s.a.ctx, orig, sv); err != nil {
		s.a.showError(err)
	}
	s.reload()
}

// serviceForm holds the fields of one catalogue entry.
type serviceForm struct {
	fm                           *form
	name, desc, price            *entry
	nameEN, descEN               *entry
	minTerm, notice, renewMonths *entry
	sessions, validMonths        *entry
	sessionPrice                 *entry
	kind                         *choice[data.ServiceKind]
	billing                      *choice[data.Billing]
	unit                         *choice[data.NoticeUnit]
	renewal                      *choice[data.Renewal]
	active                       *tick
}

// newService is what a new catalogue entry starts with: a monthly course
// that runs on with a month's notice.
func newService() data.Service {
	return data.Service{Kind: data.KindCourse, Active: true, Terms: data.Terms{
		Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly,
	}}
}

// openServiceForm shows the form for one catalogue entry.
func (a *App) openServiceForm(sv data.Service, onSave func()) *formDialog {
	tr := a.tr
	f := a.newServiceForm(sv)
	var dlg *formDialog
	onOK := func() bool {
		out, problems := f.read(sv)
		if len(problems) > 0 {
			f.fm.showProblems(out.Validate(), problems)
			return false
		}
		if err := out.Validate(); err != nil {
			f.fm.show(err)
			return false
		}
		if !dlg.plausible(out.Price, priceLimit) {
			return false
		}
		if _, err := a.store.SaveServiceOver(a.ctx, sv, out); err != nil {
			f.fm.show(err)
			a.offerReload(err, func() {
				dlg.d.Hide()
				if fresh, err := a.store.Service(a.ctx, sv.ID); err == nil {
					a.openServiceForm(fresh, onSave)
				}
			})
			return false
		}
		onSave()
		return true
	}
	title := tr.S("service.form.new")
	if sv.ID != 0 {
		title = tr.S("service.form.edit")
	}
	dlg = a.newFormDialog(title, tr.S("action.save"), f.fm.content(), onOK)
	dlg.show(fyne.NewSize(600, 600), f.name)
	return dlg
}

// newServiceForm lays out the fields, filled from sv.
func (a *App) newServiceForm(sv data.Service) *serviceForm {
	tr := a.tr
	f := &serviceForm{fm: newForm(tr),
		name: a.keys.newEntry(), desc: a.keys.newMultiEntry(2), price: a.keys.newAmountEntry(),
		nameEN: a.keys.newEntry(), descEN: a.keys.newMultiEntry(2),
		minTerm: a.keys.newEntry(), notice: a.keys.newEntry(), renewMonths: a.keys.newEntry(),
		sessions: a.keys.newEntry(), validMonths: a.keys.newEntry(), sessionPrice: a.keys.newAmountEntry(),
		billing: newChoice(tr, "billing", data.Billings, nil),
		unit:    newChoice(tr, "notice.unit", data.NoticeUnits, nil),
		renewal: newChoice(tr, "renewal", data.Renewals, nil),
		active:  newTick(tr.S("service.field.active"), nil),
	}
	f.kind = newChoice(tr, "service.kind", data.ServiceKinds, f.cardFields)
	f.name.SetText(sv.Name)
	f.desc.SetText(sv.Description)
	f.nameEN.SetText(sv.NameEN)
	f.descEN.SetText(sv.DescriptionEN)
	f.nameEN.SetPlaceHolder(tr.S("service.field.name_en.hint"))
	f.price.SetText(sv.Price.Plain(tr.Lang()))
	f.minTerm.SetText(strconv.Itoa(sv.MinTermMonths))
	f.notice.SetText(strconv.Itoa(sv.Notice.N))
	if sv.RenewalMonths > 0 {
		f.renewMonths.SetText(strconv.Itoa(sv.RenewalMonths))
	}
	if sv.Sessions > 0 {
		f.sessions.SetText(strconv.Itoa(sv.Sessions))
		f.validMonths.SetText(strconv.Itoa(sv.ValidMonths))
	}
	if sv.SessionPrice > 0 {
		f.sessionPrice.SetText(sv.SessionPrice.Plain(tr.Lang()))
	}
	f.sessionPrice.SetPlaceHolder(tr.S("service.field.session_price.hint"))
	f.kind.set(sv.Kind)
	f.cardFields(sv.Kind)
	f.billing.set(sv.Billing)
	f.unit.set(sv.Notice.Unit)
	f.renewal.set(sv.Renewal)
	f.active.SetChecked(sv.Active)
	fm := f.fm
	fm.add(tr.S("service.field.name"), "name", f.name)
	fm.add(tr.S("service.field.kind"), "kind", f.kind)
	fm.add(tr.S("service.field.description"), "description", f.desc)
	fm.add(tr.S("service.field.price"), "price", f.price)
	fm.add(tr.S("service.field.card"), "sessions", container.NewGridWithColumns(4,
		hintLabel(tr.S("service.field.sessions")), f.sessions, hintLabel(tr.S("service.field.valid_months")), f.validMonths))
	fm.add(tr.S("service.field.session_price"), "session_price", f.sessionPrice)
	fm.add(tr.S("service.field.billing"), "billing", f.billing)
	fm.add(tr.S("service.field.min_term"), "min_term", f.minTerm)
	fm.add(tr.S("service.field.notice"), "notice", container.NewGridWithColumns(2, f.notice, f.unit.pick))
	fm.add(tr.S("contract.field.renewal"), "renewal", f.renewal)
	fm.add(tr.S("contract.field.renewal_months"), "renewal_months", f.renewMonths)
	fm.add(tr.S("service.field.name_en"), "name_en", f.nameEN)
	fm.add(tr.S("service.field.description_en"), "description_en", f.descEN)
	fm.add("", "active", f.active)
	return f
}

// cardFields lets the sessions and validity be typed only for a card.
func (f *serviceForm) cardFields(k data.ServiceKind) {
	for _, e := range []*entry{f.sessions, f.validMonths} {
		if k == data.KindCard {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}

// read is the entry as the fields stand; prices that cannot be read come
// back as problems by field.
func (f *serviceForm) read(sv data.Service) (data.Service, map[string]string) {
	out := sv
	problems := map[string]string{}
	out.Sessions, out.ValidMonths = intField(f.sessions.Text), intField(f.validMonths.Text)
	out.SessionPrice = 0
	if strings.TrimSpace(f.sessionPrice.Text) != "" {
		p, err := moneyField(f.fm.tr, f.sessionPrice.Text)
		if err != nil {
			problems["session_price"] = f.fm.tr.Err(err)
		}
		out.SessionPrice = p
	}
	out.Name, out.Description, out.Kind, out.Active = f.name.Text, f.desc.Text, f.kind.value(), f.active.Checked
	out.NameEN, out.DescriptionEN = f.nameEN.Text, f.descEN.Text
	out.Billing, out.MinTermMonths = f.billing.value(), intField(f.minTerm.Text)
	out.Notice = data.Notice{N: intField(f.notice.Text), Unit: f.unit.value()}
	out.Renewal, out.RenewalMonths = f.renewal.value(), 0
	if out.Renewal == data.RenewFixed {
		out.RenewalMonths = intField(f.renewMonths.Text)
	}
	p, err := moneyField(f.fm.tr, f.price.Text)
	if err != nil {
		problems["price"] = f.fm.tr.Err(err)
	}
	out.Price = p
	return out, problems
}

func (s *servicesScreen) view() fyne.CanvasObject { return s.content }

// rows is the list the keyboard steers when the screen opens.
func (s *servicesScreen) listTable() *listTable { return s.table }
