package reports

import (
	"strings"

	"studiopartner/data"
	"studiopartner/translations"
)

// PrivacyInfo is what DSGVO Art. 13 (and, for the data export, Art. 15)
// requires the studio to tell a client, built from the studio's profile
// and the retention settings, so it is complete whatever wording the owner
// chose for the privacy section.
type PrivacyInfo struct {
	Controller string   `json:"controller"`
	Purposes   []string `json:"purposes"`
	Recipients string   `json:"recipients"`
	Retention  string   `json:"retention"`
	Rights     string   `json:"rights"`
	Objection  string   `json:"objection"`
	Required   string   `json:"required"`
	Source     string   `json:"source"`
	Automated  string   `json:"automated_decisions"`
}

// Privacy writes the information in the language of tr.
func Privacy(tr *translations.T, studio data.Studio, r data.RetentionRules) PrivacyInfo {
	if r == (data.RetentionRules{}) {
		r = data.DefaultRetention
	}
	reach := nonEmpty(oneLine(studio.Address), studio.Email, studio.Phone)
	return PrivacyInfo{
		Controller: tr.S("privacy13.controller", "Name", studio.Name, "Responsible", studio.Responsible, "Reach", strings.Join(reach, ", ")),
		Purposes: []string{tr.S("privacy13.purpose.contract"), tr.S("privacy13.purpose.books"), tr.S("privacy13.purpose.media"),
			tr.S("privacy13.purpose.interest"), tr.S("privacy13.purpose.flags")},
		Recipients: tr.S("privacy13.recipients"),
		Retention:  tr.S("privacy13.retention", "Books", r.BooksYears, "Vouchers", r.VouchersYears, "Letters", r.LettersYears),
		Rights:     tr.S("privacy13.rights"),
		Objection:  tr.S("privacy13.objection"),
		Required:   tr.S("privacy13.required"),
		Source:     tr.S("privacy13.source"),
		Automated:  tr.S("privacy13.automated"),
	}
}

// privacyInfo prints the Art. 13 information after the owner's privacy
// section; the right to object stands apart, as Art. 21(4) requires.
func (d *doc) privacyInfo(p PrivacyInfo) {
	tr := d.tr
	d.subheading(tr.S("privacy13.title"))
	d.paragraph(p.Controller)
	d.paragraph(tr.S("privacy13.purposes"))
	for _, line := range p.Purposes {
		d.paragraph("• " + line)
	}
	d.paragraph(p.Recipients)
	d.paragraph(p.Retention)
	d.paragraph(p.Required)
	d.paragraph(p.Automated)
	d.paragraph(p.Rights)
	d.subheading(tr.S("privacy13.objection.title"))
	d.paragraph(p.Objection)
}
