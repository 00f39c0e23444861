package data

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// The erasure register is a small file beside the database that lists
// every client erased (DSGVO Art. 17), one "id<TAB>day" a line. A restore
// swaps the database but not the register, so an erasure made after the
// restored backup was taken is applied again before the database is used.

// erasureRegister is the register's path for the database at dbPath.
func erasureRegister(dbPath string) string { return dbPath + ".erasures" }

// erasure is one line of the register.
type erasure struct {
	client int64
	day    string
}

// readErasures reads the register; a missing one lists nothing.
func readErasures(dbPath string) ([]erasure, error) {
	b, err := os.ReadFile(erasureRegister(dbPath))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{Code: CodeInvalid, Key: "erase.register", Args: map[string]any{"Path": erasureRegister(dbPath)}, Err: err}
	}
	var out []erasure
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		id, day, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil || n <= 0 {
			continue // a damaged line names nobody
		}
		out = append(out, erasure{client: n, day: day})
	}
	return out, nil
}

// registerErasure adds a client to the register, rewriting it through the
// safe-write helper; the caller's transaction commits only if it worked.
func (s *Store) registerErasure(clientID int64, day string) error {
	if s.OnServer() {
		return nil // a server is not restored from our file copies: nothing to erase again
	}
	path := erasureRegister(s.path)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return &Error{Code: CodeInvalid, Key: "erase.register", Args: map[string]any{"Path": path}, Err: err}
	}
	sf, err := createFile(path, WriteOptions{Force: true}, guard{})
	if err != nil {
		return err
	}
	_, err = io.Copy(sf, bytes.NewReader(old))
	if err == nil {
		_, err = fmt.Fprintf(sf, "%d\t%s\n", clientID, day)
	}
	if err != nil {
		sf.Discard()
		return fileFailed(path, err)
	}
	return sf.Publish()
}

// reapplyErasures erases again every registered client that the database
// still holds unerased (it was restored from an older backup), and
// compacts the file afterwards.
func (s *Store) reapplyErasures(ctx context.Context) error {
	list, err := readErasures(s.path)
	if err != nil || len(list) == 0 {
		return err
	}
	var due []erasure
	for _, e := range list {
		var erased string
		err := s.read.QueryRowContext(ctx, `SELECT erased_on FROM clients WHERE id = ?`, e.client).Scan(&erased)
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
			if err := s.eraseRows(tx, e.client, e.day); err != nil {
				return err
			}
			if err := s.audit(tx, "clients", e.client, ActionErase, nil, map[string]any{"erased_on": e.day, "reapplied": true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return internal(err)
	}
	for _, e := range due {
		s.reapplied = append(s.reapplied, e.client)
	}
	return s.compact(ctx)
}

// ReappliedErasures lists the clients whose erasure was applied again when
// the database was opened (after a restore of an older backup).
func (s *Store) ReappliedErasures() []int64 { return s.reapplied }
