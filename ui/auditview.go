package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"studiopartner/data"
	"studiopartner/translations"
)

// The audit log for people: records named in the window's language
// ("Kulanz Nr. 162"), changes as "field: before ⟶ after" with field
// labels, money and days formatted, staff by name, times local. The raw
// JSON stays one click away (the entry's details).

// auditMoney are the fields that hold cents.
var auditMoney = map[string]bool{"price": true, "amount": true, "value": true, "claimed": true, "end_credit": true,
	"price_cents": true, "amount_cents": true, "value_cents": true, "claimed_cents": true, "withdrawal_refund_cents": true,
	"session_price": true, "review:budget": true, "paid": true}

// auditStaff are the fields that name a staff member.
var auditStaff = map[string]bool{"given_by": true, "staff_id": true, "created_by": true, "decided_by": true}

// auditOptional are the fields whose zero means "none".
var auditOptional = map[string]bool{"referred_by": true, "renewal_months": true, "sessions": true, "extend_months": true,
	"reverses": true, "minutes": true, "end_credit": true, "withdrawal_refund_cents": true, "session_price": true,
	"valid_months": true, "early_start": true, "paid": true, "direct_debit": true, "once": true, "amend_other_bank": true}

// auditHidden are the fields a person has no use for in the log.
var auditHidden = map[string]bool{"id": true, "created_at": true, "updated_at": true, "sha256": true, "client_id": true,
	"sections": true, "demand_id": true, "service_id": true, "contract_id": true, "charge_id": true, "goodwill_id": true,
	"ref_id": true, "reversed_by": true, "withdrawal_notice_doc": true}

// auditRecord names a record: "Kulanz Nr. 162", "Zahlung Nr. 900".
func auditRecord(tr *translations.T, table string, id int64) string {
	name := tr.Enum("audit.table", table)
	if id == 0 {
		return name
	}
	return tr.S("audit.record", "Table", name, "ID", id)
}

// auditTime writes a stored time in local time as the language does.
func auditTime(tr *translations.T, at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	t = t.Local()
	return tr.Date(data.DateOf(t)) + " " + t.Format("15:04")
}

// auditDescribe sums up what changed in words: for a change the fields
// that differ, for a new or removed record its fields.
func auditDescribe(tr *translations.T, r data.AuditRow, staff map[int64]string) string {
	before, after := auditFields(r.Before), auditFields(r.After)
	if r.Table == "visits" && r.RowID != 0 {
		return auditVisit(tr, before, after)
	}
	removed := r.Action == data.ActionDelete || r.Action == data.ActionErase || r.After == ""
	var parts []string
	for _, k := range auditNames(before, after) {
		if part := auditChange(tr, r.Table, k, before, after, removed, staff); part != "" {
			parts = append(parts, part)
		}
	}
	text := strings.Join(parts, " · ")
	if len([]rune(text)) > 300 {
		text = string([]rune(text)[:300]) + "…"
	}
	return text
}

// auditChange writes what happened to one field: "Wert: 12,00 € ⟶
// 15,00 €", a new record's value, a removed one's; "" when unchanged.
func auditChange(tr *translations.T, table, k string, before, after map[string]any, removed bool,
	staff map[int64]string) string {
	word := func(v any) string { return auditWord(tr, table, k, v, staff) }
	b, bok := before[k]
	a, aok := after[k]
	label := auditLabel(tr, k)
	switch {
	case bok && aok && fmt.Sprint(b) == fmt.Sprint(a):
	case bok && aok:
		return label + ": " + word(b) + " ⟶ " + word(a)
	case aok:
		if v := word(a); v != "" && v != "–" {
			return label + ": " + v
		}
	case removed:
		if v := word(b); v != "" && v != "–" {
			return label + ": " + v + " ⟶ –"
		}
	}
	return ""
}

// auditNames are the fields of either record that are shown, in order.
func auditNames(before, after map[string]any) []string {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		if !auditHidden[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return names
}

// auditFields reads a stored record; a record nested in the entry (a
// change with its reason) has its fields lifted beside the others.
func auditFields(js string) map[string]any {
	m := map[string]any{}
	if js != "" {
		raw := map[string]any{}
		_ = json.Unmarshal([]byte(js), &raw) // a record that is not an object shows nothing
		for k, v := range raw {
			m[snakeCase(k)] = v
		}
	}
	for k, v := range m {
		if inner, ok := v.(map[string]any); ok && k != "notice" {
			delete(m, k)
			for ik, iv := range inner {
				if _, taken := m[ik]; !taken {
					m[ik] = iv
				}
			}
		}
	}
	return m
}

// snakeCase writes a field stored by its Go name ("CancelHours", as the
// settings' rules were) as the others are ("cancel_hours").
func snakeCase(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// auditEnums are the fields whose values are words of an enumeration, by
// the prefix of their translations; status depends on the table.
var auditEnums = map[string]string{"category": "goodwill.category", "method": "payment.method", "role": "role",
	"billing": "billing", "renewal": "renewal", "concluded": "contract.concluded", "language": "lang", "action": "audit.action",
	"settlement": "demand.settlement", "outcome": "visit.outcome", "beyond": "visit.state",
	"decline_ground": "client.ground", "consent_media": "client.media", "unit": "notice.unit", "pin": "audit.pin"}

var auditStatus = map[string]string{"demands": "demand.status", "clients": "client.status", "demand_steps": "demand.status"}

// auditKinds are the prefixes of the field "kind", which depends on the table.
var auditKinds = map[string]string{"documents": "doc.kind", "services": "service.kind", "owed": "owed.kind"}

// auditLabel is a field's label in the window's language, else its name.
func auditLabel(tr *translations.T, field string) string {
	if key := "audit.field." + field; tr.Has(key) {
		return tr.S(key)
	}
	return strings.ReplaceAll(field, "_", " ")
}

// auditWord writes a value, an enumeration's in words.
func auditWord(tr *translations.T, table, field string, v any, staff map[int64]string) string {
	prefix := auditEnums[field]
	switch field {
	case "status":
		prefix = auditStatus[table]
	case "kind":
		prefix = auditKinds[table]
	}
	if s, ok := v.(string); ok && prefix != "" && s != "" && tr.Has(prefix+"."+s) {
		return tr.S(prefix + "." + s)
	}
	return auditValue(tr, field, v, staff)
}

// auditValue writes one value as the window would show it.
func auditValue(tr *translations.T, field string, v any, staff map[int64]string) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case float64:
		return auditNumber(tr, field, x, staff)
	case bool:
		switch {
		case !x && auditOptional[field]:
			return "–"
		case x:
			return tr.S("audit.yes")
		}
		return tr.S("audit.no")
	case string:
		return auditText(tr, x)
	case map[string]any:
		if n, ok := x["n"].(float64); ok && field == "notice" {
			u, _ := x["unit"].(string)
			return noticeText(tr, data.Notice{N: int(n), Unit: data.NoticeUnit(u)})
		}
		return tr.N("audit.entries", len(x))
	case []any:
		return auditList(tr, x)
	}
	return fmt.Sprint(v)
}

// auditList writes a list: warnings (stored as their keys) in words,
// anything else as how many entries it has.
func auditList(tr *translations.T, x []any) string {
	var words []string
	for _, v := range x {
		if k, ok := v.(string); ok && strings.Contains(k, ".") && tr.Has(k) {
			words = append(words, tr.S("audit.quoted", "Text", tr.S(k)))
		}
	}
	if len(words) != len(x) || len(x) == 0 {
		return tr.N("audit.entries", len(x))
	}
	return strings.Join(words, ", ")
}

// auditNumber writes a number: money, a staff member by name, or as is.
func auditNumber(tr *translations.T, field string, x float64, staff map[int64]string) string {
	switch {
	case x == 0 && auditOptional[field]:
		return "–"
	case auditMoney[field]:
		return tr.Money(data.Money(int64(x)))
	case auditStaff[field]:
		if name := staff[int64(x)]; name != "" {
			return name
		}
		return "–"
	}
	return fmt.Sprint(x)
}

// auditText writes a text: a day or a time as the language does, else as is.
func auditText(tr *translations.T, x string) string {
	if x == "" || x == "0001-01-01" {
		return "–"
	}
	if d, err := data.ParseDate(x); err == nil && len(x) == 10 {
		return tr.Date(d)
	}
	if _, err := time.Parse(time.RFC3339, x); err == nil {
		return auditTime(tr, x)
	}
	return x
}

// auditVisit writes a visit as the counter would say it: "05.12.2026
// 09:53: Anwesend, 1 Stunde der Karte verbraucht"; one taken back adds why.
func auditVisit(tr *translations.T, before, after map[string]any) string {
	v := after
	reason, _ := after["reason"].(string)
	if reason != "" || len(after) == 0 {
		v = before
	}
	at, _ := v["at"].(string)
	parts := []string{auditTime(tr, at) + ":"}
	if o, _ := v["outcome"].(string); o != "" {
		parts[0] += " " + tr.Enum("visit.outcome", o)
	}
	if b, _ := v["beyond"].(string); b != "" {
		parts = append(parts, tr.Enum("visit.state", b))
	}
	if used, _ := v["uses_session"].(bool); used {
		parts = append(parts, tr.S("audit.visit.session"))
	}
	text := strings.Join(parts, ", ")
	if reason != "" {
		text += " · " + tr.S("audit.visit.undone", "Reason", reason)
	}
	return text
}
