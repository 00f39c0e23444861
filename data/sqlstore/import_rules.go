package sqlstore

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"studiopartner/data"
	"time"
	"unicode/utf8"
)

// An imported row obeys the same rules as one typed into the window: it
// is turned into its domain type and checked by that type's Validate, and
// payments keep the ledger's rules. Each problem names the line and the
// column.

// rowValues is one checked CSV line by column name.
type rowValues map[string]any

func (r rowValues) str(name string) string {
	v, _ := r[name].(string)
	return v
}

func (r rowValues) num(name string) int64 {
	v, _ := r[name].(int64)
	return v
}

func (r rowValues) money(name string) data.Money { return data.Money(r.num(name)) }

func (r rowValues) date(name string) data.Date {
	d, _ := data.ParseDate(r.str(name))
	return d
}

func (r rowValues) terms() data.Terms {
	return data.Terms{Billing: data.Billing(r.str("billing")), MinTermMonths: int(r.num("min_term_months")),
		Notice:  data.Notice{N: int(r.num("notice_n")), Unit: data.NoticeUnit(r.str("notice_unit"))},
		Renewal: data.Renewal(r.str("renewal")), RenewalMonths: int(r.num("renewal_months"))}
}

// rowRule checks one row of a table; tx sees the rows imported so far.
type rowRule func(tx *dbx, r rowValues, today data.Date) error

// importRules are the checks by table; a table without one is checked by
// its columns and the database's own rules only.
var importRules = map[string]rowRule{
	"staff": func(_ *dbx, r rowValues, _ data.Date) error {
		m := data.Staff{Name: r.str("name"), Role: data.Role(r.str("role")), Active: r.num("active") != 0}
		return firstOf(m.Validate(), lineField("name", r.str("name")))
	},
	"clients": func(_ *dbx, r rowValues, today data.Date) error {
		c := data.Client{ID: r.num("id"), Name: r.str("name"), ContactPerson: r.str("contact_person"), Phone: r.str("phone"),
			Email: r.str("email"), Address: r.str("address"), BirthDate: r.date("birth_date"), Language: r.str("language"),
			Notes: r.str("notes"), Status: data.ClientStatus(r.str("status")), DeclineGround: data.DeclineGround(r.str("decline_ground")),
			DeclineReason: r.str("decline_reason"), ReferredBy: r.num("referred_by"),
			Consent: data.Consent{DataOn: r.date("consent_data_on"), DataHow: r.str("consent_data_how"), Media: r.str("consent_media"),
				MediaOn: r.date("consent_media_on"), MediaHow: r.str("consent_media_how")}}
		return c.Validate(today)
	},
	"services": func(_ *dbx, r rowValues, _ data.Date) error {
		sv := data.Service{Name: r.str("name"), Kind: data.ServiceKind(r.str("kind")), Description: r.str("description"),
			Price: r.money("price_cents"), Terms: r.terms(), Sessions: int(r.num("sessions")),
			ValidMonths: int(r.num("valid_months")), SessionPrice: r.money("session_price_cents")}
		return firstOf(sv.Validate(), lineField("name", r.str("name")))
	},
	"visits": func(_ *dbx, r rowValues, _ data.Date) error {
		v := data.FieldErrors{Key: "visit.invalid"}
		if _, err := time.ParseInLocation(data.VisitLayout, r.str("at"), time.Local); err != nil {
			v.Add("at", "visit.time.invalid", map[string]any{"Text": r.str("at")})
		}
		if !data.OneOf(data.VisitOutcome(r.str("outcome")), data.VisitOutcomes) {
			v.Add("outcome", "visit.outcome.invalid", nil)
		}
		if b := data.Beyond(r.str("beyond")); b != "" && !b.Valid() {
			v.Add("beyond", "visit.beyond.invalid", nil)
		}
		return v.Err()
	},
	"contracts": func(_ *dbx, r rowValues, _ data.Date) error {
		k := data.Contract{ClientID: r.num("client_id"), ServiceID: r.num("service_id"), Price: r.money("price_cents"),
			Terms: r.terms(), Start: r.date("start_on"), Note: r.str("note"), Concluded: data.Concluded(r.str("concluded")),
			CreatedAt: r.str("created_at")}
		return k.Validate()
	},
	"contract_prices": func(_ *dbx, r rowValues, _ data.Date) error {
		v := data.FieldErrors{Key: "contract.invalid"}
		data.ValidatePrice(&v, r.money("price_cents"))
		return v.Err()
	},
	"contract_pauses": func(_ *dbx, r rowValues, _ data.Date) error {
		return firstOf(lineField("reason", r.str("reason")), lengthField("reason", r.str("reason"), data.MaxTextLen))
	},
	"charges": func(_ *dbx, r rowValues, _ data.Date) error {
		v := data.FieldErrors{Key: "charge.invalid"}
		switch a := r.money("amount_cents"); {
		case a <= 0:
			v.Add("amount", "charge.amount.positive", nil)
		case a > data.MaxMoney:
			v.Add("amount", "money.too_large", map[string]any{"Max": data.MaxMoney})
		}
		return firstOf(v.Err(), lineField("description", r.str("description")), lengthField("description", r.str("description"), data.MaxTextLen))
	},
	"payments": checkImportedPayment,
	"demands": func(_ *dbx, r rowValues, today data.Date) error {
		d := data.Demand{ClientID: r.num("client_id"), RaisedOn: r.date("raised_on"), Asked: r.str("asked"),
			Claimed: r.money("claimed_cents"), ClientWords: r.str("client_words"), Status: data.DemandStatus(r.str("status"))}
		if !data.OneOf(d.Status, data.DemandStatuses) {
			return fieldProblem("status", "demand.status.invalid")
		}
		return d.Validate(today)
	},
	"demand_steps": func(_ *dbx, r rowValues, _ data.Date) error {
		return firstOf(textField("note", r.str("note")), lengthField("note", r.str("note"), data.MaxTextLen))
	},
	"owed": func(_ *dbx, r rowValues, today data.Date) error {
		o := data.Owed{ClientID: r.num("client_id"), GivenOn: r.date("given_on"), Kind: data.OwedKind(r.str("kind")),
			Description: r.str("description"), Value: r.money("value_cents")}
		return o.Validate(today)
	},
	"goodwill": func(_ *dbx, r rowValues, today data.Date) error {
		g := data.Goodwill{ClientID: r.num("client_id"), GivenOn: r.date("given_on"), Category: data.GoodwillCategory(r.str("category")),
			Description: r.str("description"), Value: r.money("value_cents"), Minutes: int(r.num("minutes"))}
		return g.Validate(today)
	},
}

// checkImportedPayment checks a payment like the counter does, and a
// reversal by the ledger's rules: it names an unreversed payment of the
// same client and takes back exactly its amount.
func checkImportedPayment(tx *dbx, r rowValues, today data.Date) error {
	p := data.Payment{ClientID: r.num("client_id"), Amount: r.money("amount_cents"), Method: data.PaymentMethod(r.str("method")),
		ReceivedOn: r.date("received_on"), Note: r.str("note")}
	reverses := r.num("reverses")
	if reverses == 0 {
		if p.Amount < 0 {
			return fieldProblem("amount", "import.payment.negative")
		}
		return p.Validate(today)
	}
	if p.Amount >= 0 {
		return fieldProblem("amount", "import.reversal.amount")
	}
	p.Amount = -p.Amount
	if err := p.Validate(today); err != nil {
		return err
	}
	var client int64
	var amount data.Money
	var already int
	err := tx.QueryRow(`SELECT client_id, amount_cents, (SELECT count(*) FROM payments r WHERE r.reverses = p.id)
		FROM payments p WHERE id = ?`, reverses).Scan(&client, &amount, &already)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fieldProblem("reverses", "import.reversal.missing")
	case err != nil:
		return err
	case client != p.ClientID:
		return fieldProblem("reverses", "import.reversal.other_client")
	case amount != p.Amount:
		return fieldProblem("amount", "import.reversal.amount")
	case already > 0:
		return fieldProblem("reverses", "import.reversal.twice")
	}
	return nil
}

// firstOf returns the first error that is not nil.
func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func fieldProblem(field, key string) error {
	return &data.Error{Code: data.CodeInvalid, Key: "import.failed", Fields: []data.FieldError{{Field: field, Key: key}}}
}

// lineField refuses control and invisible characters in a single-line
// field.
func lineField(field, v string) error {
	if !data.SingleLine(v) {
		return fieldProblem(field, "field.control")
	}
	if data.Invisible(v) {
		return fieldProblem(field, "field.invisible")
	}
	return nil
}

// textField refuses control characters other than line breaks.
func textField(field, v string) error {
	if !data.MultiLine(v) {
		return fieldProblem(field, "field.control")
	}
	return nil
}

func lengthField(field, v string, max int) error {
	if utf8.RuneCountInString(v) > max {
		return &data.Error{Code: data.CodeInvalid, Key: "import.failed", Fields: []data.FieldError{{Field: field, Key: "field.too_long",
			Args: map[string]any{"Max": max}}}}
	}
	return nil
}

// ruleProblems turns a rule's field errors into problems of the line.
func ruleProblems(p *problems, line int, err error) bool {
	if err == nil {
		return false
	}
	var e *data.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		p.add(line, "import.row.refused", map[string]any{"Detail": err.Error()})
		return true
	}
	for _, f := range e.Fields {
		args := map[string]any{"Column": f.Field, "InnerKey": f.Key}
		for k, v := range f.Args {
			args[k] = v
		}
		p.add(line, "import.row.invalid", args)
	}
	return true
}

func init() {
	importRules["clause_sets"] = func(_ *dbx, r rowValues, _ data.Date) error {
		cs := data.ClauseSet{Version: int(r.num("version")), Language: r.str("language")}
		if err := json.Unmarshal([]byte(r.str("sections")), &cs.Sections); err != nil {
			return fieldProblem("sections", "import.clauses.json")
		}
		return cs.Validate()
	}
	importRules["documents"] = func(tx *dbx, r rowValues, today data.Date) error { return importRules["agreements"](tx, r, today) }
	importRules["agreements"] = func(_ *dbx, r rowValues, _ data.Date) error {
		pdf, _ := hex.DecodeString(r.str("pdf"))
		sum := sha256.Sum256(pdf)
		if hex.EncodeToString(sum[:]) != r.str("sha256") {
			return fieldProblem("pdf", "import.agreement.fingerprint")
		}
		return nil
	}
	importRules["mandates"] = func(tx *dbx, r rowValues, today data.Date) error {
		m := data.Mandate{Reference: r.str("reference"), SignedOn: r.date("signed_on"), Once: r.num("once") != 0,
			Holder: r.str("holder"), HolderTown: r.str("holder_town"), HolderCountry: r.str("holder_country"),
			IBAN: r.str("iban"), BIC: r.str("bic")}
		if key := data.CheckMandateRef(r.str("reference")); key != "" {
			return fieldProblem("reference", key)
		}
		if err := m.Validate(today); err != nil {
			return err
		}
		if m.IBAN != r.str("iban") || m.BIC != r.str("bic") { // as the store keeps them: no spaces, upper case
			return fieldProblem("iban", "sepa.iban.format")
		}
		return refFree(tx, m.Reference, r.num("id"))
	}
	importRules["settings"] = func(_ *dbx, r rowValues, _ data.Date) error {
		if !data.SingleLine(r.str("key")) {
			return fieldProblem("key", "field.control")
		}
		return textField("value", r.str("value"))
	}
}
