package data

import (
	"strings"
	"unicode/utf8"
)

// Role is what a staff member may do.
type Role string

// Staff roles.
const (
	RoleFrontDesk Role = "front_desk"
	RoleOwner     Role = "owner"
)

// Roles lists the roles in the order forms offer them.
var Roles = []Role{RoleFrontDesk, RoleOwner}

// Staff is a person who works at the counter.
type Staff struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Role      Role   `json:"role"`
	Active    bool   `json:"active"`
	CreatedAt string `json:"created_at"`
	PIN       string `json:"-"` // a new PIN to set on saving; never stored as such
	HasPIN    bool   `json:"-"` // as listed: whether a PIN is set
}

// Validate checks the staff member.
func (m *Staff) Validate() error {
	m.Name = strings.Join(strings.Fields(m.Name), " ")
	v := FieldErrors{Key: "staff.invalid"}
	switch {
	case m.Name == "":
		v.Add("name", "staff.name.required", nil)
	case utf8.RuneCountInString(m.Name) > MaxNameLen:
		v.Add("name", "staff.name.too_long", map[string]any{"Max": MaxNameLen})
	case Invisible(m.Name):
		v.Add("name", "field.invisible", nil)
	}
	if !OneOf(m.Role, Roles) {
		v.Add("role", "staff.role.invalid", nil)
	}
	if m.PIN != "" {
		if err := CheckPINFormat(m.PIN); err != nil {
			v.Add("pin", "staff.pin.format", map[string]any{"Min": MinPINLen, "Max": MaxPINLen})
		}
	}
	return v.Err()
}
