package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"studiopartner/data"
	"time"

	"golang.org/x/crypto/argon2"
)

// Role returns the role the store acts with: the owner's unless someone
// signed in with another (the command line and a studio without sign-in
// act as the owner); "" after signing out.
func (s *Store) Role() data.Role {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.role
}

// Allow returns a forbidden error unless the current role may carry out op.
func (s *Store) Allow(op data.Op) error {
	if s.Role() == data.RoleOwner {
		return nil
	}
	return data.Errorf(data.CodeForbidden, "forbidden", map[string]any{"Op": string(op)})
}

// SignOut leaves the store with nobody signed in: no owner operations and
// no name in the audit log until the next SignIn.
func (s *Store) SignOut() {
	s.mu.Lock()
	s.actor, s.role = 0, ""
	s.mu.Unlock()
}

// Argon2id parameters: 64 MiB and three passes on two lanes, which takes
// about a quarter of a second on two cores. A hash made with weaker ones is
// made again at the next sign-in.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

// hashPIN returns the Argon2id hash of a PIN with a fresh salt, in the
// usual "$argon2id$v=19$m=…,t=…,p=…$salt$key" form.
func hashPIN(pin string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pin), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// pinMatches checks a PIN against a stored hash, in constant time; weak
// reports whether the hash was made with weaker parameters than today's.
func pinMatches(hash, pin string) (ok, weak bool) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false, false
	}
	got := argon2.IDKey([]byte(pin), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, m < argonMemory || t < argonTime
}

// SetPIN gives a staff member a new PIN. The owner sets anyone's; others
// only their own.
func (s *Store) SetPIN(ctx context.Context, staffID int64, pin string) error {
	if staffID != s.Actor() {
		if err := s.Allow(data.OpStaff); err != nil {
			return err
		}
	}
	if err := data.CheckPINFormat(pin); err != nil {
		return err
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return internal(err)
	}
	return s.write(ctx, func(tx *dbx) error {
		res, err := tx.Exec(`UPDATE staff SET pin_hash = ?, pin_failures = 0, locked_until = '' WHERE id = ?`, hash, staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.CodeNotFound, "staff.not_found", nil)
		}
		return s.audit(tx, "staff", staffID, data.ActionUpdate, nil, map[string]any{"pin": "changed"})
	})
}

// HasPIN reports whether a staff member has a PIN.
func (s *Store) HasPIN(ctx context.Context, staffID int64) (bool, error) {
	var hash string
	err := s.read.QueryRowContext(ctx, `SELECT pin_hash FROM staff WHERE id = ?`, staffID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, data.Errorf(data.CodeNotFound, "staff.not_found", nil)
	}
	return hash != "", internal(err)
}

// SignIn checks a staff member's PIN and, if it is right, acts as them
// from now on. Five wrong PINs in a row lock that person out for five
// minutes; the lockout survives a restart. The PIN is checked outside any
// write (Argon2 takes a while; other writers must not wait for it); a
// wrong one is counted by one atomic update, so PINs tried at once, also
// at two counters, are all counted. A hash made with weaker parameters is
// made again with today's.
func (s *Store) SignIn(ctx context.Context, staffID int64, pin string) (data.Staff, error) {
	for range 3 {
		m, hash, clean, refused, err := s.signInState(ctx, staffID)
		if err != nil || refused != nil {
			return data.Staff{}, firstErr(refused, err)
		}
		ok, weak := pinMatches(hash, pin)
		if !ok {
			return data.Staff{}, s.countWrongPIN(ctx, staffID)
		}
		newHash := hash
		if weak {
			if newHash, err = hashPIN(pin); err != nil {
				return data.Staff{}, internal(err)
			}
		}
		kept := clean && !weak // nothing to write: no failures to forget, no hash to renew
		if !kept {
			err = s.write(ctx, func(tx *dbx) error {
				// only if the PIN checked is still the one stored
				res, err := tx.Exec(`UPDATE staff SET pin_hash = ?, pin_failures = 0, locked_until = '' WHERE id = ? AND pin_hash = ?`,
					newHash, staffID, hash)
				if err != nil {
					return err
				}
				n, err := res.RowsAffected()
				kept = n == 1
				return err
			})
		}
		if err != nil {
			return data.Staff{}, internal(err)
		}
		if !kept {
			continue // the PIN changed meanwhile: check against the new one
		}
		s.mu.Lock()
		s.actor, s.role = m.ID, m.Role
		s.mu.Unlock()
		return m, nil
	}
	return data.Staff{}, data.Errorf(data.CodeConflict, "signin.busy", nil)
}

// signInState reads who signs in and their PIN's hash; clean says no
// wrong PIN is counted; refused says why they cannot sign in now (locked
// out, no PIN).
func (s *Store) signInState(ctx context.Context, staffID int64) (m data.Staff, hash string, clean bool, refused, err error) {
	var lockedUntil string
	var failures int
	err = s.read.QueryRowContext(ctx, `SELECT id, name, role, active, created_at, pin_hash, pin_failures, locked_until
		FROM staff WHERE id = ?`, staffID).Scan(&m.ID, &m.Name, &m.Role, &m.Active, &m.CreatedAt, &hash, &failures, &lockedUntil)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && !m.Active):
		return m, "", false, nil, data.Errorf(data.CodeNotFound, "staff.not_found", nil)
	case err != nil:
		return m, "", false, nil, internal(err)
	}
	now := s.now()
	if until, err := time.Parse(time.RFC3339, lockedUntil); err == nil && now.Before(until) {
		return m, "", false, lockedError(until.Sub(now)), nil
	}
	if hash == "" {
		return m, "", false, data.Errorf(data.CodeInvalid, "signin.no_pin", map[string]any{"Name": m.Name}), nil
	}
	return m, hash, failures == 0 && lockedUntil == "", nil, nil
}

// countWrongPIN counts a wrong PIN in one atomic update: the fifth in a
// row locks the person out and starts the count again. It returns the
// refusal to show.
func (s *Store) countWrongPIN(ctx context.Context, staffID int64) error {
	until := s.now().Add(data.PINLockout)
	var failures int
	var locked string
	err := s.write(ctx, func(tx *dbx) error {
		return tx.QueryRow(`UPDATE staff SET
			locked_until = CASE WHEN pin_failures + 1 >= ? THEN ? ELSE locked_until END,
			pin_failures = CASE WHEN pin_failures + 1 >= ? THEN 0 ELSE pin_failures + 1 END
			WHERE id = ? RETURNING pin_failures, locked_until`, data.MaxPINFailures, stamp(until), data.MaxPINFailures, staffID).
			Scan(&failures, &locked)
	})
	if err != nil {
		return internal(err)
	}
	if locked == stamp(until) {
		return lockedError(data.PINLockout)
	}
	return &data.Error{Code: data.CodeForbidden, Key: "signin.wrong", Fields: []data.FieldError{{Field: "pin", Key: "signin.wrong",
		Args: map[string]any{"Count": data.MaxPINFailures - failures}}}}
}

// firstErr is the first of errs that is not nil.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func lockedError(left time.Duration) error {
	minutes := int((left + time.Minute - 1) / time.Minute)
	return &data.Error{Code: data.CodeForbidden, Key: "signin.locked", Fields: []data.FieldError{{Field: "pin", Key: "signin.locked",
		Args: map[string]any{"Count": minutes}}}}
}

// Sign-in settings.
const (
	settingSignIn     = "signin:enabled"
	settingIdle       = "signin:idle_minutes"
	DefaultIdleMinute = 10
)

// SignInRules returns the sign-in settings.
func (s *Store) SignInRules(ctx context.Context) (data.SignInRules, error) {
	r := data.SignInRules{IdleMinutes: DefaultIdleMinute}
	on, err := s.Setting(ctx, settingSignIn)
	if err != nil {
		return r, err
	}
	r.Enabled = on == "1"
	if v, _ := s.Setting(ctx, settingIdle); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			r.IdleMinutes = n
		}
	}
	return r, nil
}

// SaveSignInRules switches sign-in on or off and sets the idle time (1 to
// 240 minutes). Sign-in can only be switched on once an active owner has a
// PIN, so nobody is locked out of the owner's screens.
func (s *Store) SaveSignInRules(ctx context.Context, r data.SignInRules) error {
	if err := s.Allow(data.OpSettings); err != nil {
		return err
	}
	if r.IdleMinutes < 1 || r.IdleMinutes > 240 {
		return &data.Error{Code: data.CodeInvalid, Key: "settings.invalid", Fields: []data.FieldError{{Field: "idle_minutes",
			Key: "signin.idle.range", Args: map[string]any{"Min": 1, "Max": 240}}}}
	}
	return s.write(ctx, func(tx *dbx) error {
		if r.Enabled {
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM staff WHERE role = 'owner' AND active = 1 AND pin_hash <> ''`).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return data.Errorf(data.CodeInvalid, "signin.owner_pin", nil)
			}
		}
		on := "0"
		if r.Enabled {
			on = "1"
		}
		if err := setSetting(tx, settingSignIn, on); err != nil {
			return err
		}
		if err := setSetting(tx, settingIdle, strconv.Itoa(r.IdleMinutes)); err != nil {
			return err
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, r)
	})
}
