package sqlstore

import (
	"context"
	"strings"
	"studiopartner/data"
	"time"
)

// PlanCheckIn finds the contract a visit of the client at time at would
// count against: the card with sessions left that expires first, else a
// running course or membership; or the contract named.
func (s *Store) PlanCheckIn(ctx context.Context, clientID, contractID int64, at time.Time) (data.CheckInPlan, error) {
	var p data.CheckInPlan
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

func (s *Store) planCheckIn(q *dbx, clientID, contractID int64, at time.Time) (data.CheckInPlan, error) {
	var c data.Client
	return s.planWith(q, clientPart(clientID, &c), clientID, &c, contractID, at)
}

// planWith plans a check-in of the client the part first reads into c
// (locking their row, or not): that read and the plan's own travel
// together.
func (s *Store) planWith(q *dbx, first readPart, clientID int64, c *data.Client, contractID int64, at time.Time) (data.CheckInPlan, error) {
	var p data.CheckInPlan
	var contracts []data.Contract
	prices := map[int64]data.Money{} // the session prices of the client's services
	var single struct {
		price data.Money
		id    int64
	}
	from := at.Add(-data.RepeatMinutes * time.Minute).Format(data.VisitLayout)
	to := at.Add(data.RepeatMinutes * time.Minute).Format(data.VisitLayout)
	err := q.readAll(first,
		contractsPart(clientID, &contracts),
		readPart{query: `SELECT ` + visitColumns + visitFrom + ` WHERE v.client_id = ? AND v.at BETWEEN ? AND ?
			AND v.outcome = 'attended' AND v.undone_on = '' ORDER BY v.at DESC LIMIT 1`, args: []any{clientID, from, to},
			row: func(r scanner) error {
				v, err := scanVisit(r)
				p.Recent = &v
				return err
			}},
		readPart{query: `SELECT id, session_price_cents FROM services WHERE id IN (SELECT service_id FROM contracts WHERE client_id = ?)`,
			args: []any{clientID}, row: func(r scanner) error {
				var id int64
				var price data.Money
				err := r.Scan(&id, &price)
				prices[id] = price
				return err
			}},
		readPart{query: `SELECT session_price_cents, id FROM services WHERE kind = 'single' AND active = 1
			AND session_price_cents > 0 ORDER BY name LIMIT 1`, row: func(r scanner) error { return r.Scan(&single.price, &single.id) }},
		cardServicesPart(false, &p.Cards))
	if err != nil {
		return p, err
	}
	if !c.ErasedOn.IsZero() {
		return p, data.Errorf(data.CodeNotFound, "client.not_found", map[string]any{"ID": c.ID})
	}
	p.Client = *c
	day := data.DateOf(at)
	if contractID != 0 {
		if err := p.Named(contracts, contractID, day); err != nil {
			return p, err
		}
	} else {
		p.Fit(contracts, day)
	}
	// a session costs what the contract's service says, or, where it says
	// nothing, what the studio's first single session costs
	if price := prices[p.PriceFrom]; p.PriceFrom != 0 && price > 0 {
		p.SessionPrice = price
	} else if single.id != 0 {
		p.SessionPrice, p.PriceFrom = single.price, single.id
	}
	return p, nil
}

// cardServices are the card services, by name: the active ones, or all.
func cardServices(q *dbx, all bool) ([]data.Service, error) {
	var out []data.Service
	err := q.readAll(cardServicesPart(all, &out))
	return out, err
}

// cardServicesPart is cardServices as a part of several reads.
func cardServicesPart(all bool, out *[]data.Service) readPart {
	active := ` AND active = 1`
	if all {
		active = ""
	}
	return readPart{query: `SELECT ` + serviceColumns + ` FROM services WHERE kind = 'card' AND sessions > 0` + active + ` ORDER BY name`,
		row: func(r scanner) error {
			sv, err := scanService(r)
			*out = append(*out, sv)
			return err
		}}
}

// CheckIn records a visit: against the contract that fits (or the one
// named), using a card's session; or, beyond the contract, as the counter
// chose — a charge, a new card or goodwill. A repeat within a few minutes
// and a declined or former client need Confirmed. Two counters checking
// in the same client at once make one visit: the second is a repeat.
func (s *Store) CheckIn(ctx context.Context, r data.CheckIn) (data.Visit, error) {
	at := s.visitTime(r.At)
	if err := s.checkVisitTime(at, false); err != nil {
		return data.Visit{}, err
	}
	var v data.Visit
	err := s.write(ctx, func(tx *dbx) error {
		var c data.Client
		p, err := s.planWith(tx, lockedClientPart(r.ClientID, &c), r.ClientID, &c, r.ContractID, at)
		if err != nil {
			return err
		}
		if err := checkInAsks(p, r); err != nil {
			return err
		}
		v = data.Visit{ClientID: r.ClientID, At: at, Outcome: data.Attended, StaffID: s.Actor()}
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
func checkInAsks(p data.CheckInPlan, r data.CheckIn) error {
	switch {
	case p.Recent != nil && !r.Confirmed:
		return data.Errorf(data.CodeConflict, "visit.repeat", map[string]any{"Time": p.Recent.At.Format("15:04")})
	case p.Client.Status == data.StatusDeclined && !r.Confirmed:
		return data.Errorf(data.CodeConflict, "visit.client_declined", map[string]any{"Name": p.Client.Name})
	case p.Client.Status == data.StatusFormer && !r.Confirmed:
		return data.Errorf(data.CodeConflict, "visit.client_former", map[string]any{"Name": p.Client.Name})
	case p.Contract == nil && r.Beyond == "":
		return data.Errorf(data.CodeConflict, "visit.beyond."+p.Beyond, nil)
	case p.Contract == nil && !r.Beyond.Valid():
		return data.Errorf(data.CodeInvalid, "visit.beyond.invalid", nil)
	}
	return nil
}

// checkVisitTime refuses a time in the future (unless a cancellation may
// name one) or far in the past.
func (s *Store) checkVisitTime(at time.Time, future bool) error {
	now := s.Now()
	switch {
	case !future && at.After(now.Add(time.Minute)):
		return data.Errorf(data.CodeInvalid, "visit.future", nil)
	case at.Year() < 2000 || at.After(now.AddDate(1, 0, 0)):
		return data.Errorf(data.CodeInvalid, "visit.out_of_range", nil)
	}
	return nil
}

// beyondContract makes what the counter chose for a visit no contract
// covers, and links it to the visit.
func (s *Store) beyondContract(tx *dbx, p data.CheckInPlan, r data.CheckIn, v *data.Visit) error {
	v.Beyond = r.Beyond
	price := p.SessionPrice
	text := strings.TrimSpace(r.Text)
	if text == "" {
		text = string(r.Beyond) + " " + v.Day().String()
	}
	day := v.Day()
	switch r.Beyond {
	case data.BeyondCharge:
		if price <= 0 {
			return data.Errorf(data.CodeConflict, "visit.no_price", nil)
		}
		ch, err := s.insertCharge(tx, data.OneOffCharge{ClientID: v.ClientID, Description: text, Amount: price, Due: day})
		v.ChargeID = ch.ID
		return err
	case data.BeyondGoodwill:
		g := data.Goodwill{ClientID: v.ClientID, GivenOn: day, Category: data.CatExtraSession, Description: text, Value: price,
			GivenBy: s.Actor(), ServiceID: p.PriceFrom}
		err := s.insertGoodwill(tx, &g)
		v.GoodwillID = g.ID
		return err
	}
	return s.sellCard(tx, r.CardID, v)
}

// sellCard starts a card contract on the visit's day, charges it, and
// counts the visit on it.
func (s *Store) sellCard(tx *dbx, cardID int64, v *data.Visit) error {
	sv, err := getService(tx, cardID)
	if err != nil {
		return err
	}
	if sv.Kind != data.KindCard || sv.Sessions == 0 || !sv.Active {
		return data.Errorf(data.CodeInvalid, "visit.card.invalid", map[string]any{"Name": sv.Name})
	}
	k := data.Contract{ClientID: v.ClientID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms, Start: v.Day()}
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
func (s *Store) insertVisit(tx *dbx, v *data.Visit) error {
	v.CreatedAt, v.Branch = stamp(s.now()), s.branchOf(v.Branch)
	newID, err := tx.insertID(`INSERT INTO visits (client_id, contract_id, at, outcome, uses_session, beyond, charge_id, goodwill_id,
		staff_id, created_at, branch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.ClientID, nullID(v.ContractID), v.At.Format(data.VisitLayout),
		v.Outcome, v.UsesSession, v.Beyond, nullID(v.ChargeID), nullID(v.GoodwillID), nullID(v.StaffID), v.CreatedAt, v.Branch)
	if err != nil {
		return err
	}
	v.ID = newID
	if err := countNewVisit(tx, v); err != nil {
		return err
	}
	if err := countSessions(tx, v.ContractID); err != nil {
		return err
	}
	if err := keepLastVisit(tx, v.ClientID); err != nil {
		return err
	}
	return s.audit(tx, "visits", v.ID, data.ActionCreate, nil, *v)
}

// countSessions recounts the sessions a card has used.
func countSessions(tx *dbx, contractID int64) error {
	if contractID == 0 {
		return nil
	}
	return tx.later(`UPDATE contracts SET sessions_used = (SELECT count(*) FROM visits
		WHERE contract_id = contracts.id AND uses_session = 1 AND undone_on = '') WHERE id = ? AND sessions > 0`, contractID)
}

// keepLastVisit stores the day the client last attended (0: everyone).
func keepLastVisit(tx *dbx, clientID int64) error {
	q := `UPDATE clients SET last_visit_on = coalesce((SELECT substr(max(v.at), 1, 10) FROM visits v
		WHERE v.client_id = clients.id AND v.outcome = 'attended' AND v.undone_on = ''), '')`
	if clientID == 0 {
		return tx.later(q)
	}
	return tx.later(q+` WHERE id = ?`, clientID)
}

// RecordAbsence records a cancelled or missed session. A cancellation at
// least the set hours before the session is in time and uses nothing; a
// late one or a no-show uses a card's session if the settings say so.
func (s *Store) RecordAbsence(ctx context.Context, a data.Absence) (data.Visit, error) {
	if a.At.IsZero() {
		return data.Visit{}, data.Errorf(data.CodeInvalid, "visit.time.required", nil)
	}
	at := s.visitTime(a.At)
	if err := s.checkVisitTime(at, !a.NoShow); err != nil {
		return data.Visit{}, err
	}
	rules, err := s.VisitRules(ctx)
	if err != nil {
		return data.Visit{}, err
	}
	v := data.Visit{ClientID: a.ClientID, At: at, StaffID: s.Actor(), Outcome: data.NoShow}
	if !a.NoShow {
		v.Outcome = data.CancelledLate
		if !s.Now().Add(time.Duration(rules.CancelHours) * time.Hour).After(at) {
			v.Outcome = data.CancelledInTime
		}
	}
	err = s.write(ctx, func(tx *dbx) error {
		p, err := s.planCheckIn(tx, a.ClientID, a.ContractID, at)
		if err != nil {
			return err
		}
		if p.Contract != nil {
			v.ContractID = p.Contract.ID
			v.UsesSession = p.Contract.IsCard() && v.Outcome != data.CancelledInTime && rules.LateUses
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
		return &data.Error{Code: data.CodeInvalid, Key: "visit.invalid", Fields: []data.FieldError{{Field: "reason", Key: "visit.undo.reason"}}}
	}
	if r := []rune(reason); len(r) > data.MaxVisitReasonLength {
		reason = string(r[:data.MaxVisitReasonLength])
	}
	today := s.Today()
	return internal(s.write(ctx, func(tx *dbx) error {
		v, err := getVisit(tx, id)
		if err != nil {
			return err
		}
		switch {
		case !v.UndoneOn.IsZero():
			return data.Errorf(data.CodeConflict, "visit.undo.already", map[string]any{"Date": v.UndoneOn})
		case !v.RecordedOn().Equal(today):
			return data.Errorf(data.CodeConflict, "visit.undo.other_day", map[string]any{"Date": v.RecordedOn()})
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
		return s.audit(tx, "visits", id, data.ActionDelete, v, map[string]any{"reason": reason})
	}))
}

// undoBeyond takes back what a visit beyond the contract made: its
// goodwill entry is deleted, its charge waived unless paid.
func (s *Store) undoBeyond(tx *dbx, v data.Visit, reason string, today data.Date) error {
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
		var paid data.Money
		if err := tx.QueryRow(`SELECT paid_cents FROM charges WHERE id = ?`, v.ChargeID).Scan(&paid); err != nil {
			return err
		}
		if paid > 0 {
			return data.Errorf(data.CodeConflict, "visit.undo.paid", nil)
		}
		if _, err := tx.Exec(`UPDATE charges SET waived_on = ? WHERE id = ?`, today.String(), v.ChargeID); err != nil {
			return err
		}
		return s.settle(tx, v.ClientID)
	}
	return nil
}
