package sqlstore

import (
	"studiopartner/data"
)

// mustDate reads an ISO date stored by this program; bad text gives the zero Date.
func mustDate(s string) data.Date {
	d, _ := data.ParseDate(s)
	return d
}
