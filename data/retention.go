package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// Retention periods in years, as the law sets them by default: books and
// records 10, vouchers 8, business letters 6.
type RetentionRules struct {
	BooksYears, VouchersYears, LettersYears int
}

// DefaultRetention is the law's default.
var DefaultRetention = RetentionRules{BooksYears: 10, VouchersYears: 8, LettersYears: 6}

const (
	settingBooks    = "retention:books_years"
	settingVouchers = "retention:vouchers_years"
	settingLetters  = "retention:letters_years"
)

// RetentionRules returns the retention periods in force.
func (s *Store) RetentionRules(ctx context.Context) (RetentionRules, error) {
	r := DefaultRetention
	for _, f := range []struct {
		key string
		out *int
	}{{settingBooks, &r.BooksYears}, {settingVouchers, &r.VouchersYears}, {settingLetters, &r.LettersYears}} {
		v, err := s.Setting(ctx, f.key)
		if err != nil {
			return r, err
		}
		if n, err := strconv.Atoi(v); err == nil {
			*f.out = n
		}
	}
	return r, nil
}

// SaveRetentionRules sets the retention periods (1 to 30 years each).
func (s *Store) SaveRetentionRules(ctx context.Context, r RetentionRules) error {
	if err := s.Allow(OpSettings); err != nil {
		return err
	}
	v := fieldErrors{key: "settings.invalid"}
	for _, f := range []struct {
		name string
		n    int
	}{{"books_years", r.BooksYears}, {"vouchers_years", r.VouchersYears}, {"letters_years", r.LettersYears}} {
		if f.n < 1 || f.n > 30 {
			v.add(f.name, "retention.range", map[string]any{"Min": 1, "Max": 30})
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *dbx) error {
		for key, n := range map[string]int{settingBooks: r.BooksYears, settingVouchers: r.VouchersYears, settingLetters: r.LettersYears} {
			if err := setSetting(tx, key, strconv.Itoa(n)); err != nil {
				return err
			}
		}
		return s.audit(tx, "settings", 0, ActionUpdate, nil, r)
	})
}

// retained lists what erasure keeps, with the date column that starts each
// record's retention: charges are books, payments vouchers, agreements
// business letters.
var retained = []struct {
	Kind, table, day string
	years            func(RetentionRules) int
}{
	{"charges", "charges", "due_on", func(r RetentionRules) int { return r.BooksYears }},
	{"payments", "payments", "received_on", func(r RetentionRules) int { return r.VouchersYears }},
	{"agreements", "agreements", "substr(printed_at, 1, 10)", func(r RetentionRules) int { return r.LettersYears }},
	{"letters", "documents", "substr(issued_at, 1, 10)", func(r RetentionRules) int { return r.LettersYears }},
}

// RetentionPart is what is kept of one kind of record: how many, and the
// day the last of them may go. A record is kept to the end of the year it
// belongs to plus the retention period.
type RetentionPart struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
	Years int    `json:"years"`
	Until Date   `json:"until"` // the first day the last of them may be removed
}

// RetentionPlan says, for an erased client, what is still kept and until
// when, and each issued document with the day it may go.
type RetentionPlan struct {
	Parts     []RetentionPart `json:"parts"`
	Documents []KeptDocument  `json:"documents"`
}

// KeptDocument is one issued document's stored copy, kept as a business
// letter: its number, kind, day and the first day it may be removed.
type KeptDocument struct {
	Number string       `json:"number"`
	Kind   DocumentKind `json:"kind"` // "agreement" for an agreement
	Issued Date         `json:"issued"`
	Until  Date         `json:"until"`
}

// expiryOf is the first day a record of the given day may go.
func expiryOf(day string, years int) Date {
	y, _ := strconv.Atoi(day[:4])
	return NewDate(y+years+1, 1, 1)
}

// Retention returns what is kept of a client and until when.
func (s *Store) Retention(ctx context.Context, clientID int64) (RetentionPlan, error) {
	rules, err := s.RetentionRules(ctx)
	if err != nil {
		return RetentionPlan{}, err
	}
	var plan RetentionPlan
	for _, k := range retained {
		part := RetentionPart{Kind: k.Kind, Years: k.years(rules)}
		var latest sql.NullString
		err := s.read.QueryRowContext(ctx, `SELECT count(*), max(`+k.day+`) FROM `+k.table+` WHERE client_id = ?`, clientID).
			Scan(&part.Count, &latest)
		if err != nil {
			return plan, internal(err)
		}
		if latest.Valid && len(latest.String) >= 4 {
			part.Until = expiryOf(latest.String, part.Years)
		}
		plan.Parts = append(plan.Parts, part)
	}
	years := rules.LettersYears
	err = eachRow(ctx, s.read, `SELECT 'agreement', id, '', substr(printed_at, 1, 10) FROM agreements WHERE client_id = ?
		UNION ALL SELECT kind, 0, number, substr(issued_at, 1, 10) FROM documents WHERE client_id = ?
		ORDER BY 4, 3`, func(r *sql.Rows) error {
		var d KeptDocument
		var id int64
		var day string
		err := r.Scan(&d.Kind, &id, &d.Number, &day)
		if id != 0 {
			d.Number = AgreementNumber(id)
		}
		d.Issued, d.Until = mustDate(day), expiryOf(day, years)
		plan.Documents = append(plan.Documents, d)
		return err
	}, clientID, clientID)
	return plan, internal(err)
}

// ErasureBlock says why a client cannot be erased yet, or nil.
func (s *Store) ErasureBlock(ctx context.Context, clientID int64) error {
	c, err := s.Client(ctx, clientID)
	if err != nil {
		return err
	}
	if !c.ErasedOn.IsZero() {
		return Errorf(CodeConflict, "erase.already", map[string]any{"Date": c.ErasedOn})
	}
	b, err := s.BalanceOf(ctx, clientID)
	if err != nil {
		return err
	}
	if b.Open > 0 {
		return Errorf(CodeConflict, "erase.open_balance", map[string]any{"Amount": b.Open})
	}
	if b.Credit > 0 {
		return Errorf(CodeConflict, "erase.credit", map[string]any{"Amount": b.Credit})
	}
	var open int
	// a billed demand whose charge is paid is done
	err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM demands d LEFT JOIN charges c ON c.id = d.charge_id
		WHERE d.client_id = ? AND (d.status IN ('open', 'disputed')
			OR (d.status = 'billed' AND (c.id IS NULL OR (c.paid_cents < c.amount_cents AND c.waived_on = ''))))`,
		clientID).Scan(&open)
	if err != nil {
		return internal(err)
	}
	if open > 0 {
		return Errorf(CodeConflict, "erase.dispute", map[string]any{"Count": open})
	}
	return nil
}

// ErasedName is what an erased client is called from then on.
func ErasedName(id int64) string { return fmt.Sprintf("#%d", id) }

// EraseClient removes what can go now of a client (name, contact data,
// notes, consent, goodwill and demand texts, everything in the audit log
// about them) and keeps what the law requires (charges, payments, issued
// agreements) under the anonymous name ErasedName until its retention
// ends. A client who owes money, holds credit or has an unsettled demand
// is not erased. Afterwards the file is compacted so nothing of the
// erased data stays behind in free pages.
func (s *Store) EraseClient(ctx context.Context, clientID int64) error {
	if err := s.Allow(OpErase); err != nil {
		return err
	}
	if err := s.ErasureBlock(ctx, clientID); err != nil {
		return err
	}
	today := s.Today().String()
	err := s.write(ctx, func(tx *dbx) error {
		if err := s.eraseRows(tx, clientID, today); err != nil {
			return err
		}
		return s.audit(tx, "clients", clientID, ActionErase, nil, map[string]any{"erased_on": today})
	})
	if err != nil {
		return internal(err)
	}
	// only an erasure that happened goes into the register, which a
	// restored backup reads to erase again
	if err := s.registerErasure(clientID, today); err != nil {
		return internal(err)
	}
	return s.compact(ctx)
}

// eraseRows removes what can go of a client, in tx.
func (s *Store) eraseRows(tx *dbx, clientID int64, day string) error {
	name := ErasedName(clientID)
	steps := []struct {
		q    string
		args []any
	}{
		{`UPDATE clients SET name = ?, sort_name = ?, contact_person = '', phone = '', email = '', address = '',
			birth_date = '', notes = '', decline_reason = '', referred_by = NULL, search_text = '', consent_data_on = '',
			consent_data_how = '', consent_media = '', consent_media_on = '', consent_media_how = '', erased_on = ?,
			updated_at = ? WHERE id = ?`, []any{name, name, day, stamp(s.now()), clientID}},
		{`DELETE FROM client_terms WHERE client_id = ?`, []any{clientID}},
		{`UPDATE goodwill SET description = '–', deleted_reason = '' WHERE client_id = ?`, []any{clientID}},
		{`UPDATE owed SET description = '–' WHERE client_id = ?`, []any{clientID}},
		{`UPDATE visits SET undone_reason = '' WHERE client_id = ?`, []any{clientID}},
		{`UPDATE demand_steps SET note = '' WHERE demand_id IN (SELECT id FROM demands WHERE client_id = ?)`, []any{clientID}},
		{`UPDATE demands SET asked = '–', client_words = '' WHERE client_id = ?`, []any{clientID}},
		{`UPDATE charges SET description = '–' WHERE id IN (SELECT charge_id FROM demands WHERE client_id = ?)`, []any{clientID}},
		{`UPDATE contract_pauses SET reason = '–' WHERE contract_id IN (SELECT id FROM contracts WHERE client_id = ?)`, []any{clientID}},
		{`UPDATE contracts SET note = '' WHERE client_id = ?`, []any{clientID}},
		{`UPDATE payments SET note = '' WHERE client_id = ?`, []any{clientID}},
		{`UPDATE audit_log SET before = '', after = '' WHERE client_id = ?`, []any{clientID}},
	}
	if s.d.searchTable {
		if _, err := tx.Exec(`DELETE FROM client_fts WHERE rowid = ?`, clientID); err != nil {
			return err
		}
	}
	for _, st := range steps {
		if _, err := tx.Exec(st.q, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// compact rewrites the search index and the file so that deleted text no
// longer sits in free pages or the write-ahead log.
func (s *Store) compact(ctx context.Context) error {
	if s.OnServer() { // the server rewrites the tables' free space itself; this hastens it
		_, err := s.db.ExecContext(ctx, `VACUUM`)
		return internal(err)
	}
	for _, q := range []string{`INSERT INTO client_fts (client_fts) VALUES ('optimize')`, `PRAGMA wal_checkpoint(TRUNCATE)`,
		`VACUUM`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return internal(err)
		}
	}
	return nil
}

// CleanupPlan counts what the yearly clean-up would remove.
type CleanupPlan struct {
	Charges, Payments, Agreements, Letters int
}

// set records the count of the i-th kind of retained record.
func (p *CleanupPlan) set(i, n int) {
	switch retained[i].Kind {
	case "charges":
		p.Charges = n
	case "payments":
		p.Payments = n
	case "agreements":
		p.Agreements = n
	case "letters":
		p.Letters = n
	}
}

// Total is how many records the clean-up would remove.
func (p CleanupPlan) Total() int { return p.Charges + p.Payments + p.Agreements + p.Letters }

// cleanupFilter selects the records of erased clients whose retention
// has ended by today.
func cleanupFilter(day string, years int) string {
	return fmt.Sprintf(`client_id IN (SELECT id FROM clients WHERE erased_on <> '')
		AND CAST(substr(%s, 1, 4) AS INTEGER) + %d + 1 <= CAST(? AS INTEGER)`, day, years)
}

// Expired counts the retained records of erased clients whose retention
// has ended.
func (s *Store) Expired(ctx context.Context) (CleanupPlan, error) {
	rules, err := s.RetentionRules(ctx)
	if err != nil {
		return CleanupPlan{}, err
	}
	var p CleanupPlan
	year := s.Today().Year()
	for i, k := range retained {
		n := 0
		err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+k.table+` WHERE `+cleanupFilter(k.day, k.years(rules)), year).Scan(&n)
		if err != nil {
			return p, internal(err)
		}
		p.set(i, n)
	}
	return p, nil
}

// CleanUp removes the retained records of erased clients whose retention
// has ended. What stays of such a client is an anonymous number, its
// anonymous goodwill and demands (they count in past monthly reviews).
func (s *Store) CleanUp(ctx context.Context) (CleanupPlan, error) {
	if err := s.Allow(OpErase); err != nil {
		return CleanupPlan{}, err
	}
	rules, err := s.RetentionRules(ctx)
	if err != nil {
		return CleanupPlan{}, err
	}
	var p CleanupPlan
	year := s.Today().Year()
	err = s.write(ctx, func(tx *dbx) error {
		charges := cleanupFilter("due_on", rules.BooksYears)
		for _, ref := range []string{"demands", "visits"} { // they stay, without the charge that goes
			if _, err := tx.Exec(`UPDATE `+ref+` SET charge_id = NULL WHERE charge_id IN (SELECT id FROM charges WHERE `+charges+`)`, year); err != nil {
				return err
			}
		}
		for i, k := range retained {
			filter := cleanupFilter(k.day, k.years(rules))
			if k.table == "payments" {
				if err := forgetPayments(tx, filter, year); err != nil {
					return err
				}
			}
			res, err := tx.Exec(`DELETE FROM `+k.table+` WHERE `+filter, year)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			p.set(i, int(n))
		}
		if p.Total() == 0 {
			return nil
		}
		if err := s.settle(tx, 0); err != nil {
			return err
		}
		return s.audit(tx, "clients", 0, ActionExpire, nil, p)
	})
	if err != nil {
		return CleanupPlan{}, internal(err)
	}
	if p.Total() > 0 {
		return p, s.compact(ctx)
	}
	return p, nil
}
