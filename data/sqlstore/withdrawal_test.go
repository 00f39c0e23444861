package sqlstore

import (
	"context"
	"path/filepath"
	"strconv"
	"studiopartner/data"
	"testing"
)

// distanceContract records, on day recorded, a monthly contract of 30,00 €
// concluded at kind, starting on start.
func distanceContract(t *testing.T, s *Store, kind data.Concluded, recorded, start string, early bool) data.Contract {
	t.Helper()
	at(s, recorded)
	c := mustClient(t, s, "Client "+recorded+" "+string(kind))
	sv := mustService(t, s, "Yoga "+recorded+" "+string(kind)+" "+start, 3000)
	k, err := s.CreateContract(context.Background(), data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3000, Terms: monthly(6),
		Start: day(start), Concluded: kind, Withdrawal: data.Withdrawal{EarlyStart: early}})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// handNotice prints an agreement for the contract's client on day,
// handing over the withdrawal notice for its contracts.
func handNotice(t *testing.T, s *Store, k data.Contract, on string) data.Contract {
	t.Helper()
	at(s, on)
	ctx := context.Background()
	cs := data.ClauseSet{Language: "de", Sections: []data.Section{{Key: "x", Title: "T", Body: "B"}}}
	cs, err := s.SaveFirstClauses(ctx, cs)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.IssueAgreement(ctx, k.ClientID, cs, nil, []int64{k.ID}, func(string) ([]byte, error) { return []byte("%PDF"), nil }, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Contract(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The period of withdrawal runs 14 days from the day the notice was handed
// over (or from the conclusion, if later), and 12 months and 14 days from
// the conclusion while no notice was given; at the studio there is none.
func TestWithdrawalPeriod(t *testing.T) {
	cases := []struct {
		name                       string
		kind                       data.Concluded
		recorded, start, handed    string // handed "" = no agreement printed
		wantUntil                  string
		wantFlagged, early, wantOK bool
	}{
		{"at the studio: no right", data.ConcludedStudio, "2026-09-10", "2026-09-10", "2026-11-23", "", false, false, true},
		{"by phone, notice printed two months later", data.ConcludedDistance, "2026-09-10", "2026-09-10", "2026-11-23", "2026-12-07", true, false, true},
		{"by phone, notice the same day", data.ConcludedDistance, "2026-11-20", "2026-12-01", "2026-11-20", "2026-12-04", true, false, true},
		{"off the premises, no notice given", data.ConcludedElsewhere, "2026-09-10", "2026-09-10", "", "2027-09-24", true, false, true},
		{"off the premises, early start asked for", data.ConcludedElsewhere, "2026-11-20", "2026-11-21", "2026-11-20", "2026-12-04", false, true, true},
		{"recorded after its start: concluded on its start", data.ConcludedDistance, "2026-03-20", "2026-02-28", "", "2027-03-14", true, false, true},
		{"by phone, starts after the period", data.ConcludedDistance, "2026-11-01", "2027-01-01", "2026-11-02", "2026-11-16", false, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			k := distanceContract(t, s, c.kind, c.recorded, c.start, c.early)
			if c.handed != "" {
				k = handNotice(t, s, k, c.handed)
			}
			if got := k.WithdrawalUntil().String(); got != c.wantUntil && !(c.wantUntil == "" && k.WithdrawalUntil().IsZero()) {
				t.Fatalf("period until %s, want %s", got, c.wantUntil)
			}
			if c.kind != data.ConcludedStudio && c.handed != "" && k.NoticeOn.String() != c.handed {
				t.Fatalf("notice handed over on %s, want %s", k.NoticeOn, c.handed)
			}
			at(s, c.recorded)
			flags, err := s.FlagsOf(context.Background(), k.ClientID)
			if err != nil {
				t.Fatal(err)
			}
			flagged := false
			for _, f := range flags {
				flagged = flagged || f.Kind == data.FlagEarlyStart && f.Ref == k.ID
			}
			if flagged != c.wantFlagged {
				t.Fatalf("early-start flag = %v, want %v (%+v)", flagged, c.wantFlagged, flags)
			}
		})
	}
	t.Run("a second agreement keeps the first day", func(t *testing.T) {
		s := newStore(t)
		k := distanceContract(t, s, data.ConcludedDistance, "2026-11-01", "2026-11-01", false)
		k = handNotice(t, s, k, "2026-11-02")
		k = handNotice(t, s, k, "2026-11-10")
		if k.NoticeOn.String() != "2026-11-02" || k.WithdrawalUntil().String() != "2026-11-16" {
			t.Fatalf("notice %s, until %s", k.NoticeOn, k.WithdrawalUntil())
		}
	})
}

// A withdrawal undoes the contract: without an early start nothing is
// kept and all that was paid is owed back; with one, the days given up to
// the withdrawal are kept. It is refused at the studio, twice, late, and
// before the conclusion, and the contract is then neither edited nor
// cancelled.
func TestWithdrawContract(t *testing.T) {
	ctx := context.Background()
	pay := func(t *testing.T, s *Store, k data.Contract) {
		t.Helper()
		if _, err := s.GenerateCharges(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordPayment(ctx, data.Payment{ClientID: k.ClientID, Amount: 3000, Method: "cash", ReceivedOn: s.Today()}); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("nothing asked for: all back", func(t *testing.T) {
		s := newStore(t)
		k := distanceContract(t, s, data.ConcludedDistance, "2026-11-01", "2026-11-01", false)
		k = handNotice(t, s, k, "2026-11-01")
		pay(t, s, k)
		at(s, "2026-11-10")
		got, err := s.WithdrawContract(ctx, k.ID, day("2026-11-09"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Refund != 3000 || got.Status(s.Today()) != data.ContractWithdrawn || got.WithdrawnOn.String() != "2026-11-09" {
			t.Fatalf("withdrawn = %+v", got.Withdrawal)
		}
		b, _ := s.BalanceOf(ctx, k.ClientID)
		if b.Open != 0 || b.Credit != 3000 {
			t.Fatalf("balance after withdrawal = %+v", b)
		}
		if _, err := s.GenerateCharges(ctx); err != nil {
			t.Fatal(err)
		}
		if d := dues(t, s, k.ClientID); d != "" {
			t.Fatalf("a withdrawn contract is billed: %s", d)
		}
		log, _ := s.AuditFor(context.Background(), "contracts", k.ID)
		if log[len(log)-1].Action != data.ActionWithdraw {
			t.Fatalf("audit = %+v", log[len(log)-1])
		}
		if _, err := s.CancelContract(ctx, k.ID, s.Today()); data.ErrorCode(err) != data.CodeConflict {
			t.Fatalf("cancel after withdrawal: %v", err)
		}
		if _, err := s.UpdateContract(ctx, got); data.ErrorCode(err) != data.CodeConflict {
			t.Fatalf("edit after withdrawal: %v", err)
		}
		if _, err := s.WithdrawContract(ctx, k.ID, day("2026-11-10")); data.ErrorCode(err) != data.CodeConflict {
			t.Fatalf("second withdrawal: %v", err)
		}
	})
	t.Run("early start asked for: the days given are kept", func(t *testing.T) {
		s := newStore(t)
		k := distanceContract(t, s, data.ConcludedElsewhere, "2026-11-01", "2026-11-01", true)
		k = handNotice(t, s, k, "2026-11-01")
		pay(t, s, k)
		at(s, "2026-11-10")
		got, err := s.WithdrawContract(ctx, k.ID, day("2026-11-10"))
		if err != nil {
			t.Fatal(err)
		}
		// 1–10 November of a 30-day month: 10/30 of 30,00 € kept
		if got.Refund != 2000 {
			t.Fatalf("refund = %v, want 2000", got.Refund)
		}
		if d := dues(t, s, k.ClientID); d != "2026-11-01:1000 " {
			t.Fatalf("charges kept = %q", d)
		}
	})
	t.Run("refused", func(t *testing.T) {
		s := newStore(t)
		studio := distanceContract(t, s, data.ConcludedStudio, "2026-11-01", "2026-11-01", false)
		if _, err := s.WithdrawContract(ctx, studio.ID, day("2026-11-02")); data.ErrorKey(err) != "withdraw.not_withdrawable" {
			t.Fatalf("at the studio: %v", err)
		}
		k := distanceContract(t, s, data.ConcludedDistance, "2026-11-01", "2026-11-01", false)
		k = handNotice(t, s, k, "2026-11-02")
		at(s, "2026-11-20")
		if _, err := s.WithdrawContract(ctx, k.ID, day("2026-11-17")); data.ErrorKey(err) != "withdraw.too_late" {
			t.Fatalf("late: %v", err)
		}
		if _, err := s.WithdrawContract(ctx, k.ID, day("2026-11-21")); err == nil {
			t.Fatal("a withdrawal received tomorrow was taken")
		}
		if _, err := s.WithdrawContract(ctx, k.ID, day("2026-10-31")); err == nil {
			t.Fatal("a withdrawal before the conclusion was taken")
		}
		if got, _ := s.Contract(ctx, k.ID); !got.WithdrawnOn.IsZero() {
			t.Fatal("a refused withdrawal was stored")
		}
	})
}

// Void terms are refused when typed and when imported; terms stored before
// the rule are listed by the check and flagged, get no end date, and
// cannot be cancelled until corrected.
func TestVoidTermsRefused(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	cl := mustClient(t, s, "Nora Sommer")
	sv := mustService(t, s, "Pilates", 4000)
	void := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 36, Notice: data.Notice{N: 3, Unit: data.NoticeMonths}, Renewal: data.RenewFixed, RenewalMonths: 12}
	_, err := s.CreateContract(ctx, data.Contract{ClientID: cl.ID, ServiceID: sv.ID, Price: 4000, Terms: void, Start: day("2026-12-01")})
	wantField(t, err, "min_term", data.VoidMinTerm)
	wantField(t, err, "renewal", data.VoidRenewal)
	wantField(t, err, "notice", data.VoidNotice)
	if list, _ := s.ContractsOf(ctx, cl.ID); len(list) != 0 {
		t.Fatal("a contract with void terms was stored")
	}
	// a contract concluded in 2021 with three months' notice was lawful then
	old := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 12, Notice: data.Notice{N: 3, Unit: data.NoticeMonths}, Renewal: data.RenewFixed, RenewalMonths: 12}
	if _, err := s.CreateContract(ctx, data.Contract{ClientID: cl.ID, ServiceID: sv.ID, Price: 4000, Terms: old, Start: day("2021-05-01")}); err != nil {
		t.Fatalf("lawful old terms refused: %v", err)
	}

	k, err := s.CreateContract(ctx, data.Contract{ClientID: cl.ID, ServiceID: sv.ID, Price: 4000, Terms: monthly(12), Start: day("2026-12-01")})
	if err != nil {
		t.Fatal(err)
	}
	// as an older version of the program could store it
	if _, err := s.x().Exec(`UPDATE contracts SET min_term_months = 36 WHERE id = ?`, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.write(ctx, refreshContractLaw); err != nil {
		t.Fatal(err)
	}
	stored, _ := s.Contract(ctx, k.ID)
	if !stored.EarliestEnd(s.Today()).IsZero() {
		t.Fatalf("an end was computed from a void term: %s", stored.EarliestEnd(s.Today()))
	}
	if _, err := s.CancelContract(ctx, k.ID, s.Today()); data.ErrorKey(err) != "contract.void.correct_first" {
		t.Fatalf("cancel of a void contract: %v", err)
	}
	res, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || len(res.Findings) != 1 || res.Findings[0].Key != "check.void_terms" || res.Findings[0].Args["ID"] != k.ID {
		t.Fatalf("check = %+v", res)
	}
	flags, _ := s.FlagsOf(ctx, cl.ID)
	if len(flags) == 0 || flags[0].Kind != data.FlagVoidTerms || flags[0].Ref != k.ID {
		t.Fatalf("flags = %+v", flags)
	}
	stored.MinTermMonths = 12
	if _, err := s.UpdateContract(ctx, stored); err != nil {
		t.Fatalf("correcting: %v", err)
	}
	if res, _ := s.Check(ctx); !res.OK {
		t.Fatalf("check after correcting = %+v", res)
	}
	if flags, _ := s.FlagsOf(ctx, cl.ID); len(flags) != 0 {
		t.Fatalf("flags after correcting = %+v", flags)
	}
}

// import contracts refuses void terms with the line and the column.
func TestImportRefusesVoidTerms(t *testing.T) {
	s := newStore(t)
	cl := mustClient(t, s, "Ida Roth")
	sv := mustService(t, s, "Zumba", 3000)
	ids := strconv.FormatInt(cl.ID, 10) + "," + strconv.FormatInt(sv.ID, 10)
	in := "client_id,service_id,price_cents,billing,start_on,min_term_months,notice_n,notice_unit,renewal,renewal_months,note,created_at,updated_at\n" +
		ids + ",3000,monthly,2026-12-01,25,1,months,monthly,0,,2026-11-20T10:00:00Z,2026-11-20T10:00:00Z\n" +
		ids + ",3000,monthly,2026-12-01,12,6,weeks,monthly,0,,2026-11-20T10:00:00Z,2026-11-20T10:00:00Z\n" +
		ids + ",3000,monthly,2026-12-01,12,1,months,fixed,6,,2026-11-20T10:00:00Z,2026-11-20T10:00:00Z\n" +
		ids + ",3000,monthly,2021-06-01,12,4,months,monthly,0,,2021-05-20T10:00:00Z,2021-05-20T10:00:00Z\n" +
		ids + ",3000,monthly,2021-06-01,12,3,months,monthly,0,,2021-05-20T10:00:00Z,2021-05-20T10:00:00Z\n"
	e := importErr(t, s, "contracts", in)
	wantInvalid(t, e, 2, "min_term", data.VoidMinTerm)
	wantInvalid(t, e, 3, "notice", data.VoidNotice)
	wantInvalid(t, e, 4, "renewal", data.VoidRenewal)
	wantInvalid(t, e, 5, "notice", data.VoidOldNotice)
	if len(e.Fields) != 4 {
		t.Errorf("problems = %v; the lawful 2021 line has none", e.Fields)
	}
	if list, _ := s.ContractsOf(context.Background(), cl.ID); len(list) != 0 {
		t.Fatal("a refused import stored contracts")
	}
}

// A database from before the notice was recorded takes, on its update,
// the first agreement printed after a contract was recorded as the one
// that handed its notice over.
func TestNoticeFromAgreementsOnUpdate(t *testing.T) {
	s := newStore(t)
	k := distanceContract(t, s, data.ConcludedDistance, "2026-10-01", "2026-10-01", false)
	handNotice(t, s, k, "2026-10-05")
	handNotice(t, s, k, "2026-10-20")
	if _, err := s.x().Exec(`UPDATE contracts SET withdrawal_notice_on = '', withdrawal_notice_doc = 0, withdrawal_until = ''`); err != nil {
		t.Fatal(err)
	}
	if err := s.write(context.Background(), func(tx *dbx) error {
		if err := noticeFromAgreements(tx); err != nil {
			return err
		}
		return refreshContractLaw(tx) // as migrate does after the last migration
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Contract(context.Background(), k.ID)
	if got.NoticeOn.String() != "2026-10-05" || got.NoticeDoc != 1 || got.WithdrawalUntil().String() != "2026-10-19" {
		t.Fatalf("after the update: notice %s (doc %d), until %s", got.NoticeOn, got.NoticeDoc, got.WithdrawalUntil())
	}
	var until string
	s.x().QueryRow(`SELECT withdrawal_until FROM contracts WHERE id = ?`, k.ID).Scan(&until)
	if until != "2026-10-19" {
		t.Fatalf("kept period end = %q", until)
	}
}

// Names refuse the characters that change how text reads without being
// seen, with a message that says so; ordinary names with accents pass.
func TestNamesRefuseInvisibleCharacters(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for _, r := range []rune{0x202A, 0x202E, 0x2066, 0x2069, 0x200B, 0x200F, 0xFEFF} {
		name := "Anna" + string(r) + " Berg"
		_, err := s.CreateClient(ctx, data.Client{Name: name})
		wantField(t, err, "name", "field.invisible")
		_, err = s.CreateClient(ctx, data.Client{Name: "Lea Roth", ContactPerson: name})
		wantField(t, err, "contact_person", "field.invisible")
		_, err = s.SaveService(ctx, data.Service{Name: "Yoga" + string(r), Kind: data.KindCourse, Price: 100, Active: true, Terms: monthly(1)})
		wantField(t, err, "name", "field.invisible")
	}
	if _, err := s.CreateClient(ctx, data.Client{Name: "Zoë Ça‐Ölmüller"}); err != nil {
		t.Fatalf("an ordinary name was refused: %v", err)
	}
}

// Ten programs started at once on a database that does not exist yet make
// one database: no "before-update" copy, no refusal.
func TestTenOpenANewDatabaseAtOnce(t *testing.T) {
	dir := tempDir(t)
	path := dir + "/studio.db"
	errs := make(chan error, 10)
	start := make(chan struct{})
	for range 10 {
		go func() {
			<-start
			s, err := Open(path)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	close(start)
	for range 10 {
		if err := <-errs; err != nil {
			t.Errorf("open: %v", err)
		}
	}
	if copies, _ := filepath.Glob(dir + "/backups/*"); len(copies) != 0 {
		t.Fatalf("copies of a new database: %v", copies)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.read.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != SchemaVersion() {
		t.Fatalf("%d migrations recorded, want %d", n, SchemaVersion())
	}
}

// What was owed — a make-up for a cancelled class, a demand decided as
// owed — is kept apart from goodwill: no goodwill flag, nothing in the
// review's totals, nothing in the client's goodwill.
func TestOwedIsNotGoodwill(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Maja Frank")
	if _, err := s.RecordOwed(ctx, data.Owed{ClientID: c.ID, GivenOn: day("2026-11-10"), Kind: data.OwedMakeup,
		Description: "Nachholstunde: Kurs am 09.11. fiel aus", Value: 50000}); err != nil {
		t.Fatal(err)
	}
	d, err := s.RaiseDemand(ctx, data.Demand{ClientID: c.ID, RaisedOn: day("2026-11-12"), Asked: "Erstattung des Kurses", Claimed: 30000})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.OweDemand(ctx, data.Decision{DemandID: d.ID, Expect: data.DemandOpen}, data.Owed{GivenOn: day("2026-11-13"), Kind: data.OwedRefund,
		Description: "Kurs abgesagt: Beitrag erstattet", Value: 30000})
	if err != nil || got.Status != data.DemandOwed {
		t.Fatalf("decided as owed: %+v, %v", got, err)
	}
	if _, err := s.RecordOwed(ctx, data.Owed{ClientID: c.ID, GivenOn: day("2026-11-13"), Kind: data.OwedRefund, Description: "x"}); err == nil {
		t.Fatal("a refund without an amount was taken")
	}
	list, _ := s.OwedOf(ctx, c.ID)
	if len(list) != 2 || list[0].DemandID != d.ID || list[0].Value != 30000 {
		t.Fatalf("owed = %+v", list)
	}
	if flags, _ := s.FlagsOf(ctx, c.ID); len(flags) != 0 {
		t.Fatalf("owed raised a flag: %+v", flags)
	}
	r, err := s.MonthlyReview(ctx, day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Total.Value != 0 || r.Total.Entries != 0 {
		t.Fatalf("the review counts owed as goodwill: %+v", r.Total)
	}
	if w, _ := s.WorthOf(ctx, c.ID); w.Goodwill12.Value != 0 {
		t.Fatalf("worth counts owed as goodwill: %+v", w)
	}
	if g, _ := s.GoodwillList(ctx, data.GoodwillFilter{ClientID: c.ID}); len(g) != 0 {
		t.Fatalf("owed in the goodwill ledger: %+v", g)
	}
}

// Former clients whose partnership ended the set months ago and who owe
// and are owed nothing are offered for erasure, the oldest first; a
// running contract, an open balance or a recent end keep a client.
func TestFormerClientsDueForErasure(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	sv := mustService(t, s, "Yoga", 3000)
	former := func(name, start string, cancelled string) data.Client {
		c := mustClient(t, s, name)
		k, err := s.CreateContract(ctx, data.Contract{ClientID: c.ID, ServiceID: sv.ID, Price: 3000, Terms: monthly(1), Start: day(start)})
		if err != nil {
			t.Fatal(err)
		}
		at(s, cancelled)
		if _, err := s.CancelContract(ctx, k.ID, day(cancelled)); err != nil {
			t.Fatal(err)
		}
		at(s, "2026-11-23")
		c.Status = data.StatusFormer
		if c, err = s.UpdateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	old := former("Alt Ende", "2024-01-01", "2024-06-01")
	older := former("Noch Älter", "2023-01-01", "2023-03-01")
	recent := former("Kürzlich Weg", "2026-01-01", "2026-09-01")
	owing := former("Schuldet Noch", "2024-01-01", "2024-06-01")
	if _, err := s.AddCharge(ctx, data.OneOffCharge{ClientID: owing.ID, Description: "Kostüm", Amount: 4500, Due: day("2024-06-01")}); err != nil {
		t.Fatal(err)
	}
	mustClient(t, s, "Aktiv Bleibt")
	due, err := s.DueForErasure(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].ID != older.ID || due[1].ID != old.ID || due[1].EndedOn.String() != "2024-07-01" {
		t.Fatalf("due = %+v (recent %d, owing %d)", due, recent.ID, owing.ID)
	}
	if err := s.SaveEraseAfterMonths(ctx, 36); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueForErasure(ctx); len(due) != 1 || due[0].ID != older.ID {
		t.Fatalf("due after 36 months = %+v", due)
	}
	if err := s.SaveEraseAfterMonths(ctx, 0); err == nil {
		t.Fatal("0 months taken")
	}
	n, err := s.EraseDue(ctx)
	if err != nil || n != 1 {
		t.Fatalf("erased %d, %v", n, err)
	}
	if c, _ := s.Client(ctx, older.ID); c.ErasedOn.IsZero() {
		t.Fatal("the due client was not erased")
	}
	if c, _ := s.Client(ctx, old.ID); !c.ErasedOn.IsZero() {
		t.Fatal("a client not yet due was erased")
	}
}
