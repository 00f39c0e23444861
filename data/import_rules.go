package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode"
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

func (r rowValues) money(name string) Money { return Money(r.num(name)) }

func (r rowValues) date(name string) Date {
	d, _ := ParseDate(r.str(name))
	return d
}

func (r rowValues) terms() Terms {
	return Terms{Billing: Billing(r.str("billing")), MinTermMonths: int(r.num("min_term_months")),
		Notice:  Notice{N: int(r.num("notice_n")), Unit: NoticeUnit(r.str("notice_unit"))},
		Renewal: Renewal(r.str("renewal")), RenewalMonths: int(r.num("renewal_months"))}
}

// rowRule checks one row of a table; tx sees the rows imported so far.
type rowRule func(tx *dbx, r rowValues, today Date) error

// importRules are the checks by table; a table without one is checked by
// its columns and the database's own rules only.
var importRules = map[string]rowRule{
	"staff": func(_ *dbx, r rowValues, _ Date) error {
		m := Staff{Name: r.str("name"), Role: Role(r.str("role")), Active: r.num("active") != 0}
		return firstOf(m.Validate(), lineField("name", r.str("name")))
	},
	"clients": func(_ *dbx, r rowValues, today Date) error {
		c := Client{ID: r.num("id"), Name: r.str("name"), ContactPerson: r.str("contact_person"), Phone: r.str("phone"),
			Email: r.str("email"), Address: r.str("address"), BirthDate: r.date("birth_date"), Language: r.str("language"),
			Notes: r.str("notes"), Status: ClientStatus(r.str("status")), DeclineGround: DeclineGround(r.str("decline_ground")),
			DeclineReason: r.str("decline_reason"), ReferredBy: r.num("referred_by"),
			Consent: Consent{DataOn: r.date("consent_data_on"), DataHow: r.str("consent_data_how"), Media: r.str("consent_media"),
				MediaOn: r.date("consent_media_on"), MediaHow: r.str("consent_media_how")}}
		return c.Validate(today)
	},
	"services": func(_ *dbx, r rowValues, _ Date) error {
		sv := Service{Name: r.str("name"), Kind: ServiceKind(r.str("kind")), Description: r.str("description"),
			Price: r.money("price_cents"), Terms: r.terms(), Sessions: int(r.num("sessions")),
			ValidMonths: int(r.num("valid_months")), SessionPrice: r.money("session_price_cents")}
		return firstOf(sv.Validate(), lineField("name", r.str("name")))
	},
	"visits": func(_ *dbx, r rowValues, _ Date) error {
		v := fieldErrors{key: "visit.invalid"}
		if _, err := time.ParseInLocation(visitLayout, r.str("at"), time.Local); err != nil {
			v.add("at", "visit.time.invalid", map[string]any{"Text": r.str("at")})
		}
		if !oneOf(VisitOutcome(r.str("outcome")), VisitOutcomes) {
			v.add("outcome", "visit.outcome.invalid", nil)
		}
		if b := Beyond(r.str("beyond")); b != "" && !b.Valid() {
			v.add("beyond", "visit.beyond.invalid", nil)
		}
		return v.err()
	},
	"contracts": func(_ *dbx, r rowValues, _ Date) error {
		k := Contract{ClientID: r.num("client_id"), ServiceID: r.num("service_id"), Price: r.money("price_cents"),
			Terms: r.terms(), Start: r.date("start_on"), Note: r.str("note"), Concluded: Concluded(r.str("concluded")),
			CreatedAt: r.str("created_at")}
		return k.Validate()
	},
	"contract_prices": func(_ *dbx, r rowValues, _ Date) error {
		v := fieldErrors{key: "contract.invalid"}
		validatePrice(&v, r.money("price_cents"))
		return v.err()
	},
	"contract_pauses": func(_ *dbx, r rowValues, _ Date) error {
		return firstOf(lineField("reason", r.str("reason")), lengthField("reason", r.str("reason"), MaxTextLen))
	},
	"charges": func(_ *dbx, r rowValues, _ Date) error {
		v := fieldErrors{key: "charge.invalid"}
		switch a := r.money("amount_cents"); {
		case a <= 0:
			v.add("amount", "charge.amount.positive", nil)
		case a > MaxMoney:
			v.add("amount", "money.too_large", map[string]any{"Max": MaxMoney})
		}
		return firstOf(v.err(), lineField("description", r.str("description")), lengthField("description", r.str("description"), MaxTextLen))
	},
	"payments": checkImportedPayment,
	"demands": func(_ *dbx, r rowValues, today Date) error {
		d := Demand{ClientID: r.num("client_id"), RaisedOn: r.date("raised_on"), Asked: r.str("asked"),
			Claimed: r.money("claimed_cents"), ClientWords: r.str("client_words"), Status: DemandStatus(r.str("status"))}
		if !oneOf(d.Status, DemandStatuses) {
			return fieldProblem("status", "demand.status.invalid")
		}
		return d.Validate(today)
	},
	"demand_steps": func(_ *dbx, r rowValues, _ Date) error {
		return firstOf(textField("note", r.str("note")), lengthField("note", r.str("note"), MaxTextLen))
	},
	"owed": func(_ *dbx, r rowValues, today Date) error {
		o := Owed{ClientID: r.num("client_id"), GivenOn: r.date("given_on"), Kind: OwedKind(r.str("kind")),
			Description: r.str("description"), Value: r.money("value_cents")}
		return o.Validate(today)
	},
	"goodwill": func(_ *dbx, r rowValues, today Date) error {
		g := Goodwill{ClientID: r.num("client_id"), GivenOn: r.date("given_on"), Category: GoodwillCategory(r.str("category")),
			Description: r.str("description"), Value: r.money("value_cents"), Minutes: int(r.num("minutes"))}
		return g.Validate(today)
	},
}

// checkImportedPayment checks a payment like the counter does, and a
// reversal by the ledger's rules: it names an unreversed payment of the
// same client and takes back exactly its amount.
func checkImportedPayment(tx *dbx, r rowValues, today Date) error {
	p := Payment{ClientID: r.num("client_id"), Amount: r.money("amount_cents"), Method: PaymentMethod(r.str("method")),
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
	var amount Money
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
	return &Error{Code: CodeInvalid, Key: "import.failed", Fields: []FieldError{{Field: field, Key: key}}}
}

// SingleLine reports whether v fits one line: no control characters at
// all (a tab or line break in a name would forge rows in tab-separated
// lists).
func SingleLine(v string) bool {
	return !strings.ContainsFunc(v, unicode.IsControl)
}

// Invisible reports whether v holds a character that changes how text
// around it reads without being seen: direction overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), zero-width characters and direction
// marks (U+200B–U+200F) and the byte order mark (U+FEFF). A name with one
// would look like another, or turn a list around.
func Invisible(v string) bool {
	return strings.ContainsFunc(v, func(r rune) bool {
		return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r >= 0x200B && r <= 0x200F || r == 0xFEFF
	})
}

// MultiLine reports whether v is text of several lines: line breaks, and
// no other control characters.
func MultiLine(v string) bool {
	return !strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' })
}

// lineField refuses control and invisible characters in a single-line
// field.
func lineField(field, v string) error {
	if !SingleLine(v) {
		return fieldProblem(field, "field.control")
	}
	if Invisible(v) {
		return fieldProblem(field, "field.invisible")
	}
	return nil
}

// textField refuses control characters other than line breaks.
func textField(field, v string) error {
	if !MultiLine(v) {
		return fieldProblem(field, "field.control")
	}
	return nil
}

func lengthField(field, v string, max int) error {
	if utf8.RuneCountInString(v) > max {
		return &Error{Code: CodeInvalid, Key: "import.failed", Fields: []FieldError{{Field: field, Key: "field.too_long",
			Args: map[string]any{"Max": max}}}}
	}
	return nil
}

// ruleProblems turns a rule's field errors into problems of the line.
func ruleProblems(p *problems, line int, err error) bool {
	if err == nil {
		return false
	}
	var e *Error
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
	importRules["clause_sets"] = func(_ *dbx, r rowValues, _ Date) error {
		cs := ClauseSet{Version: int(r.num("version")), Language: r.str("language")}
		if err := json.Unmarshal([]byte(r.str("sections")), &cs.Sections); err != nil {
			return fieldProblem("sections", "import.clauses.json")
		}
		return cs.Validate()
	}
	importRules["documents"] = func(tx *dbx, r rowValues, today Date) error { return importRules["agreements"](tx, r, today) }
	importRules["agreements"] = func(_ *dbx, r rowValues, _ Date) error {
		pdf, _ := hex.DecodeString(r.str("pdf"))
		sum := sha256.Sum256(pdf)
		if hex.EncodeToString(sum[:]) != r.str("sha256") {
			return fieldProblem("pdf", "import.agreement.fingerprint")
		}
		return nil
	}
	importRules["settings"] = func(_ *dbx, r rowValues, _ Date) error {
		if !SingleLine(r.str("key")) {
			return fieldProblem("key", "field.control")
		}
		return textField("value", r.str("value"))
	}
}
