package sqlstore

import (
	"context"
	"studiopartner/data"
	"testing"
	"time"
)

// BenchmarkSignIn reports how long one sign-in takes: the Argon2id check
// of the PIN and the write that resets the count of wrong PINs. Ten
// sign-ins are timed once, whatever -benchtime says.
func BenchmarkSignIn(b *testing.B) {
	s := newStore(b)
	ctx := context.Background()
	m, err := s.SaveStaff(ctx, data.Staff{Name: "Olga Brandt", Role: data.RoleOwner, Active: true, PIN: "4711"})
	if err != nil {
		b.Fatal(err)
	}
	const n = 10
	start := time.Now()
	for range n {
		if _, err := s.SignIn(ctx, m.ID, "4711"); err != nil {
			b.Fatal(err)
		}
	}
	each := time.Since(start) / n
	for b.Loop() {
	}
	b.ReportMetric(float64(each.Milliseconds()), "ms/sign-in")
}
