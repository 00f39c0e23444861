package demo

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/reports"
)

// The client bundle holds every record of the client — counted against
// the tables themselves — and nothing of any other client.
func TestClientBundle(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if err := Fill(ctx, s, Options{Clients: 120, Months: 14, Seed: 5, PrintAgreement: reports.PrintAgreement}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// the client with the most goodwill and an agreement
	var id int64
	err = db.QueryRow(`SELECT c.id FROM clients c WHERE EXISTS (SELECT 1 FROM agreements a WHERE a.client_id = c.id)
		ORDER BY (SELECT count(*) FROM goodwill g WHERE g.client_id = c.id) DESC, c.id LIMIT 1`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	files, err := reports.WriteClientExport(ctx, s, id, dir, "de")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(files.JSON)
	var d sqlstore.ClientExport
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	// what Art. 15(1) GDPR says the client is told; no list written as null
	for _, want := range []string{`"information"`, `"controller"`, `"purposes"`, `"recipients"`, `"retention"`,
		`"rights"`, `"source"`, `"automated_decisions"`, "Art. 6 Abs. 1 lit. b DSGVO", `"visits"`, `"owed"`, `"flags"`,
		`"flag_reasons"`, "zehn Kunden, die die meiste Kulanz"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	if strings.Contains(string(raw), ": null") {
		t.Error("an empty list is written as null, not []")
	}
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for name, c := range map[string][2]int{
		"contracts":  {len(d.Contracts), count(`SELECT count(*) FROM contracts WHERE client_id = ?`)},
		"charges":    {len(d.Charges), count(`SELECT count(*) FROM charges WHERE client_id = ?`)},
		"payments":   {len(d.Payments), count(`SELECT count(*) FROM payments WHERE client_id = ?`)},
		"goodwill":   {len(d.Goodwill), count(`SELECT count(*) FROM goodwill WHERE client_id = ?`)},
		"demands":    {len(d.Demands), count(`SELECT count(*) FROM demands WHERE client_id = ?`)},
		"steps":      {len(d.Steps), count(`SELECT count(*) FROM demand_steps WHERE demand_id IN (SELECT id FROM demands WHERE client_id = ?)`)},
		"agreements": {len(d.Agreements), count(`SELECT count(*) FROM agreements WHERE client_id = ?`)},
		"audit":      {len(d.Audit), count(`SELECT count(*) FROM audit_log WHERE client_id = ?`)},
		"visits":     {len(d.Visits), count(`SELECT count(*) FROM visits WHERE client_id = ?`)},
		"owed":       {len(d.Owed), count(`SELECT count(*) FROM owed WHERE client_id = ?`)},
	} {
		if c[0] != c[1] {
			t.Errorf("%s: the bundle holds %d, the database %d", name, c[0], c[1])
		}
	}
	if d.Client.ID != id || len(d.Goodwill) == 0 || len(d.Agreements) == 0 || len(files.Agreements) != len(d.Agreements) {
		t.Fatalf("bundle: client %d, %d goodwill, %d agreements, %d agreement files", d.Client.ID, len(d.Goodwill),
			len(d.Agreements), len(files.Agreements))
	}
	pdfText, err := exec.Command("pdftotext", files.PDF, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pdfText), d.Client.Name) || !strings.Contains(string(pdfText), "Auskunft") {
		t.Error("the PDF summary does not name the client")
	}
	for _, want := range []string{"Besuch", "Was Sie nach Art. 15 DSGVO außerdem erfahren", "Empfänger", "Widerspruchsrecht", "Die Daten stammen von Ihnen"} {
		if !strings.Contains(string(pdfText), want) {
			t.Errorf("the PDF summary lacks %q", want)
		}
	}
	if strings.Contains(string(pdfText), "kein Profiling") || strings.Contains(string(raw), "kein Profiling") {
		t.Error("the export says there is no profiling")
	}
	rows, _ := db.Query(`SELECT name, email FROM clients WHERE id <> ?`, id)
	defer rows.Close()
	for rows.Next() {
		var name, email string
		rows.Scan(&name, &email)
		for _, x := range []string{`"` + name + `"`, email} {
			if x != "" && x != `""` && strings.Contains(string(raw), x) {
				t.Errorf("the bundle holds %q of another client", x)
			}
		}
		if strings.Contains(string(pdfText), name) && !strings.Contains(d.Client.Name, name) {
			t.Errorf("the PDF names another client: %s", name)
		}
	}
	// a folder that is not empty is refused, and nothing is added to it
	if _, err := reports.WriteClientExport(ctx, s, id, dir, "de"); data.AsError(err) == nil || data.AsError(err).Key != "export.not_empty" {
		t.Errorf("export into a full folder: %v", err)
	}
}

// A real agreement, kept after erasure for its retention period, does not
// carry the client's name, e-mail or phone as readable bytes in the file.
func TestEraseWithRealAgreement(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	s.SaveStudio(ctx, data.Studio{Name: "Studio", Address: "Weg 1\n01234 Dresden", Responsible: "Inhaber: Max Muster"})
	c, err := s.CreateClient(ctx, data.Client{Name: "Xaverine Quastenbaum", Email: "xq@quasten.example", Phone: "0151 23456789",
		Address: "Quastenweg 7\n01234 Dresden"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reports.PrintAgreement(ctx, s, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.EraseClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(s.Path())
	wal, _ := os.ReadFile(s.Path() + "-wal")
	raw = append(raw, wal...)
	for _, x := range []string{"Quastenbaum", "Xaverine", "xq@quasten.example", "23456789", "Quastenweg"} {
		if strings.Contains(string(raw), x) {
			t.Errorf("%q is still readable in the database file", x)
		}
	}
	if ags, _ := s.AgreementsOf(ctx, c.ID); len(ags) != 1 {
		t.Error("the issued agreement was not kept")
	}
}
