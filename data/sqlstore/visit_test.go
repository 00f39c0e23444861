package sqlstore

import (
	"context"
	"math/rand/v2"
	"studiopartner/data"
	"testing"
	"time"
)

// localAt is a local time on the test's clock day or another.
func localAt(d string, hh, mm int) time.Time {
	x := day(d)
	return time.Date(x.Year(), x.Month(), x.Day(), hh, mm, 0, 0, time.Local)
}

// setClock puts the store's clock at a local time.
func setClock(s *Store, t time.Time) { s.Now = func() time.Time { return t } }

func mustCard(t testing.TB, s *Store, name string, sessions, months int, price data.Money) data.Service {
	t.Helper()
	sv, err := s.SaveService(context.Background(), data.Service{Name: name, Kind: data.KindCard, Price: price, Active: true,
		Sessions: sessions, ValidMonths: months,
		Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: months, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone}})
	if err != nil {
		t.Fatalf("SaveService(%s): %v", name, err)
	}
	return sv
}

func mustContract(t testing.TB, s *Store, clientID int64, sv data.Service, start string) data.Contract {
	t.Helper()
	k, err := s.CreateContract(context.Background(), data.Contract{ClientID: clientID, ServiceID: sv.ID, Price: sv.Price,
		Terms: sv.Terms, Start: day(start)})
	if err != nil {
		t.Fatalf("CreateContract: %v", err)
	}
	return k
}

func contractNow(t testing.TB, s *Store, id int64) data.Contract {
	t.Helper()
	k, err := s.Contract(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestCardValidity(t *testing.T) {
	s := newStore(t)
	c := mustClient(t, s, "Mia Roth")
	for _, x := range []struct {
		start  string
		months int
		want   string
	}{
		{"2026-11-15", 6, "2027-05-14"},
		{"2026-08-31", 6, "2027-02-28"}, // no 31 February: the month's last day
		{"2027-08-31", 6, "2028-02-29"}, // a leap year
		{"2028-02-29", 12, "2029-02-28"},
		{"2027-03-01", 12, "2028-02-29"},
		{"2026-12-01", 4, "2027-03-31"},
	} {
		sv := mustCard(t, s, "Karte "+x.start+" "+time.Duration(x.months).String(), 10, x.months, 12000)
		k := mustContract(t, s, c.ID, sv, x.start)
		if k.ValidUntil.String() != x.want || k.Sessions != 10 {
			t.Errorf("a %d-month card from %s: valid until %s with %d sessions, want %s and 10", x.months, x.start,
				k.ValidUntil, k.Sessions, x.want)
		}
	}
}

func TestCardSessionsRange(t *testing.T) {
	s := newStore(t)
	for _, n := range []int{0, 1000, -1} {
		_, err := s.SaveService(context.Background(), data.Service{Name: "Karte", Kind: data.KindCard, Price: 100, Active: true,
			Sessions: n, ValidMonths: 6, Terms: data.Terms{Billing: data.BillingOnce, MinTermMonths: 6, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone}})
		wantField(t, err, "sessions", "service.sessions.range")
	}
	sv := mustCard(t, s, "Zehner", 10, 6, 12000)
	if sv.SessionPrice != 1200 {
		t.Fatalf("a 10-card at 120 € has a session price of %v, want 12 €", sv.SessionPrice)
	}
}

// Check-in uses a session; a cancellation in time gives nothing away, a
// late one or a no-show uses the session (the setting), and undo gives it
// back.
func TestSessionsAndCancellationWindow(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Lea Wolf")
	k := mustContract(t, s, c.ID, mustCard(t, s, "Fünfer", 5, 3, 6000), "2026-11-01")
	setClock(s, localAt("2026-11-23", 10, 0))
	v, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID})
	if err != nil || v.ContractID != k.ID || !v.UsesSession {
		t.Fatalf("check-in: %+v, %v", v, err)
	}
	if got := contractNow(t, s, k.ID); got.SessionsUsed != 1 || got.Left() != 4 {
		t.Fatalf("after one visit: %d used, %d left", got.SessionsUsed, got.Left())
	}
	// the session on the 24th at 18:00; it is the 23rd
	session := localAt("2026-11-24", 18, 0)
	for _, x := range []struct {
		now     time.Time
		outcome data.VisitOutcome
		left    int
	}{
		{localAt("2026-11-23", 17, 59), data.CancelledInTime, 4}, // 24 h and a minute ahead
		{localAt("2026-11-23", 18, 0), data.CancelledInTime, 4},  // exactly 24 h
		{localAt("2026-11-23", 18, 1), data.CancelledLate, 3},    // 23 h 59 min
	} {
		setClock(s, x.now)
		v, err := s.RecordAbsence(ctx, data.Absence{ClientID: c.ID, At: session})
		if err != nil || v.Outcome != x.outcome {
			t.Fatalf("cancelled at %s: %+v, %v; want %s", x.now.Format("15:04"), v, err, x.outcome)
		}
		if got := contractNow(t, s, k.ID).Left(); got != x.left {
			t.Fatalf("cancelled at %s: %d left, want %d", x.now.Format("15:04"), got, x.left)
		}
	}
	setClock(s, localAt("2026-11-24", 20, 0))
	if v, err := s.RecordAbsence(ctx, data.Absence{ClientID: c.ID, At: session, NoShow: true}); err != nil || v.Outcome != data.NoShow || !v.UsesSession {
		t.Fatalf("no-show: %+v, %v", v, err)
	}
	if got := contractNow(t, s, k.ID).Left(); got != 2 {
		t.Fatalf("after a no-show: %d left, want 2", got)
	}
	// the studio's setting: late cancellations and no-shows cost nothing
	if err := s.SaveVisitRules(ctx, data.VisitRules{CancelHours: 24, LateUses: false}); err != nil {
		t.Fatal(err)
	}
	if v, err := s.RecordAbsence(ctx, data.Absence{ClientID: c.ID, At: localAt("2026-11-24", 19, 0), NoShow: true}); err != nil || v.UsesSession {
		t.Fatalf("a no-show with the setting off used a session: %+v, %v", v, err)
	}
	// a no-show in the future is refused
	if _, err := s.RecordAbsence(ctx, data.Absence{ClientID: c.ID, At: localAt("2026-11-25", 18, 0), NoShow: true}); data.AsError(err) == nil ||
		data.AsError(err).Key != "visit.future" {
		t.Fatalf("a no-show tomorrow: %v", err)
	}
	// undo the no-show on its day: the session comes back
	vs, _ := s.Visits(ctx, c.ID, data.Date{}, 0)
	var noShow data.Visit
	for _, x := range vs {
		if x.Outcome == data.NoShow && x.UsesSession {
			noShow = x
		}
	}
	if err := s.UndoVisit(ctx, noShow.ID, ""); data.AsError(err) == nil {
		t.Fatal("undo without a reason was taken")
	}
	if err := s.UndoVisit(ctx, noShow.ID, "war doch da, falsch erfasst"); err != nil {
		t.Fatal(err)
	}
	if got := contractNow(t, s, k.ID).Left(); got != 3 {
		t.Fatalf("after undoing the no-show: %d left, want 3", got)
	}
	if err := s.UndoVisit(ctx, noShow.ID, "nochmal"); data.AsError(err) == nil || data.AsError(err).Key != "visit.undo.already" {
		t.Fatalf("undoing twice: %v", err)
	}
	// the first check-in was recorded yesterday: it cannot be undone today
	if err := s.UndoVisit(ctx, v.ID, "zu spät bemerkt"); data.AsError(err) == nil || data.AsError(err).Key != "visit.undo.other_day" {
		t.Fatalf("undoing yesterday's visit: %v", err)
	}
	audit, err := s.AuditFor(context.Background(), "visits", noShow.ID)
	if err != nil || len(audit) != 2 {
		t.Fatalf("the undone visit has %d audit rows (%v), want its creation and its undoing", len(audit), err)
	}
}

// With no session left, the counter chooses: a charge at the session's
// price, a new card (its contract and charge, the visit on it), or
// goodwill ("extra session", the session's value, linked to the visit).
func TestBeyondTheContract(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Tom Berg")
	card := mustCard(t, s, "Zweier", 2, 3, 3000)
	k := mustContract(t, s, c.ID, card, "2026-11-01")
	for i, h := range []int{9, 10} {
		setClock(s, localAt([]string{"2026-11-20", "2026-11-21"}[i], h, 0))
		if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID}); err != nil {
			t.Fatal(err)
		}
	}
	setClock(s, localAt("2026-11-23", 10, 0))
	p, err := s.PlanCheckIn(ctx, c.ID, 0, time.Time{})
	if err != nil || p.Contract != nil || p.Beyond != data.ReasonUsedUp || p.SessionPrice != 1500 {
		t.Fatalf("plan with the card used up: %+v, %v", p, err)
	}
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID}); data.AsError(err) == nil || data.AsError(err).Key != "visit.beyond.used_up" {
		t.Fatalf("a check-in with nothing chosen: %v", err)
	}
	t.Run("charge", func(t *testing.T) {
		v, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, Beyond: data.BeyondCharge, Text: "Einzelstunde 23.11.2026"})
		if err != nil || v.ChargeID == 0 || v.ContractID != 0 || v.UsesSession {
			t.Fatalf("%+v, %v", v, err)
		}
		ch, _ := s.ChargesOf(ctx, c.ID, true)
		if len(ch) == 0 || ch[0].Amount != 1500 {
			t.Fatalf("open charges %+v, want one of 15 €", ch)
		}
	})
	t.Run("goodwill", func(t *testing.T) {
		setClock(s, localAt("2026-11-23", 11, 0))
		v, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, Beyond: data.BeyondGoodwill, Text: "Extrastunde"})
		if err != nil || v.GoodwillID == 0 {
			t.Fatalf("%+v, %v", v, err)
		}
		g, err := getGoodwill(s.read, v.GoodwillID)
		if err != nil || g.Category != data.CatExtraSession || g.Value != 1500 || g.ClientID != c.ID {
			t.Fatalf("goodwill %+v, %v", g, err)
		}
		if err := s.UndoVisit(ctx, v.ID, "falscher Kunde"); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID}); len(list) != 0 {
			t.Fatalf("the undone visit's goodwill still counts: %+v", list)
		}
	})
	t.Run("new card", func(t *testing.T) {
		setClock(s, localAt("2026-11-23", 12, 0))
		if _, err := s.GenerateCharges(ctx); err != nil { // the first card's charge
			t.Fatal(err)
		}
		v, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, Beyond: data.BeyondNewCard, CardID: card.ID})
		if err != nil || v.ContractID == 0 || v.ContractID == k.ID || !v.UsesSession {
			t.Fatalf("%+v, %v", v, err)
		}
		nk := contractNow(t, s, v.ContractID)
		if nk.Left() != 1 || nk.Start != day("2026-11-23") {
			t.Fatalf("the new card: %+v", nk)
		}
		var found bool
		ch, _ := s.ChargesOf(ctx, c.ID, false)
		for _, x := range ch {
			found = found || (x.ContractID == nk.ID && x.Amount == 3000)
		}
		if !found {
			t.Fatalf("no charge of 30 € for the new card among %+v", ch)
		}
		if n, err := s.GenerateCharges(ctx); err != nil || n != 0 {
			t.Fatalf("the billing run charged the new card again: %d, %v", n, err)
		}
	})
}

func TestCheckInBadInput(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	course := mustService(t, s, "Ballett", 4500)
	c := mustClient(t, s, "Ida Roth")
	mustContract(t, s, c.ID, course, "2026-12-01")
	setClock(s, localAt("2026-11-23", 10, 0))
	key := func(err error) string {
		if e := data.AsError(err); e != nil {
			return e.Key
		}
		return ""
	}
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, At: localAt("2026-11-23", 18, 0)}); key(err) != "visit.future" {
		t.Fatalf("a check-in this evening: %v", err)
	}
	// the course starts in December: nothing covers today
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID}); key(err) != "visit.beyond.no_contract" {
		t.Fatalf("a check-in before the course starts: %v", err)
	}
	ks, _ := s.ContractsOf(ctx, c.ID)
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, ContractID: ks[0].ID}); key(err) != "visit.before_start" {
		t.Fatalf("a check-in on the course before it starts: %v", err)
	}
	former := mustClient(t, s, "Ben Alt")
	former.Status = data.StatusFormer
	if _, err := s.UpdateClient(ctx, former); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: former.ID, Beyond: data.BeyondCharge}); key(err) != "visit.client_former" {
		t.Fatalf("a former client: %v", err)
	}
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: 99999}); key(err) != "client.not_found" {
		t.Fatalf("a client who does not exist: %v", err)
	}
}

// Two counters check in the same client at the same moment: one visit,
// the other is asked whether it is a repeat.
func TestTwoCountersOneVisit(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	c := mustClient(t, s, "Ola Nord")
	mustContract(t, s, c.ID, mustCard(t, s, "Zehner", 10, 6, 12000), "2026-11-01")
	setClock(s, localAt("2026-11-23", 10, 0))
	// two counters: two stores, each with its own connections, as two programs
	counters := []*Store{s, openAgain(t, s)}
	errs := make([]error, 2)
	atOnce(2, func(i int) { _, errs[i] = counters[i].CheckIn(ctx, data.CheckIn{ClientID: c.ID}) })
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if data.AsError(err) == nil || data.AsError(err).Key != "visit.repeat" {
			t.Fatalf("the second counter: %v", err)
		}
	}
	vs, _ := s.Visits(ctx, c.ID, data.Date{}, 0)
	if ok != 1 || len(vs) != 1 {
		t.Fatalf("%d check-ins taken, %d visits stored; want one", ok, len(vs))
	}
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: c.ID, Confirmed: true}); err != nil {
		t.Fatalf("a confirmed repeat: %v", err)
	}
}

// The visit flags appear and go on the right days, on a fixed clock.
func TestVisitFlagsOnTheirDays(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	has := func(when time.Time, clientID int64, kind data.FlagKind) bool {
		t.Helper()
		setClock(s, when)
		fs, err := s.FlagsOf(ctx, clientID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Kind == kind {
				return true
			}
		}
		return false
	}
	// a two-session card valid 1 Nov 2026 – 31 Jan 2027
	card := mustCard(t, s, "Zweier", 2, 3, 3000)
	c := mustClient(t, s, "Eva Sand")
	k := mustContract(t, s, c.ID, card, "2026-11-01")
	if k.ValidUntil != day("2027-01-31") {
		t.Fatalf("valid until %s", k.ValidUntil)
	}
	for d, want := range map[string]bool{"2027-01-16": false, "2027-01-17": true, "2027-01-31": true, "2027-02-01": false} {
		if got := has(localAt(d, 12, 0), c.ID, data.FlagCardExpiring); got != want {
			t.Errorf("card expiring on %s: %v, want %v", d, got, want)
		}
	}
	setClock(s, localAt("2026-11-10", 18, 0))
	s.CheckIn(ctx, data.CheckIn{ClientID: c.ID})
	if has(localAt("2026-11-10", 19, 0), c.ID, data.FlagCardUsedUp) {
		t.Fatal("used up with a session left")
	}
	setClock(s, localAt("2026-11-12", 18, 0))
	s.CheckIn(ctx, data.CheckIn{ClientID: c.ID})
	if !has(localAt("2026-11-12", 19, 0), c.ID, data.FlagCardUsedUp) {
		t.Fatal("not flagged when the last session was used")
	}
	if has(localAt("2027-01-20", 12, 0), c.ID, data.FlagCardExpiring) {
		t.Fatal("a used-up card flagged as expiring")
	}
	mustContract(t, s, c.ID, card, "2026-11-13")
	if has(localAt("2026-11-13", 9, 0), c.ID, data.FlagCardUsedUp) {
		t.Fatal("still flagged used up after a new card")
	}

	// a membership from 1 Oct; the last visit on 10 Nov
	gym := mustService(t, s, "Studio-Abo", 3900)
	gym.Kind = data.KindMembership
	if _, err := s.SaveService(ctx, gym); err != nil {
		t.Fatal(err)
	}
	m := mustClient(t, s, "Kai Lenz")
	mustContract(t, s, m.ID, gym, "2026-10-01")
	if !has(localAt("2026-10-31", 9, 0), m.ID, data.FlagNoVisit) {
		t.Fatal("a membership without any visit for 30 days is not flagged")
	}
	setClock(s, localAt("2026-11-10", 18, 0))
	if _, err := s.CheckIn(ctx, data.CheckIn{ClientID: m.ID}); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]bool{"2026-11-11": false, "2026-12-09": false, "2026-12-10": true} {
		if got := has(localAt(d, 9, 0), m.ID, data.FlagNoVisit); got != want {
			t.Errorf("no visit on %s: %v, want %v", d, got, want)
		}
	}
}

// The monthly review counts the month's visits by how they ended and what
// was given or charged beyond the contracts.
func TestReviewCountsVisits(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	single := data.Service{Name: "Einzelstunde", Kind: data.KindSingle, Price: 1800, Active: true,
		Terms: data.Terms{Billing: data.BillingPerSession, MinTermMonths: 1, Notice: data.Notice{N: 0, Unit: data.NoticeDays}, Renewal: data.RenewNone}}
	if _, err := s.SaveService(ctx, single); err != nil {
		t.Fatal(err)
	}
	c := mustClient(t, s, "Uta Feld")
	mustContract(t, s, c.ID, mustCard(t, s, "Zehner", 10, 6, 12000), "2026-10-01")
	other := mustClient(t, s, "Rolf Brand")
	step := func(now time.Time, f func() error) {
		t.Helper()
		setClock(s, now)
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
	checkIn := func(r data.CheckIn) func() error { return func() error { _, err := s.CheckIn(ctx, r); return err } }
	step(localAt("2026-10-20", 18, 0), checkIn(data.CheckIn{ClientID: c.ID}))
	step(localAt("2026-11-03", 18, 0), checkIn(data.CheckIn{ClientID: c.ID}))
	step(localAt("2026-11-10", 18, 0), checkIn(data.CheckIn{ClientID: c.ID}))
	step(localAt("2026-11-10", 19, 0), checkIn(data.CheckIn{ClientID: other.ID, Beyond: data.BeyondGoodwill, Text: "Extra"}))
	step(localAt("2026-11-11", 19, 0), checkIn(data.CheckIn{ClientID: other.ID, Beyond: data.BeyondCharge, Text: "Einzel"}))
	step(localAt("2026-11-12", 12, 0), func() error {
		_, err := s.RecordAbsence(ctx, data.Absence{ClientID: c.ID, At: localAt("2026-11-12", 18, 0)})
		return err
	})
	step(localAt("2026-11-20", 20, 0), func() error {
		_, err := s.RecordAbsence(ctx, data.Absence{ClientID: c.ID, At: localAt("2026-11-20", 18, 0), NoShow: true})
		return err
	})
	setClock(s, localAt("2026-12-02", 9, 0))
	r, err := s.MonthlyReview(ctx, day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	want := data.VisitMonth{Attended: 4, Late: 1, NoShow: 1, Extra: 1, ExtraValue: 1800, Charged: 1, ChargedValue: 1800}
	if r.Visits != want || r.PrevVisits != 1 {
		t.Fatalf("November's visits %+v (October %d), want %+v (1)", r.Visits, r.PrevVisits, want)
	}
}

// A membership's no-visit flag follows its contracts and its service the
// same day, in the list of every client's flags as in the client's own.
func TestNoVisitFollowsContractsSameDay(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	setClock(s, localAt("2026-12-10", 10, 0))
	gym := mustService(t, s, "Studio-Abo", 3900)
	gym.Kind = data.KindMembership
	if _, err := s.SaveService(ctx, gym); err != nil {
		t.Fatal(err)
	}
	quiet := func(clientID int64) bool {
		t.Helper()
		all, err := s.Flags(ctx)
		if err != nil {
			t.Fatal(err)
		}
		own, err := s.FlagsOf(ctx, clientID)
		if err != nil {
			t.Fatal(err)
		}
		count := func(fs []data.Flag) (n int) {
			for _, f := range fs {
				if f.Kind == data.FlagNoVisit && f.ClientID == clientID {
					n++
				}
			}
			return n
		}
		if count(all) != count(own) || count(own) > 1 {
			t.Fatalf("no-visit flags: %d among everyone's, %d of the client's own", count(all), count(own))
		}
		return count(own) == 1
	}
	a := mustClient(t, s, "Ada Kern")
	if quiet(a.ID) {
		t.Fatal("flagged without a membership")
	}
	k := mustContract(t, s, a.ID, gym, "2026-09-01")
	if !quiet(a.ID) {
		t.Fatal("a membership since September without a visit is not flagged the day it is entered")
	}
	k.Start = day("2026-11-20")
	if _, err := s.UpdateContract(ctx, k); err != nil {
		t.Fatal(err)
	}
	if quiet(a.ID) {
		t.Fatal("still flagged after the start moved to 20 November")
	}
	k.Start = day("2025-01-01")
	if _, err := s.UpdateContract(ctx, k); err != nil {
		t.Fatal(err)
	}
	if !quiet(a.ID) {
		t.Fatal("not flagged again after the start moved back")
	}
	gym.Kind = data.KindCourse
	if _, err := s.SaveService(ctx, gym); err != nil {
		t.Fatal(err)
	}
	if quiet(a.ID) {
		t.Fatal("flagged after the service became a course")
	}
	gym.Kind = data.KindMembership
	if _, err := s.SaveService(ctx, gym); err != nil {
		t.Fatal(err)
	}
	if !quiet(a.ID) {
		t.Fatal("not flagged after the service became a membership again")
	}
	ended, err := s.CancelContract(ctx, k.ID, day("2026-10-01"))
	if err != nil {
		t.Fatal(err)
	}
	if !ended.EndsOn.Before(day("2026-12-10")) {
		t.Fatalf("the notice of 1 October ends it on %s", ended.EndsOn)
	}
	if quiet(a.ID) {
		t.Fatalf("flagged after the membership ended on %s", ended.EndsOn)
	}
}

// The review's visit counts, kept per month, agree with the visits
// themselves after past visits come in bulk and the counter checks in and
// undoes (the random mix of TestDerivedValuesFollowEveryChange goes
// further).
func TestReviewVisitsAgainstPlainCounts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	setClock(s, localAt("2026-12-04", 20, 0))
	rnd := rand.New(rand.NewPCG(5, 6))
	var clients []int64
	for range 20 {
		clients = append(clients, mustClient(t, s, "V").ID)
	}
	var vs []data.Visit
	for range 2000 {
		vs = append(vs, data.Visit{ClientID: clients[rnd.IntN(len(clients))],
			At:      localAt("2026-12-04", 8, 0).Add(-time.Duration(rnd.IntN(400*24*60)) * time.Minute),
			Outcome: data.VisitOutcomes[rnd.IntN(len(data.VisitOutcomes))]})
	}
	if err := s.RecordVisitsBulk(ctx, vs); err != nil {
		t.Fatal(err)
	}
	for i := range 30 { // today's visits at the counter, every third undone
		v, err := s.CheckIn(ctx, data.CheckIn{ClientID: clients[i%len(clients)], Beyond: data.BeyondGoodwill, Confirmed: true, Text: "Probestunde"})
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := s.UndoVisit(ctx, v.ID, "versehentlich"); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string]*data.VisitMonth{}
	err := eachRow(context.Background(), s.read, `SELECT substr(at, 1, 7), outcome, count(*), sum(CASE WHEN beyond <> '' THEN 1 ELSE 0 END) FROM visits WHERE undone_on = '' GROUP BY 1, 2`,
		func(r rowsOf) error {
			var month string
			var outcome data.VisitOutcome
			var n, extra int
			err := r.Scan(&month, &outcome, &n, &extra)
			if want[month] == nil {
				want[month] = &data.VisitMonth{}
			}
			m := want[month]
			*map[data.VisitOutcome]*int{data.Attended: &m.Attended, data.CancelledInTime: &m.InTime, data.CancelledLate: &m.Late, data.NoShow: &m.NoShow}[outcome] += n
			m.Extra += extra
			return err
		})
	if err != nil || len(want) < 12 {
		t.Fatalf("%d months, %v", len(want), err)
	}
	for month, w := range want {
		r, err := s.MonthlyReview(ctx, day(month+"-01"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Visits != *w {
			t.Errorf("%s: review %+v, the visits themselves %+v", month, r.Visits, *w)
		}
		prev := day(month + "-01").AddMonthsClamped(-1).String()[:7]
		if p := want[prev]; p != nil && r.PrevVisits != p.Attended {
			t.Errorf("%s: %d attended the month before, the visits say %d", month, r.PrevVisits, p.Attended)
		}
	}
}
