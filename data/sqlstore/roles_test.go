package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"studiopartner/data"
)

// asRole is the database's URL with another login.
func asRole(t *testing.T, raw, role string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	return u.String()
}

// server-setup gives the studio two roles: the counters' records visits and
// payments as the counter does, but cannot delete a payment, a charge, an
// issued document or the audit log, change the audit log or the tables —
// not even with SQL of its own; the owner's can. Passwords reach the
// server as SCRAM verifiers.
func TestServerRoles(t *testing.T) {
	bothEngines(t) // a server's roles: one server, in the SQLite pass
	ctx := context.Background()
	admin := pg.Need(t).Database(t)
	n := time.Now().UnixNano() % 1_000_000_000
	r := Roles{Owner: fmt.Sprintf("owner_%d", n), Counter: fmt.Sprintf("counter_%d", n), CounterPassword: "Tresen-2026"}
	if err := SetUpServer(ctx, admin, r); err != nil {
		t.Fatalf("setup: %v", err)
	}
	if err := SetUpServer(ctx, admin, r); err != nil { // again: it changes nothing
		t.Fatalf("setup again: %v", err)
	}
	raw, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var kept string
	if err := raw.QueryRow(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, r.Counter).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(kept, "SCRAM-SHA-256$4096:") || strings.Contains(kept, "Tresen") {
		t.Errorf("the server keeps the password as %q", kept)
	}
	counter, err := OpenServer(ctx, asRole(t, admin, r.Counter))
	if err != nil {
		t.Fatalf("the counters' login: %v", err)
	}
	defer counter.Close()
	c, err := counter.CreateClient(ctx, data.Client{Name: "Ida Roth"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := counter.RecordPayment(ctx, data.Payment{ClientID: c.ID, Amount: 2500, Method: data.MethodCash, ReceivedOn: counter.Today()}); err != nil {
		t.Fatalf("a payment at the counter: %v", err)
	}
	if _, err := counter.CheckIn(ctx, data.CheckIn{ClientID: c.ID, Beyond: data.BeyondGoodwill, Confirmed: true}); err != nil {
		t.Fatalf("a check-in at the counter: %v", err)
	}
	own, err := sql.Open("pgx", asRole(t, admin, r.Counter))
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	for _, q := range []string{`DELETE FROM payments`, `DELETE FROM charges`, `DELETE FROM audit_log`, `DELETE FROM documents`,
		`UPDATE audit_log SET action = 'none'`, `CREATE TABLE own (a int)`, `DROP TABLE visits`, `ALTER TABLE payments ADD COLUMN x int`,
		`TRUNCATE payments`} {
		_, err := own.Exec(q)
		if classify(err) != errDenied {
			t.Errorf("the counters' login ran %q: %v", q, err)
			continue
		}
		var e *data.Error
		if !errors.As(internal(err), &e) || e.Key != keyDenied {
			t.Errorf("%q: told %v", q, internal(err))
		}
	}
	if _, err := own.Exec(`DELETE FROM client_terms WHERE client_id = -1`); err != nil {
		t.Errorf("the counters' login may not keep the search terms: %v", err)
	}
	owner, err := sql.Open("pgx", asRole(t, admin, r.Owner))
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if _, err := owner.Exec(`DELETE FROM payments WHERE id = -1`); err != nil {
		t.Errorf("the owner's login may not delete payments: %v", err)
	}
	var x bool
	if err := owner.QueryRow(`SELECT has_table_privilege($1, 'payments', 'DELETE')`, r.Counter).Scan(&x); err != nil || x {
		t.Errorf("counter DELETE on payments: %v %v", x, err)
	}
	if _, err := SetupSQL("x", Roles{Owner: "Owner; DROP", Counter: "c"}); err == nil {
		t.Error("a role name with SQL in it was taken")
	}
	if _, err := SetupSQL("x", Roles{Owner: "same", Counter: "same"}); err == nil {
		t.Error("one role for both was taken")
	}
}

// A server that is not on this computer is reached only with TLS and its
// certificate checked, unless the studio allowed that server without; the
// refusal comes before any connection.
func TestServerElsewhereNeedsCheckedTLS(t *testing.T) {
	ctx := context.Background()
	key := func(raw string) string {
		t.Helper()
		_, err := OpenServer(ctx, raw)
		var e *data.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v", raw, err)
		}
		return e.Key
	}
	far := "postgres://studio@192.0.2.1:5432/studio?connect_timeout=1"
	start := time.Now()
	for _, mode := range []string{"", "&sslmode=disable", "&sslmode=require", "&sslmode=verify-ca"} {
		if k := key(far + mode); k != keyServerInsecure {
			t.Errorf("sslmode %q: %s", mode, k)
		}
	}
	if time.Since(start) > 500*time.Millisecond {
		t.Error("the refusal waited for the network")
	}
	if k := key(far + "&sslmode=verify-full"); k != keyServerUnreachable {
		t.Errorf("verify-full: %s, want the server tried", k)
	}
	t.Setenv(EnvAllowInsecure, "other.example, 192.0.2.1")
	if k := key(far + "&sslmode=disable"); k != keyServerUnreachable {
		t.Errorf("allowed: %s, want the server tried", k)
	}
}
