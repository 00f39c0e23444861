package sqlstore

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"studiopartner/data"
)

// A studio server keeps the studio under two roles. The owner's role owns
// the schema: it migrates it and may do everything the program does. The
// counters' role records and changes what the front desk may, and no more:
// it may not delete a charge, a payment, an issued agreement or letter,
// may not change or delete the audit log, and may not create, change or
// drop a table — not even with SQL of its own. What it may do the program
// asks of it at the counter; the owner's work on the records (the yearly
// clean-up, an erasure) needs the owner's role.

// Roles names the two roles of a studio server and their passwords ("":
// none is set; the server's administrator sets it).
type Roles struct {
	Owner, Counter                 string
	OwnerPassword, CounterPassword string
}

// keptTables are the tables whose rows the counters' role may not delete:
// money, issued documents and the audit log.
var keptTables = []string{"charges", "payments", "mandates", "debit_runs", "debits", "agreements", "documents", "prenotices", "audit_log"}

// Message keys of setting up a server.
const (
	keyRoleName = "server.role.name"
	keyDenied   = "db.server.denied"
)

var roleName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// SetupSQL is what sets up the studio's roles on a server's database: the
// statements server-setup runs, or prints for the administrator to run.
// The studio's tables must be there (SetUpServer opens the database
// first); a demo or a move into the database later puts new tables in
// place, so the setup is run again after one. A password is given to the
// server as a SCRAM-SHA-256 verifier, never as itself.
func SetupSQL(database string, r Roles) ([]string, error) {
	for _, name := range []string{r.Owner, r.Counter} {
		if !roleName.MatchString(name) {
			return nil, data.Errorf(data.CodeInvalid, keyRoleName, map[string]any{"Name": name})
		}
	}
	if r.Owner == r.Counter {
		return nil, data.Errorf(data.CodeInvalid, keyRoleName, map[string]any{"Name": r.Counter})
	}
	owner, counter := pgx.Identifier{r.Owner}.Sanitize(), pgx.Identifier{r.Counter}.Sanitize()
	db := pgx.Identifier{database}.Sanitize()
	var out []string
	for _, role := range []struct{ name, quoted, password string }{{r.Owner, owner, r.OwnerPassword}, {r.Counter, counter, r.CounterPassword}} {
		out = append(out, fmt.Sprintf(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s LOGIN; END IF; END $$`,
			role.name, role.quoted))
		if role.password != "" {
			verifier, err := scramVerifier(role.password)
			if err != nil {
				return nil, err
			}
			out = append(out, fmt.Sprintf(`ALTER ROLE %s PASSWORD '%s'`, role.quoted, verifier))
		}
	}
	out = append(out,
		`REVOKE ALL ON DATABASE `+db+` FROM PUBLIC`,
		`GRANT CONNECT, TEMPORARY ON DATABASE `+db+` TO `+owner+`, `+counter,
		`GRANT CREATE ON DATABASE `+db+` TO `+owner, // a demo or a move builds in a schema of its own
		// the owner's backups are checked in a scratch database of their
		// own, and a restore names the counters still connected
		`ALTER ROLE `+owner+` CREATEDB`,
		`GRANT pg_read_all_stats TO `+owner,
		`REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
		`ALTER SCHEMA public OWNER TO `+owner,
		`GRANT USAGE ON SCHEMA public TO `+counter,
		// the tables there are handed to the owner's role, sequences too
		`DO $$ DECLARE t record; BEGIN
			FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
				EXECUTE format('ALTER TABLE public.%I OWNER TO `+owner+`', t.tablename);
			END LOOP;
			FOR t IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
				EXECUTE format('ALTER SEQUENCE public.%I OWNER TO `+owner+`', t.sequencename);
			END LOOP;
		END $$`,
	)
	out = append(out, counterGrants(owner, counter)...)
	return out, nil
}

// counterGrants are the counters' rights on the tables there are and on
// those the owner's role makes later.
func counterGrants(owner, counter string) []string {
	kept := strings.Join(keptTables, ", ")
	out := []string{
		`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ` + counter,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ` + counter,
		`REVOKE DELETE ON ` + kept + ` FROM ` + counter,
		`REVOKE UPDATE ON audit_log FROM ` + counter,
		`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ` + counter,
		`ALTER DEFAULT PRIVILEGES FOR ROLE ` + owner + ` IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ` + counter,
		`ALTER DEFAULT PRIVILEGES FOR ROLE ` + owner + ` IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ` + counter,
	}
	return out
}

// SetupSQLFor is SetupSQL for the database a server URL names.
func SetupSQLFor(raw string, r Roles) ([]string, error) {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(raw))
	if err != nil {
		return nil, &data.Error{Code: data.CodeInvalid, Key: keyServerMalformed, Args: map[string]any{"URL": ShownURL(raw)}, Err: err}
	}
	return SetupSQL(cfg.Database, r)
}

// SetUpServer runs SetupSQL on the server as its administrator (raw names
// an administrator's login), in one transaction.
func SetUpServer(ctx context.Context, raw string, r Roles) error {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(raw))
	args := map[string]any{"URL": ShownURL(raw)}
	if err != nil {
		return &data.Error{Code: data.CodeInvalid, Key: keyServerMalformed, Args: args, Err: err}
	}
	args["Database"], args["User"], args["Host"] = cfg.Database, cfg.User, cfg.Host
	stmts, err := SetupSQL(cfg.Database, r)
	if err != nil {
		return err
	}
	studio, err := OpenServer(ctx, raw) // the tables, made or brought up to date
	if err != nil {
		return err
	}
	studio.Close()
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return serverProblem(args, err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return serverProblem(args, err)
	}
	defer tx.Rollback()
	if err := execAll(ctx, tx, stmts); err != nil {
		return serverProblem(args, err)
	}
	if err := tx.Commit(); err != nil {
		return serverProblem(args, err)
	}
	return nil
}

func execAll(ctx context.Context, tx *sql.Tx, stmts []string) error {
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", strings.Fields(q)[0], err)
		}
	}
	return nil
}

// scramVerifier is what PostgreSQL keeps of a password for SCRAM-SHA-256
// logins (RFC 5802, 7677): the password itself never reaches the server.
func scramVerifier(password string) (string, error) {
	const iterations = 4096
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, sha256.Size)
	if err != nil {
		return "", err
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	stored := sha256.Sum256(mac(salted, "Client Key"))
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, b64(salt), b64(stored[:]), b64(mac(salted, "Server Key"))), nil
}
