package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// ContractStatus is where a contract stands on a given day; it is derived,
// not stored.
type ContractStatus string

// Contract statuses.
const (
	ContractUpcoming  ContractStatus = "upcoming"
	ContractActive    ContractStatus = "active"
	ContractEnding    ContractStatus = "ending" // notice received, end date ahead
	ContractEnded     ContractStatus = "ended"
	ContractWithdrawn ContractStatus = "withdrawn" // the client withdrew: as if never made
)

// Contract is a client's agreement to a service.
type Contract struct {
	ID          int64  `json:"id"`
	ClientID    int64  `json:"client_id"`
	ServiceID   int64  `json:"service_id"`
	ServiceName string `json:"-"`
	// ServiceNameEN is the service's English name, "" if it has none.
	ServiceNameEN string `json:"-"`
	Price         Money  `json:"price"`
	Terms
	Start          Date        `json:"start"`
	NoticeReceived Date        `json:"notice_received"`
	EndsOn         Date        `json:"ends_on"` // set once the contract ends: by notice, or with its term
	Note           string      `json:"note"`
	EndCredit      Money       `json:"end_credit"`  // credited for days billed after the end, day by day
	Concluded      Concluded   `json:"concluded"`   // where the contract was concluded
	ExtraMonths    int         `json:"-"`           // months pauses added to the minimum term
	Sessions       int         `json:"sessions"`    // a card's sessions, from its service; 0 for other kinds
	ValidUntil     Date        `json:"valid_until"` // the last day a card may be used
	SessionsUsed   int         `json:"-"`           // derived from the visits
	Kind           ServiceKind `json:"-"`           // the service's kind
	Withdrawal
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// Validate checks the contract.
func (c *Contract) Validate() error {
	c.Note = strings.TrimSpace(c.Note)
	v := fieldErrors{key: "contract.invalid"}
	if c.ClientID == 0 {
		v.add("client", "contract.client.required", nil)
	}
	if c.ServiceID == 0 {
		v.add("service", "contract.service.required", nil)
	}
	validatePrice(&v, c.Price)
	if c.Start.IsZero() {
		v.add("start", "contract.start.required", nil)
	} else if c.Start.Year() < 2000 || c.Start.Year() > 2100 {
		v.add("start", "contract.start.range", nil)
	}
	c.Terms.validate(&v)
	if len(v.fields) == 0 {
		v.fields = append(v.fields, c.Void()...)
	}
	if c.Concluded == "" {
		c.Concluded = ConcludedStudio
	}
	if !oneOf(c.Concluded, ConcludedKinds) {
		v.add("concluded", "contract.concluded.invalid", nil)
	}
	if !MultiLine(c.Note) {
		v.add("note", "field.control", nil)
	}
	return v.err()
}

// Concluded says where a contract was concluded.
type Concluded string

// Where contracts are concluded.
const (
	ConcludedStudio    Concluded = "studio"    // at the studio
	ConcludedElsewhere Concluded = "elsewhere" // off the studio's premises
	ConcludedDistance  Concluded = "distance"  // by phone, e-mail or online
)

// ConcludedKinds lists them in the order forms offer them.
var ConcludedKinds = []Concluded{ConcludedStudio, ConcludedElsewhere, ConcludedDistance}

// ConcludedOn is the day the contract was concluded: the day it was
// recorded, or its start when it was recorded after it had started (a
// contract taken over from paper). A contract not yet stored is concluded
// on its start or today, whichever is earlier; before it is stored, its
// start stands for both.
func (c *Contract) ConcludedOn() Date {
	if t, err := time.Parse(time.RFC3339, c.CreatedAt); err == nil && DateOf(t).Before(c.Start) {
		return DateOf(t)
	}
	return c.Start
}

// Void returns the clauses of the contract's terms that the law makes void
// (see Terms.Void); a contract with any is never stored, printed or given
// an end date until they are corrected.
func (c *Contract) Void() []FieldError { return c.Terms.Void(c.ConcludedOn()) }

// orStudio is the place of conclusion, at the studio when none is given.
func (k Concluded) orStudio() Concluded {
	if k == "" {
		return ConcludedStudio
	}
	return k
}

// Effective returns the terms as they apply now: the minimum term grows by
// the months pauses added to it.
func (c *Contract) Effective() Terms {
	t := c.Terms
	t.MinTermMonths += c.ExtraMonths
	return t
}

// MinTermEnd returns the last day of the minimum term.
func (c *Contract) MinTermEnd() Date { return c.Effective().MinTermEnd(c.Start) }

// EndFor returns the day the contract ends when notice is received on day
// received.
func (c *Contract) EndFor(received Date) Date {
	return c.Effective().endFor(c.Start, received, c.ConcludedOn())
}

// NoticeDeadline returns the last day notice can be received for the
// contract to end with its minimum term.
func (c *Contract) NoticeDeadline() Date { return c.Effective().NoticeDeadline(c.Start) }

// End returns the day the contract ends as things stand: its confirmed end
// date, or the end of its term if it does not renew; zero if it runs on.
func (c *Contract) End() Date {
	if c.EndsOn.IsZero() && c.Renewal == RenewNone {
		return c.MinTermEnd()
	}
	return c.EndsOn
}

// EarliestEnd returns the first day the contract can end if notice is
// given on day today (or at its start, if that is later). A cancelled
// contract returns its end date; one whose terms are void, none (zero):
// nothing is computed from a void clause.
func (c *Contract) EarliestEnd(today Date) Date {
	if !c.EndsOn.IsZero() {
		return c.EndsOn
	}
	if len(c.Void()) > 0 {
		return Date{}
	}
	r := today
	if r.Before(c.Start) {
		r = c.Start
	}
	return c.EndFor(r)
}

// Over reports whether the contract no longer runs on day today: ended,
// or withdrawn from.
func (c *Contract) Over(today Date) bool {
	st := c.Status(today)
	return st == ContractEnded || st == ContractWithdrawn
}

// Status returns the contract's state on day today.
func (c *Contract) Status(today Date) ContractStatus {
	end := c.End()
	switch {
	case !c.WithdrawnOn.IsZero():
		return ContractWithdrawn
	case today.Before(c.Start):
		return ContractUpcoming
	case !end.IsZero() && today.After(end):
		return ContractEnded
	case !c.EndsOn.IsZero():
		return ContractEnding
	}
	return ContractActive
}

// ServiceNameIn returns the contract's service name in lang.
func (c Contract) ServiceNameIn(lang string) string {
	return inLanguage(lang, c.ServiceName, c.ServiceNameEN)
}

const contractColumns = `k.id, k.client_id, k.service_id, s.name, k.price_cents, k.billing, k.start_on, k.min_term_months,
	k.notice_n, k.notice_unit, k.renewal, k.renewal_months, k.notice_received, k.ends_on, k.note, k.created_at, k.updated_at,
	k.end_credit_cents, k.concluded, (SELECT coalesce(sum(p.extend_months), 0) FROM contract_pauses p WHERE p.contract_id = k.id),
	k.sessions, k.valid_until, k.sessions_used, s.kind, k.withdrawal_notice_on, k.withdrawal_notice_doc, k.early_start,
	k.withdrawn_on, k.withdrawal_refund_cents, s.name_en`

func scanContract(r scanner) (Contract, error) {
	var c Contract
	var start, received, ends, valid, handed, withdrawn string
	err := r.Scan(&c.ID, &c.ClientID, &c.ServiceID, &c.ServiceName, &c.Price, &c.Billing, &start, &c.MinTermMonths,
		&c.Notice.N, &c.Notice.Unit, &c.Renewal, &c.RenewalMonths, &received, &ends, &c.Note, &c.CreatedAt, &c.UpdatedAt,
		&c.EndCredit, &c.Concluded, &c.ExtraMonths, &c.Sessions, &valid, &c.SessionsUsed, &c.Kind, &handed, &c.NoticeDoc,
		&c.EarlyStart, &withdrawn, &c.Refund, &c.ServiceNameEN)
	c.Start, c.NoticeReceived, c.EndsOn, c.ValidUntil = mustDate(start), mustDate(received), mustDate(ends), mustDate(valid)
	c.NoticeOn, c.WithdrawnOn = mustDate(handed), mustDate(withdrawn)
	return c, err
}

// CreateContract validates and stores a new contract.
func (s *Store) CreateContract(ctx context.Context, c Contract) (Contract, error) {
	c.ID, c.NoticeReceived, c.EndsOn = 0, Date{}, Date{}
	if err := c.Validate(); err != nil {
		return Contract{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if err := checkContractParties(tx, &c); err != nil {
			return err
		}
		return s.insertContract(tx, &c)
	})
	if err != nil {
		return Contract{}, internal(err)
	}
	return c, nil
}

// insertContract stores a checked contract with its start price and
// writes the audit row.
func (s *Store) insertContract(tx *dbx, c *Contract) error {
	now := stamp(s.now())
	c.CreatedAt, c.UpdatedAt = now, now
	c.NoticeOn, c.NoticeDoc, c.WithdrawnOn, c.Refund = Date{}, 0, Date{}, 0
	newID, err := tx.insertID(`INSERT INTO contracts (client_id, service_id, price_cents, billing, start_on, min_term_months,
		notice_n, notice_unit, renewal, renewal_months, note, concluded, created_at, updated_at, sessions, valid_until,
		early_start, withdrawal_until)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ClientID, c.ServiceID, c.Price, c.Billing, c.Start.String(), c.MinTermMonths, c.Notice.N, c.Notice.Unit,
		c.Renewal, c.RenewalMonths, c.Note, c.Concluded, now, now, c.Sessions, c.ValidUntil.String(),
		c.EarlyStart, c.WithdrawalUntil().String())
	if err != nil {
		return err
	}
	c.ID = newID
	if err := refreshMember(tx, c.ClientID); err != nil {
		return err
	}
	if err := setPrice(tx, c.ID, c.Start, c.Price); err != nil {
		return err
	}
	return s.audit(tx, "contracts", c.ID, ActionCreate, nil, *c)
}

func checkContractParties(tx *dbx, c *Contract) error {
	if _, err := getClient(tx, c.ClientID); err != nil {
		return err
	}
	sv, err := getService(tx, c.ServiceID)
	if err != nil {
		return err
	}
	c.ServiceName, c.Kind = sv.Name, sv.Kind
	if sv.Kind == KindCard && sv.Sessions > 0 && c.Sessions == 0 {
		// a card keeps the sessions and validity it was sold with
		c.Sessions, c.ValidUntil = sv.Sessions, c.Start.PeriodEnd(sv.ValidMonths)
	}
	return nil
}

// UpdateContract stores changed terms of a contract that has not been
// cancelled; the end date of a cancelled contract stays as confirmed.
func (s *Store) UpdateContract(ctx context.Context, c Contract) (Contract, error) {
	if err := c.Validate(); err != nil {
		return Contract{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		before, err := getContract(tx, c.ID)
		if err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = before.CreatedAt, stamp(s.now())
		if err := editable(before, c); err != nil {
			return err
		}
		if err := checkContractParties(tx, &c); err != nil {
			return err
		}
		c.ExtraMonths = before.ExtraMonths
		c.NoticeOn, c.NoticeDoc, c.WithdrawnOn, c.Refund = before.NoticeOn, before.NoticeDoc, before.WithdrawnOn, before.Refund
		billed, err := lastBilled(tx, c.ID)
		if err != nil {
			return err
		}
		if !billed.IsZero() && (!c.Start.Equal(before.Start) || c.Billing != before.Billing) {
			return &Error{Code: CodeConflict, Key: "contract.invalid", Fields: []FieldError{{Field: "start", Key: "contract.billed.locked"}}}
		}
		_, err = tx.Exec(`UPDATE contracts SET service_id = ?, price_cents = ?, billing = ?, start_on = ?, min_term_months = ?,
			notice_n = ?, notice_unit = ?, renewal = ?, renewal_months = ?, note = ?, concluded = ?, updated_at = ?,
			early_start = ?, withdrawal_until = ?, void_terms = 0 WHERE id = ?`,
			c.ServiceID, c.Price, c.Billing, c.Start.String(), c.MinTermMonths, c.Notice.N, c.Notice.Unit, c.Renewal,
			c.RenewalMonths, c.Note, c.Concluded, c.UpdatedAt, c.EarlyStart, c.WithdrawalUntil().String(), c.ID)
		if err != nil {
			return err
		}
		if err := refreshMember(tx, before.ClientID); err != nil {
			return err
		}
		if c.Price != before.Price || !c.Start.Equal(before.Start) {
			if err := s.repriceContract(tx, &c, billed); err != nil {
				return err
			}
		}
		return s.audit(tx, "contracts", c.ID, ActionUpdate, before, c)
	})
	if err != nil {
		return Contract{}, internal(err)
	}
	return c, nil
}

// editable refuses changes to a contract that was cancelled or withdrawn
// from, and terms that are void on the day it was concluded (which the
// form, not knowing that day, may not have seen).
func editable(before, c Contract) error {
	switch {
	case !before.NoticeReceived.IsZero():
		return Errorf(CodeConflict, "contract.cancelled.locked", nil)
	case !before.WithdrawnOn.IsZero():
		return Errorf(CodeConflict, "contract.withdrawn.locked", map[string]any{"Date": before.WithdrawnOn})
	}
	if void := c.Void(); len(void) > 0 {
		return &Error{Code: CodeInvalid, Key: "contract.invalid", Fields: void}
	}
	return nil
}

// repriceContract records the contract's new price: from its start when
// nothing is billed yet, else from the first period not billed.
func (s *Store) repriceContract(tx *dbx, c *Contract, billed Date) error {
	if !billed.IsZero() {
		return setPrice(tx, c.ID, c.PriceFrom(s.Today(), billed), c.Price)
	}
	if _, err := tx.Exec(`DELETE FROM contract_prices WHERE contract_id = ?`, c.ID); err != nil {
		return err
	}
	return setPrice(tx, c.ID, c.Start, c.Price)
}

// CancelContract records that notice was received on day received and
// stores the computed end date.
func (s *Store) CancelContract(ctx context.Context, id int64, received Date) (Contract, error) {
	var c Contract
	err := s.write(ctx, func(tx *dbx) error {
		before, err := getContract(tx, id)
		if err != nil {
			return err
		}
		if !before.NoticeReceived.IsZero() {
			return Errorf(CodeConflict, "contract.cancel.already", map[string]any{"Date": before.EndsOn})
		}
		if !before.WithdrawnOn.IsZero() {
			return Errorf(CodeConflict, "contract.withdrawn.locked", map[string]any{"Date": before.WithdrawnOn})
		}
		if len(before.Void()) > 0 {
			return Errorf(CodeConflict, "contract.void.correct_first", nil)
		}
		if received.IsZero() {
			return &Error{Code: CodeInvalid, Key: "contract.invalid", Fields: []FieldError{{Field: "received", Key: "contract.received.required"}}}
		}
		if received.After(s.Today()) {
			return &Error{Code: CodeInvalid, Key: "contract.invalid", Fields: []FieldError{{Field: "received", Key: "contract.received.future"}}}
		}
		c = before
		c.NoticeReceived = received
		c.EndsOn = c.EndFor(received)
		c.UpdatedAt = stamp(s.now())
		if c.EndCredit, err = s.creditAfterEnd(tx, c); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE contracts SET notice_received = ?, ends_on = ?, end_credit_cents = ?, updated_at = ? WHERE id = ?`,
			received.String(), c.EndsOn.String(), c.EndCredit, c.UpdatedAt, id); err != nil {
			return err
		}
		if err := refreshMember(tx, c.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "contracts", id, ActionCancel, before, c)
	})
	if err != nil {
		return Contract{}, internal(err)
	}
	return c, nil
}

// creditAfterEnd gives back, day by day, what the contract's charges
// billed for days after its end (a quarter or a year paid in advance): a
// charge that runs past the end is cut to the days up to it, one that
// starts after the end goes. What the client had paid for those days
// becomes credit when the payments are applied again. It returns the
// amount credited.
func (s *Store) creditAfterEnd(tx *dbx, c Contract) (Money, error) {
	type cut struct {
		id         int64
		start, end Date
		amount     Money
	}
	var cuts []cut
	err := eachRow(inTx, tx, `SELECT id, period_start, period_end, amount_cents FROM charges
		WHERE contract_id = ? AND period_start <> '' AND period_end > ? AND waived_on = ''`, func(r *sql.Rows) error {
		var x cut
		var start, end string
		err := r.Scan(&x.id, &start, &end, &x.amount)
		x.start, x.end = mustDate(start), mustDate(end)
		cuts = append(cuts, x)
		return err
	}, c.ID, c.EndsOn.String())
	if err != nil || len(cuts) == 0 {
		return 0, err
	}
	var credit Money
	for _, x := range cuts {
		keep := Money(0)
		if !x.start.After(c.EndsOn) {
			keep = Period{Start: x.start, End: c.EndsOn, Days: x.start.DaysUntil(x.end) + 1}.Share(x.amount)
		}
		credit += x.amount - keep
		before := map[string]any{"amount_cents": x.amount, "period_end": x.end}
		if keep == 0 {
			if _, err := tx.Exec(`DELETE FROM charges WHERE id = ?`, x.id); err != nil {
				return 0, err
			}
			if err := s.audit(tx, "charges", x.id, ActionDelete, before, map[string]any{"reason": "after the contract's end"}); err != nil {
				return 0, err
			}
			continue
		}
		if _, err := tx.Exec(`UPDATE charges SET amount_cents = ?, paid_cents = {{least}}(paid_cents, ?), period_end = ? WHERE id = ?`,
			keep, keep, c.EndsOn.String(), x.id); err != nil {
			return 0, err
		}
		if err := s.audit(tx, "charges", x.id, ActionUpdate, before,
			map[string]any{"amount_cents": keep, "period_end": c.EndsOn}); err != nil {
			return 0, err
		}
	}
	return credit, s.settle(tx, c.ClientID)
}

// setPrice records the price that applies from day from on.
func setPrice(tx *dbx, contractID int64, from Date, price Money) error {
	_, err := tx.Exec(`INSERT INTO contract_prices (contract_id, effective_from, price_cents) VALUES (?, ?, ?)
		ON CONFLICT (contract_id, effective_from) DO UPDATE SET price_cents = excluded.price_cents`,
		contractID, from.String(), price)
	return err
}

// PriceFrom returns the first day a price changed on day today applies:
// the start of the next billing period that is not billed yet.
func (c *Contract) PriceFrom(today, lastBilled Date) Date {
	after := today
	if lastBilled.After(after) {
		after = lastBilled
	}
	return c.nextPeriodStart(after)
}

// PriceChangeDate returns the day a price changed today would apply from:
// the contract's start while nothing is billed, else the next period that
// is not billed yet.
func (s *Store) PriceChangeDate(ctx context.Context, k Contract) (Date, error) {
	billed, err := lastBilled(s.read, k.ID)
	if err != nil || billed.IsZero() {
		return k.Start, internal(err)
	}
	return k.PriceFrom(s.Today(), billed), nil
}

func getContract(q querier, id int64) (Contract, error) {
	c, err := scanContract(q.QueryRow(`SELECT `+contractColumns+` FROM contracts k JOIN services s ON s.id = k.service_id
		WHERE k.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Contract{}, Errorf(CodeNotFound, "contract.not_found", map[string]any{"ID": id})
	}
	return c, err
}

// Contract returns one contract.
func (s *Store) Contract(ctx context.Context, id int64) (Contract, error) {
	c, err := getContract(s.read, id)
	return c, internal(err)
}

// ContractsOf lists a client's contracts, newest start first.
func (s *Store) ContractsOf(ctx context.Context, clientID int64) ([]Contract, error) {
	out, err := contractsOf(ctx, s.read, clientID)
	return out, internal(err)
}

func contractsOf(ctx context.Context, q *dbx, clientID int64) ([]Contract, error) {
	var out []Contract
	err := eachRow(ctx, q, `SELECT `+contractColumns+` FROM contracts k JOIN services s ON s.id = k.service_id
		WHERE k.client_id = ? ORDER BY k.start_on DESC, k.id DESC`, func(r *sql.Rows) error {
		c, err := scanContract(r)
		out = append(out, c)
		return err
	}, clientID)
	return out, err
}
