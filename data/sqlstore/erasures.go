package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"studiopartner/data"
	"studiopartner/data/disk"
)

// registerErasure adds a client to the register, rewriting it through the
// safe-write helper; the caller's transaction commits only if it worked.
func (s *Store) registerErasure(clientID int64, day string) error {
	if s.OnServer() {
		return nil // a server is not restored from our file copies: nothing to erase again
	}
	path := disk.ErasureRegister(s.path)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return &data.Error{Code: data.CodeInvalid, Key: "erase.register", Args: map[string]any{"Path": path}, Err: err}
	}
	sf, err := disk.CreateFile(path, disk.WriteOptions{Force: true}, disk.Guard{})
	if err != nil {
		return err
	}
	_, err = io.Copy(sf, bytes.NewReader(old))
	if err == nil {
		_, err = fmt.Fprintf(sf, "%d\t%s\n", clientID, day)
	}
	if err != nil {
		sf.Discard()
		return disk.FileFailed(path, err)
	}
	return sf.Publish()
}

// reapplyErasures erases again every registered client that the database
// still holds unerased (it was restored from an older backup), and
// compacts the file afterwards.
func (s *Store) reapplyErasures(ctx context.Context) error {
	list, err := disk.ReadErasures(s.path)
	if err != nil || len(list) == 0 {
		return err
	}
	var due []disk.Erasure
	for _, e := range list {
		var erased string
		err := s.read.QueryRowContext(ctx, `SELECT erased_on FROM clients WHERE id = ?`, e.Client).Scan(&erased)
		if err == nil && erased == "" {
			due = append(due, e)
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return internal(err)
		}
	}
	if len(due) == 0 {
		return nil
	}
	err = s.write(ctx, func(tx *dbx) error {
		for _, e := range due {
			if err := s.eraseRows(tx, e.Client, e.Day); err != nil {
				return err
			}
			if err := s.audit(tx, "clients", e.Client, data.ActionErase, nil, map[string]any{"erased_on": e.Day, "reapplied": true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return internal(err)
	}
	for _, e := range due {
		s.reapplied = append(s.reapplied, e.Client)
	}
	return s.compact(ctx)
}

// ReappliedErasures lists the clients whose erasure was applied again when
// the database was opened (after a restore of an older backup).
func (s *Store) ReappliedErasures() []int64 { return s.reapplied }
