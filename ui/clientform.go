package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// clientForm is the dialog to create or edit a client.
type clientForm struct {
	a      *App
	orig   data.Client
	form   *form
	dlg    *formDialog
	onSave func(data.Client)

	name, contact, phone, email, birth, reason *entry
	sortedUnder                                *widget.Label // the family name the list sorts by
	address, notes                             *entry
	language                                   *choice[string]
	status                                     *choice[data.ClientStatus]
	ground                                     *choice[data.DeclineGround]
	referrer                                   *widget.SelectEntry
	referrerIDs                                map[string]int64

	dataOn, dataHow, mediaOn, mediaHow *entry
	media                              *choice[string]
}

// mediaChoices are the answers on photos and video as the form offers
// them; "unknown" stands for not asked yet.
var mediaChoices = []string{"unknown", "yes", "no"}

// openClientForm shows the client form; onSave gets the stored client.
func (a *App) openClientForm(c data.Client, onSave func(data.Client)) *clientForm {
	f := &clientForm{a: a, orig: c, onSave: onSave, form: newForm(a.tr), referrerIDs: map[string]int64{}}
	k, tr := a.keys, a.tr
	f.name, f.contact, f.phone, f.email = k.newEntry(), k.newEntry(), k.newEntry(), k.newEntry()
	f.birth, f.reason = k.newEntry(), k.newEntry()
	f.address, f.notes = k.newMultiEntry(3), k.newMultiEntry(2)
	f.birth.SetPlaceHolder(datePlaceholder(tr))
	f.phone.SetPlaceHolder("+49 171 1234567")
	f.email.SetPlaceHolder(tr.S("client.email.placeholder"))
	f.language = newChoice(tr, "lang", data.Languages, nil)
	f.status = newChoice(tr, "client.status", data.ClientStatuses, f.onStatusChanged)
	f.ground = newChoice(tr, "client.ground", data.DeclineGrounds, nil)
	f.referrer = widget.NewSelectEntry(nil)
	f.referrer.SetPlaceHolder(tr.S("client.referred_by.placeholder"))
	f.referrer.OnChanged = f.onReferrerTyped

	f.form.add(tr.S("client.field.name"), "name", f.name)
	f.sortedUnder = widget.NewLabel("")
	f.sortedUnder.Importance = widget.LowImportance
	f.sortedUnder.Wrapping = fyne.TextWrapWord
	f.name.OnChanged = f.onNameChanged
	f.form.add(tr.S("client.field.sorted_under"), "", f.sortedUnder)
	f.form.add(tr.S("client.field.contact_person"), "contact_person", f.contact)
	f.form.add(tr.S("client.field.phone"), "phone", f.phone)
	f.form.add(tr.S("client.field.email"), "email", f.email)
	f.form.add(tr.S("client.field.address"), "address", f.address)
	f.form.add(tr.S("client.field.birth_date"), "birth_date", f.birth)
	f.form.add(tr.S("client.field.language"), "language", f.language)
	f.form.add(tr.S("client.field.status"), "status", f.status)
	f.form.add(tr.S("client.field.decline_ground"), "decline_ground", f.ground)
	f.form.add(tr.S("client.field.decline_reason"), "decline_reason", f.reason)
	f.form.add(tr.S("client.field.referred_by"), "referred_by", f.referrer)
	f.form.add(tr.S("client.field.notes"), "notes", f.notes)
	f.dataOn, f.dataHow, f.mediaOn, f.mediaHow = k.newEntry(), k.newEntry(), k.newEntry(), k.newEntry()
	f.dataOn.SetPlaceHolder(datePlaceholder(tr))
	f.mediaOn.SetPlaceHolder(datePlaceholder(tr))
	f.dataHow.SetPlaceHolder(tr.S("client.consent.how.placeholder"))
	f.mediaHow.SetPlaceHolder(tr.S("client.consent.how.placeholder"))
	f.media = newChoice(tr, "client.media", mediaChoices, nil)
	f.form.add(tr.S("client.field.consent_data_on"), "consent_data_on", f.dataOn)
	f.form.add(tr.S("client.field.consent_data_how"), "consent_data_how", f.dataHow)
	f.form.add(tr.S("client.field.consent_media"), "consent_media", f.media)
	f.form.add(tr.S("client.field.consent_media_on"), "consent_media_on", f.mediaOn)
	f.form.add(tr.S("client.field.consent_media_how"), "consent_media_how", f.mediaHow)
	f.fill(c)

	title := tr.S("client.form.new")
	if c.ID != 0 {
		title = tr.S("client.form.edit")
	}
	f.dlg = a.newFormDialog(title, tr.S("action.save"), f.form.content(), f.onConfirm)
	f.dlg.show(fyne.NewSize(640, 700), f.name)
	return f
}

func (f *clientForm) fill(c data.Client) {
	f.name.SetText(c.Name)
	f.contact.SetText(c.ContactPerson)
	f.phone.SetText(c.Phone)
	f.email.SetText(c.Email)
	f.address.SetText(c.Address)
	f.birth.SetText(c.BirthDate.Format(f.a.tr.Lang()))
	f.notes.SetText(c.Notes)
	f.reason.SetText(c.DeclineReason)
	f.language.set(c.Language)
	f.status.set(c.Status)
	f.ground.set(c.DeclineGround)
	f.dataOn.SetText(c.DataOn.Format(f.a.tr.Lang()))
	f.dataHow.SetText(c.DataHow)
	f.mediaOn.SetText(c.MediaOn.Format(f.a.tr.Lang()))
	f.mediaHow.SetText(c.MediaHow)
	if c.Media == "" {
		f.media.set("unknown")
	} else {
		f.media.set(c.Media)
	}
	if c.ReferredBy != 0 {
		if ref, err := f.a.store.Client(f.a.ctx, c.ReferredBy); err == nil {
			label := referrerLabel(ref.ID, ref.Name)
			f.referrerIDs[label] = ref.ID
			f.referrer.SetText(label)
		}
	}
	f.onStatusChanged(c.Status)
}

// onNameChanged shows the family name the client will be listed under.
func (f *clientForm) onNameChanged(name string) {
	family := data.FamilyName(name)
	if family == "" {
		f.sortedUnder.SetText("")
		return
	}
	f.sortedUnder.SetText(f.a.tr.S("client.sorted_under", "Family", family))
}

func referrerLabel(id int64, name string) string { return fmt.Sprintf("%s (#%d)", name, id) }

// onStatusChanged offers the decline fields only for a declined inquiry.
func (f *clientForm) onStatusChanged(st data.ClientStatus) {
	if st == data.StatusDeclined {
		f.ground.Enable()
		f.reason.Enable()
	} else {
		f.ground.Disable()
		f.reason.Disable()
	}
}

// onReferrerTyped offers matching clients as the user types.
func (f *clientForm) onReferrerTyped(q string) {
	if _, known := f.referrerIDs[q]; known || len([]rune(q)) < 2 {
		return
	}
	rows, err := f.a.store.SearchClients(f.a.ctx, q, 8)
	if err != nil {
		return
	}
	var opts []string
	for _, r := range rows {
		if r.ID == f.orig.ID {
			continue
		}
		label := referrerLabel(r.ID, r.Name)
		f.referrerIDs[label] = r.ID
		opts = append(opts, label)
	}
	f.referrer.SetOptions(opts)
}

// collect reads the widgets into a client, noting input that cannot be read.
func (f *clientForm) collect() (data.Client, map[string]string) {
	tr := f.a.tr
	bad := map[string]string{}
	c := f.orig
	c.Name, c.ContactPerson = f.name.Text, f.contact.Text
	c.Phone, c.Email = f.phone.Text, f.email.Text
	c.Address, c.Notes = f.address.Text, f.notes.Text
	c.Language, c.Status = f.language.value(), f.status.value()
	c.DeclineGround, c.DeclineReason = f.ground.value(), f.reason.Text
	if d, err := dateField(tr, f.birth.Text); err != nil {
		bad["birth_date"] = tr.Err(err)
	} else {
		c.BirthDate = d
	}
	c.DataHow, c.MediaHow = f.dataHow.Text, f.mediaHow.Text
	if c.Media = f.media.value(); c.Media == "unknown" {
		c.Media = ""
	}
	for _, d := range []struct {
		field string
		e     *entry
		out   *data.Date
	}{{"consent_data_on", f.dataOn, &c.DataOn}, {"consent_media_on", f.mediaOn, &c.MediaOn}} {
		if v, err := dateField(tr, d.e.Text); err != nil {
			bad[d.field] = tr.Err(err)
		} else {
			*d.out = v
		}
	}
	c.ReferredBy = 0
	if f.referrer.Text != "" {
		if id, ok := f.referrerIDs[f.referrer.Text]; ok {
			c.ReferredBy = id
		} else {
			bad["referred_by"] = tr.S("client.referred_by.missing")
		}
	}
	return c, bad
}

func (f *clientForm) onConfirm() bool {
	c, bad := f.collect()
	if len(bad) > 0 {
		c.Normalize()
		f.form.showProblems(c.Validate(f.a.store.Today()), bad)
		return false
	}
	var saved data.Client
	var err error
	if c.ID == 0 {
		saved, err = f.a.store.CreateClient(f.a.ctx, c)
	} else {
		saved, err = f.a.store.UpdateClient(f.a.ctx, c)
	}
	if err != nil {
		f.form.show(err)
		f.a.offerReload(err, func() {
			f.dlg.d.Hide()
			if fresh, err := f.a.store.Client(f.a.ctx, c.ID); err == nil {
				f.a.openClientForm(fresh, f.onSave)
			}
		})
		return false
	}
	if f.onSave != nil {
		f.onSave(saved)
	}
	return true
}
