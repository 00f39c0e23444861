package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"studiopartner/data"
	"testing"
	"time"
)

// Every kept value (the month's goodwill sums, payments and visits, the
// running memberships, the cards' used sessions) equals what the raw rows
// give after a random mix of inserts, changes and deletions through the
// store, checked as it goes.
func TestDerivedValuesFollowEveryChange(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed-", seed), func(t *testing.T) {
			s := newStore(t)
			m := newMixer(t, s, seed)
			for step := range 240 {
				m.step()
				if step%40 == 39 {
					checkDerived(t, s, fmt.Sprintf("after step %d", step+1))
				}
			}
			if m.done < 120 {
				t.Fatalf("only %d of 240 random changes went through: the mix tests little", m.done)
			}
		})
	}
}

// mixer makes random changes through the store's own methods.
type mixer struct {
	t        *testing.T
	s        *Store
	r        *rand.Rand
	ctx      context.Context
	clients  []int64
	services []data.Service
	done     int // changes the store accepted
}

func newMixer(t *testing.T, s *Store, seed uint64) *mixer {
	m := &mixer{t: t, s: s, r: rand.New(rand.NewPCG(seed, 7)), ctx: context.Background()}
	for i := range 6 {
		m.clients = append(m.clients, mustClient(t, s, fmt.Sprintf("Kundin %d", i)).ID)
	}
	terms := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 1, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
	for _, kind := range []data.ServiceKind{data.KindMembership, data.KindCourse} {
		sv, err := s.SaveService(m.ctx, data.Service{Name: string(kind), Kind: kind, Price: 4900, Active: true, Terms: terms})
		if err != nil {
			t.Fatal(err)
		}
		m.services = append(m.services, sv)
	}
	m.services = append(m.services, mustCard(t, s, "Zehner", 10, 6, 12000))
	if err := s.freshen(m.ctx); err != nil { // the members' day is today
		t.Fatal(err)
	}
	return m
}

func (m *mixer) client() int64 { return m.clients[m.r.IntN(len(m.clients))] }

// day is a random day of September to today's November 2026.
func (m *mixer) day() data.Date { return day("2026-09-01").AddDays(m.r.IntN(84)) }

// ids lists the ids a query gives.
func (m *mixer) ids(q string) []int64 {
	var out []int64
	err := eachRow(m.ctx, m.s.read, q, func(r rowsOf) error {
		var id int64
		out = append(out, id)
		return r.Scan(&out[len(out)-1])
	})
	if err != nil {
		m.t.Fatal(err)
	}
	return out
}

func (m *mixer) pick(q string) (int64, bool) {
	ids := m.ids(q)
	if len(ids) == 0 {
		return 0, false
	}
	return ids[m.r.IntN(len(ids))], true
}

var mixCategories = []data.GoodwillCategory{data.CatExtraSession, data.CatMakeup, data.CatExtendedTime, data.CatFreeProduct}

func (m *mixer) goodwill() data.Goodwill {
	return data.Goodwill{ClientID: m.client(), GivenOn: m.day(), Category: mixCategories[m.r.IntN(len(mixCategories))],
		Description: "Test", Value: data.Money(100 + m.r.IntN(5000)), Minutes: m.r.IntN(60)}
}

// step makes one random change; a change the store refuses (a rule of
// the domain) changes nothing and is not counted.
func (m *mixer) step() {
	var err error
	switch m.r.IntN(14) {
	case 0:
		_, err = m.s.RecordGoodwill(m.ctx, m.goodwill())
	case 1:
		if id, ok := m.pick(`SELECT id FROM goodwill WHERE deleted_on = ''`); ok {
			g := m.goodwill()
			g.ID = id
			_, err = m.s.UpdateGoodwill(m.ctx, g, "korrigiert")
		}
	case 2:
		if id, ok := m.pick(`SELECT id FROM goodwill WHERE deleted_on = ''`); ok {
			err = m.s.DeleteGoodwill(m.ctx, id, "doppelt")
		}
	case 3:
		err = m.s.RecordGoodwillBulk(m.ctx, []data.Goodwill{m.goodwill(), m.goodwill(), m.goodwill()})
	case 4:
		_, err = m.s.RecordPayment(m.ctx, data.Payment{ClientID: m.client(), Amount: data.Money(500 + m.r.IntN(9000)), Method: data.MethodCash,
			ReceivedOn: m.day()})
	case 5:
		if id, ok := m.pick(`SELECT id FROM payments WHERE reverses IS NULL AND amount_cents > 0`); ok {
			_, err = m.s.ReversePayment(m.ctx, id, "Fehlbuchung")
		}
	case 6:
		err = m.s.RecordPayments(m.ctx, []data.Payment{{ClientID: m.client(), Amount: 700, Method: data.MethodCard, ReceivedOn: m.day()},
			{ClientID: m.client(), Amount: 1300, Method: data.MethodCash, ReceivedOn: m.day()}})
	case 7, 8:
		beyond := []data.Beyond{data.BeyondGoodwill, data.BeyondCharge}[m.r.IntN(2)]
		_, err = m.s.CheckIn(m.ctx, data.CheckIn{ClientID: m.client(), Beyond: beyond, Confirmed: true, Text: "Einzelstunde"})
	case 9:
		if id, ok := m.pick(`SELECT id FROM visits WHERE undone_on = ''`); ok {
			err = m.s.UndoVisit(m.ctx, id, "versehentlich")
		}
	case 10:
		at := time.Date(2026, time.Month(9+m.r.IntN(3)), 1+m.r.IntN(20), 18, 0, 0, 0, time.Local)
		err = m.s.RecordVisitsBulk(m.ctx, []data.Visit{{ClientID: m.client(), At: at, Outcome: data.Attended},
			{ClientID: m.client(), At: at.Add(time.Hour), Outcome: data.NoShow}})
	case 11:
		sv := m.services[m.r.IntN(len(m.services))]
		_, err = m.s.CreateContract(m.ctx, data.Contract{ClientID: m.client(), ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms,
			Start: day("2026-08-01").AddDays(m.r.IntN(150))})
	case 12:
		if id, ok := m.pick(`SELECT id FROM contracts WHERE ends_on = ''`); ok {
			_, err = m.s.CancelContract(m.ctx, id, m.day())
		}
	case 13:
		i := m.r.IntN(2) // the membership or the course becomes the other kind
		sv := m.services[i]
		sv.Kind = map[data.ServiceKind]data.ServiceKind{data.KindMembership: data.KindCourse, data.KindCourse: data.KindMembership}[sv.Kind]
		if sv, err = m.s.SaveService(m.ctx, sv); err == nil {
			m.services[i] = sv
		}
	}
	if err == nil {
		m.done++
	} else if data.AsError(err) == nil {
		m.t.Fatalf("not a refusal of the domain: %v", err)
	}
}

// checkDerived compares every kept value with what the raw rows give.
func checkDerived(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	same := func(what, kept, raw string) {
		t.Helper()
		k, r := keptRows(t, s, kept), keptRows(t, s, raw)
		if fmt.Sprint(k) != fmt.Sprint(r) {
			t.Fatalf("%s, %s:\nkept %v\nrows %v", when, what, k, r)
		}
	}
	same("goodwill sums", `SELECT month, kind, part, entries, value_cents, minutes FROM goodwill_sums
			WHERE entries <> 0 OR value_cents <> 0 OR minutes <> 0 ORDER BY 1, 2, 3`,
		goodwillSumsFromRows)
	same("payments by month", `SELECT month, amount_cents FROM payment_months WHERE amount_cents <> 0 ORDER BY 1`,
		`SELECT substr(received_on, 1, 7), sum(amount_cents) FROM payments GROUP BY 1 HAVING sum(amount_cents) <> 0 ORDER BY 1`)
	same("visits by month", `SELECT month, outcome, beyond, visits FROM visit_months WHERE visits <> 0 ORDER BY 1, 2, 3`,
		`SELECT substr(at, 1, 7), outcome, beyond, count(*) FROM visits WHERE undone_on = '' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
	same("cards' used sessions", `SELECT id, sessions_used FROM contracts WHERE sessions > 0 ORDER BY id`,
		`SELECT k.id, (SELECT count(*) FROM visits v WHERE v.contract_id = k.id AND v.uses_session = 1 AND v.undone_on = '')
			FROM contracts k WHERE k.sessions > 0 ORDER BY k.id`)
	asOf, err := s.Setting(ctx, settingMembersAsOf)
	if err != nil || asOf == "" {
		t.Fatalf("no members' day: %q, %v", asOf, err)
	}
	same("running memberships", `SELECT id, member_since FROM clients ORDER BY id`,
		`SELECT c.id, coalesce((SELECT min(k.start_on) FROM contracts k JOIN services sv ON sv.id = k.service_id
			WHERE k.client_id = c.id AND sv.kind = 'membership' AND k.start_on <= '`+asOf+`'
			AND (k.ends_on = '' OR k.ends_on >= '`+asOf+`')), '') FROM clients c ORDER BY c.id`)
}

// goodwillSumsFromRows adds up the goodwill entries that are not deleted
// by month and part, as the review reads them.
const goodwillSumsFromRows = `SELECT month, kind, part, count(*), sum(value_cents), sum(minutes) FROM (
		SELECT substr(given_on, 1, 7) AS month, 'month' AS kind, '' AS part, value_cents, minutes FROM goodwill WHERE deleted_on = ''
		UNION ALL SELECT substr(given_on, 1, 7), 'category', category, value_cents, minutes FROM goodwill WHERE deleted_on = ''
		UNION ALL SELECT substr(given_on, 1, 7), 'staff', CAST(coalesce(given_by, 0) AS TEXT), value_cents, minutes FROM goodwill WHERE deleted_on = ''
		UNION ALL SELECT substr(given_on, 1, 7), 'client', CAST(client_id AS TEXT), value_cents, minutes FROM goodwill WHERE deleted_on = '') g
	GROUP BY month, kind, part ORDER BY 1, 2, 3`

// keptRows reads a query's rows as text.
func keptRows(t *testing.T, s *Store, q string) [][]string {
	t.Helper()
	return textRows(t, s.pool, q)
}

// textRows reads a query's rows as text; NULL reads as "".
func textRows(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
