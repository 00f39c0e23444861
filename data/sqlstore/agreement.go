package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"studiopartner/data"
)

// CurrentClauses returns the newest wording in a language; ok is false
// when the owner has saved none yet.
func (s *Store) CurrentClauses(ctx context.Context, lang string) (data.ClauseSet, bool, error) {
	return s.clauses(ctx, `SELECT version, language, sections, created_at FROM clause_sets WHERE language = ?
		ORDER BY version DESC LIMIT 1`, lang)
}

// Clauses returns one version of the wording.
func (s *Store) Clauses(ctx context.Context, version int, lang string) (data.ClauseSet, bool, error) {
	return s.clauses(ctx, `SELECT version, language, sections, created_at FROM clause_sets WHERE language = ? AND version = ?`,
		lang, version)
}

func (s *Store) clauses(ctx context.Context, q string, args ...any) (data.ClauseSet, bool, error) {
	var c data.ClauseSet
	var js string
	err := s.read.QueryRowContext(ctx, q, args...).Scan(&c.Version, &c.Language, &js, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, internal(err)
	}
	return c, true, internal(json.Unmarshal([]byte(js), &c.Sections))
}

// errClausesExist stops SaveFirstClauses once a wording exists.
var errClausesExist = errors.New("a clause set exists")

// SaveClauses stores the wording as a new version; older versions stay, so
// agreements printed with them keep their text.
func (s *Store) SaveClauses(ctx context.Context, c data.ClauseSet) (data.ClauseSet, error) {
	if err := s.Allow(data.OpClauses); err != nil {
		return data.ClauseSet{}, err
	}
	return s.saveClauses(ctx, c, false)
}

// SaveFirstClauses stores the program's default wording for a language
// that has none yet, so anyone may print the first agreement; once a
// wording exists it returns that one and changes nothing.
func (s *Store) SaveFirstClauses(ctx context.Context, c data.ClauseSet) (data.ClauseSet, error) {
	return s.saveClauses(ctx, c, true)
}

func (s *Store) saveClauses(ctx context.Context, c data.ClauseSet, onlyFirst bool) (data.ClauseSet, error) {
	if err := c.Validate(); err != nil {
		return data.ClauseSet{}, err
	}
	js, err := json.Marshal(c.Sections)
	if err != nil {
		return data.ClauseSet{}, internal(err)
	}
	err = s.write(ctx, func(tx *dbx) error {
		version, err := takeNumber(tx, "clause_sets:"+c.Language)
		if err != nil {
			return err
		}
		if onlyFirst && version > 1 {
			return errClausesExist
		}
		if !onlyFirst && c.Version > 0 && int(version) != c.Version+1 {
			return s.clausesChanged(tx, c.Language)
		}
		c.Version = int(version)
		c.CreatedAt = stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO clause_sets (version, language, sections, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
			c.Version, c.Language, string(js), c.CreatedAt, nullID(s.Actor())); err != nil {
			return err
		}
		return s.audit(tx, "clause_sets", int64(c.Version), data.ActionCreate, nil, c)
	})
	if errors.Is(err, errClausesExist) {
		cur, _, err := s.CurrentClauses(ctx, c.Language)
		return cur, err
	}
	if err != nil {
		return data.ClauseSet{}, internal(err)
	}
	return c, nil
}

// IssueAgreement records a new copy of a client's agreement: draw gets
// the document number and returns the PDF, drawn outside the write; keep
// (nil: nothing) gets it inside the write that records it with its
// SHA-256, so a copy is recorded exactly when it exists. Numbers are never
// given twice.
//
// accepted are the warnings the owner confirmed; they are kept with the copy.
// contracts are those the agreement lists: its withdrawal notice is handed
// over, on the day printed, for each that had none yet.
func (s *Store) IssueAgreement(ctx context.Context, clientID int64, cs data.ClauseSet, accepted []string, contracts []int64,
	draw func(number string) ([]byte, error), keep func(pdf []byte) error) (data.Agreement, []byte, error) {
	a := data.Agreement{ClientID: clientID, ClauseVersion: cs.Version, Language: cs.Language, AcceptedWarnings: accepted}
	if _, err := s.Client(ctx, clientID); err != nil {
		return data.Agreement{}, nil, err
	}
	var pdf []byte
	err := s.issueNumbered(ctx, "agreements", func(id int64) error {
		var err error
		pdf, err = draw(data.AgreementNumber(id))
		return err
	}, func(tx *dbx, id int64) error {
		if _, err := getClient(tx, clientID); err != nil {
			return err
		}
		a.ID, a.PrintedAt = id, stamp(s.now())
		sum := sha256.Sum256(pdf)
		a.SHA256 = hex.EncodeToString(sum[:])
		if _, err := tx.Exec(`INSERT INTO agreements (id, client_id, clause_version, language, printed_at, sha256, pdf,
			accepted_warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, clientID, cs.Version, cs.Language, a.PrintedAt, a.SHA256,
			pdf, strings.Join(accepted, ",")); err != nil {
			return err
		}
		if err := s.handWithdrawalNotice(tx, contracts, a.ID, s.Today()); err != nil {
			return err
		}
		if keep != nil {
			if err := keep(pdf); err != nil {
				return err
			}
		}
		return s.audit(tx, "agreements", a.ID, data.ActionCreate, nil, a)
	})
	if err != nil {
		return data.Agreement{}, nil, internal(err)
	}
	return a, pdf, nil
}

// AgreementsOf lists a client's printed agreements, newest first.
func (s *Store) AgreementsOf(ctx context.Context, clientID int64) ([]data.Agreement, error) {
	var out []data.Agreement
	err := eachRow(ctx, s.read, `SELECT id, client_id, clause_version, language, printed_at, sha256, signed_on, accepted_warnings
		FROM agreements WHERE client_id = ? ORDER BY id DESC`, func(r rowsOf) error {
		var a data.Agreement
		var signed, accepted string
		err := r.Scan(&a.ID, &a.ClientID, &a.ClauseVersion, &a.Language, &a.PrintedAt, &a.SHA256, &signed, &accepted)
		a.SignedOn = mustDate(signed)
		if accepted != "" {
			a.AcceptedWarnings = strings.Split(accepted, ",")
		}
		out = append(out, a)
		return err
	}, clientID)
	return out, internal(err)
}

// AgreementPDF returns a printed agreement's file, exactly as first printed.
func (s *Store) AgreementPDF(ctx context.Context, id int64) ([]byte, error) {
	var pdf []byte
	err := s.read.QueryRowContext(ctx, `SELECT pdf FROM agreements WHERE id = ?`, id).Scan(&pdf)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.CodeNotFound, "agreement.not_found", map[string]any{"ID": id})
	}
	return pdf, internal(err)
}

// MarkSigned records the day an agreement came back signed.
func (s *Store) MarkSigned(ctx context.Context, id int64, on data.Date) error {
	if on.IsZero() || on.After(s.Today()) {
		return &data.Error{Code: data.CodeInvalid, Key: "agreement.invalid", Fields: []data.FieldError{{Field: "signed_on", Key: "agreement.signed_on.invalid"}}}
	}
	return internal(s.write(ctx, func(tx *dbx) error {
		res, err := tx.Exec(`UPDATE agreements SET signed_on = ? WHERE id = ?`, on.String(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.CodeNotFound, "agreement.not_found", map[string]any{"ID": id})
		}
		return s.audit(tx, "agreements", id, data.ActionUpdate, nil, map[string]any{"signed_on": on})
	}))
}
