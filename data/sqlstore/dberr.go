package sqlstore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
)

// dbErrKind is what a database error means for the program, read from the
// engine's own codes (SQLite's extended result codes, PostgreSQL's
// SQLSTATE), never from the message text, which changes with the version
// and the language of the server.
type dbErrKind int

const (
	errOther       dbErrKind = iota
	errUnique                // a value that must be unique is taken
	errForeignKey            // a reference to a row that does not exist, or a row still referred to
	errCheck                 // a CHECK rule of the schema
	errNotNull               // a required value is missing
	errRetryable             // busy, locked, a serialisation failure or a deadlock: try again
	errCorrupt               // the database file is damaged or not a database
	errReadOnly              // the file or folder cannot be written
	errUnreachable           // the server cannot be reached or the connection broke
	errCanceled              // the caller's context ended
	errAuth                  // the server refused the user or the password
	errNoDatabase            // the server has no database of that name
	errDenied                // the server's role may not do this
	errCertificate           // the server's TLS certificate was not the one the studio trusts
)

// SQLite's result codes; the extended ones carry the primary code in their
// low byte.
const (
	sqliteBusy       = 5
	sqliteLocked     = 6
	sqliteReadOnly   = 8
	sqliteCorrupt    = 11
	sqliteCantOpen   = 14
	sqliteConstraint = 19
	sqliteNotADB     = 26

	sqliteConstraintCheck      = 275
	sqliteConstraintForeignKey = 787
	sqliteConstraintNotNull    = 1299
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
)

// classify names the kind of a database error; nil and errors that are
// not the database's are errOther.
func classify(err error) dbErrKind {
	if err == nil {
		return errOther
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return errCanceled
	}
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		return pgKind(pg.SQLState())
	}
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	if errors.As(err, &unknown) || errors.As(err, &host) || errors.As(err, &invalid) || errors.As(err, &verify) {
		return errCertificate
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return errUnreachable // no answer from the server's address
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, driver.ErrBadConn) {
		return errUnreachable // the server closed the connection: it went away
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		return sqliteKind(lite.Code())
	}
	return errOther
}

func sqliteKind(code int) dbErrKind {
	switch code {
	case sqliteConstraintUnique, sqliteConstraintPrimaryKey:
		return errUnique
	case sqliteConstraintForeignKey:
		return errForeignKey
	case sqliteConstraintCheck:
		return errCheck
	case sqliteConstraintNotNull:
		return errNotNull
	}
	switch code & 0xff {
	case sqliteBusy, sqliteLocked:
		return errRetryable
	case sqliteCorrupt, sqliteNotADB:
		return errCorrupt
	case sqliteReadOnly, sqliteCantOpen:
		return errReadOnly
	}
	return errOther
}

// pgKind reads PostgreSQL's SQLSTATE: class 23 is an integrity rule, 40
// a transaction rolled back to be tried again, 08 the connection, 57P0x
// a server shutting down.
func pgKind(state string) dbErrKind {
	switch state {
	case "23505":
		return errUnique
	case "23503":
		return errForeignKey
	case "23514":
		return errCheck
	case "23502":
		return errNotNull
	case "40001", "40P01", "55P03": // serialisation failure, deadlock, lock not available
		return errRetryable
	case "25006": // read-only transaction
		return errReadOnly
	case "57P01", "57P02", "57P03":
		return errUnreachable
	case "28P01", "28000": // wrong password, no such user or not allowed from here
		return errAuth
	case "3D000":
		return errNoDatabase
	case "42501": // insufficient privilege
		return errDenied
	}
	if strings.HasPrefix(state, "08") {
		return errUnreachable
	}
	return errOther
}
