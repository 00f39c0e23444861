// Package vault keeps the studio server's password in the computer's
// credential store: Windows Credential Manager, the Secret Service on
// Linux, the macOS Keychain. Never in a file or the preferences.
package vault

import (
	"errors"

	"github.com/zalando/go-keyring"

	"studiopartner/data"
)

// service names the program's entries in the credential store.
const service = "Studio Partner"

// Password returns the password kept for a server address (its
// data.ServerAddress Key), or "" when none is kept.
func Password(key string) (string, error) {
	pw, err := keyring.Get(service, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", unavailable(err)
	}
	return pw, nil
}

// Keep stores the password for a server address, replacing one kept.
func Keep(key, password string) error {
	if err := keyring.Set(service, key, password); err != nil {
		return unavailable(err)
	}
	return nil
}

// Forget removes the password kept for a server address; none kept is
// not an error.
func Forget(key string) error {
	if err := keyring.Delete(service, key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return unavailable(err)
	}
	return nil
}

// unavailable says that the credential store could not be used.
func unavailable(err error) error {
	return &data.Error{Code: data.CodeInvalid, Key: "vault.unavailable", Args: map[string]any{"Detail": err.Error()}, Err: err}
}

// UseMemory makes the credential store one in this program's memory, for
// tests on machines without one.
func UseMemory() { keyring.MockInit() }

// Lookup gives, when asked, the password kept for the server at a
// postgres://… address, or "" (none kept, or no credential store here).
func Lookup(raw string) func() string {
	return func() string {
		a, err := data.ParseServerAddress(raw)
		if err != nil {
			return ""
		}
		pw, _ := Password(a.Key())
		return pw
	}
}
