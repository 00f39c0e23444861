// Package demo fills an empty database with a believable dance studio, so
// the window, every report and every command have something real to show.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"studiopartner/assets"
	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// Options say how big the demo studio is.
type Options struct {
	Clients int    // number of clients
	Months  int    // how far back contracts start
	Seed    uint64 // the same seed gives the same studio
	// Progress, if set, is told how many clients are stored so far.
	Progress func(done, total int)
	// PrintAgreement, if set, prints and records a client's partnership
	// agreement (reports.IssueAgreement); the demo then has some.
	PrintAgreement func(ctx context.Context, s *sqlstore.Store, clientID int64) (data.Agreement, error)
}

// DefaultOptions is a studio of a few hundred clients over two years.
func DefaultOptions() Options { return Options{Clients: 300, Months: 24, Seed: 1} }

// Validate checks the options before anything is made.
func (o Options) Validate() error {
	if o.Clients < 1 || o.Clients > MaxClients {
		return data.Errorf(data.CodeInvalid, "demo.clients.range", map[string]any{"Max": MaxClients})
	}
	if o.Months < 1 || o.Months > MaxMonths {
		return data.Errorf(data.CodeInvalid, "demo.months.range", map[string]any{"Max": MaxMonths})
	}
	return nil
}

// Limits of the options.
const (
	MaxClients = 1_000_000
	MaxMonths  = 120
)

const batchSize = 2000

// Fill writes the demo studio into s. It refuses a database that already
// has clients, so real records are never mixed with invented ones.
func Fill(ctx context.Context, s *sqlstore.Store, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if n, err := s.CountClients(ctx); err != nil {
		return err
	} else if n > 0 {
		return data.Errorf(data.CodeConflict, "demo.not_empty", map[string]any{"Count": n})
	}
	g := &gen{r: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed)), today: s.Today(), months: o.Months, collected: map[int64]bool{}}
	g.debitFrom = data.NewDate(g.today.Year(), g.today.Month(), 1).AddMonthsClamped(-1)
	if err := g.setUp(ctx, s); err != nil {
		return err
	}
	ids, err := g.clients(ctx, s, o)
	if err != nil {
		return err
	}
	if _, err := s.GenerateCharges(ctx); err != nil {
		return err
	}
	if err := g.payments(ctx, s); err != nil {
		return err
	}
	staff, err := s.StaffList(ctx, false)
	if err != nil {
		return err
	}
	if err := g.goodwill(ctx, s, ids, staff); err != nil {
		return err
	}
	if err := g.demands(ctx, s, ids, staff); err != nil {
		return err
	}
	if err := g.owed(ctx, s, ids, staff); err != nil {
		return err
	}
	if err := g.visitsAndDebits(ctx, s, staff, ids); err != nil {
		return err
	}
	if o.PrintAgreement == nil {
		return nil
	}
	return g.agreements(ctx, s, ids, o.PrintAgreement)
}

// visitsAndDebits records the visits and the direct debits, the new
// studio not greeted by the yearly clean-up of its made-up former clients.
func (g *gen) visitsAndDebits(ctx context.Context, s *sqlstore.Store, staff []data.Staff, ids []int64) error {
	if err := s.SetSetting(ctx, "cleanup:asked_year", strconv.Itoa(g.today.Year())); err != nil {
		return err
	}
	if err := g.visits(ctx, s, staff); err != nil {
		return err
	}
	return g.directDebit(ctx, s, ids)
}

// setUp stores the studio's profile, its staff and its services, and
// keeps the active services to sell.
func (g *gen) setUp(ctx context.Context, s *sqlstore.Store) error {
	if err := s.SaveStudio(ctx, studio()); err != nil {
		return err
	}
	for _, m := range staff() {
		if _, err := s.SaveStaff(ctx, m); err != nil {
			return err
		}
	}
	for _, sv := range services() {
		saved, err := s.SaveService(ctx, sv)
		if err != nil {
			return err
		}
		if saved.Active {
			g.services = append(g.services, saved)
		}
	}
	return nil
}

// clients stores the clients with their contracts in batches and returns
// their ids in order.
func (g *gen) clients(ctx context.Context, s *sqlstore.Store, o Options) ([]int64, error) {
	ids := make([]int64, 0, o.Clients)
	for done := 0; done < o.Clients; {
		n := min(batchSize, o.Clients-done)
		batch := make([]data.ClientWithContracts, n)
		for i := range batch {
			batch[i] = g.bundle(ids)
			g.directDebitBundle(&batch[i])
		}
		created, err := s.CreateClients(ctx, batch)
		if err != nil {
			return nil, err
		}
		for i, b := range batch {
			if len(b.Contracts) > 0 && b.Contracts[0].DirectDebit {
				g.collected[created[i]] = true
			}
		}
		ids = append(ids, created...)
		done += n
		if o.Progress != nil {
			o.Progress(done, o.Clients)
		}
	}
	return ids, nil
}

// agreements prints partnership agreements for some clients, the way the
// counter does, and marks most of them signed.
func (g *gen) agreements(ctx context.Context, s *sqlstore.Store, ids []int64,
	print func(context.Context, *sqlstore.Store, int64) (data.Agreement, error)) error {
	for i := range min(len(ids)/10, 30) {
		a, err := print(ctx, s, ids[i*7%len(ids)])
		if err != nil {
			return err
		}
		if i%4 != 0 {
			if err := s.MarkSigned(ctx, a.ID, g.today); err != nil {
				return err
			}
		}
	}
	return nil
}

// goodwillIdeas are believable extras, by category.
var goodwillIdeas = map[data.GoodwillCategory][]string{
	data.CatExtraSession:    {"Zusätzliche Trainingsstunde vor der Aufführung", "Probestunde für die Schwester", "Extra-Stunde Choreografie"},
	data.CatMakeup:          {"Nachholstunde nach Krankheit", "Nachholtermin wegen Ferien", "Stunde in anderem Kurs nachgeholt"},
	data.CatExtendedTime:    {"Stunde um 20 Minuten verlängert", "Länger geblieben zum Üben"},
	data.CatFreeProduct:     {"Trinkflasche geschenkt", "T-Shirt zum Geburtstag", "Haarspray für die Aufführung"},
	data.CatPriceConcession: {"Monatsbeitrag halbiert (Umzug)", "Geschwisterrabatt außer der Reihe", "Aufführungskostüm zum halben Preis"},
	data.CatRuleBent:        {"Kündigungsfrist verkürzt", "Zahlungsziel verlängert", "10er-Karte nach Ablauf noch angenommen"},
	data.CatPersonalTime:    {"Elterngespräch nach Feierabend", "Telefonat am Wochenende", "Video für die Hausaufgabe aufgenommen"},
	data.CatOther:           {"Fahrgemeinschaft organisiert", "Fundsache nachgeschickt"},
}

// goodwill gives about one extra for every second client over the months.
func (g *gen) goodwill(ctx context.Context, s *sqlstore.Store, ids []int64, staff []data.Staff) error {
	var gs []data.Goodwill
	for range len(ids) / 2 {
		cat := data.GoodwillCategories[g.r.IntN(len(data.GoodwillCategories))]
		ideas := goodwillIdeas[cat]
		e := data.Goodwill{ClientID: ids[g.r.IntN(len(ids))], GivenOn: g.today.AddDays(-g.r.IntN(30 * g.months)),
			Category: cat, Description: ideas[g.r.IntN(len(ideas))], GivenBy: staff[g.r.IntN(len(staff))].ID}
		switch cat {
		case data.CatPersonalTime, data.CatExtendedTime:
			e.Minutes = 10 + 5*g.r.IntN(12)
		case data.CatRuleBent:
			e.Minutes = 5
		default:
			e.Value = data.Money(500 + 100*g.r.IntN(60))
			e.Minutes = 5 * g.r.IntN(13)
		}
		gs = append(gs, e)
	}
	return s.RecordGoodwillBulk(ctx, gs)
}

// demandIdeas are what clients ask for as if it were owed; billExtra is
// the one that asks for an extra service, the only kind the demo bills.
var demandIdeas = []struct{ asked, words string }{
	{"Beitrag für die Ferienwochen erstatten", "In den Ferien war doch gar kein Unterricht für uns."},
	billExtra,
	{"Kündigung ohne Frist zum Monatsende", "Wir ziehen um, das müssen Sie verstehen."},
	{"Verpasste Stunden gutschreiben", "Mein Sohn war krank, das ist nicht unsere Schuld."},
	{"Kostüm für die Aufführung umsonst", "Die anderen Studios machen das auch."},
}

var billExtra = struct{ asked, words string }{"Kostenlose Privatstunde vor der Prüfung", "Bei dem Beitrag gehört das doch dazu."}

// billedService is the service an extra lesson is billed at.
const billedService = "Einzelstunde"

// demands walks demands through every step of their life, through the
// same calls the counter uses, so each step is recorded as it would be.
func (g *gen) demands(ctx context.Context, s *sqlstore.Store, ids []int64, staff []data.Staff) error {
	n := min(len(ids)/10, 240)
	for i := range n {
		idea := demandIdeas[g.r.IntN(len(demandIdeas))]
		if path := i % 7; path == 3 || path == 5 {
			idea = billExtra // only a demand for an extra service is billed
		}
		s.SetActor(staff[g.r.IntN(len(staff))].ID)
		d, err := s.RaiseDemand(ctx, data.Demand{ClientID: ids[g.r.IntN(len(ids))], RaisedOn: g.today.AddDays(-g.r.IntN(60)),
			Asked: idea.asked, ClientWords: idea.words, Claimed: data.Money(1500 + 500*g.r.IntN(20))})
		if err != nil {
			return err
		}
		if err := g.walkDemand(ctx, s, d, i%7); err != nil {
			return err
		}
	}
	s.SetActor(0)
	return nil
}

// owed books what the studio owed: make-up sessions for classes it
// cancelled, some asked for as demands and decided as owed — never as
// goodwill.
func (g *gen) owed(ctx context.Context, s *sqlstore.Store, ids []int64, staff []data.Staff) error {
	n := min(len(ids)/25, 80)
	for i := range n {
		s.SetActor(staff[g.r.IntN(len(staff))].ID)
		cancelled := g.today.AddDays(-7 - g.r.IntN(50))
		what := fmt.Sprintf("Nachholstunde: Kurs am %s fiel aus (Lehrerin krank)", cancelled.Format("de"))
		o := data.Owed{ClientID: ids[g.r.IntN(len(ids))], GivenOn: cancelled.AddDays(1 + g.r.IntN(6)), Kind: data.OwedMakeup,
			Description: what, Value: data.Money(1200 + 100*g.r.IntN(8))}
		if i%3 != 0 {
			if _, err := s.RecordOwed(ctx, o); err != nil {
				return err
			}
			continue
		}
		d, err := s.RaiseDemand(ctx, data.Demand{ClientID: o.ClientID, RaisedOn: cancelled, Asked: "Nachholstunde für den ausgefallenen Kurs",
			ClientWords: "Der Kurs ist ausgefallen, die Stunde steht mir zu.", Claimed: o.Value})
		if err != nil {
			return err
		}
		dec := data.Decision{DemandID: d.ID, Expect: d.Status, Note: "Kurs fiel aus: steht ihr zu", On: o.GivenOn}
		if _, err := s.OweDemand(ctx, dec, o); err != nil {
			return err
		}
	}
	s.SetActor(0)
	return nil
}

// extraLesson is the bill for a private lesson at the single lesson's price.
func (g *gen) extraLesson(due data.Date) data.Bill {
	b := data.Bill{What: "Privatstunde vor der Prüfung (Einzelstunde)", Due: due}
	for _, sv := range g.services {
		if sv.Name == billedService {
			b.ServiceID = sv.ID
		}
	}
	return b
}

// walkDemand takes a demand along one of seven paths, so every status and
// every way of settling appears.
func (g *gen) walkDemand(ctx context.Context, s *sqlstore.Store, d data.Demand, path int) error {
	// the steps are spread over the days since the demand was raised: each
	// one some days after the one before, never after today
	day := d.RaisedOn
	dec := func(note string) data.Decision {
		if left := day.DaysUntil(g.today); left > 0 {
			day = day.AddDays(1 + g.r.IntN(min(left, 14)))
		}
		return data.Decision{DemandID: d.ID, Expect: d.Status, Note: note, On: day}
	}
	gift := data.Goodwill{Category: data.CatPriceConcession, Description: d.Asked, Value: d.Claimed}
	giftOn := func() data.Goodwill { gift.GivenOn = day; return gift }
	var err error
	step := func(fn func() (data.Demand, error)) {
		if err == nil {
			d, err = fn()
		}
	}
	switch path {
	case 0: // stays open
	case 1:
		step(func() (data.Demand, error) {
			dc := dec("einmalig, aus Kulanz")
			return s.GrantDemand(ctx, dc, giftOn())
		})
	case 2:
		step(func() (data.Demand, error) { return s.DeclineDemand(ctx, dec("steht nicht im Vertrag")) })
	case 3:
		step(func() (data.Demand, error) {
			dc := dec("Privatstunde nach Preisliste")
			return s.BillDemand(ctx, dc, g.extraLesson(day.AddDays(14)))
		})
	case 4:
		step(func() (data.Demand, error) { return s.DeclineDemand(ctx, dec("steht nicht im Vertrag")) })
		step(func() (data.Demand, error) { return s.DisputeDemand(ctx, dec("Kundin besteht auf Erstattung")) })
	case 5:
		step(func() (data.Demand, error) {
			dc := dec("nach Preisliste")
			return s.BillDemand(ctx, dc, g.extraLesson(day.AddDays(14)))
		})
		step(func() (data.Demand, error) { return s.DisputeDemand(ctx, dec("hält die Rechnung für unfair")) })
		step(func() (data.Demand, error) {
			dc := dec("im Gespräch geeinigt")
			return s.SettleDemand(ctx, dc, data.SettledWrittenOff, giftOn())
		})
	case 6:
		step(func() (data.Demand, error) { return s.DeclineDemand(ctx, dec("steht nicht im Vertrag")) })
		step(func() (data.Demand, error) { return s.DisputeDemand(ctx, dec("Beschwerde per E-Mail")) })
		step(func() (data.Demand, error) {
			return s.SettleDemand(ctx, dec("Kunde zieht zurück"), data.SettledWithdrawn, data.Goodwill{})
		})
	}
	return err
}

// payments pays the studio's charges as clients do: most on time by
// direct debit, a few late, a few in lump sums, one now and then too much.
func (g *gen) payments(ctx context.Context, s *sqlstore.Store) error {
	var ps []data.Payment
	var client int64
	var habit float64
	var method data.PaymentMethod
	var pending []data.ChargeDue
	flush := func() {
		ps = append(ps, g.payFor(client, habit, method, pending)...)
		pending = pending[:0]
	}
	err := s.EachChargeDue(ctx, func(c data.ChargeDue) error {
		if c.ClientID != client {
			flush()
			client, habit = c.ClientID, g.r.Float64()
			method = []data.PaymentMethod{data.MethodDirectDebit, data.MethodDirectDebit, data.MethodDirectDebit,
				data.MethodTransfer, data.MethodCash, data.MethodCard}[g.r.IntN(6)]
			if g.collected[client] {
				method = data.MethodDirectDebit
			}
		}
		pending = append(pending, c)
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	return s.RecordPayments(ctx, ps)
}

// payFor draws one client's payments for their charges, oldest first.
func (g *gen) payFor(client int64, habit float64, method data.PaymentMethod, charges []data.ChargeDue) []data.Payment {
	if len(charges) == 0 {
		return nil
	}
	unpaid := 0
	switch {
	case habit < 0.07: // a late payer: the last one to three charges are open
		unpaid = 1 + g.r.IntN(3)
	case habit < 0.10: // leaves the newest charge for next time
		unpaid = 1
	}
	var out []data.Payment
	for i, c := range charges {
		if i >= len(charges)-unpaid {
			break
		}
		on := c.Due.AddDays(g.r.IntN(5))
		if on.After(g.today) {
			continue // not paid yet, and not late either
		}
		if method == data.MethodDirectDebit && g.collected[client] && !c.Due.Before(g.debitFrom) {
			continue // the demo's collection runs collect it
		}
		amount := c.Amount
		if habit > 0.98 && i == len(charges)-1 {
			amount += data.Euros(int64(5 + g.r.IntN(20))) // paid a little too much: credit
		}
		out = append(out, data.Payment{ClientID: client, Amount: amount, Method: method, ReceivedOn: on})
	}
	return out
}

func studio() data.Studio {
	return data.Studio{
		Name: "Tanzstudio Sonnenschein", Address: "Lindenallee 12\n04109 Leipzig", Responsible: "Inhaberin: Sabine Krüger",
		Phone: "0341 2345678", Email: "hallo@tanzstudio-sonnenschein.example", Website: "tanzstudio-sonnenschein.example",
		TaxID: "231/456/78901", BankName: "Commerzbank", IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX",
	}
}

func staff() []data.Staff {
	return []data.Staff{
		{Name: "Sabine Krüger", Role: data.RoleOwner, Active: true},
		{Name: "Tom Becker", Role: data.RoleFrontDesk, Active: true},
		{Name: "Aylin Demir", Role: data.RoleFrontDesk, Active: true},
		{Name: "Jana Vogt", Role: data.RoleFrontDesk, Active: false},
	}
}

func terms(b data.Billing, minMonths int, notice data.Notice, r data.Renewal) data.Terms {
	return data.Terms{Billing: b, MinTermMonths: minMonths, Notice: notice, Renewal: r}
}

var (
	oneMonth = data.Notice{N: 1, Unit: data.NoticeMonths}
	noNotice = data.Notice{N: 0, Unit: data.NoticeDays}
)

func services() []data.Service {
	return []data.Service{
		{Name: "Kindertanz (4–6 Jahre)", NameEN: "Kids' dance (ages 4–6)", Kind: data.KindCourse, Price: 3900, Active: true,
			Terms: terms(data.BillingMonthly, 6, oneMonth, data.RenewMonthly)},
		{Name: "Ballett Kinder", NameEN: "Ballet for children", Kind: data.KindCourse, Price: 4500, Active: true,
			Terms: terms(data.BillingMonthly, 6, oneMonth, data.RenewMonthly)},
		{Name: "Hip-Hop Teens", NameEN: "Hip-hop for teens", Kind: data.KindCourse, Price: 4900, Active: true,
			Terms: terms(data.BillingMonthly, 3, oneMonth, data.RenewMonthly)},
		{Name: "Zumba", Kind: data.KindCourse, Price: 3500, Active: true,
			Terms: terms(data.BillingMonthly, 1, data.Notice{N: 14, Unit: data.NoticeDays}, data.RenewMonthly)},
		{Name: "Paartanz Grundkurs (10 Abende)", NameEN: "Couples' dance basics (10 evenings)", Kind: data.KindCourse, Price: 14900, Active: true,
			Terms: terms(data.BillingOnce, 3, noNotice, data.RenewNone)},
		{Name: "Mitgliedschaft Flex", NameEN: "Flex membership", Kind: data.KindMembership, Price: 5900, Active: true,
			Terms: terms(data.BillingMonthly, 1, oneMonth, data.RenewMonthly)},
		{Name: "Mitgliedschaft 12 Monate", NameEN: "12-month membership", Kind: data.KindMembership, Price: 4900, Active: true,
			Terms: terms(data.BillingMonthly, 12, oneMonth, data.RenewMonthly)},
		{Name: "Jahresabo Quartalszahlung", NameEN: "Annual plan, paid quarterly", Kind: data.KindMembership, Price: 13500, Active: true,
			Terms: terms(data.BillingQuarterly, 12, oneMonth, data.RenewMonthly)},
		{Name: "10er-Karte", NameEN: "10-class card", Kind: data.KindCard, Price: 12000, Active: true, Sessions: 10, ValidMonths: 6,
			Terms: terms(data.BillingOnce, 6, noNotice, data.RenewNone)},
		{Name: "Einzelstunde", NameEN: "Single class", Kind: data.KindSingle, Price: 1800, Active: true,
			Terms: terms(data.BillingPerSession, 1, noNotice, data.RenewNone)},
		{Name: "Privatstunde", NameEN: "Private lesson", Kind: data.KindTreatment, Price: 6500, Active: true,
			Terms: terms(data.BillingPerSession, 1, data.Notice{N: 1, Unit: data.NoticeWeeks}, data.RenewMonthly)},
		{Name: "Salsa (bis 2024)", NameEN: "Salsa (until 2024)", Kind: data.KindCourse, Price: 3900, Active: false,
			Terms: terms(data.BillingMonthly, 6, oneMonth, data.RenewMonthly)},
	}
}

// gen draws the studio's clients from a seeded source.
type gen struct {
	r        *rand.Rand
	today    data.Date
	months   int
	services []data.Service
	// direct debit: the clients with running contracts counted so far,
	// those who pay by direct debit, and the first due day the demo's
	// collection runs collect (earlier ones were paid before)
	bundles   int
	collected map[int64]bool
	debitFrom data.Date
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) bundle(earlier []int64) data.ClientWithContracts {
	first, last := g.pick(assets.FirstNames), g.pick(assets.LastNames)
	c := data.Client{Name: first + " " + last, Language: "de", Status: data.StatusActive}
	if !strings.ContainsAny(first+last, "äöüßÄÖÜ") && g.chance(0.3) {
		c.Language = "en"
	}
	child := g.chance(0.3)
	if child {
		c.BirthDate = g.today.AddDays(-365*4 - g.r.IntN(365*12))
		c.ContactPerson = g.pick(assets.FirstNames) + " " + last
	} else if g.chance(0.7) {
		c.BirthDate = g.today.AddDays(-365*18 - g.r.IntN(365*55))
	}
	if g.chance(0.9) {
		c.Phone = g.phone()
	}
	if g.chance(0.85) {
		c.Email = g.email(first, last)
	}
	if g.chance(0.8) {
		c.Address = fmt.Sprintf("%s %d\n%s", g.pick(assets.Streets), 1+g.r.IntN(120), g.pick(assets.Towns))
	}
	if len(earlier) > 0 && g.chance(0.1) {
		c.ReferredBy = earlier[g.r.IntN(len(earlier))]
	}
	b := data.ClientWithContracts{Client: c}
	switch p := g.r.Float64(); {
	case p < 0.07:
		b.Client.Status = data.StatusProspect
		b.Client.Notes = "Probestunde vereinbart"
	case p < 0.08:
		b.Client.Status = data.StatusDeclined
		b.Client.DeclineGround, b.Client.DeclineReason = data.GroundEthical, "Respektloses Verhalten gegenüber Mitarbeitenden bei der Probestunde"
		if g.chance(0.3) {
			b.Client.DeclineGround, b.Client.DeclineReason = data.GroundLegal, "Keine Einwilligung der Erziehungsberechtigten"
		}
	case p < 0.18:
		b.Client.Status = data.StatusFormer
		b.Contracts = []data.Contract{g.contract(true, g.age(c.BirthDate))}
	default:
		b.Contracts = []data.Contract{g.contract(false, g.age(c.BirthDate))}
		if g.chance(0.3) {
			b.Contracts = append(b.Contracts, g.contract(false, g.age(c.BirthDate)))
		}
	}
	b.Since = g.since(b.Contracts)
	return b
}

// since is the day a client was first recorded: some days before their
// first contract starts, and never after today.
func (g *gen) since(contracts []data.Contract) data.Date {
	first := g.today
	for _, k := range contracts {
		if k.Start.Before(first) {
			first = k.Start
		}
	}
	return first.AddDays(-1 - g.r.IntN(30))
}

// serviceAges are the ages the children's and teens' courses are for;
// adults are not sold them, and children are sold nothing else but
// single sessions and cards.
var serviceAges = map[string][2]int{
	"Kindertanz (4–6 Jahre)": {4, 6},
	"Ballett Kinder":         {6, 12},
	"Hip-Hop Teens":          {12, 17},
}

// forAge says whether a service is sold to a client of age (-1: an adult
// whose birth date is not known).
func forAge(sv data.Service, age int) bool {
	r, young := serviceAges[sv.Name]
	child := age >= 0 && age < 18
	switch {
	case young:
		return child && age >= r[0]-1 && age <= r[1]+1
	case child:
		return sv.Kind == data.KindSingle || sv.Kind == data.KindCard
	}
	return true
}

// age is how old someone born on birth is today; -1 when not known.
func (g *gen) age(birth data.Date) int {
	if birth.IsZero() {
		return -1
	}
	return g.today.Year() - birth.Year()
}

// contract draws a contract for a client of age (see forAge); ended ones
// were cancelled and are over.
func (g *gen) contract(ended bool, age int) data.Contract {
	var fits []data.Service
	for _, sv := range g.services {
		if forAge(sv, age) {
			fits = append(fits, sv)
		}
	}
	sv := fits[g.r.IntN(len(fits))]
	start := g.today.AddDays(-g.r.IntN(30 * g.months))
	if g.chance(0.03) {
		start = g.today.AddDays(1 + g.r.IntN(20)) // starts soon
	}
	k := data.Contract{ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms, Start: start}
	if !ended && g.chance(0.08) {
		// signed up by phone or online; most asked to start right away
		k.Concluded = data.ConcludedDistance
		if g.chance(0.5) {
			k.Concluded = data.ConcludedElsewhere
		}
		k.EarlyStart = g.chance(0.7)
		if g.chance(0.8) {
			k.NoticeOn = start // the notice went out with the confirmation e-mail
			if start.After(g.today) {
				k.NoticeOn = g.today
			}
		}
	}
	if g.chance(0.15) {
		k.Price = sv.Price - sv.Price/10 // a family or early-bird rate
		k.Note = "Familienrabatt 10 %"
	}
	switch {
	case ended:
		k.Start = g.today.AddDays(-(31*k.MinTermMonths + 150 + g.r.IntN(30*g.months)))
		k.NoticeReceived = k.Start.AddDays(1 + g.r.IntN(28*k.MinTermMonths))
	case !start.After(g.today) && k.Renewal == data.RenewMonthly && g.chance(0.06):
		k.NoticeReceived = g.today.AddDays(-g.r.IntN(20))
		if k.NoticeReceived.Before(start) {
			k.NoticeReceived = start
		}
	}
	return k
}

func (g *gen) phone() string {
	if g.chance(0.6) {
		return fmt.Sprintf("+49 1%d%d %07d", 5+g.r.IntN(3), g.r.IntN(10), g.r.IntN(10_000_000))
	}
	return fmt.Sprintf("0341 %07d", g.r.IntN(10_000_000))
}

var mailFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "ë", "e",
	"á", "a", "à", "a", "ç", "c", "í", "i", "ñ", "n", "ó", "o", "ø", "o", "ş", "s", "ı", "i", "ł", "l", "ś", "s",
	"ř", "r", "ã", "a", "æ", "ae", "ò", "o", "ú", "u", "'", "", " ", "", "-", "")

func (g *gen) email(first, last string) string {
	domains := []string{"example.de", "example.com", "example.org", "mail.example"}
	local := mailFold.Replace(strings.ToLower(first)) + "." + mailFold.Replace(strings.ToLower(last))
	if g.chance(0.5) {
		local += fmt.Sprint(g.r.IntN(100))
	}
	return local + "@" + g.pick(domains)
}
