package ui

import (
	"strconv"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// settingsScreen holds the studio's profile, the window's language, the
// staff list and facts about the database.
type settingsScreen struct {
	a       *App
	seen    atomic.Int64 // the newest settings change the screen was read at
	content fyne.CanvasObject
	form    *form
	saved   *widget.Label
	fields  map[string]*entry
	staff   []data.Staff
	list    *widget.List
	dbInfo  *widget.Label

	grace      *entry
	budget     *entry
	moneyForm  *form
	moneySaved *widget.Label

	demandDays, gwAmount, gwShare *entry
	gwMode                        *widget.RadioGroup
	flagForm                      *form
	flagSaved                     *widget.Label

	debit *debitSettings

	branch      *entry
	branchForm  *form
	branchSaved *widget.Label

	backupFolder  *entry
	backupList    *widget.Label
	loadSignIn    func() // shows the sign-in settings as stored
	loadRetention func() // shows the retention periods as stored
	loadVisits    func() // shows the visit rules as stored
	setup         *setupBanner
	sure          map[data.Money]bool // amounts the owner confirmed as typed
}

// studioFields are the profile's entries in reading order.
var studioFields = []string{"name", "address", "responsible", "phone", "email", "website", "tax_id", "bank_name", "iban", "bic", "logo"}

func newSettingsScreen(a *App) *settingsScreen {
	s := &settingsScreen{a: a, form: newForm(a.tr), fields: map[string]*entry{}}
	s.setup = newSetupBanner(a, false)
	cards := []fyne.CanvasObject{s.setup.box, s.languageCard(), s.studioCard(), s.moneyCard(), s.debitCard(), s.flagsCard(), s.visitsCard(), s.staffCard(),
		s.signInCard(), s.retentionCard(), s.backupCard(), s.transferCard(), s.branchCard(), s.databaseCard()}
	s.content = newScrollPane(container.NewPadded(container.NewVBox(cards...)))
	return s
}

// settingsCard is one card of the settings: its hint wraps with the
// window, so a narrow window cuts nothing off.
func settingsCard(title, hint string, content fyne.CanvasObject) *widget.Card {
	l := widget.NewLabel(hint)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return widget.NewCard(title, "", container.NewVBox(l, content))
}

// studioCard holds the studio's profile, printed on every document.
func (s *settingsScreen) studioCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	for _, name := range studioFields {
		e := a.keys.newEntry()
		if name == "address" {
			e = a.keys.newMultiEntry(3)
		}
		s.fields[name] = e
		var w fyne.CanvasObject = e
		if name == "logo" {
			pick := widget.NewButtonWithIcon(tr.S("icon.choose"), theme.FolderOpenIcon(), s.onPickLogo)
			w = container.NewBorder(nil, nil, nil, pick, e)
		}
		s.form.add(tr.S("studio.field."+name), name, w)
	}
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	save := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), s.onSaveStudio)
	save.Importance = widget.HighImportance
	return settingsCard(tr.S("settings.studio"), tr.S("settings.studio.hint"),
		container.NewVBox(s.form.content(), buttonRow(s.saved, save)))
}

// languageCard switches the window's language.
func (s *settingsScreen) languageCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	langs := newChoice(tr, "lang", []string{"de", "en"}, func(l string) {
		if l != a.tr.Lang() {
			a.SetLanguage(l)
		}
	})
	langs.set(tr.Lang())
	return settingsCard(tr.S("settings.language"), tr.S("settings.language.hint"), langs.pick)
}

// staffCard lists the staff; choosing one opens their form.
func (s *settingsScreen) staffCard() fyne.CanvasObject {
	tr := s.a.tr
	s.list = widget.NewList(func() int { return len(s.staff) }, s.createStaffRow, s.updateStaffRow)
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		if i < len(s.staff) {
			s.openStaffForm(s.staff[i])
		}
	}
	addStaff := widget.NewButtonWithIcon(tr.S("staff.new"), theme.ContentAddIcon(), func() {
		s.openStaffForm(data.Staff{Role: data.RoleFrontDesk, Active: true})
	})
	listBox := container.NewGridWrap(fyne.NewSize(520, 200), s.list)
	return settingsCard(tr.S("settings.staff"), tr.S("settings.staff.hint"), container.NewVBox(listBox, buttonRow(addStaff)))
}

// moneyCard holds the days of grace before a charge is overdue and the
// monthly goodwill budget.
func (s *settingsScreen) moneyCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	s.grace = a.keys.newEntry()
	s.moneyForm = newForm(tr)
	s.moneyForm.add(tr.S("settings.grace_days"), "grace_days", s.grace)
	s.budget = a.keys.newAmountEntry()
	s.budget.OnSubmitted = func(string) { s.onSaveMoney() }
	s.moneyForm.add(tr.S("settings.budget"), "budget", s.budget)
	s.moneySaved = widget.NewLabel("")
	s.moneySaved.Importance = widget.SuccessImportance
	saveMoney := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), s.onSaveMoney)
	s.grace.OnSubmitted = func(string) { s.onSaveMoney() }
	return settingsCard(tr.S("settings.money"), tr.S("settings.money.hint"),
		container.NewVBox(s.moneyForm.content(), buttonRow(s.moneySaved, saveMoney)))
}

// flagsCard holds when an open demand and heavy goodwill are flagged.
func (s *settingsScreen) flagsCard() fyne.CanvasObject {
	a, tr := s.a, s.a.tr
	s.demandDays, s.gwAmount, s.gwShare = a.keys.newEntry(), a.keys.newAmountEntry(), a.keys.newEntry()
	s.gwMode = widget.NewRadioGroup([]string{tr.S("settings.goodwill_mode.amount"), tr.S("settings.goodwill_mode.share")}, nil)
	s.flagForm = newForm(tr)
	s.flagForm.add(tr.S("settings.open_demand_days"), "open_demand_days", s.demandDays)
	s.flagForm.add(tr.S("settings.goodwill_mode"), "goodwill_mode", s.gwMode)
	s.flagForm.add(tr.S("settings.goodwill_amount"), "goodwill_amount", s.gwAmount)
	s.flagForm.add(tr.S("settings.goodwill_share"), "goodwill_share", s.gwShare)
	s.flagSaved = widget.NewLabel("")
	s.flagSaved.Importance = widget.SuccessImportance
	saveFlags := widget.NewButtonWithIcon(tr.S("action.save"), theme.DocumentSaveIcon(), s.onSaveFlags)
	return settingsCard(tr.S("settings.flags"), tr.S("settings.flags.hint"),
		container.NewVBox(s.flagForm.content(), buttonRow(s.flagSaved, saveFlags)))
}

// databaseCard says where the file is and checks it on request.
func (s *settingsScreen) databaseCard() fyne.CanvasObject {
	s.dbInfo = widget.NewLabel("")
	s.dbInfo.Wrapping = fyne.TextWrapWord
	check := widget.NewButton(s.a.tr.S("settings.db.check"), s.onCheck)
	connect := widget.NewButton(s.a.tr.S("connect.settings"), s.onConnection)
	return widget.NewCard(s.a.tr.S("settings.db"), "", container.NewVBox(s.dbInfo, buttonRow(check, connect), s.moveButtons()))
}

// st is the store for the screen's saves: one refused, saying who and
// when, if another counter changed the settings since the screen read
// them.
func (s *settingsScreen) st() *sqlstore.Store { return s.a.store.SettingsAsSeen(&s.seen) }

// changed tells of a save refused as changed meanwhile and offers to read
// the settings again; other errors go to show.
func (s *settingsScreen) changed(err error, show func(error)) {
	show(err)
	s.a.offerReload(err, s.reload)
}

func (s *settingsScreen) reload() {
	if mark, err := s.a.store.SettingsMark(s.a.ctx); err == nil {
		s.seen.Store(mark)
	}
	s.setup.refresh()
	p, err := s.a.store.Studio(s.a.ctx)
	if err != nil {
		s.a.showError(err)
		return
	}
	s.form.clear()
	s.saved.SetText("")
	values := map[string]string{"name": p.Name, "address": p.Address, "responsible": p.Responsible, "phone": p.Phone, "email": p.Email,
		"website": p.Website, "tax_id": p.TaxID, "bank_name": p.BankName, "iban": p.IBAN, "bic": p.BIC, "logo": p.LogoPath}
	for k, v := range values {
		s.fields[k].SetText(v)
	}
	grace, _ := s.a.store.GraceDays(s.a.ctx)
	s.grace.SetText(strconv.Itoa(grace))
	budget, _ := s.a.store.Budget(s.a.ctx)
	s.budget.SetText(budget.Plain(s.a.tr.Lang()))
	s.moneyForm.clear()
	s.moneySaved.SetText("")
	if rules, err := s.a.store.FlagRules(s.a.ctx); err == nil {
		s.demandDays.SetText(strconv.Itoa(rules.OpenDemandDays))
		s.gwAmount.SetText(rules.Amount.Plain(s.a.tr.Lang()))
		s.gwShare.SetText(strconv.Itoa(rules.SharePercent))
		s.gwMode.SetSelected(s.gwMode.Options[0])
		if rules.ByShare {
			s.gwMode.SetSelected(s.gwMode.Options[1])
		}
	}
	s.flagForm.clear()
	s.flagSaved.SetText("")
	s.staff, err = s.a.store.StaffList(s.a.ctx, true)
	if err != nil {
		s.a.showError(err)
	}
	s.list.Refresh()
	version := s.a.version
	if version == "" {
		version = "dev"
	}
	where := s.a.tr.S("settings.db.info", "Path", s.a.store.Path(), "Version", sqlstore.SchemaVersion())
	if s.a.store.OnServer() {
		where = s.a.tr.S("settings.db.server_info", "Server", s.a.currentConnection().addr.Shown(),
			"User", s.a.currentConnection().addr.User, "Version", sqlstore.SchemaVersion())
		if s.a.store.Unchecked() {
			where += "\n" + s.a.tr.S("status.server.unchecked")
		}
	}
	s.dbInfo.SetText(s.a.tr.S("settings.about", "Version", version) + "\n" + where)
	s.reloadBackups()
	s.loadSignIn()
	s.loadRetention()
	s.loadVisits()
	s.loadBranch()
	s.loadDebit()
}

func (s *settingsScreen) onSaveStudio() {
	f := s.fields
	p := data.Studio{Name: f["name"].Text, Address: f["address"].Text, Responsible: f["responsible"].Text, Phone: f["phone"].Text, Email: f["email"].Text,
		Website: f["website"].Text, TaxID: f["tax_id"].Text, BankName: f["bank_name"].Text, IBAN: f["iban"].Text,
		BIC: f["bic"].Text, LogoPath: f["logo"].Text}
	s.form.clear()
	if err := s.st().SaveStudio(s.a.ctx, p); err != nil {
		s.changed(err, s.form.show)
		s.saved.SetText("")
		return
	}
	s.saved.SetText(s.a.tr.S("settings.saved"))
}

func (s *settingsScreen) onSaveMoney() {
	s.moneyForm.clear()
	s.moneySaved.SetText("")
	budget, err := moneyField(s.a.tr, s.budget.Text)
	if err != nil {
		s.moneyForm.setError("budget", s.a.tr.Err(err))
		return
	}
	if !s.a.plausible(&s.sure, budget, budgetLimit, s.onSaveMoney) {
		return
	}
	st := s.st()
	if err := st.SetGraceDays(s.a.ctx, intField(s.grace.Text)); err != nil {
		s.changed(err, s.moneyForm.show)
		return
	}
	if err := st.SetBudget(s.a.ctx, budget); err != nil {
		s.changed(err, s.moneyForm.show)
		return
	}
	s.moneySaved.SetText(s.a.tr.S("settings.saved"))
}

// gwModeShare reports whether goodwill is measured as a share of payments.
func (s *settingsScreen) gwModeShare() bool { return s.gwMode.Selected == s.gwMode.Options[1] }

func (s *settingsScreen) onSaveFlags() {
	tr := s.a.tr
	s.flagForm.clear()
	s.flagSaved.SetText("")
	amount, err := moneyField(tr, s.gwAmount.Text)
	if err != nil {
		s.flagForm.setError("goodwill_amount", tr.Err(err))
		return
	}
	if !s.gwModeShare() && !s.a.plausible(&s.sure, amount, flagLimit, s.onSaveFlags) {
		return
	}
	rules, err := s.a.store.FlagRules(s.a.ctx) // the visit flags' days stay as they are
	if err != nil {
		s.a.showError(err)
		return
	}
	rules.OpenDemandDays, rules.ByShare = intField(s.demandDays.Text), s.gwModeShare()
	rules.Amount, rules.SharePercent = amount, intField(s.gwShare.Text)
	if err := s.st().SaveFlagRules(s.a.ctx, rules); err != nil {
		s.changed(err, s.flagForm.show)
		return
	}
	s.flagSaved.SetText(tr.S("settings.saved"))
	s.a.dataChanged()
}

func (s *settingsScreen) onPickLogo() {
	s.a.pickFile([]string{".png", ".PNG", ".jpg", ".JPG", ".jpeg", ".JPEG"}, s.fields["logo"].SetText)
}

func (s *settingsScreen) onCheck() {
	res, err := s.a.store.Check(s.a.ctx)
	if err != nil {
		s.a.showError(err)
		return
	}
	if res.OK {
		s.a.showMessage(s.a.tr.S("settings.db.check"), s.a.tr.S("check.ok", "Version", res.Version))
		return
	}
	s.a.showMessage(s.a.tr.S("settings.db.check"), s.a.tr.N("check.problems", len(res.Problems)))
}

func (s *settingsScreen) createStaffRow() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, newBadge(), widget.NewLabel(""))
}

func (s *settingsScreen) updateStaffRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.staff) {
		return
	}
	m := s.staff[i]
	c := o.(*fyne.Container)
	c.Objects[0].(*widget.Label).SetText(m.Name)
	b := c.Objects[1].(*widget.Label)
	b.Importance = widget.MediumImportance
	text := s.a.tr.Enum("role", m.Role)
	if !m.HasPIN {
		text += " · " + s.a.tr.S("staff.no_pin")
	}
	if !m.Active {
		b.Importance = widget.LowImportance
		text += " · " + s.a.tr.S("staff.inactive")
	}
	b.SetText(text)
}

func (s *settingsScreen) openStaffForm(m data.Staff) {
	tr := s.a.tr
	fm := newForm(tr)
	name := s.a.keys.newEntry()
	name.SetText(m.Name)
	role := newChoice(tr, "role", data.Roles, nil)
	role.set(m.Role)
	active := newTick(tr.S("staff.field.active"), nil)
	active.SetChecked(m.Active)
	pin := s.a.keys.newEntry()
	pin.Password = true
	pin.SetPlaceHolder(tr.S("staff.pin.placeholder"))
	if m.ID != 0 {
		if has, _ := s.a.store.HasPIN(s.a.ctx, m.ID); has {
			pin.SetPlaceHolder(tr.S("staff.pin.keep"))
		}
	}
	fm.add(tr.S("staff.field.name"), "name", name)
	fm.add(tr.S("staff.field.role"), "role", role)
	fm.add(tr.S("staff.field.pin"), "pin", pin)
	fm.add("", "active", active)
	onOK := func() bool {
		out := m
		out.Name, out.Role, out.Active, out.PIN = name.Text, role.value(), active.Checked, pin.Text
		if _, err := s.a.store.SaveStaff(s.a.ctx, out); err != nil {
			fm.show(err)
			return false
		}
		s.reload()
		return true
	}
	title := tr.S("staff.form.new")
	if m.ID != 0 {
		title = tr.S("staff.form.edit")
	}
	dlg := s.a.newFormDialog(title, tr.S("action.save"), fm.content(), onOK)
	dlg.show(fyne.NewSize(460, 280), name)
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.content }
