package sqlstore

import (
	"context"
	"studiopartner/data"
)

// ClientExport is everything stored about one client, for their right of
// access and to take their data elsewhere (DSGVO Art. 15 and 20).
type ClientExport struct {
	ExportedAt string              `json:"exported_at"`
	Client     data.Client         `json:"client"`
	Contracts  []data.Contract     `json:"contracts"`
	Pauses     []data.Pause        `json:"pauses"`
	Charges    []data.Charge       `json:"charges"`
	Payments   []data.Payment      `json:"payments"`
	Mandates   []data.Mandate      `json:"mandates"` // with the accounts in full: only here
	Goodwill   []ExportedGoodwill  `json:"goodwill"`
	Owed       []data.Owed         `json:"owed"`
	Visits     []data.Visit        `json:"visits"`
	Flags      []data.Flag         `json:"flags"` // what the counter shows about the client today
	Demands    []data.Demand       `json:"demands"`
	Steps      []data.DemandStep   `json:"demand_steps"`
	Agreements []data.Agreement    `json:"agreements"`
	Documents  []data.Document     `json:"documents"`
	Audit      []data.AuditEntry   `json:"audit"`
	Retention  *data.RetentionPlan `json:"retention,omitempty"`
}

// emptyLists makes every list that holds nothing an empty list, so the
// export writes [] rather than null.
func (d *ClientExport) emptyLists() {
	if d.Contracts == nil {
		d.Contracts = []data.Contract{}
	}
	if d.Pauses == nil {
		d.Pauses = []data.Pause{}
	}
	if d.Charges == nil {
		d.Charges = []data.Charge{}
	}
	if d.Payments == nil {
		d.Payments = []data.Payment{}
	}
	if d.Mandates == nil {
		d.Mandates = []data.Mandate{}
	}
	if d.Goodwill == nil {
		d.Goodwill = []ExportedGoodwill{}
	}
	if d.Demands == nil {
		d.Demands = []data.Demand{}
	}
	if d.Owed == nil {
		d.Owed = []data.Owed{}
	}
	if d.Visits == nil {
		d.Visits = []data.Visit{}
	}
	if d.Flags == nil {
		d.Flags = []data.Flag{}
	}
	if d.Steps == nil {
		d.Steps = []data.DemandStep{}
	}
	if d.Agreements == nil {
		d.Agreements = []data.Agreement{}
	}
	if d.Audit == nil {
		d.Audit = []data.AuditEntry{}
	}
	if d.Documents == nil {
		d.Documents = []data.Document{}
	}
}

// ExportedGoodwill is a goodwill entry with its deletion, if it was deleted:
// the client export holds deleted entries too.
type ExportedGoodwill struct {
	data.Goodwill
	DeletedOn     data.Date `json:"deleted_on"`
	DeletedReason string    `json:"deleted_reason"`
}

// extraScanner scans a row that has more columns than a scanner expects
// into the extra destinations.
type extraScanner struct {
	r     scanner
	extra []any
}

func (e extraScanner) Scan(dest ...any) error { return e.r.Scan(append(dest, e.extra...)...) }

// ClientExport gathers every record of one client, read in one snapshot.
// Only the owner may.
func (s *Store) ClientExport(ctx context.Context, id int64) (d ClientExport, err error) {
	if err := s.Allow(data.OpClientExport); err != nil {
		return ClientExport{}, err
	}
	err = s.snapshot(ctx, func(v *Store) error {
		d, err = v.clientExport(ctx, id)
		return err
	})
	if err != nil {
		return d, err
	}
	if d.Flags, err = s.FlagsOf(ctx, id); d.Flags == nil { // they bring their kept values up to date first
		d.Flags = []data.Flag{}
	}
	return d, err
}

func (s *Store) clientExport(ctx context.Context, id int64) (ClientExport, error) {
	d := ClientExport{ExportedAt: stamp(s.now())}
	parts := []func(context.Context, int64, *ClientExport) error{
		s.exportClientAndContracts, s.exportMoney, s.exportGoodwill, s.exportOwedAndVisits, s.exportDemands, s.exportPapers,
		s.exportRetention,
	}
	for _, part := range parts {
		if err := part(ctx, id, &d); err != nil {
			return d, err
		}
	}
	d.emptyLists()
	return d, nil
}

func (s *Store) exportClientAndContracts(ctx context.Context, id int64, d *ClientExport) (err error) {
	if d.Client, err = s.Client(ctx, id); err != nil {
		return err
	}
	if d.Contracts, err = s.ContractsOf(ctx, id); err != nil {
		return err
	}
	for _, k := range d.Contracts {
		ps, err := s.PausesOf(ctx, k.ID)
		if err != nil {
			return err
		}
		d.Pauses = append(d.Pauses, ps...)
	}
	return nil
}

func (s *Store) exportMoney(ctx context.Context, id int64, d *ClientExport) (err error) {
	if d.Charges, err = s.ChargesOf(ctx, id, false); err != nil {
		return err
	}
	if d.Payments, err = s.PaymentsOf(ctx, id, 1<<30); err != nil {
		return err
	}
	d.Mandates, err = s.Mandates(ctx, id)
	return err
}

// exportOwedAndVisits lists what was owed and every visit, undone ones too.
func (s *Store) exportOwedAndVisits(ctx context.Context, id int64, d *ClientExport) (err error) {
	if d.Owed, err = s.OwedOf(ctx, id); err != nil {
		return err
	}
	d.Visits, err = s.Visits(ctx, id, data.Date{}, 0)
	return err
}

// exportGoodwill lists every goodwill entry, deleted ones with when and why.
func (s *Store) exportGoodwill(ctx context.Context, id int64, d *ClientExport) error {
	return internal(eachRow(ctx, s.read, `SELECT `+goodwillColumns+`, w.deleted_on, w.deleted_reason`+goodwillFrom+
		` WHERE w.client_id = ? ORDER BY w.given_on, w.id`,
		func(r rowsOf) error {
			var deleted string
			var g ExportedGoodwill
			var err error
			g.Goodwill, err = scanGoodwill(extraScanner{r, []any{&deleted, &g.DeletedReason}})
			g.DeletedOn = mustDate(deleted)
			d.Goodwill = append(d.Goodwill, g)
			return err
		}, id))
}

func (s *Store) exportDemands(ctx context.Context, id int64, d *ClientExport) (err error) {
	if d.Demands, err = s.Demands(ctx, data.DemandFilter{ClientID: id, Limit: 1 << 30}); err != nil {
		return err
	}
	for _, dm := range d.Demands {
		steps, err := s.DemandSteps(ctx, dm.ID)
		if err != nil {
			return err
		}
		d.Steps = append(d.Steps, steps...)
	}
	return nil
}

// exportPapers adds the agreements, documents and the audit trail.
func (s *Store) exportPapers(ctx context.Context, id int64, d *ClientExport) (err error) {
	if d.Agreements, err = s.AgreementsOf(ctx, id); err != nil {
		return err
	}
	if d.Documents, err = s.DocumentsOf(ctx, id); err != nil {
		return err
	}
	rows, err := s.AuditLog(ctx, data.AuditFilter{ClientID: id, Limit: 1 << 30})
	if err != nil {
		return err
	}
	for _, r := range rows {
		d.Audit = append(d.Audit, r.AuditEntry)
	}
	return nil
}

// exportRetention adds, for an erased client, how long what is left is kept.
func (s *Store) exportRetention(ctx context.Context, id int64, d *ClientExport) error {
	if d.Client.ErasedOn.IsZero() {
		return nil
	}
	plan, err := s.Retention(ctx, id)
	if err != nil {
		return err
	}
	d.Retention = &plan
	return nil
}
