package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"studiopartner/data"
)

const mandateColumns = `m.id, m.client_id, m.reference, m.signed_on, m.once, m.holder, m.holder_town, m.holder_country, m.iban,
	m.bic, m.revoked_on, m.revoked_why, m.last_collected, m.amended_from, m.amend_other_bank, m.created_at, m.updated_at, c.name`

const mandateFrom = ` FROM mandates m JOIN clients c ON c.id = m.client_id`

func scanMandate(r scanner) (data.Mandate, error) {
	var m data.Mandate
	var signed, revoked, last string
	err := r.Scan(&m.ID, &m.ClientID, &m.Reference, &signed, &m.Once, &m.Holder, &m.HolderTown, &m.HolderCountry, &m.IBAN,
		&m.BIC, &revoked, &m.RevokedWhy, &last, &m.AmendedFrom, &m.AmendOtherBank, &m.CreatedAt, &m.UpdatedAt, &m.ClientName)
	m.SignedOn, m.RevokedOn, m.LastCollected = mustDate(signed), mustDate(revoked), mustDate(last)
	return m, err
}

func getMandate(q querier, id int64) (data.Mandate, error) {
	m, err := scanMandate(q.QueryRow(`SELECT `+mandateColumns+mandateFrom+` WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, data.Errorf(data.CodeNotFound, "mandate.not_found", map[string]any{"ID": id})
	}
	return m, err
}

// auditedMandate is a mandate as the audit log keeps it: the accounts
// shortened (the client's data export holds them whole).
func auditedMandate(m data.Mandate) data.Mandate {
	m.IBAN, m.AmendedFrom = data.MaskIBAN(m.IBAN), data.MaskIBAN(m.AmendedFrom)
	return m
}

// AddMandate stores a client's new mandate. Without a reference one is
// made (SP-client-number); a reference another mandate has, in any case,
// is refused.
func (s *Store) AddMandate(ctx context.Context, m data.Mandate) (data.Mandate, error) {
	m.ID, m.RevokedOn, m.RevokedWhy, m.LastCollected, m.AmendedFrom, m.AmendOtherBank = 0, data.Date{}, "", data.Date{}, "", false
	if err := m.Validate(s.Today()); err != nil {
		return data.Mandate{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		c, err := getClient(tx, m.ClientID)
		if err != nil {
			return err
		}
		m.ClientName = c.Name
		if m.Reference == "" {
			if m.Reference, err = newMandateRef(tx, m.ClientID); err != nil {
				return err
			}
		} else if err := refFree(tx, m.Reference, 0); err != nil {
			return err
		}
		now := stamp(s.now())
		m.CreatedAt, m.UpdatedAt = now, now
		m.ID, err = tx.insertID(`INSERT INTO mandates (client_id, reference, signed_on, once, holder, holder_town, holder_country,
			iban, bic, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ClientID, m.Reference, m.SignedOn.String(),
			m.Once, m.Holder, m.HolderTown, m.HolderCountry, m.IBAN, m.BIC, now, now)
		if err != nil {
			return err
		}
		return s.audit(tx, "mandates", m.ID, data.ActionCreate, nil, auditedMandate(m))
	})
	if err != nil {
		return data.Mandate{}, internal(err)
	}
	return m, nil
}

// refFree refuses a reference another mandate than id has, in any case.
func refFree(tx *dbx, ref string, id int64) error {
	var other int64
	err := tx.QueryRow(`SELECT id FROM mandates WHERE lower(reference) = ? AND id <> ?`, strings.ToLower(ref), id).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return &data.Error{Code: data.CodeConflict, Key: "mandate.invalid", Fields: []data.FieldError{{Field: "reference",
		Key: "mandate.reference.taken", Args: map[string]any{"Reference": ref}}}}
}

// newMandateRef makes the next free reference of a client's mandates:
// SP-000042-1, SP-000042-2, …
func newMandateRef(tx *dbx, clientID int64) (string, error) {
	for n := 1; ; n++ {
		ref := fmt.Sprintf("SP-%06d-%d", clientID, n)
		err := refFree(tx, ref, 0)
		var taken *data.Error
		if !errors.As(err, &taken) {
			return ref, err // free, or the database failed
		}
	}
}

// Mandates lists a client's mandates (clientID 0: every client's), the
// newest first.
func (s *Store) Mandates(ctx context.Context, clientID int64) ([]data.Mandate, error) {
	var out []data.Mandate
	return out, internal(s.read.readAllCtx(ctx, mandatesPart(clientID, &out)))
}

// mandatesPart is Mandates as a part of several reads.
func mandatesPart(clientID int64, out *[]data.Mandate) readPart {
	q, args := `SELECT `+mandateColumns+mandateFrom+` ORDER BY m.id DESC`, []any(nil)
	if clientID != 0 {
		q, args = `SELECT `+mandateColumns+mandateFrom+` WHERE m.client_id = ? ORDER BY m.id DESC`, []any{clientID}
	}
	return readPart{query: q, args: args, row: func(r scanner) error {
		m, err := scanMandate(r)
		*out = append(*out, m)
		return err
	}}
}

// MandateInForce is the client's newest mandate in force on the day (see
// mandateFor); none: the zero mandate.
func (s *Store) MandateInForce(ctx context.Context, clientID int64, day data.Date) (data.Mandate, error) {
	var ms []data.Mandate
	if err := s.read.readAllCtx(ctx, mandatesPart(clientID, &ms)); err != nil {
		return data.Mandate{}, internal(err)
	}
	m, _ := mandateFor(ms, day)
	return m, nil
}

// Mandate reads one mandate.
func (s *Store) Mandate(ctx context.Context, id int64) (data.Mandate, error) {
	m, err := getMandate(s.read, id)
	return m, internal(err)
}

// RevokeMandate records that a mandate ends on the day (zero: today), and
// why: it is not used from then on. One revoked stays revoked.
func (s *Store) RevokeMandate(ctx context.Context, id int64, on data.Date, why string) (data.Mandate, error) {
	if on.IsZero() {
		on = s.Today()
	}
	why = strings.TrimSpace(why)
	var m data.Mandate
	err := s.write(ctx, func(tx *dbx) error {
		before, err := getMandate(tx, id)
		if err != nil {
			return err
		}
		switch {
		case !before.RevokedOn.IsZero():
			return data.Errorf(data.CodeConflict, "mandate.revoked.already", map[string]any{"Date": before.RevokedOn})
		case on.Before(before.SignedOn):
			return &data.Error{Code: data.CodeInvalid, Key: "mandate.invalid", Fields: []data.FieldError{{Field: "revoked_on",
				Key: "mandate.revoked.before_signed", Args: map[string]any{"Date": before.SignedOn}}}}
		}
		m = before
		m.RevokedOn, m.RevokedWhy, m.UpdatedAt = on, why, stamp(s.now())
		if _, err := tx.Exec(`UPDATE mandates SET revoked_on = ?, revoked_why = ?, updated_at = ? WHERE id = ?`,
			on.String(), why, m.UpdatedAt, id); err != nil {
			return err
		}
		return s.audit(tx, "mandates", id, data.ActionUpdate, auditedMandate(before), auditedMandate(m))
	})
	if err != nil {
		return data.Mandate{}, internal(err)
	}
	return m, nil
}

// ChangeMandateAccount records a new account for a mandate (the holder
// moved banks, or accounts): the next collection tells the bank the
// account before (or, for another bank, that it is another), the one
// after it no more. A revoked mandate keeps its account.
func (s *Store) ChangeMandateAccount(ctx context.Context, id int64, iban, bic string) (data.Mandate, error) {
	var m data.Mandate
	err := s.write(ctx, func(tx *dbx) error {
		before, err := getMandate(tx, id)
		if err != nil {
			return err
		}
		if !before.RevokedOn.IsZero() {
			return data.Errorf(data.CodeConflict, "mandate.revoked.already", map[string]any{"Date": before.RevokedOn})
		}
		m = before
		m.IBAN, m.BIC = iban, bic
		if err := m.Validate(s.Today()); err != nil {
			return err
		}
		if m.IBAN == before.IBAN {
			m.BIC = before.BIC // nothing to tell the bank; a BIC alone is kept as it was
			return nil
		}
		if m.AmendedFrom == "" { // the bank is told of the account it knows
			m.AmendedFrom = before.IBAN
		}
		m.AmendOtherBank = !data.SameBank(m.AmendedFrom, m.IBAN)
		m.UpdatedAt = stamp(s.now())
		if _, err := tx.Exec(`UPDATE mandates SET iban = ?, bic = ?, amended_from = ?, amend_other_bank = ?, updated_at = ? WHERE id = ?`,
			m.IBAN, m.BIC, m.AmendedFrom, m.AmendOtherBank, m.UpdatedAt, id); err != nil {
			return err
		}
		return s.audit(tx, "mandates", id, data.ActionUpdate, auditedMandate(before), auditedMandate(m))
	})
	if err != nil {
		return data.Mandate{}, internal(err)
	}
	return m, nil
}

// Creditor reads the studio's direct debit settings.
func (s *Store) Creditor(ctx context.Context) (data.Creditor, error) {
	var firstErr error
	c := data.CreditorFrom(func(key string) string {
		v, err := s.Setting(ctx, key)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return v
	})
	return c, firstErr
}

// SaveCreditor checks and stores the studio's direct debit settings: the
// owner's.
func (s *Store) SaveCreditor(ctx context.Context, c data.Creditor) (data.Creditor, error) {
	if err := s.Allow(data.OpSettings); err != nil {
		return c, err
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		for k, v := range map[string]string{data.SettingCreditorID: c.ID, data.SettingDebitIBAN: c.IBAN, data.SettingDebitBIC: c.BIC,
			data.SettingLeadDays: strconv.Itoa(c.LeadDays), data.SettingNoticeDays: strconv.Itoa(c.NoticeDays),
			data.SettingPassFee: boolSetting(c.PassFee)} {
			if err := setSetting(tx, k, v); err != nil {
				return err
			}
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, map[string]any{data.SettingCreditorID: c.ID,
			data.SettingDebitIBAN: data.MaskIBAN(c.IBAN), data.SettingDebitBIC: c.BIC, data.SettingLeadDays: c.LeadDays,
			data.SettingNoticeDays: c.NoticeDays, data.SettingPassFee: c.PassFee})
	})
	return c, internal(err)
}

func boolSetting(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
