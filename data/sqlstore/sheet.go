package sqlstore

import (
	"context"
	"strings"
	"studiopartner/data"
)

// SheetDuplicate is a likely earlier record of the same client: one
// already stored (ID) or an earlier line of the sheet (Line).
type SheetDuplicate struct {
	ID   int64
	Line int
	Name string
	By   string // "email", "name_birth" or "name_phone"
}

// PlannedClient is one line of a sheet as it would be imported.
type PlannedClient struct {
	Line      int
	Client    data.Client
	Problems  []data.FieldError
	Duplicate *SheetDuplicate
}

// SheetPlan is what importing a sheet with a mapping would do.
type SheetPlan struct {
	Rows                      []PlannedClient
	Ready, Faulty, Duplicates int
}

// SheetOutcome is what importing a line would do.
type SheetOutcome int

// The outcomes, in the order a preview lists them.
const (
	SheetFaultyLine SheetOutcome = iota
	SheetLikelyDuplicate
	SheetReadyLine
)

// Outcome says whether the line has problems, is likely there already or
// is ready.
func (p PlannedClient) Outcome() SheetOutcome {
	switch {
	case len(p.Problems) > 0:
		return SheetFaultyLine
	case p.Duplicate != nil:
		return SheetLikelyDuplicate
	}
	return SheetReadyLine
}

// Ordered lists the plan's rows as a preview shows them: faulty lines
// first, then likely duplicates, then the ready ones, each in file order.
func (p SheetPlan) Ordered() []int {
	order := make([]int, 0, len(p.Rows))
	for pass := SheetFaultyLine; pass <= SheetReadyLine; pass++ {
		for i, r := range p.Rows {
			if r.Outcome() == pass {
				order = append(order, i)
			}
		}
	}
	return order
}

// knownClients indexes clients by e-mail and by name with birth date, to
// find likely duplicates.
type knownClients struct {
	email, nameBirth, namePhone map[string]SheetDuplicate
}

func (s *Store) KnownClients(ctx context.Context) (*knownClients, error) {
	k := &knownClients{email: map[string]SheetDuplicate{}, nameBirth: map[string]SheetDuplicate{}, namePhone: map[string]SheetDuplicate{}}
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, email, birth_date, phone FROM clients`)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c data.Client
		var birth string
		if err := rows.Scan(&c.ID, &c.Name, &c.Email, &birth, &c.Phone); err != nil {
			return nil, internal(err)
		}
		c.BirthDate, _ = data.ParseDate(birth)
		k.addAs(&c, SheetDuplicate{ID: c.ID, Name: c.Name})
	}
	return k, internal(rows.Err())
}

func nameBirthKey(c *data.Client) string {
	if c.BirthDate.IsZero() {
		return ""
	}
	return fold(c.Name) + "|" + c.BirthDate.String()
}

// namePhoneKey is the folded name with the phone's last nine digits (a
// number written +49 176 … and 0176 … is the same).
func namePhoneKey(c *data.Client) string {
	var digits []rune
	for _, r := range c.Phone {
		if r >= '0' && r <= '9' {
			digits = append(digits, r)
		}
	}
	if len(digits) < 6 {
		return ""
	}
	return fold(c.Name) + "|" + string(digits[max(len(digits)-9, 0):])
}

func (k *knownClients) addAs(c *data.Client, d SheetDuplicate) {
	if np := namePhoneKey(c); np != "" {
		if _, ok := k.namePhone[np]; !ok {
			k.namePhone[np] = d
		}
	}
	if e := strings.ToLower(c.Email); e != "" {
		if _, ok := k.email[e]; !ok {
			k.email[e] = d
		}
	}
	if nb := nameBirthKey(c); nb != "" {
		if _, ok := k.nameBirth[nb]; !ok {
			k.nameBirth[nb] = d
		}
	}
}

func (k *knownClients) Add(c *data.Client, line int) {
	k.addAs(c, SheetDuplicate{Line: line, Name: c.Name})
}

func (k *knownClients) Match(c *data.Client) *SheetDuplicate {
	if d, ok := k.email[strings.ToLower(c.Email)]; ok && c.Email != "" {
		d.By = "email"
		return &d
	}
	if d, ok := k.nameBirth[nameBirthKey(c)]; ok {
		d.By = "name_birth"
		return &d
	}
	if d, ok := k.namePhone[namePhoneKey(c)]; ok {
		d.By = "name_phone"
		return &d
	}
	return nil
}

// ImportPlanned stores the sound clients of a plan in one transaction:
// those without problems, and likely duplicates only if asked to. It
// returns how many were stored.
func (s *Store) ImportPlanned(ctx context.Context, plan SheetPlan, withDuplicates bool, progress Progress) (int, error) {
	if err := s.Allow(data.OpTransfer); err != nil {
		return 0, err
	}
	var take []*data.Client
	for i := range plan.Rows {
		p := &plan.Rows[i]
		if len(p.Problems) == 0 && (p.Duplicate == nil || withDuplicates) {
			take = append(take, &p.Client)
		}
	}
	if len(take) == 0 {
		return 0, data.Errorf(data.CodeInvalid, "sheet.nothing", nil)
	}
	err := s.write(ctx, func(tx *dbx) error {
		w, err := s.newClientWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		now := stamp(s.now())
		for i, c := range take {
			c.ID = 0
			if err := w.add(c, now); err != nil {
				return err
			}
			if progress != nil && i%2000 == 0 {
				progress(float64(i) / float64(len(take)))
			}
		}
		return w.flush()
	})
	if err != nil {
		return 0, internal(err)
	}
	if progress != nil {
		progress(1)
	}
	return len(take), nil
}
