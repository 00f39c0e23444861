package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"studiopartner/data"
	"testing"
)

func TestCreateClient(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := newStore(t)
		c, err := s.CreateClient(ctx, data.Client{Name: "  Anna   Müller ", Email: "anna@example.de", Phone: "+49 171 234567",
			BirthDate: day("2015-04-02"), Language: "de", Address: "Hauptstr. 1\n10115 Berlin"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Client(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Anna Müller" || got.Status != data.StatusActive || got.BirthDate.String() != "2015-04-02" {
			t.Fatalf("stored %+v", got)
		}
		if !got.IsMinor(s.Today()) {
			t.Fatal("a child born 2015 should be a minor in 2026")
		}
		log, err := s.AuditFor(context.Background(), "clients", c.ID)
		if err != nil || len(log) != 1 || log[0].Action != data.ActionCreate || log[0].At != "2026-11-23T10:30:00Z" {
			t.Fatalf("audit = %+v, %v", log, err)
		}
	})
	bad := []struct {
		name, field, key string
		c                data.Client
	}{
		{"ErrNameRequired", "name", "client.name.required", data.Client{Name: "   "}},
		{"ErrEmailNoAt", "email", "client.email.invalid", data.Client{Name: "A", Email: "anna.example.de"}},
		{"ErrPhoneLetters", "phone", "client.phone.invalid", data.Client{Name: "A", Phone: "0171 abc 123"}},
		{"ErrBirthFuture", "birth_date", "client.birth_date.future", data.Client{Name: "A", BirthDate: day("2027-01-01")}},
		{"ErrDeclinedNoReason", "decline_reason", "client.decline_reason.required", data.Client{Name: "A", Status: data.StatusDeclined, DeclineGround: data.GroundLegal}},
		{"ErrDeclinedNoGround", "decline_ground", "client.decline_ground.required", data.Client{Name: "A", Status: data.StatusDeclined, DeclineReason: "x"}},
		{"ErrLanguage", "language", "client.language.invalid", data.Client{Name: "A", Language: "fr"}},
		{"ErrReferrerMissing", "referred_by", "client.referred_by.missing", data.Client{Name: "A", ReferredBy: 999}},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			s := newStore(t)
			_, err := s.CreateClient(ctx, b.c)
			wantField(t, err, b.field, b.key)
			if n, _ := s.CountClients(ctx); n != 0 {
				t.Fatalf("%d clients stored after invalid input", n)
			}
		})
	}
}

func TestUpdateClient(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := mustClient(t, s, "Jonas Weber")
	t.Run("OK", func(t *testing.T) {
		c.Status, c.DeclineGround, c.DeclineReason = data.StatusDeclined, data.GroundEthical, "abusive towards staff"
		if _, err := s.UpdateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Client(ctx, c.ID)
		if got.Status != data.StatusDeclined || got.DeclineReason != "abusive towards staff" {
			t.Fatalf("stored %+v", got)
		}
		log, _ := s.AuditFor(context.Background(), "clients", c.ID)
		if len(log) != 2 || log[1].Action != data.ActionUpdate || log[1].Before == "" || log[1].After == "" {
			t.Fatalf("audit = %+v", log)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.UpdateClient(ctx, data.Client{ID: 4242, Name: "X"})
		if data.ErrorCode(err) != data.CodeNotFound {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrReferredBySelf", func(t *testing.T) {
		c.ReferredBy = c.ID
		_, err := s.UpdateClient(ctx, c)
		wantField(t, err, "referred_by", "client.referred_by.self")
	})
}

func TestSearchClients(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for _, c := range []data.Client{
		{Name: "Anna Müller", Email: "anna.mueller@example.de"},
		{Name: "José Ramírez", Phone: "+49 171 555 0101"},
		{Name: "Jürgen Groß", ContactPerson: "Petra Groß"},
		{Name: "Lena Schmidt", Email: "lena@schmidt.example"},
		{Name: "Zoë Okafor-Brandt"},
	} {
		if _, err := s.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		q    string
		want []string
	}{
		{"muller", []string{"Anna Müller"}},
		{"mueller", []string{"Anna Müller"}},
		{"MÜLL", []string{"Anna Müller"}},
		{"jose", []string{"José Ramírez"}},
		{"ramirez", []string{"José Ramírez"}},
		{"gross", []string{"Jürgen Groß"}},
		{"petra", []string{"Jürgen Groß"}},
		{"0171 555", []string{"José Ramírez"}},
		{"lena@schmidt", []string{"Lena Schmidt"}},
		{"brandt", []string{"Zoë Okafor-Brandt"}},
		{"zoe okaf", []string{"Zoë Okafor-Brandt"}},
		{"chmid", []string{"Lena Schmidt"}}, // contained, not a prefix
		{"xyz", nil},
	}
	for _, c := range cases {
		t.Run(c.q, func(t *testing.T) {
			rows, err := s.SearchClients(ctx, c.q, 50)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Name)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Fatalf("search %q = %v, want %v", c.q, got, c.want)
			}
		})
	}
	t.Run("updated name is found under the new name only", func(t *testing.T) {
		rows, _ := s.SearchClients(ctx, "lena", 50)
		c, _ := s.Client(ctx, rows[0].ID)
		c.Name, c.Email = "Lena Öztürk", "lena@oeztuerk.example"
		if _, err := s.UpdateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		if rows, _ := s.SearchClients(ctx, "schmidt", 50); len(rows) != 0 {
			t.Fatalf("old name still found: %v", rows)
		}
		if rows, _ := s.SearchClients(ctx, "oeztuerk", 50); len(rows) != 1 {
			t.Fatalf("new name not found: %v", rows)
		}
	})
}

func TestListClientsPaging(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for i := 25; i > 0; i-- {
		mustClient(t, s, fmt.Sprintf("Client %02d", i))
	}
	page, err := s.ListClients(ctx, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 10 || page[0].Name != "Client 11" || page[9].Name != "Client 20" {
		t.Fatalf("page 2 = %v", page)
	}
	if last, _ := s.ListClients(ctx, 20, 10); len(last) != 5 {
		t.Fatalf("last page has %d rows", len(last))
	}
}

// TestClientsByFamilyName lists clients under their family name: the last
// word, or what stands before a comma; umlauts sort with their vowel.
func TestClientsByFamilyName(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for _, n := range []string{"Zoe Adler", "Anna Ölz", "Bauer, Yvonne", "Familie Schmidt", "Max Olbrich"} {
		mustClient(t, s, n)
	}
	rows, err := s.ListClients(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Name)
	}
	if want := "Zoe Adler|Bauer, Yvonne|Max Olbrich|Anna Ölz|Familie Schmidt"; strings.Join(got, "|") != want {
		t.Fatalf("listed %s, want %s", strings.Join(got, "|"), want)
	}
	for name, want := range map[string]string{"Anna Müller": "Müller", " Müller , Anna ": "Müller", "Cher": "Cher", "": "", ", Anna": "Anna"} {
		if got := data.FamilyName(name); got != want {
			t.Errorf("FamilyName(%q) = %q, want %q", name, got, want)
		}
	}
}
