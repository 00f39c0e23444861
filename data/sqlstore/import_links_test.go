package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

const visitHeader = "id,client_id,contract_id,at,outcome,uses_session,beyond,charge_id,goodwill_id,staff_id,undone_on,undone_reason,created_at\n"

// Imported visits, charges and demands obey what the counter obeys: no
// visit in the future or before its contract, none on another client's
// contract, no session more than a card holds; no charge or demand on
// another client's contract or charge. Nothing of a refused file is
// stored, and the database check finds such rows where an older program
// left them.
func TestImportsKeepRecordsTogether(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	anna, ben := mustClient(t, s, "Anna Berg"), mustClient(t, s, "Ben Kurz")
	card := mustContract(t, s, anna.ID, mustCard(t, s, "Zweierkarte", 2, 3, 3000), "2026-11-01")
	bens := mustContract(t, s, ben.ID, mustService(t, s, "Ballett", 4000), "2026-10-01")
	visit := func(id int64, client, contract int64, at string, uses int) string {
		return fmt.Sprintf("%d,%d,%d,%s,attended,%d,,,,,,,2026-11-20T10:00:00Z\n", id, client, contract, at, uses)
	}
	t.Run("ErrVisits", func(t *testing.T) {
		in := visitHeader +
			visit(1, anna.ID, card.ID, "2026-11-24T18:00", 1) + // tomorrow
			visit(2, anna.ID, card.ID, "2026-10-30T18:00", 1) + // before the card
			visit(3, anna.ID, bens.ID, "2026-11-10T18:00", 0) + // Ben's contract
			visit(4, anna.ID, card.ID, "2026-11-02T18:00", 1) +
			visit(5, anna.ID, card.ID, "2026-11-03T18:00", 1) +
			visit(6, anna.ID, card.ID, "2026-11-04T18:00", 1) // a third session on a card of two
		e := importErr(t, s, "visits", in)
		wantInvalid(t, e, 2, "at", "import.visit.future")
		wantInvalid(t, e, 3, "at", "import.visit.before_start")
		wantInvalid(t, e, 4, "contract_id", "import.other_client")
		wantInvalid(t, e, 7, "uses_session", "import.visit.card_full")
		if len(e.Fields) != 4 {
			t.Errorf("problems = %v", e.Fields)
		}
		var n int
		s.read.QueryRow(`SELECT count(*) FROM visits`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d visits stored from a refused file", n)
		}
	})
	t.Run("ErrCharges", func(t *testing.T) {
		in := "id,client_id,contract_id,period_start,period_end,description,amount_cents,due_on,waived_on,created_at\n" +
			fmt.Sprintf("1,%d,%d,,,Extra,500,2026-11-01,,2026-11-01T10:00:00Z\n", anna.ID, bens.ID)
		wantInvalid(t, importErr(t, s, "charges", in), 2, "contract_id", "import.other_client")
	})
	t.Run("ErrDemands", func(t *testing.T) {
		in := "id,client_id,contract_id,raised_on,asked,claimed_cents,client_words,status,settlement,charge_id,status_on,created_by,created_at\n" +
			fmt.Sprintf("1,%d,%d,2026-11-01,Mehr Stunden,0,,open,,,2026-11-01,,2026-11-01T10:00:00Z\n", anna.ID, bens.ID)
		wantInvalid(t, importErr(t, s, "demands", in), 2, "contract_id", "import.other_client")
	})
	t.Run("OK", func(t *testing.T) {
		in := visitHeader + visit(4, anna.ID, card.ID, "2026-11-02T18:00", 1) + visit(5, anna.ID, card.ID, "2026-11-03T18:00", 1)
		if _, err := ImportCSV(ctx, s, "visits", strings.NewReader(in), int64(len(in)), nil); err != nil {
			t.Fatal(err)
		}
		if res, _ := s.Check(ctx); !res.OK {
			t.Fatalf("check of sound visits = %+v", res)
		}
	})
	t.Run("CheckFindsThem", func(t *testing.T) {
		// rows as an older program could have stored them
		for _, q := range []string{
			fmt.Sprintf(`INSERT INTO visits (client_id, contract_id, at, uses_session, created_at) VALUES (%d, %d, '2027-01-05T10:00', 0, '')`, anna.ID, card.ID),
			fmt.Sprintf(`INSERT INTO visits (client_id, contract_id, at, uses_session, created_at) VALUES (%d, %d, '2026-09-05T10:00', 0, '')`, anna.ID, bens.ID),
			fmt.Sprintf(`INSERT INTO charges (client_id, contract_id, description, amount_cents, due_on, created_at) VALUES (%d, %d, 'x', 100, '2026-11-01', '')`, anna.ID, bens.ID),
			fmt.Sprintf(`UPDATE contracts SET sessions_used = 3 WHERE id = %d`, card.ID),
		} {
			if _, err := s.x().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		res, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, f := range res.Findings {
			got[f.Key]++
		}
		for _, key := range []string{"check.visit_future", "check.visit_before_start", "check.visit_other_client", "check.card_overused", "check.charge_other_client"} {
			if got[key] != 1 {
				t.Errorf("%s found %d times (%v)", key, got[key], res.Findings)
			}
		}
	})
}
