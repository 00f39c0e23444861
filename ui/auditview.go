package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/translations"
)

// The audit log for people: records named in the window's language
// ("Kulanz Nr. 162"), changes as "field: before ⟶ after" with field
// labels, money and days formatted, staff by name, times local. The raw
// JSON stays one click away (the entry's details).

// auditMoney are the fields that hold cents.
var auditMoney = map[string]bool{"price": true, "amount": true, "value": true, "claimed": true, "end_credit": true,
	"price_cents": true, "amount_cents": true, "value_cents": true, "claimed_cents": true}

// auditStaff are the fields that name a staff member.
var auditStaff = map[string]bool{"given_by": true, "staff_id": true, "created_by": true, "decided_by": true}

// auditHidden are the fields a person has no use for in the log.
var auditHidden = map[string]bool{"id": true, "created_at": true, "updated_at": true, "sha256": true, "client_id": true,
	"sections": true, "demand_id": true, "service_id": true, "contract_id": true, "charge_id": true}

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
	removed := r.Action == data.ActionDelete || r.Action == data.ActionErase || r.After == ""
	word := func(k string, v any) string { return auditWord(tr, r.Table, k, v, staff) }
	var parts []string
	for _, k := range auditNames(before, after) {
		b, bok := before[k]
		a, aok := after[k]
		label := auditLabel(tr, k)
		switch {
		case bok && aok && fmt.Sprint(b) == fmt.Sprint(a):
		case bok && aok:
			parts = append(parts, label+": "+word(k, b)+" ⟶ "+word(k, a))
		case aok:
			if v := word(k, a); v != "" && v != "–" {
				parts = append(parts, label+": "+v)
			}
		case removed:
			parts = append(parts, label+": "+word(k, b)+" ⟶ –")
		}
	}
	text := strings.Join(parts, " · ")
	if len([]rune(text)) > 300 {
		text = string([]rune(text)[:300]) + "…"
	}
	return text
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
		_ = json.Unmarshal([]byte(js), &m) // a record that is not an object shows nothing
	}
	for k, v := range m {
		if inner, ok := v.(map[string]any); ok {
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

// auditEnums are the fields whose values are words of an enumeration, by
// the prefix of their translations; status depends on the table.
var auditEnums = map[string]string{"category": "goodwill.category", "method": "payment.method", "role": "role",
	"billing": "billing", "renewal": "renewal", "concluded": "contract.concluded", "language": "lang", "action": "audit.action",
	"settlement": "demand.settlement", "kind": "doc.kind"}

var auditStatus = map[string]string{"demands": "demand.status", "clients": "client.status", "demand_steps": "demand.status"}

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
	if field == "status" {
		prefix = auditStatus[table]
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
		switch {
		case auditMoney[field]:
			return tr.Money(data.Money(int64(x)))
		case auditStaff[field]:
			if name := staff[int64(x)]; name != "" {
				return name
			}
			return "–"
		}
		return fmt.Sprint(x)
	case bool:
		if x {
			return tr.S("audit.yes")
		}
		return tr.S("audit.no")
	case string:
		if x == "" || x == "0001-01-01" {
			return "–"
		}
		if d, err := data.ParseDate(x); err == nil && len(x) == 10 {
			return tr.Date(d)
		}
		return x
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}
