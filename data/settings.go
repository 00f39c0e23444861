package data

import (
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"os"
	"strings"
	"unicode/utf8"
)

// Studio is the studio's own profile, printed on every document.
type Studio struct {
	Name    string `json:"name"`
	Address string `json:"address"` // several lines
	// Responsible is who stands behind the studio: the owner's name, or the
	// legal form and who represents it ("Tanzstudio GmbH, Geschäftsführerin
	// Sabine Krüger"); every issued document names them.
	Responsible string `json:"responsible"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	Website     string `json:"website"`
	TaxID       string `json:"tax_id"`
	BankName    string `json:"bank_name"`
	IBAN        string `json:"iban"`
	BIC         string `json:"bic"`
	LogoPath    string `json:"logo_path"`
}

// studioKeys maps the settings keys to the profile's fields.
func (p *Studio) Fields() map[string]*string {
	return map[string]*string{
		"studio:name": &p.Name, "studio:address": &p.Address, "studio:responsible": &p.Responsible, "studio:phone": &p.Phone,
		"studio:email": &p.Email, "studio:website": &p.Website, "studio:tax_id": &p.TaxID,
		"studio:bank_name": &p.BankName, "studio:iban": &p.IBAN, "studio:bic": &p.BIC,
		"studio:logo_path": &p.LogoPath,
	}
}

// Validate checks the profile.
func (p *Studio) Validate() error {
	for _, f := range p.Fields() {
		*f = strings.TrimSpace(*f)
	}
	v := FieldErrors{Key: "studio.invalid"}
	if p.Name == "" {
		v.Add("name", "studio.name.required", nil)
	} else if utf8.RuneCountInString(p.Name) > MaxNameLen {
		v.Add("name", "studio.name.too_long", map[string]any{"Max": MaxNameLen})
	}
	if p.Email != "" && !validEmail(p.Email) {
		v.Add("email", "client.email.invalid", nil)
	}
	for _, f := range []struct{ name, val string }{{"name", p.Name}, {"responsible", p.Responsible}, {"phone", p.Phone},
		{"email", p.Email}, {"website", p.Website}, {"tax_id", p.TaxID}, {"bank_name", p.BankName}} {
		v.line(f.name, f.val)
	}
	if !MultiLine(p.Address) {
		v.Add("address", "field.control", nil)
	}
	if p.Phone != "" && !validPhone(p.Phone) {
		v.Add("phone", "client.phone.invalid", nil)
	}
	if p.IBAN != "" && !validIBAN(p.IBAN) {
		v.Add("iban", "studio.iban.invalid", nil)
	}
	if p.LogoPath != "" {
		if key := checkLogo(p.LogoPath); key != "" {
			v.Add("logo", key, map[string]any{"Max": MaxLogoBytes / 1_000_000})
		}
	}
	return v.Err()
}

// DocumentGaps names what the profile lacks before a document may be
// issued: the studio's name, its address and who is responsible.
func (p Studio) DocumentGaps() []string {
	var gaps []string
	for _, f := range []struct{ name, val string }{{"name", p.Name}, {"address", p.Address}, {"responsible", p.Responsible}} {
		if strings.TrimSpace(f.val) == "" {
			gaps = append(gaps, f.name)
		}
	}
	return gaps
}

// MaxLogoBytes is the largest logo file accepted.
const MaxLogoBytes = 5_000_000

// checkLogo returns why a logo file cannot be used, or "": it must exist,
// be at most MaxLogoBytes, and be a PNG or JPEG picture.
func checkLogo(path string) string {
	st, err := os.Stat(path)
	if err != nil || st.IsDir() {
		return "studio.logo.missing"
	}
	if st.Size() > MaxLogoBytes {
		return "studio.logo.too_large"
	}
	f, err := os.Open(path)
	if err != nil {
		return "studio.logo.missing"
	}
	defer f.Close()
	_, format, err := image.DecodeConfig(f)
	if err != nil || (format != "png" && format != "jpeg") {
		return "studio.logo.not_image"
	}
	return ""
}

// validIBAN checks an IBAN as typed (spaces, any case) as CheckIBAN does.
func validIBAN(s string) bool { return CheckIBAN(CleanIBAN(s)) == "" }

// SettingLanguage is the stored setting that remembers the window's
// language: the language the studio works in.
const SettingLanguage = "ui:language"

// settingOwners names, by key prefix, the owner's operation each setting
// belongs to: the studio profile, the backup folder, sign-in and roles,
// money, retention, the flags' and visits' rules, the budget, and direct
// debit and the tax adviser's export. Keys not listed are the window's
// own notes (its language, the day of the last backup, the year the
// clean-up was offered) and open to everyone.
var settingOwners = []struct {
	prefix string
	op     Op
}{
	{"studio:", OpSettings}, {"backup:dir", OpSettings}, {"signin:", OpSettings}, {"money:", OpSettings},
	{"retention:", OpSettings}, {"debit:", OpSettings}, {"tax:", OpSettings},
	{"flag:", OpThresholds}, {"visit:", OpThresholds}, {"review:", OpBudget},
}

// SettingOp returns the owner's operation a setting belongs to; ok is
// false for the window's own notes.
func SettingOp(key string) (op Op, ok bool) {
	for _, o := range settingOwners {
		if strings.HasPrefix(key, o.prefix) {
			return o.op, true
		}
	}
	return "", false
}
