package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// fixedNow is the clock every store test runs at.
var fixedNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

// newStore opens a fresh database in a temp folder with a fixed clock.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "studio.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { s.Close() })
	return s
}

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(s)
	}
	return d
}

// wantField fails unless err is an invalid-input error naming field with key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *data.Error", err)
	}
	f := e.Field(field)
	if f == nil {
		t.Fatalf("err = %v, want a problem with field %q", err, field)
	}
	if f.Key != key {
		t.Fatalf("field %q key = %q, want %q", field, f.Key, key)
	}
}

func mustClient(t testing.TB, s *Store, name string) Client {
	t.Helper()
	c, err := s.CreateClient(context.Background(), Client{Name: name})
	if err != nil {
		t.Fatalf("CreateClient(%q): %v", name, err)
	}
	return c
}

func mustService(t testing.TB, s *Store, name string, price Money) Service {
	t.Helper()
	sv, err := s.SaveService(context.Background(), Service{Name: name, Kind: KindCourse, Price: price, Active: true,
		Terms: Terms{Billing: BillingMonthly, MinTermMonths: 6, Notice: Notice{1, NoticeMonths}, Renewal: RenewMonthly}})
	if err != nil {
		t.Fatalf("SaveService: %v", err)
	}
	return sv
}
