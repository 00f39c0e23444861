package sqlstore

import (
	"context"
	"os"
	"path/filepath"
	"studiopartner/data"
	"testing"

	"studiopartner/assets"
)

func TestContracts(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	cl := mustClient(t, s, "Mia Fischer")
	sv := mustService(t, s, "Ballett Kinder", data.Euros(49))
	valid := func() data.Contract {
		return data.Contract{ClientID: cl.ID, ServiceID: sv.ID, Price: sv.Price, Terms: sv.Terms, Start: day("2026-01-31")}
	}
	t.Run("OK", func(t *testing.T) {
		c, err := s.CreateContract(ctx, valid())
		if err != nil {
			t.Fatal(err)
		}
		if got := c.MinTermEnd().String(); got != "2026-07-30" {
			t.Fatalf("min term end = %s", got)
		}
		if got := c.EarliestEnd(s.Today()).String(); got != "2026-12-23" {
			// 23 Nov + 1 month = 23 Dec, not rounded up to the period's end (§ 309 Nr. 9 BGB)
			t.Fatalf("earliest end = %s", got)
		}
		if st := c.Status(s.Today()); st != data.ContractActive {
			t.Fatalf("status = %s", st)
		}
		list, _ := s.ContractsOf(ctx, cl.ID)
		if len(list) != 1 || list[0].ServiceName != "Ballett Kinder" || list[0].Price != data.Euros(49) {
			t.Fatalf("contracts = %+v", list)
		}
	})
	t.Run("Cancel", func(t *testing.T) {
		c, _ := s.CreateContract(ctx, valid())
		got, err := s.CancelContract(ctx, c.ID, day("2026-11-20"))
		if err != nil {
			t.Fatal(err)
		}
		if got.EndsOn.String() != "2026-12-20" || got.Status(s.Today()) != data.ContractEnding {
			t.Fatalf("cancelled = %+v", got)
		}
		if _, err := s.CancelContract(ctx, c.ID, day("2026-11-21")); data.ErrorCode(err) != data.CodeConflict {
			t.Fatalf("second cancel err = %v", err)
		}
		log, _ := s.AuditFor(context.Background(), "contracts", c.ID)
		if len(log) != 2 || log[1].Action != data.ActionCancel {
			t.Fatalf("audit = %+v", log)
		}
		if _, err := s.UpdateContract(ctx, got); data.ErrorCode(err) != data.CodeConflict {
			t.Fatalf("edit after cancel err = %v", err)
		}
	})
	t.Run("ErrCancelFuture", func(t *testing.T) {
		c, _ := s.CreateContract(ctx, valid())
		_, err := s.CancelContract(ctx, c.ID, day("2026-11-24"))
		wantField(t, err, "received", "contract.received.future")
	})
	bad := []struct {
		name, field, key string
		change           func(*data.Contract)
	}{
		{"ErrMinTermZero", "min_term", "terms.min_term.range", func(c *data.Contract) { c.MinTermMonths = 0 }},
		{"ErrMinTerm1000", "min_term", "terms.min_term.range", func(c *data.Contract) { c.MinTermMonths = 1000 }},
		{"ErrNegativePrice", "price", "price.negative", func(c *data.Contract) { c.Price = -1 }},
		{"ErrAbsurdPrice", "price", "money.too_large", func(c *data.Contract) { c.Price = data.MaxMoney + 1 }},
		{"ErrNoStart", "start", "contract.start.required", func(c *data.Contract) { c.Start = data.Date{} }},
		{"ErrNoticeTooLong", "notice", "terms.notice.range", func(c *data.Contract) { c.Notice = data.Notice{N: 400, Unit: data.NoticeDays} }},
		{"ErrFixedWithoutMonths", "renewal_months", "terms.renewal_months.range", func(c *data.Contract) { c.Renewal = data.RenewFixed }},
		{"ErrNoService", "service", "contract.service.required", func(c *data.Contract) { c.ServiceID = 0 }},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			before, _ := s.ContractsOf(ctx, cl.ID)
			c := valid()
			b.change(&c)
			_, err := s.CreateContract(ctx, c)
			wantField(t, err, b.field, b.key)
			if after, _ := s.ContractsOf(ctx, cl.ID); len(after) != len(before) {
				t.Fatal("an invalid contract was stored")
			}
		})
	}
	t.Run("ErrClientMissing", func(t *testing.T) {
		c := valid()
		c.ClientID = 999
		if _, err := s.CreateContract(ctx, c); data.ErrorCode(err) != data.CodeNotFound {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestServicesAndStaff(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	sv := mustService(t, s, "Hip-Hop Teens", data.Euros(45))
	t.Run("ErrNameTaken", func(t *testing.T) {
		dup := sv
		dup.ID = 0
		_, err := s.SaveService(ctx, dup)
		wantField(t, err, "name", "service.name.taken")
	})
	t.Run("Retire", func(t *testing.T) {
		sv.Active = false
		if _, err := s.SaveService(ctx, sv); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.Services(ctx, false); len(list) != 0 {
			t.Fatalf("retired service listed: %v", list)
		}
		if list, _ := s.Services(ctx, true); len(list) != 1 {
			t.Fatalf("retired service lost: %v", list)
		}
	})
	t.Run("StaffNamesUnique", func(t *testing.T) {
		if _, err := s.SaveStaff(ctx, data.Staff{Name: "Sabine", Role: data.RoleOwner, Active: true}); err != nil {
			t.Fatal(err)
		}
		_, err := s.SaveStaff(ctx, data.Staff{Name: "sabine", Role: data.RoleFrontDesk, Active: true})
		wantField(t, err, "name", "staff.name.taken")
	})
	t.Run("StudioProfile", func(t *testing.T) {
		p := data.Studio{Name: "Tanzstudio Sonnenschein", IBAN: "DE89 3704 0044 0532 0130 00"}
		if err := s.SaveStudio(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Studio(ctx)
		if got.Name != p.Name || got.IBAN != p.IBAN {
			t.Fatalf("studio = %+v", got)
		}
		p.IBAN = "DE00 1234"
		wantField(t, s.SaveStudio(ctx, p), "iban", "studio.iban.invalid")
	})
}

func TestLogo(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := tempDir(t)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		return p
	}
	notImage := write("logo.png", []byte("this is text, not a picture"))
	huge := write("huge.png", make([]byte, data.MaxLogoBytes+1))
	png := write("ok.png", assets.Icon)
	for _, c := range []struct{ path, key string }{{notImage, "studio.logo.not_image"}, {huge, "studio.logo.too_large"},
		{filepath.Join(dir, "nope.png"), "studio.logo.missing"}} {
		wantField(t, s.SaveStudio(ctx, data.Studio{Name: "Studio", LogoPath: c.path}), "logo", c.key)
	}
	if err := s.SaveStudio(ctx, data.Studio{Name: "Studio", LogoPath: png}); err != nil {
		t.Fatal(err)
	}
}
