package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"studiopartner/data"
)

const (
	settingBooks    = "retention:books_years"
	settingVouchers = "retention:vouchers_years"
	settingLetters  = "retention:letters_years"
)

// RetentionRules returns the retention periods in force.
func (s *Store) RetentionRules(ctx context.Context) (data.RetentionRules, error) {
	r := data.DefaultRetention
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
func (s *Store) SaveRetentionRules(ctx context.Context, r data.RetentionRules) error {
	if err := s.Allow(data.OpSettings); err != nil {
		return err
	}
	v := data.FieldErrors{Key: "settings.invalid"}
	for _, f := range []struct {
		name string
		n    int
	}{{"books_years", r.BooksYears}, {"vouchers_years", r.VouchersYears}, {"letters_years", r.LettersYears}} {
		if f.n < 1 || f.n > 30 {
			v.Add(f.name, "retention.range", map[string]any{"Min": 1, "Max": 30})
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *dbx) error {
		for key, n := range map[string]int{settingBooks: r.BooksYears, settingVouchers: r.VouchersYears, settingLetters: r.LettersYears} {
			if err := setSetting(tx, key, strconv.Itoa(n)); err != nil {
				return err
			}
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, r)
	})
}

// expiryOf is the first day a record of the given day may go.
func expiryOf(day string, years int) data.Date {
	y, _ := strconv.Atoi(day[:4])
	return data.NewDate(y+years+1, 1, 1)
}

// Retention returns what is kept of a client and until when.
func (s *Store) Retention(ctx context.Context, clientID int64) (data.RetentionPlan, error) {
	rules, err := s.RetentionRules(ctx)
	if err != nil {
		return data.RetentionPlan{}, err
	}
	var plan data.RetentionPlan
	for _, k := range data.Retained {
		part := data.RetentionPart{Kind: k.Kind, Years: k.Years(rules)}
		var latest sql.NullString
		err := s.read.QueryRowContext(ctx, `SELECT count(*), max(`+k.Day+`) FROM `+k.Table+` WHERE client_id = ?`, clientID).
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
		ORDER BY 4, 3`, func(r rowsOf) error {
		var d data.KeptDocument
		var id int64
		var day string
		err := r.Scan(&d.Kind, &id, &d.Number, &day)
		if id != 0 {
			d.Number = data.AgreementNumber(id)
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
		return data.Errorf(data.CodeConflict, "erase.already", map[string]any{"Date": c.ErasedOn})
	}
	b, err := s.BalanceOf(ctx, clientID)
	if err != nil {
		return err
	}
	if b.Open > 0 {
		return data.Errorf(data.CodeConflict, "erase.open_balance", map[string]any{"Amount": b.Open})
	}
	if b.Credit > 0 {
		return data.Errorf(data.CodeConflict, "erase.credit", map[string]any{"Amount": b.Credit})
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
		return data.Errorf(data.CodeConflict, "erase.dispute", map[string]any{"Count": open})
	}
	return nil
}

// EraseClient removes what can go now of a client (name, contact data,
// notes, consent, goodwill and demand texts, everything in the audit log
// about them) and keeps what the law requires (charges, payments, issued
// agreements) under the anonymous name ErasedName until its retention
// ends. A client who owes money, holds credit or has an unsettled demand
// is not erased. Afterwards the file is compacted so nothing of the
// erased data stays behind in free pages.
func (s *Store) EraseClient(ctx context.Context, clientID int64) error {
	if err := s.Allow(data.OpErase); err != nil {
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
		return s.audit(tx, "clients", clientID, data.ActionErase, nil, map[string]any{"erased_on": today})
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
	name := data.ErasedName(clientID)
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

// cleanupFilter selects the records of erased clients whose retention
// has ended by today.
func cleanupFilter(day string, years int) string {
	return fmt.Sprintf(`client_id IN (SELECT id FROM clients WHERE erased_on <> '')
		AND CAST(substr(%s, 1, 4) AS INTEGER) + %d + 1 <= CAST(? AS INTEGER)`, day, years)
}

// Expired counts the retained records of erased clients whose retention
// has ended.
func (s *Store) Expired(ctx context.Context) (data.CleanupPlan, error) {
	rules, err := s.RetentionRules(ctx)
	if err != nil {
		return data.CleanupPlan{}, err
	}
	var p data.CleanupPlan
	year := s.Today().Year()
	for i, k := range data.Retained {
		n := 0
		err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+k.Table+` WHERE `+cleanupFilter(k.Day, k.Years(rules)), year).Scan(&n)
		if err != nil {
			return p, internal(err)
		}
		p.Set(i, n)
	}
	return p, nil
}

// CleanUp removes the retained records of erased clients whose retention
// has ended. What stays of such a client is an anonymous number, its
// anonymous goodwill and demands (they count in past monthly reviews).
func (s *Store) CleanUp(ctx context.Context) (data.CleanupPlan, error) {
	if err := s.Allow(data.OpErase); err != nil {
		return data.CleanupPlan{}, err
	}
	rules, err := s.RetentionRules(ctx)
	if err != nil {
		return data.CleanupPlan{}, err
	}
	var p data.CleanupPlan
	year := s.Today().Year()
	err = s.write(ctx, func(tx *dbx) error {
		charges := cleanupFilter("due_on", rules.BooksYears)
		for _, ref := range []string{"demands", "visits"} { // they stay, without the charge that goes
			if _, err := tx.Exec(`UPDATE `+ref+` SET charge_id = NULL WHERE charge_id IN (SELECT id FROM charges WHERE `+charges+`)`, year); err != nil {
				return err
			}
		}
		for i, k := range data.Retained {
			filter := cleanupFilter(k.Day, k.Years(rules))
			if k.Table == "payments" {
				if err := forgetPayments(tx, filter, year); err != nil {
					return err
				}
			}
			res, err := tx.Exec(`DELETE FROM `+k.Table+` WHERE `+filter, year)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			p.Set(i, int(n))
		}
		if p.Total() == 0 {
			return nil
		}
		if err := s.settle(tx, 0); err != nil {
			return err
		}
		return s.audit(tx, "clients", 0, data.ActionExpire, nil, p)
	})
	if err != nil {
		return data.CleanupPlan{}, internal(err)
	}
	if p.Total() > 0 {
		return p, s.compact(ctx)
	}
	return p, nil
}
