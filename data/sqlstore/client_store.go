package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"studiopartner/data"
)

const clientColumns = `id, name, contact_person, phone, email, address, birth_date, language, notes,
	status, decline_ground, decline_reason, coalesce(referred_by, 0), consent_data_on, consent_data_how,
	consent_media, consent_media_on, consent_media_how, erased_on, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanClient(r scanner) (data.Client, error) {
	var c data.Client
	var birth, dataOn, mediaOn, erased string
	err := r.Scan(&c.ID, &c.Name, &c.ContactPerson, &c.Phone, &c.Email, &c.Address, &birth, &c.Language,
		&c.Notes, &c.Status, &c.DeclineGround, &c.DeclineReason, &c.ReferredBy, &dataOn, &c.DataHow,
		&c.Media, &mediaOn, &c.MediaHow, &erased, &c.CreatedAt, &c.UpdatedAt)
	c.BirthDate, c.DataOn, c.MediaOn, c.ErasedOn = mustDate(birth), mustDate(dataOn), mustDate(mediaOn), mustDate(erased)
	return c, err
}

// sortName is the key clients are listed by: the family name first (see
// FamilyName), then the whole name, folded so that "Ölz" sorts with "Olz".
func sortName(name string) string {
	return fold(data.FamilyName(name) + " " + strings.TrimSpace(name))
}

// resortClients recomputes every client's sort key; migration 12 runs it
// when clients came to be listed by family name.
func resortClients(tx *dbx) error {
	type row struct {
		id   int64
		name string
	}
	var rows []row
	if err := eachRow(inTx, tx, `SELECT id, name FROM clients`, func(r rowsOf) error {
		var x row
		err := r.Scan(&x.id, &x.name)
		rows = append(rows, x)
		return err
	}); err != nil {
		return err
	}
	up, err := tx.Prepare(`UPDATE clients SET sort_name = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer up.Close()
	for _, x := range rows {
		if _, err := up.Exec(sortName(x.name), x.id); err != nil {
			return err
		}
	}
	return nil
}

// CreateClient validates and stores a new client; it returns the client as stored.
func (s *Store) CreateClient(ctx context.Context, c data.Client) (data.Client, error) {
	c.Normalize()
	if err := c.Validate(s.Today()); err != nil {
		return data.Client{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		if err := checkReferrer(tx, c.ReferredBy); err != nil {
			return err
		}
		w, err := s.newClientWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		if err := w.add(&c, stamp(s.now())); err != nil {
			return err
		}
		return w.flush()
	})
	if err != nil {
		return data.Client{}, internal(err)
	}
	return c, nil
}

const insertClientSQL = `INSERT INTO clients (name, sort_name, contact_person, phone, email, address, birth_date,
	language, notes, status, decline_ground, decline_reason, referred_by, consent_data_on, consent_data_how,
	consent_media, consent_media_on, consent_media_how, created_at, updated_at, search_text)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

// clientWriter stores many new clients in one transaction: add stores
// one with its search terms and audit row; flush sends what is still
// queued and must run before the transaction commits; close releases the
// statements.
type clientWriter struct {
	s     *Store
	ins   *dbStmt
	ix    *indexer
	audit *rowBatch
}

func (s *Store) newClientWriter(tx *dbx) (*clientWriter, error) {
	ins, err := tx.Prepare(insertClientSQL)
	if err != nil {
		return nil, err
	}
	ix, err := newIndexer(tx)
	if err != nil {
		ins.Close()
		return nil, err
	}
	return &clientWriter{s: s, ins: ins, ix: ix, audit: newAuditBatch(tx)}, nil
}

// add stores a validated client and sets its ID and timestamps.
func (w *clientWriter) add(c *data.Client, now string) error {
	c.CreatedAt, c.UpdatedAt = now, now
	terms := clientTerms(c.Name, c.Email, c.Phone, c.ContactPerson)
	text := searchText(terms)
	err := w.ins.QueryRow(c.Name, sortName(c.Name), c.ContactPerson, c.Phone, c.Email, c.Address, c.BirthDate.String(),
		c.Language, c.Notes, c.Status, c.DeclineGround, c.DeclineReason, nullID(c.ReferredBy), c.DataOn.String(),
		c.DataHow, c.Media, c.MediaOn.String(), c.MediaHow, now, now, text).Scan(&c.ID)
	if err != nil {
		return err
	}
	if err := w.ix.queue(c.ID, terms, text); err != nil {
		return err
	}
	row, err := w.s.auditRow(nil, "clients", c.ID, data.ActionCreate, nil, *c)
	if err != nil {
		return err
	}
	return w.audit.add(row...)
}

func (w *clientWriter) flush() error {
	if err := w.ix.flush(); err != nil {
		return err
	}
	return w.audit.flush()
}

func (w *clientWriter) close() {
	w.ix.close()
	w.audit.close()
	w.ins.Close()
}

// UpdateClient validates and stores changes to an existing client.
func (s *Store) UpdateClient(ctx context.Context, c data.Client) (data.Client, error) {
	c.Normalize()
	if err := c.Validate(s.Today()); err != nil {
		return data.Client{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		before, err := lockedClient(tx, c.ID)
		if err != nil {
			return err
		}
		if err := s.unchangedSince(tx, "clients", c.ID, c.UpdatedAt, before.UpdatedAt); err != nil {
			return err
		}
		if !before.ErasedOn.IsZero() {
			return data.Errorf(data.CodeConflict, "erase.already", map[string]any{"Date": before.ErasedOn})
		}
		if err := checkReferrer(tx, c.ReferredBy); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = before.CreatedAt, stamp(s.now())
		_, err = tx.Exec(`UPDATE clients SET name = ?, sort_name = ?, contact_person = ?, phone = ?, email = ?,
			address = ?, birth_date = ?, language = ?, notes = ?, status = ?, decline_ground = ?, decline_reason = ?,
			referred_by = ?, consent_data_on = ?, consent_data_how = ?, consent_media = ?, consent_media_on = ?,
			consent_media_how = ?, updated_at = ? WHERE id = ?`,
			c.Name, sortName(c.Name), c.ContactPerson, c.Phone, c.Email, c.Address, c.BirthDate.String(), c.Language,
			c.Notes, c.Status, c.DeclineGround, c.DeclineReason, nullID(c.ReferredBy), c.DataOn.String(), c.DataHow,
			c.Media, c.MediaOn.String(), c.MediaHow, c.UpdatedAt, c.ID)
		if err != nil {
			return err
		}
		ix, err := newIndexer(tx)
		if err != nil {
			return err
		}
		defer ix.close()
		if err := ix.index(&c, false); err != nil {
			return err
		}
		if err := ix.flush(); err != nil {
			return err
		}
		return s.audit(tx, "clients", c.ID, data.ActionUpdate, before, c)
	})
	if err != nil {
		return data.Client{}, internal(err)
	}
	return c, nil
}

func checkReferrer(tx *dbx, id int64) error {
	if id == 0 {
		return nil
	}
	if _, err := getClient(tx, id); err != nil {
		return &data.Error{Code: data.CodeInvalid, Key: "client.invalid", Fields: []data.FieldError{{Field: "referred_by", Key: "client.referred_by.missing"}}}
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

type querier interface {
	QueryRow(query string, args ...any) oneRow
}

func getClient(q querier, id int64) (data.Client, error) {
	c, err := scanClient(q.QueryRow(`SELECT `+clientColumns+` FROM clients WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Client{}, data.Errorf(data.CodeNotFound, "client.not_found", map[string]any{"ID": id})
	}
	return c, err
}

// clientPart is getClient as a part of several reads, into c.
func clientPart(id int64, c *data.Client) readPart {
	return readPart{query: `SELECT ` + clientColumns + ` FROM clients WHERE id = ?`, args: []any{id},
		row: func(r scanner) (err error) {
			*c, err = scanClient(r)
			return err
		},
		none: func() error { return data.Errorf(data.CodeNotFound, "client.not_found", map[string]any{"ID": id}) }}
}

// Client returns one client.
func (s *Store) Client(ctx context.Context, id int64) (data.Client, error) {
	c, err := getClient(s.read, id)
	return c, internal(err)
}

// ListClients returns clients by name, a page at a time.
func (s *Store) ListClients(ctx context.Context, offset, limit int) ([]data.ClientRow, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, phone, email, status FROM clients
		ORDER BY sort_name, id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, internal(err)
	}
	return collectClientRows(rows)
}

// CountClients returns how many clients the studio has.
func (s *Store) CountClients(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM clients`).Scan(&n)
	return n, internal(err)
}

func collectClientRows(rows rowsOf) ([]data.ClientRow, error) {
	defer rows.Close()
	var out []data.ClientRow
	for rows.Next() {
		var r data.ClientRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Phone, &r.Email, &r.Status); err != nil {
			return nil, internal(err)
		}
		out = append(out, r)
	}
	return out, internal(rows.Err())
}

// Referrals returns the clients that the given client referred.
func (s *Store) Referrals(ctx context.Context, id int64) ([]data.ClientRow, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, phone, email, status FROM clients
		WHERE referred_by = ? ORDER BY sort_name`, id)
	if err != nil {
		return nil, internal(err)
	}
	return collectClientRows(rows)
}
