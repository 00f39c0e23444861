package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"
)

// ServiceKind is what sort of offer a service is.
type ServiceKind string

// Service kinds.
const (
	KindCourse     ServiceKind = "course"
	KindMembership ServiceKind = "membership"
	KindSingle     ServiceKind = "single"
	KindCard       ServiceKind = "card" // a 10-card and the like
	KindTreatment  ServiceKind = "treatment"
)

// ServiceKinds lists the kinds in the order forms offer them.
var ServiceKinds = []ServiceKind{KindCourse, KindMembership, KindSingle, KindCard, KindTreatment}

// Service is an entry in the studio's catalogue; its price and terms are
// the defaults of a new contract.
type Service struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Kind        ServiceKind `json:"kind"`
	Description string      `json:"description"`
	// NameEN and DescriptionEN are what English letters and agreements
	// print; empty, they print the German ones.
	NameEN        string `json:"name_en"`
	DescriptionEN string `json:"description_en"`
	Price         Money  `json:"price"`
	Terms
	Sessions     int    `json:"sessions"`      // a card's sessions; 0 for other kinds
	ValidMonths  int    `json:"valid_months"`  // how long a card is valid
	SessionPrice Money  `json:"session_price"` // one session beyond the contract: charged, or given as goodwill
	Active       bool   `json:"active"`
	CreatedAt    string `json:"created_at"`
}

// Validate checks the service.
func (sv *Service) Validate() error {
	sv.Name = strings.Join(strings.Fields(sv.Name), " ")
	sv.Description = strings.TrimSpace(sv.Description)
	sv.NameEN = strings.Join(strings.Fields(sv.NameEN), " ")
	sv.DescriptionEN = strings.TrimSpace(sv.DescriptionEN)
	v := fieldErrors{key: "service.invalid"}
	if sv.Name == "" {
		v.add("name", "service.name.required", nil)
	}
	for _, f := range [][2]string{{"name", sv.Name}, {"name_en", sv.NameEN}} {
		switch {
		case utf8.RuneCountInString(f[1]) > MaxNameLen:
			v.add(f[0], "service.name.too_long", map[string]any{"Max": MaxNameLen})
		case Invisible(f[1]):
			v.add(f[0], "field.invisible", nil)
		}
	}
	for _, f := range [][2]string{{"description", sv.Description}, {"description_en", sv.DescriptionEN}} {
		if utf8.RuneCountInString(f[1]) > MaxTextLen {
			v.add(f[0], "field.too_long", map[string]any{"Max": MaxTextLen})
		}
	}
	if !oneOf(sv.Kind, ServiceKinds) {
		v.add("kind", "service.kind.invalid", nil)
	}
	validatePrice(&v, sv.Price)
	sv.Terms.validate(&v)
	if len(v.fields) == 0 {
		v.fields = append(v.fields, sv.Terms.Void(ConsumerLawSince)...) // its contracts are concluded today
	}
	sv.validateCard(&v)
	return v.err()
}

// Card limits: sessions and validity a card service may have.
const (
	MaxCardSessions    = 200
	MaxCardValidMonths = 60
)

// validateCard checks a card's sessions and validity (other kinds have
// none) and the price of one session, which defaults to a card's price
// shared among its sessions.
func (sv *Service) validateCard(v *fieldErrors) {
	if sv.Kind != KindCard {
		sv.Sessions, sv.ValidMonths = 0, 0
	} else {
		if sv.Sessions < 1 || sv.Sessions > MaxCardSessions {
			v.add("sessions", "service.sessions.range", map[string]any{"Max": MaxCardSessions})
		}
		if sv.ValidMonths < 1 || sv.ValidMonths > MaxCardValidMonths {
			v.add("valid_months", "service.valid_months.range", map[string]any{"Max": MaxCardValidMonths})
		}
		if sv.SessionPrice == 0 && sv.Sessions > 0 {
			sv.SessionPrice = Money((int64(sv.Price) + int64(sv.Sessions)/2) / int64(sv.Sessions))
		}
	}
	if sv.Kind == KindSingle && sv.SessionPrice == 0 {
		sv.SessionPrice = sv.Price
	}
	if sv.SessionPrice < 0 {
		v.add("session_price", "price.negative", nil)
	} else if sv.SessionPrice > MaxMoney {
		v.add("session_price", "money.too_large", map[string]any{"Max": MaxMoney})
	}
}

func validatePrice(v *fieldErrors, p Money) {
	if p < 0 {
		v.add("price", "price.negative", nil)
	} else if p > MaxMoney {
		v.add("price", "money.too_large", map[string]any{"Max": MaxMoney})
	}
}

// NameIn returns the service's name in lang: the English one in English
// when it has one, else the German.
func (sv Service) NameIn(lang string) string { return inLanguage(lang, sv.Name, sv.NameEN) }

// DescriptionIn returns the service's description in lang, as NameIn.
func (sv Service) DescriptionIn(lang string) string {
	if lang == "en" && sv.NameEN != "" {
		return sv.DescriptionEN // an English name goes with its own description, or none
	}
	return sv.Description
}

// inLanguage picks the English text in English when there is one.
func inLanguage(lang, german, english string) string {
	if lang == "en" && english != "" {
		return english
	}
	return german
}

const serviceColumns = `id, name, kind, description, price_cents, billing, min_term_months, notice_n, notice_unit,
	renewal, renewal_months, active, created_at, sessions, valid_months, session_price_cents, name_en, description_en`

func scanService(r scanner) (Service, error) {
	var sv Service
	err := r.Scan(&sv.ID, &sv.Name, &sv.Kind, &sv.Description, &sv.Price, &sv.Billing, &sv.MinTermMonths,
		&sv.Notice.N, &sv.Notice.Unit, &sv.Renewal, &sv.RenewalMonths, &sv.Active, &sv.CreatedAt,
		&sv.Sessions, &sv.ValidMonths, &sv.SessionPrice, &sv.NameEN, &sv.DescriptionEN)
	return sv, err
}

// SaveService creates the service (ID 0) or updates it.
func (s *Store) SaveService(ctx context.Context, sv Service) (Service, error) {
	if err := sv.Validate(); err != nil {
		return Service{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		var taken int64
		err := tx.QueryRow(`SELECT id FROM services WHERE name = ? AND id <> ?`, sv.Name, sv.ID).Scan(&taken)
		if err == nil {
			return &Error{Code: CodeConflict, Key: "service.invalid", Fields: []FieldError{{Field: "name", Key: "service.name.taken"}}}
		}
		if sv.ID == 0 {
			sv.CreatedAt = stamp(s.now())
			if err := tx.QueryRow(`INSERT INTO services (name, kind, description, price_cents, billing, min_term_months,
				notice_n, notice_unit, renewal, renewal_months, active, created_at, sessions, valid_months,
				session_price_cents, name_en, description_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				RETURNING id`,
				sv.Name, sv.Kind, sv.Description, sv.Price, sv.Billing, sv.MinTermMonths, sv.Notice.N, sv.Notice.Unit,
				sv.Renewal, sv.RenewalMonths, sv.Active, sv.CreatedAt, sv.Sessions, sv.ValidMonths, sv.SessionPrice,
				sv.NameEN, sv.DescriptionEN).Scan(&sv.ID); err != nil {
				return err
			}
			return s.audit(tx, "services", sv.ID, ActionCreate, nil, sv)
		}
		before, err := getService(tx, sv.ID)
		if err != nil {
			return err
		}
		sv.CreatedAt = before.CreatedAt
		_, err = tx.Exec(`UPDATE services SET name = ?, kind = ?, description = ?, price_cents = ?, billing = ?,
			min_term_months = ?, notice_n = ?, notice_unit = ?, renewal = ?, renewal_months = ?, active = ?,
			sessions = ?, valid_months = ?, session_price_cents = ?, name_en = ?, description_en = ? WHERE id = ?`,
			sv.Name, sv.Kind, sv.Description, sv.Price, sv.Billing, sv.MinTermMonths, sv.Notice.N, sv.Notice.Unit,
			sv.Renewal, sv.RenewalMonths, sv.Active, sv.Sessions, sv.ValidMonths, sv.SessionPrice, sv.NameEN, sv.DescriptionEN, sv.ID)
		if err != nil {
			return err
		}
		if sv.Kind != before.Kind { // a membership no longer, or now one: its clients' running memberships move
			if _, err := tx.Exec(`UPDATE clients SET member_since = coalesce((SELECT min(start_on) FROM memberships_running
				WHERE client_id = clients.id), '') WHERE id IN (SELECT client_id FROM contracts WHERE service_id = ?)`, sv.ID); err != nil {
				return err
			}
		}
		return s.audit(tx, "services", sv.ID, ActionUpdate, before, sv)
	})
	if err != nil {
		return Service{}, internal(err)
	}
	return sv, nil
}

func getService(q querier, id int64) (Service, error) {
	sv, err := scanService(q.QueryRow(`SELECT `+serviceColumns+` FROM services WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Service{}, Errorf(CodeNotFound, "service.not_found", map[string]any{"ID": id})
	}
	return sv, err
}

// Service returns one service.
func (s *Store) Service(ctx context.Context, id int64) (Service, error) {
	sv, err := getService(s.read, id)
	return sv, internal(err)
}

// Services lists the catalogue by name; retired services only when asked.
func (s *Store) Services(ctx context.Context, withRetired bool) ([]Service, error) {
	q := `SELECT ` + serviceColumns + ` FROM services`
	if !withRetired {
		q += ` WHERE active = 1`
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY active DESC, name`)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []Service
	for rows.Next() {
		sv, err := scanService(rows)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, sv)
	}
	return out, internal(rows.Err())
}
