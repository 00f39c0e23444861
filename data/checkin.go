package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// CheckInPlan is what a check-in would do, for the counter to confirm.
type CheckInPlan struct {
	Client       Client
	Contract     *Contract // what the visit counts against; nil when none covers it
	Beyond       string    // why a choice beyond the contract is needed ("" when none is)
	Recent       *Visit    // a check-in of the same client a few minutes ago
	SessionPrice Money     // a session's price beyond the contract
	PriceFrom    int64     // the service that price comes from (0 if none)
	Cards        []Service // the cards a new one can be sold from
}

// AsksFirst reports whether the counter must confirm something before
// the check-in: a client who is not a current one, or a repeat.
func (p CheckInPlan) AsksFirst() bool {
	return p.Recent != nil || p.Client.Status == StatusDeclined || p.Client.Status == StatusFormer
}

// CheckIn is a check-in as the counter confirmed it.
type CheckIn struct {
	ClientID   int64
	ContractID int64     // 0: the contract that fits
	At         time.Time // zero: now
	Beyond     Beyond    // the choice when no contract covers the visit
	CardID     int64     // the card service for BeyondNewCard
	Confirmed  bool      // a repeat, or a declined or former client, confirmed
	Text       string    // the words for a charge or goodwill entry it makes, in the studio's language
}

// PlanCheckIn finds the contract a visit of the client at time at would
// count against: the card with sessions left that expires first, else a
// running course or membership; or the contract named.
func (s *Store) PlanCheckIn(ctx context.Context, clientID, contractID int64, at time.Time) (CheckInPlan, error) {
	var p CheckInPlan
	err := s.snapshot(ctx, func(v *Store) error {
		var err error
		p, err = v.planCheckIn(v.read, clientID, contractID, v.visitTime(at))
		return err
	})
	return p, internal(err)
}

// visitTime is the time of a visit: at, or now, in local time to the
// minute.
func (s *Store) visitTime(at time.Time) time.Time {
	if at.IsZero() {
		at = s.Now()
	}
	return at.In(time.Local).Truncate(time.Minute)
}

func (s *Store) planCheckIn(q *dbx, clientID, contractID int64, at time.Time) (CheckInPlan, error) {
	var p CheckInPlan
	c, err := getClient(q, clientID)
	if err != nil {
		return p, err
	}
	if !c.ErasedOn.IsZero() {
		return p, Errorf(CodeNotFound, "client.not_found", map[string]any{"ID": clientID})
	}
	p.Client = c
	contracts, err := contractsOf(inTx, q, clientID)
	if err != nil {
		return p, err
	}
	day := DateOf(at)
	if contractID != 0 {
		if err := p.named(contracts, contractID, day); err != nil {
			return p, err
		}
	} else {
		p.fit(contracts, day)
	}
	if p.Recent, err = recentVisit(q, clientID, at); err != nil {
		return p, err
	}
	if p.SessionPrice, p.PriceFrom, err = sessionPrice(q, p.PriceFrom); err != nil {
		return p, err
	}
	cards, err := cardServices(inTx, q, false)
	p.Cards = cards
	return p, err
}

// named takes the contract the counter named, if it may be used that day.
func (p *CheckInPlan) named(contracts []Contract, id int64, day Date) error {
	for i := range contracts {
		k := &contracts[i]
		if k.ID != id {
			continue
		}
		if day.Before(k.Start) {
			return Errorf(CodeInvalid, "visit.before_start", map[string]any{"Date": k.Start})
		}
		p.priceFrom(k)
		switch {
		case !k.WithdrawnOn.IsZero():
			p.Beyond = ReasonNoContract
		case k.IsCard() && day.After(k.ValidUntil):
			p.Beyond = ReasonExpired
		case k.IsCard() && k.Left() == 0:
			p.Beyond = ReasonUsedUp
		case !k.IsCard() && k.Status(day) == ContractEnded:
			p.Beyond = ReasonNoContract
		default:
			p.Contract = k
		}
		return nil
	}
	return Errorf(CodeNotFound, "contract.not_found", map[string]any{"ID": id})
}

// fitCandidates are a client's contracts sorted by what they mean for a
// visit on one day.
type fitCandidates struct {
	card, running, usedUp, expired *Contract
}

// add sorts one contract in: a card valid with sessions left (the one
// that expires first wins), a running course or membership, a card used
// up, a card expired (the one that ran out last).
func (f *fitCandidates) add(k *Contract, day Date) {
	switch {
	case day.Before(k.Start), !k.WithdrawnOn.IsZero():
	case k.IsCard() && day.After(k.ValidUntil):
		if f.expired == nil || k.ValidUntil.After(f.expired.ValidUntil) {
			f.expired = k
		}
	case k.IsCard() && k.Left() == 0:
		f.usedUp = k
	case k.IsCard():
		if f.card == nil || k.ValidUntil.Before(f.card.ValidUntil) {
			f.card = k
		}
	case k.coversVisits() && !k.Over(day) && f.running == nil:
		f.running = k
	}
}

// fit picks the contract a visit on day counts against, or says why none
// does: a card used up or expired, or nothing running.
func (p *CheckInPlan) fit(contracts []Contract, day Date) {
	var f fitCandidates
	for i := range contracts {
		f.add(&contracts[i], day)
	}
	switch {
	case f.card != nil:
		p.Contract = f.card
	case f.running != nil:
		p.Contract = f.running
	case f.usedUp != nil:
		p.Beyond = ReasonUsedUp
	case f.expired != nil:
		p.Beyond = ReasonExpired
	default:
		p.Beyond = ReasonNoContract
	}
	for _, k := range []*Contract{p.Contract, f.usedUp, f.expired} {
		if k != nil && p.PriceFrom == 0 {
			p.priceFrom(k)
		}
	}
}

// priceFrom takes the session price of the contract's service.
func (p *CheckInPlan) priceFrom(k *Contract) { p.PriceFrom = k.ServiceID }

// recentVisit is a check-in of the client within RepeatMinutes of at.
func recentVisit(q querier, clientID int64, at time.Time) (*Visit, error) {
	from := at.Add(-RepeatMinutes * time.Minute).Format(visitLayout)
	to := at.Add(RepeatMinutes * time.Minute).Format(visitLayout)
	v, err := scanVisit(q.QueryRow(`SELECT `+visitColumns+visitFrom+` WHERE v.client_id = ? AND v.at BETWEEN ? AND ?
		AND v.outcome = 'attended' AND v.undone_on = '' ORDER BY v.at DESC LIMIT 1`, clientID, from, to))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &v, err
}

// cardServices are the card services, by name: the active ones, or all.
func cardServices(ctx context.Context, q *dbx, all bool) ([]Service, error) {
	var out []Service
	active := ` AND active = 1`
	if all {
		active = ""
	}
	err := eachRow(ctx, q, `SELECT `+serviceColumns+` FROM services WHERE kind = 'card' AND sessions > 0`+active+` ORDER BY name`,
		func(r *sql.Rows) error {
			sv, err := scanService(r)
			out = append(out, sv)
			return err
		})
	return out, err
}

// CheckIn records a visit: against the contract that fits (or the one
// named), using a card's session; or, beyond the contract, as the counter
// chose — a charge, a new card or goodwill. A repeat within a few minutes
// and a declined or former client need Confirmed. Two counters checking
// in the same client at once make one visit: the second is a repeat.
func (s *Store) CheckIn(ctx context.Context, r CheckIn) (Visit, error) {
	at := s.visitTime(r.At)
	if err := s.checkVisitTime(at, false); err != nil {
		return Visit{}, err
	}
	var v Visit
	err := s.write(ctx, func(tx *dbx) error {
		if err := lockClient(tx, r.ClientID); err != nil {
			return err
		}
		p, err := s.planCheckIn(tx, r.ClientID, r.ContractID, at)
		if err != nil {
			return err
		}
		if err := checkInAsks(p, r); err != nil {
			return err
		}
		v = Visit{ClientID: r.ClientID, At: at, Outcome: Attended, StaffID: s.Actor()}
		if p.Contract != nil {
			v.ContractID, v.UsesSession = p.Contract.ID, p.Contract.IsCard()
		} else if err := s.beyondContract(tx, p, r, &v); err != nil {
			return err
		}
		return s.insertVisit(tx, &v)
	})
	return v, internal(err)
}

// checkInAsks refuses what the counter has not confirmed yet.
func checkInAsks(p CheckInPlan, r CheckIn) error {
	switch {
	case p.Recent != nil && !r.Confirmed:
		return Errorf(CodeConflict, "visit.repeat", map[string]any{"Time": p.Recent.At.Format("15:04")})
	case p.Client.Status == StatusDeclined && !r.Confirmed:
		return Errorf(CodeConflict, "visit.client_declined", map[string]any{"Name": p.Client.Name})
	case p.Client.Status == StatusFormer && !r.Confirmed:
		return Errorf(CodeConflict, "visit.client_former", map[string]any{"Name": p.Client.Name})
	case p.Contract == nil && r.Beyond == "":
		return Errorf(CodeConflict, "visit.beyond."+p.Beyond, nil)
	case p.Contract == nil && !r.Beyond.Valid():
		return Errorf(CodeInvalid, "visit.beyond.invalid", nil)
	}
	return nil
}

// checkVisitTime refuses a time in the future (unless a cancellation may
// name one) or far in the past.
func (s *Store) checkVisitTime(at time.Time, future bool) error {
	now := s.Now()
	switch {
	case !future && at.After(now.Add(time.Minute)):
		return Errorf(CodeInvalid, "visit.future", nil)
	case at.Year() < 2000 || at.After(now.AddDate(1, 0, 0)):
		return Errorf(CodeInvalid, "visit.out_of_range", nil)
	}
	return nil
}

// beyondContract makes what the counter chose for a visit no contract
// covers, and links it to the visit.
func (s *Store) beyondContract(tx *dbx, p CheckInPlan, r CheckIn, v *Visit) error {
	v.Beyond = r.Beyond
	price := p.SessionPrice
	text := strings.TrimSpace(r.Text)
	if text == "" {
		text = string(r.Beyond) + " " + v.Day().String()
	}
	day := v.Day()
	switch r.Beyond {
	case BeyondCharge:
		if price <= 0 {
			return Errorf(CodeConflict, "visit.no_price", nil)
		}
		ch, err := s.insertCharge(tx, OneOffCharge{ClientID: v.ClientID, Description: text, Amount: price, Due: day})
		v.ChargeID = ch.ID
		return err
	case BeyondGoodwill:
		g := Goodwill{ClientID: v.ClientID, GivenOn: day, Category: CatExtraSession, Description: text, Value: price,
			GivenBy: s.Actor(), ServiceID: p.PriceFrom}
		err := s.insertGoodwill(tx, &g)
		v.GoodwillID = g.ID
		return err
	}
	return s.sellCard(tx, r.CardID, v)
}

// sessionPrice is the price of one session of a service, or, where it
// has none, of the studio's first single session; with the service it
// came from.
func sessionPrice(q querier, serviceID int64) (Money, int64, error) {
	if serviceID != 0 {
		sv, err := getService(q, serviceID)
		if err != nil || sv.SessionPrice > 0 {
			return sv.SessionPrice, serviceID, err
		}
	}
	var price Money
	var id int64
	err := q.QueryRow(`SELECT session_price_cents, id FROM services WHERE kind = 'single' AND active = 1
		AND session_price_cents > 0 ORDER BY name LIMIT 1`).Scan(&price, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, serviceID, nil
	}
	return price, id, err
}

// sellCard starts a card contract on the visit's day, charges it, and
// counts the visit on it.
func (s *Store) sellCard(tx *dbx, cardID int64, v *Visit) error {
	sv, err := getService(tx, cardID)
	if err != nil {
		return err
	}
	if sv.Kind != KindCard || sv.Sessions == 0 || !sv.Active {
		return Errorf(CodeInvalid, "visit.card.invalid", map[string]any{"Name": sv.Name})
	}
	k := Contract{ClientID: v.ClientID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms, Start: v.Day()}
	if err := k.Validate(); err != nil {
		return err
	}
	if err := checkContractParties(tx, &k); err != nil {
		return err
	}
	if err := s.insertContract(tx, &k); err != nil {
		return err
	}
	for _, per := range k.Periods(v.Day(), nil) {
		id, err := takeNumber(tx, "charges")
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO charges (id, client_id, contract_id, period_start, period_end, amount_cents, due_on,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, k.ClientID, k.ID, per.Start.String(), per.End.String(),
			per.Share(k.Price), per.Start.String(), stamp(s.now())); err != nil {
			return err
		}
	}
	if err := s.settle(tx, k.ClientID); err != nil {
		return err
	}
	v.ContractID, v.UsesSession = k.ID, true
	return nil
}

// insertVisit stores the visit, counts its session, keeps the client's
// last visit, and writes the audit row.
func (s *Store) insertVisit(tx *dbx, v *Visit) error {
	v.CreatedAt = stamp(s.now())
	newID, err := tx.insertID(`INSERT INTO visits (client_id, contract_id, at, outcome, uses_session, beyond, charge_id, goodwill_id,
		staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.ClientID, nullID(v.ContractID), v.At.Format(visitLayout),
		v.Outcome, v.UsesSession, v.Beyond, nullID(v.ChargeID), nullID(v.GoodwillID), nullID(v.StaffID), v.CreatedAt)
	if err != nil {
		return err
	}
	v.ID = newID
	if err := countVisit(tx, v.ID); err != nil {
		return err
	}
	if err := countSessions(tx, v.ContractID); err != nil {
		return err
	}
	if err := keepLastVisit(tx, v.ClientID); err != nil {
		return err
	}
	return s.audit(tx, "visits", v.ID, ActionCreate, nil, *v)
}

// countSessions recounts the sessions a card has used.
func countSessions(tx *dbx, contractID int64) error {
	if contractID == 0 {
		return nil
	}
	_, err := tx.Exec(`UPDATE contracts SET sessions_used = (SELECT count(*) FROM visits
		WHERE contract_id = contracts.id AND uses_session = 1 AND undone_on = '') WHERE id = ? AND sessions > 0`, contractID)
	return err
}

// keepLastVisit stores the day the client last attended (0: everyone).
func keepLastVisit(tx *dbx, clientID int64) error {
	q := `UPDATE clients SET last_visit_on = coalesce((SELECT substr(max(v.at), 1, 10) FROM visits v
		WHERE v.client_id = clients.id AND v.outcome = 'attended' AND v.undone_on = ''), '')`
	if clientID == 0 {
		_, err := tx.Exec(q)
		return err
	}
	_, err := tx.Exec(q+` WHERE id = ?`, clientID)
	return err
}

// Absence is a session the client cancelled or missed.
type Absence struct {
	ClientID   int64
	ContractID int64     // 0: the contract that fits
	At         time.Time // the session's time
	NoShow     bool      // missed without a word; else cancelled now
}

// RecordAbsence records a cancelled or missed session. A cancellation at
// least the set hours before the session is in time and uses nothing; a
// late one or a no-show uses a card's session if the settings say so.
func (s *Store) RecordAbsence(ctx context.Context, a Absence) (Visit, error) {
	if a.At.IsZero() {
		return Visit{}, Errorf(CodeInvalid, "visit.time.required", nil)
	}
	at := s.visitTime(a.At)
	if err := s.checkVisitTime(at, !a.NoShow); err != nil {
		return Visit{}, err
	}
	rules, err := s.VisitRules(ctx)
	if err != nil {
		return Visit{}, err
	}
	v := Visit{ClientID: a.ClientID, At: at, StaffID: s.Actor(), Outcome: NoShow}
	if !a.NoShow {
		v.Outcome = CancelledLate
		if !s.Now().Add(time.Duration(rules.CancelHours) * time.Hour).After(at) {
			v.Outcome = CancelledInTime
		}
	}
	err = s.write(ctx, func(tx *dbx) error {
		p, err := s.planCheckIn(tx, a.ClientID, a.ContractID, at)
		if err != nil {
			return err
		}
		if p.Contract != nil {
			v.ContractID = p.Contract.ID
			v.UsesSession = p.Contract.IsCard() && v.Outcome != CancelledInTime && rules.LateUses
		}
		return s.insertVisit(tx, &v)
	})
	return v, internal(err)
}

// UndoVisit takes back a visit recorded by mistake, on the day it was
// recorded, with a reason: its session is given back, its goodwill entry
// deleted and its unpaid charge waived; the audit log keeps all of it.
func (s *Store) UndoVisit(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &Error{Code: CodeInvalid, Key: "visit.invalid", Fields: []FieldError{{Field: "reason", Key: "visit.undo.reason"}}}
	}
	if r := []rune(reason); len(r) > maxVisitReasonLength {
		reason = string(r[:maxVisitReasonLength])
	}
	today := s.Today()
	return internal(s.write(ctx, func(tx *dbx) error {
		v, err := getVisit(tx, id)
		if err != nil {
			return err
		}
		switch {
		case !v.UndoneOn.IsZero():
			return Errorf(CodeConflict, "visit.undo.already", map[string]any{"Date": v.UndoneOn})
		case !v.RecordedOn().Equal(today):
			return Errorf(CodeConflict, "visit.undo.other_day", map[string]any{"Date": v.RecordedOn()})
		}
		if err := s.undoBeyond(tx, v, reason, today); err != nil {
			return err
		}
		if err := keepVisitMonths(tx, id, func() error {
			_, err := tx.Exec(`UPDATE visits SET undone_on = ?, undone_reason = ? WHERE id = ?`, today.String(), reason, id)
			return err
		}); err != nil {
			return err
		}
		if err := countSessions(tx, v.ContractID); err != nil {
			return err
		}
		if err := keepLastVisit(tx, v.ClientID); err != nil {
			return err
		}
		return s.audit(tx, "visits", id, ActionDelete, v, map[string]any{"reason": reason})
	}))
}

// undoBeyond takes back what a visit beyond the contract made: its
// goodwill entry is deleted, its charge waived unless paid.
func (s *Store) undoBeyond(tx *dbx, v Visit, reason string, today Date) error {
	if v.GoodwillID != 0 {
		if err := keepGoodwillSums(tx, v.GoodwillID, func() error {
			_, err := tx.Exec(`UPDATE goodwill SET deleted_on = ?, deleted_reason = ?, updated_at = ? WHERE id = ? AND deleted_on = ''`,
				today.String(), reason, stamp(s.now()), v.GoodwillID)
			return err
		}); err != nil {
			return err
		}
		if err := s.refreshGoodwill90(tx, v.ClientID); err != nil {
			return err
		}
	}
	if v.ChargeID != 0 {
		var paid Money
		if err := tx.QueryRow(`SELECT paid_cents FROM charges WHERE id = ?`, v.ChargeID).Scan(&paid); err != nil {
			return err
		}
		if paid > 0 {
			return Errorf(CodeConflict, "visit.undo.paid", nil)
		}
		if _, err := tx.Exec(`UPDATE charges SET waived_on = ? WHERE id = ?`, today.String(), v.ChargeID); err != nil {
			return err
		}
		return s.settle(tx, v.ClientID)
	}
	return nil
}
