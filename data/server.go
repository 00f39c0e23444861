package data

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// ServerAddress is where a counter finds the studio's server: what
// Settings › Database asks for. The password is never part of it; it is
// kept in the computer's credential store.
type ServerAddress struct {
	Host     string
	Port     int
	Database string
	User     string
	// CAFile is the studio's certificate authority: the server's
	// certificate must be signed by it and made out for Host.
	CAFile string
	// Insecure allows a server not on this computer without a checked
	// certificate, on a network the studio trusts.
	Insecure bool
}

// DefaultServerPort is PostgreSQL's port.
const DefaultServerPort = 5432

// LocalHost reports whether host is this computer (no certificate needed).
func LocalHost(host string) bool {
	return host == "" || strings.HasPrefix(host, "/") || host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

// Validate tidies the address and checks it field by field.
func (a *ServerAddress) Validate() error {
	a.Host = strings.TrimSpace(a.Host)
	a.Database = strings.TrimSpace(a.Database)
	a.User = strings.TrimSpace(a.User)
	a.CAFile = strings.TrimSpace(a.CAFile)
	v := FieldErrors{Key: "server.address.invalid"}
	switch {
	case a.Host == "":
		v.Add("host", "server.host.required", nil)
	case strings.ContainsAny(a.Host, " /?#@") && !strings.HasPrefix(a.Host, "/"):
		v.Add("host", "server.host.invalid", nil)
	}
	if a.Port < 1 || a.Port > 65535 {
		v.Add("port", "server.port.invalid", nil)
	}
	if a.Database == "" {
		v.Add("database", "server.database.required", nil)
	} else if strings.ContainsAny(a.Database, "/?#") {
		v.Add("database", "server.database.invalid", nil)
	}
	if a.User == "" {
		v.Add("user", "server.user.required", nil)
	}
	if a.CAFile == "" && !a.Insecure && !LocalHost(a.Host) {
		v.Add("ca", "server.ca.required", nil)
	}
	return v.Err()
}

// URL is the address as the command line's --db takes it: with a checked
// certificate when a certificate authority is named, TLS where the server
// offers it otherwise.
func (a ServerAddress) URL() string {
	u := url.URL{Scheme: "postgres", User: url.User(a.User), Path: "/" + a.Database}
	port := a.Port
	if port == 0 {
		port = DefaultServerPort
	}
	u.Host = net.JoinHostPort(a.Host, strconv.Itoa(port))
	q := url.Values{}
	switch {
	case a.CAFile != "":
		q.Set("sslmode", "verify-full")
		q.Set("sslrootcert", a.CAFile)
	case a.Insecure || LocalHost(a.Host):
		q.Set("sslmode", "prefer")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Key names the address in the credential store: user@host:port/database.
func (a ServerAddress) Key() string {
	port := a.Port
	if port == 0 {
		port = DefaultServerPort
	}
	return fmt.Sprintf("%s@%s/%s", a.User, net.JoinHostPort(a.Host, strconv.Itoa(port)), a.Database)
}

// Shown is the address as the window names it: database on host.
func (a ServerAddress) Shown() string {
	if a.Port != 0 && a.Port != DefaultServerPort {
		return fmt.Sprintf("%s @ %s:%d", a.Database, a.Host, a.Port)
	}
	return a.Database + " @ " + a.Host
}

// ParseServerAddress reads a postgres://… address back into its parts (a
// password in it is left out).
func ParseServerAddress(raw string) (ServerAddress, error) {
	var a ServerAddress
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return a, Errorf(CodeInvalid, "db.server.malformed", map[string]any{"URL": withoutLogin(raw)})
	}
	a.Host, a.Port = u.Hostname(), DefaultServerPort
	if p := u.Port(); p != "" {
		if a.Port, err = strconv.Atoi(p); err != nil {
			return a, Errorf(CodeInvalid, "db.server.malformed", map[string]any{"URL": u.Redacted()})
		}
	}
	a.Database = strings.TrimPrefix(u.Path, "/")
	if u.User != nil {
		a.User = u.User.Username()
	}
	q := u.Query()
	if q.Get("sslmode") == "verify-full" {
		a.CAFile = q.Get("sslrootcert")
	}
	a.Insecure = !LocalHost(a.Host) && a.CAFile == "" && q.Get("sslmode") != ""
	return a, nil
}

// withoutLogin leaves out what stands before an @ (a user and password)
// of an address that could not be read.
func withoutLogin(raw string) string {
	raw = strings.TrimSpace(raw)
	if at := strings.LastIndex(raw, "@"); at >= 0 {
		scheme := ""
		if i := strings.Index(raw, "://"); i >= 0 && i < at {
			scheme = raw[:i+3]
		}
		return scheme + "…" + raw[at:]
	}
	return raw
}
