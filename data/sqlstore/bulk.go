package sqlstore

import (
	"context"
	"studiopartner/data"
)

// CreateClients validates and stores many clients with their contracts in
// one transaction: all of them or, on the first problem, none. It returns
// the new client ids in order. Imports and the demo studio use it.
func (s *Store) CreateClients(ctx context.Context, bundles []data.ClientWithContracts) ([]int64, error) {
	if err := validateClients(bundles, s.Today()); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(bundles))
	err := s.write(ctx, func(tx *dbx) error {
		ids = ids[:0] // a second try starts afresh
		w, err := s.newClientWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		addContract, closeContracts, err := s.contractInserter(tx, w.audit)
		if err != nil {
			return err
		}
		defer closeContracts()
		now := stamp(s.now())
		for _, b := range bundles {
			c := b.Client
			at := now
			if !b.Since.IsZero() && !b.Since.After(s.Today()) {
				at = b.Since.String() + "T09:00:00Z"
			}
			if err := w.add(&c, at); err != nil {
				return err
			}
			for _, k := range b.Contracts {
				k.ClientID = c.ID
				if err := addContract(&k, now); err != nil {
					return err
				}
			}
			ids = append(ids, c.ID)
		}
		if err := closeContracts(); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		return s.refreshMembersOf(tx, ids)
	})
	if err != nil {
		return nil, internal(err)
	}
	return ids, nil
}

// validateClients normalises and checks every client and contract before
// anything is stored.
func validateClients(bundles []data.ClientWithContracts, today data.Date) error {
	for i := range bundles {
		b := &bundles[i]
		b.Client.Normalize()
		if err := b.Client.Validate(today); err != nil {
			return err
		}
		for j := range b.Contracts {
			b.Contracts[j].ClientID = -1 // filled in when stored; Validate wants one
			if err := b.Contracts[j].Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

// contractInserter prepares the insert of new contracts with their first
// price, queueing their audit rows in audit, and a function that sends
// the queued prices and releases the statements; it must run before the
// transaction commits and may run more than once.
func (s *Store) contractInserter(tx *dbx, audit *rowBatch) (add func(k *data.Contract, now string) error, done func() error, err error) {
	ins, err := tx.Prepare(`INSERT INTO contracts (client_id, service_id, price_cents, billing, start_on,
		min_term_months, notice_n, notice_unit, renewal, renewal_months, notice_received, ends_on, note, concluded, created_at, updated_at,
		sessions, valid_until, early_start, withdrawal_notice_on, withdrawal_until, direct_debit)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, nil, err
	}
	cards, err := cardServices(tx, true)
	if err != nil {
		ins.Close()
		return nil, nil, err
	}
	byID := map[int64]data.Service{}
	for _, sv := range cards {
		byID[sv.ID] = sv
	}
	prices := newRowBatch(tx, `INSERT INTO contract_prices (contract_id, effective_from, price_cents) VALUES`, "", 3)
	add = func(k *data.Contract, now string) error {
		if !k.NoticeReceived.IsZero() {
			k.EndsOn = k.EndFor(k.NoticeReceived)
		}
		if sv, ok := byID[k.ServiceID]; ok && k.Sessions == 0 {
			k.Sessions, k.ValidUntil = sv.Sessions, k.Start.PeriodEnd(sv.ValidMonths)
		}
		k.CreatedAt, k.UpdatedAt = now, now
		err := ins.QueryRow(k.ClientID, k.ServiceID, k.Price, k.Billing, k.Start.String(), k.MinTermMonths,
			k.Notice.N, k.Notice.Unit, k.Renewal, k.RenewalMonths, k.NoticeReceived.String(), k.EndsOn.String(),
			k.Note, k.Concluded.OrStudio(), now, now, k.Sessions, k.ValidUntil.String(), k.EarlyStart, k.NoticeOn.String(), k.WithdrawalUntil().String(),
			k.DirectDebit).Scan(&k.ID)
		if err != nil {
			return err
		}
		if err := prices.add(k.ID, k.Start.String(), k.Price); err != nil {
			return err
		}
		row, err := s.auditRow(tx, "contracts", k.ID, data.ActionCreate, nil, k)
		if err != nil {
			return err
		}
		return audit.add(row...)
	}
	done = func() error {
		err := prices.flush()
		prices.close()
		ins.Close()
		return err
	}
	return add, done, nil
}

// RecordGoodwillBulk validates and stores many goodwill entries in one
// transaction: all or, on the first problem, none. Imports and the demo
// studio use it.
func (s *Store) RecordGoodwillBulk(ctx context.Context, gs []data.Goodwill) error {
	today := s.Today()
	for i := range gs {
		if err := gs[i].Validate(today); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *dbx) error {
		ins := newRowBatch(tx, `INSERT INTO goodwill (client_id, given_on, category, description, value_cents, minutes, given_by,
			service_id, created_at, updated_at, branch) VALUES`, "", 11)
		defer ins.close()
		now := stamp(s.now())
		sums := goodwillTotals{}
		for _, g := range gs {
			if err := ins.add(g.ClientID, g.GivenOn.String(), g.Category, g.Description, g.Value, g.Minutes,
				nullID(g.GivenBy), nullID(g.ServiceID), now, now, s.branchOf(g.Branch)); err != nil {
				return err
			}
			sums.add(data.GoodwillShare{Alive: true, Month: monthOf(g.GivenOn.String()), Category: string(g.Category), Staff: g.GivenBy,
				Client: g.ClientID, Value: int64(g.Value), Minutes: int64(g.Minutes)}, 1)
		}
		if err := ins.flush(); err != nil {
			return err
		}
		if err := sums.apply(tx); err != nil {
			return err
		}
		if err := s.refreshGoodwill90(tx, 0); err != nil {
			return err
		}
		return s.audit(tx, "goodwill", 0, data.ActionCreate, nil, map[string]any{"imported": len(gs)})
	})
}

// RecordVisitsBulk stores many past visits in one transaction, as they
// are (the demo studio and benchmarks use it; the counter uses CheckIn):
// each must lie before now and name the client's contract, if any. Cards'
// used sessions and clients' last visits are counted afresh afterwards;
// one audit row says how many came in.
func (s *Store) RecordVisitsBulk(ctx context.Context, vs []data.Visit) error {
	now := s.Now()
	for _, v := range vs {
		if v.At.After(now) || !data.OneOf(v.Outcome, data.VisitOutcomes) || v.ClientID == 0 {
			return data.Errorf(data.CodeInvalid, "visit.invalid", nil)
		}
	}
	return s.write(ctx, func(tx *dbx) error {
		ins := newRowBatch(tx, `INSERT INTO visits (client_id, contract_id, at, outcome, uses_session, staff_id, created_at, branch) VALUES`, "", 8)
		defer ins.close()
		for _, v := range vs {
			created := v.CreatedAt
			if created == "" {
				created = stamp(v.At)
			}
			if err := ins.add(v.ClientID, nullID(v.ContractID), v.At.Format(data.VisitLayout), v.Outcome, v.UsesSession,
				nullID(v.StaffID), created, s.branchOf(v.Branch)); err != nil {
				return err
			}
		}
		if err := ins.flush(); err != nil {
			return err
		}
		if err := importFinish(s, tx, "visits"); err != nil {
			return err
		}
		return s.audit(tx, "visits", 0, data.ActionCreate, nil, map[string]any{"imported": len(vs)})
	})
}

// EachContract calls fn with every contract, in the order they were
// stored, read in one snapshot.
func (s *Store) EachContract(ctx context.Context, fn func(data.Contract) error) error {
	return internal(s.snapshot(ctx, func(v *Store) error {
		return eachRow(ctx, v.read, `SELECT `+contractColumns+` FROM contracts k JOIN services s ON s.id = k.service_id ORDER BY k.id`,
			func(r rowsOf) error {
				k, err := scanContract(r)
				if err != nil {
					return err
				}
				return fn(k)
			})
	}))
}
