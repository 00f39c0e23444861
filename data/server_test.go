package data

import (
	"strings"
	"testing"
)

// A server's address: checked field by field, written as the URL the
// store opens (a checked certificate wherever one is named, TLS offered
// otherwise) and read back the same.
func TestServerAddress(t *testing.T) {
	bad := []struct {
		addr  ServerAddress
		field string
	}{
		{ServerAddress{Port: 5432, Database: "s", User: "u"}, "host"},
		{ServerAddress{Host: "a b", Port: 5432, Database: "s", User: "u", CAFile: "ca"}, "host"},
		{ServerAddress{Host: "srv", Port: 70000, Database: "s", User: "u", CAFile: "ca"}, "port"},
		{ServerAddress{Host: "srv", Port: 0, Database: "s", User: "u", CAFile: "ca"}, "port"},
		{ServerAddress{Host: "srv", Port: 5432, User: "u", CAFile: "ca"}, "database"},
		{ServerAddress{Host: "srv", Port: 5432, Database: "a/b", User: "u", CAFile: "ca"}, "database"},
		{ServerAddress{Host: "srv", Port: 5432, Database: "s", CAFile: "ca"}, "user"},
		{ServerAddress{Host: "srv", Port: 5432, Database: "s", User: "u"}, "ca"},
	}
	for _, c := range bad {
		err := c.addr.Validate()
		if e := AsError(err); e == nil || e.Field(c.field) == nil {
			t.Errorf("%+v: %v, want an error on %s", c.addr, err, c.field)
		}
	}
	good := []struct {
		addr ServerAddress
		url  string
	}{
		{ServerAddress{Host: " srv.local ", Port: 5432, Database: "studio", User: "counter", CAFile: "/etc/root.crt"},
			"postgres://counter@srv.local:5432/studio?sslmode=verify-full&sslrootcert=%2Fetc%2Froot.crt"},
		{ServerAddress{Host: "10.0.0.5", Port: 5433, Database: "studio", User: "counter", Insecure: true},
			"postgres://counter@10.0.0.5:5433/studio?sslmode=prefer"},
		{ServerAddress{Host: "localhost", Port: 5432, Database: "studio", User: "owner"},
			"postgres://owner@localhost:5432/studio?sslmode=prefer"},
	}
	for _, c := range good {
		if err := c.addr.Validate(); err != nil {
			t.Errorf("%+v: %v", c.addr, err)
			continue
		}
		if got := c.addr.URL(); got != c.url {
			t.Errorf("URL %q, want %q", got, c.url)
		}
		back, err := ParseServerAddress(c.url)
		if err != nil || back != c.addr {
			t.Errorf("read back %+v (%v), want %+v", back, err, c.addr)
		}
	}
	if k := (ServerAddress{Host: "srv.local", Database: "studio", User: "counter"}).Key(); k != "counter@srv.local:5432/studio" {
		t.Errorf("key %q", k)
	}
	if _, err := ParseServerAddress("postgres://owner:geheim@[::1/x"); err == nil || strings.Contains(err.(*Error).Args["URL"].(string), "geheim") {
		t.Errorf("a malformed address: %v", err)
	}
}
