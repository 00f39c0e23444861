package data

import (
	"context"
	"database/sql"
	"errors"
)

const clientColumns = `id, name, contact_person, phone, email, address, birth_date, language, notes,
	status, decline_ground, decline_reason, coalesce(referred_by, 0), consent_data_on, consent_data_how,
	consent_media, consent_media_on, consent_media_how, erased_on, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanClient(r scanner) (Client, error) {
	var c Client
	var birth, dataOn, mediaOn, erased string
	err := r.Scan(&c.ID, &c.Name, &c.ContactPerson, &c.Phone, &c.Email, &c.Address, &birth, &c.Language,
		&c.Notes, &c.Status, &c.DeclineGround, &c.DeclineReason, &c.ReferredBy, &dataOn, &c.DataHow,
		&c.Media, &mediaOn, &c.MediaHow, &erased, &c.CreatedAt, &c.UpdatedAt)
	c.BirthDate, c.DataOn, c.MediaOn, c.ErasedOn = mustDate(birth), mustDate(dataOn), mustDate(mediaOn), mustDate(erased)
	return c, err
}

// sortName is the key clients are listed by: folded, so "Ölz" sorts with "Olz".
func sortName(name string) string { return fold(name) }

// CreateClient validates and stores a new client; it returns the client as stored.
func (s *Store) CreateClient(ctx context.Context, c Client) (Client, error) {
	c.Normalize()
	if err := c.Validate(s.Today()); err != nil {
		return Client{}, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := checkReferrer(tx, c.ReferredBy); err != nil {
			return err
		}
		add, done, err := s.clientInserter(tx)
		if err != nil {
			return err
		}
		defer done()
		return add(&c, stamp(s.now()))
	})
	if err != nil {
		return Client{}, internal(err)
	}
	return c, nil
}

const insertClientSQL = `INSERT INTO clients (name, sort_name, contact_person, phone, email, address, birth_date,
	language, notes, status, decline_ground, decline_reason, referred_by, consent_data_on, consent_data_how,
	consent_media, consent_media_on, consent_media_how, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// clientInserter prepares storing many clients in one transaction: add
// stores one (see insertClient), done releases the statements.
func (s *Store) clientInserter(tx *sql.Tx) (add func(c *Client, now string) error, done func(), err error) {
	ins, err := tx.Prepare(insertClientSQL)
	if err != nil {
		return nil, nil, err
	}
	ix, err := newIndexer(tx)
	if err != nil {
		ins.Close()
		return nil, nil, err
	}
	add = func(c *Client, now string) error { return s.insertClient(tx, ins, ix, c, now) }
	return add, func() { ix.close(); ins.Close() }, nil
}

// insertClient stores a validated client through the prepared insertClientSQL,
// with its search terms and audit row, and sets its ID and timestamps.
func (s *Store) insertClient(tx *sql.Tx, ins *sql.Stmt, ix *indexer, c *Client, now string) error {
	c.CreatedAt, c.UpdatedAt = now, now
	res, err := ins.Exec(c.Name, sortName(c.Name), c.ContactPerson, c.Phone, c.Email, c.Address, c.BirthDate.String(),
		c.Language, c.Notes, c.Status, c.DeclineGround, c.DeclineReason, nullID(c.ReferredBy), c.DataOn.String(),
		c.DataHow, c.Media, c.MediaOn.String(), c.MediaHow, now, now)
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := ix.index(c, true); err != nil {
		return err
	}
	return s.audit(tx, "clients", c.ID, ActionCreate, nil, *c)
}

// UpdateClient validates and stores changes to an existing client.
func (s *Store) UpdateClient(ctx context.Context, c Client) (Client, error) {
	c.Normalize()
	if err := c.Validate(s.Today()); err != nil {
		return Client{}, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := getClient(tx, c.ID)
		if err != nil {
			return err
		}
		if !before.ErasedOn.IsZero() {
			return Errorf(CodeConflict, "erase.already", map[string]any{"Date": before.ErasedOn})
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
		return s.audit(tx, "clients", c.ID, ActionUpdate, before, c)
	})
	if err != nil {
		return Client{}, internal(err)
	}
	return c, nil
}

func checkReferrer(tx *sql.Tx, id int64) error {
	if id == 0 {
		return nil
	}
	if _, err := getClient(tx, id); err != nil {
		return &Error{Code: CodeInvalid, Key: "client.invalid", Fields: []FieldError{{Field: "referred_by", Key: "client.referred_by.missing"}}}
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
	QueryRow(query string, args ...any) *sql.Row
}

func getClient(q querier, id int64) (Client, error) {
	c, err := scanClient(q.QueryRow(`SELECT `+clientColumns+` FROM clients WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, Errorf(CodeNotFound, "client.not_found", map[string]any{"ID": id})
	}
	return c, err
}

// Client returns one client.
func (s *Store) Client(ctx context.Context, id int64) (Client, error) {
	c, err := getClient(s.read, id)
	return c, internal(err)
}

// ListClients returns clients by name, a page at a time.
func (s *Store) ListClients(ctx context.Context, offset, limit int) ([]ClientRow, error) {
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

func collectClientRows(rows *sql.Rows) ([]ClientRow, error) {
	defer rows.Close()
	var out []ClientRow
	for rows.Next() {
		var r ClientRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Phone, &r.Email, &r.Status); err != nil {
			return nil, internal(err)
		}
		out = append(out, r)
	}
	return out, internal(rows.Err())
}

// Referrals returns the clients that the given client referred.
func (s *Store) Referrals(ctx context.Context, id int64) ([]ClientRow, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, phone, email, status FROM clients
		WHERE referred_by = ? ORDER BY sort_name`, id)
	if err != nil {
		return nil, internal(err)
	}
	return collectClientRows(rows)
}
