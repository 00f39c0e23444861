package sqlstore

import (
	"context"
	"strings"
	"studiopartner/data"
)

// priceOn returns the price in force on day d from a contract's price
// history, sorted by day.
func priceOn(history []pricePoint, d data.Date) (data.Money, bool) {
	var p data.Money
	found := false
	for _, h := range history {
		if h.from.After(d) {
			break
		}
		p, found = h.price, true
	}
	return p, found
}

type pricePoint struct {
	from  data.Date
	price data.Money
}

// lastBilled returns the start of the latest billed period of a contract,
// or the zero Date.
func lastBilled(q querier, contractID int64) (data.Date, error) {
	var s string
	err := q.QueryRow(`SELECT coalesce(max(period_start), '') FROM charges WHERE contract_id = ? AND period_start <> ''`,
		contractID).Scan(&s)
	return mustDate(s), err
}

// billingRun is what GenerateCharges loads before it writes.
type billingRun struct {
	contracts []data.Contract
	prices    map[int64][]pricePoint
	pauses    map[int64][]data.Pause
	billed    map[int64]data.Date
	credit    map[int64]bool // clients with credit waiting for new charges
	created   int            // charges inserted by bill
}

// GenerateCharges creates the charges of every contract's billing periods
// up to today that do not exist yet, at the price in force at each
// period's start. Running it again creates nothing new. Clients with
// credit have it applied to the new charges. It returns how many charges
// it created.
func (s *Store) GenerateCharges(ctx context.Context) (int, error) {
	today := s.Today()
	created := 0
	err := s.write(ctx, func(tx *dbx) error {
		run, err := loadBillingRun(tx)
		if err != nil {
			return err
		}
		ins := newRowBatch(tx, `INSERT INTO charges (id, client_id, contract_id, period_start, period_end, amount_cents, due_on,
			created_at) VALUES`, `ON CONFLICT DO NOTHING`, 8)
		defer ins.close()
		touched, err := run.bill(ins, newNumberBlock(tx, "charges"), today, stamp(s.now()))
		if err != nil {
			return err
		}
		for client := range touched {
			if run.credit[client] {
				if err := reallocate(tx, client); err != nil {
					return err
				}
			}
		}
		// the daily refresh of every balance: new charges, and charges that
		// have become overdue since yesterday
		if err := s.refreshBalances(tx, 0); err != nil {
			return err
		}
		if created = run.created; created == 0 {
			return nil
		}
		return s.audit(tx, "charges", 0, data.ActionGenerate, nil, map[string]any{"created": created, "until": today.String()})
	})
	return created, internal(err)
}

// bill inserts the charges of every period up to today that is not billed
// yet and has a price, counts them in run.created, and returns the clients
// that may have got one.
func (run *billingRun) bill(ins *rowBatch, ids *numberBlock, today data.Date, now string) (map[int64]bool, error) {
	touched := map[int64]bool{}
	for i := range run.contracts {
		k := &run.contracts[i]
		last := run.billed[k.ID]
		for _, p := range k.Periods(today, run.pauses[k.ID]) {
			if !last.IsZero() && !p.Start.After(last) {
				continue
			}
			price, ok := priceOn(run.prices[k.ID], p.Start)
			if !ok || price <= 0 {
				continue // a free contract owes nothing
			}
			id, err := ids.take()
			if err != nil {
				return nil, err
			}
			if err := ins.add(id, k.ClientID, k.ID, p.Start.String(), p.End.String(), p.Share(price), p.Start.String(), now); err != nil {
				return nil, err
			}
			touched[k.ClientID] = true
		}
	}
	if err := ins.flush(); err != nil {
		return nil, err
	}
	run.created = int(ins.affected)
	return touched, nil
}

func loadBillingRun(tx *dbx) (*billingRun, error) {
	run := &billingRun{prices: map[int64][]pricePoint{}, pauses: map[int64][]data.Pause{}, billed: map[int64]data.Date{}, credit: map[int64]bool{}}
	rows, err := tx.Query(`SELECT ` + contractColumns + ` FROM contracts k JOIN services s ON s.id = k.service_id
		WHERE k.billing <> 'per_session'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		c, err := scanContract(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		run.contracts = append(run.contracts, c)
	}
	rows.Close()
	if err := eachRow(inTx, tx, `SELECT contract_id, effective_from, price_cents FROM contract_prices ORDER BY contract_id, effective_from`,
		func(r rowsOf) error {
			var id int64
			var from string
			var p data.Money
			if err := r.Scan(&id, &from, &p); err != nil {
				return err
			}
			run.prices[id] = append(run.prices[id], pricePoint{mustDate(from), p})
			return nil
		}); err != nil {
		return nil, err
	}
	if err := eachRow(inTx, tx, `SELECT `+pauseColumns+` FROM contract_pauses`, func(r rowsOf) error {
		p, err := scanPause(r)
		run.pauses[p.ContractID] = append(run.pauses[p.ContractID], p)
		return err
	}); err != nil {
		return nil, err
	}
	if err := eachRow(inTx, tx, `SELECT contract_id, max(period_start) FROM charges WHERE period_start <> '' GROUP BY contract_id`,
		func(r rowsOf) error {
			var id int64
			var d string
			err := r.Scan(&id, &d)
			run.billed[id] = mustDate(d)
			return err
		}); err != nil {
		return nil, err
	}
	err = eachRow(inTx, tx, `SELECT id FROM clients WHERE credit_cents > 0`, func(r rowsOf) error {
		var id int64
		err := r.Scan(&id)
		run.credit[id] = true
		return err
	})
	return run, err
}

// eachRow runs fn for every row of a query.
// inTx is the context of a query inside a transaction: the transaction
// ends (and with it its queries) when the context it began with does.
var inTx = context.Background()

func eachRow(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (rowsOf, error)
}, query string, fn func(rowsOf) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := ctx.Err(); err != nil { // a long read stops when it is no longer wanted
			return err
		}
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

const pauseColumns = `id, contract_id, from_on, to_on, reason, extend_months, created_at`

func scanPause(r scanner) (data.Pause, error) {
	var p data.Pause
	var from, to string
	err := r.Scan(&p.ID, &p.ContractID, &from, &to, &p.Reason, &p.ExtendMonths, &p.CreatedAt)
	p.From, p.To = mustDate(from), mustDate(to)
	return p, err
}

// PauseContract pauses a contract from day from to day to: periods that
// start in between are not billed. With moveTerm the minimum term grows by
// the months left out. Periods already billed cannot be paused.
func (s *Store) PauseContract(ctx context.Context, contractID int64, from, to data.Date, reason string, moveTerm bool) (data.Pause, error) {
	p := data.Pause{ContractID: contractID, From: from, To: to, Reason: strings.TrimSpace(reason)}
	if err := p.Validate(); err != nil {
		return data.Pause{}, err
	}
	err := s.write(ctx, func(tx *dbx) error {
		k, err := getContract(tx, contractID)
		if err != nil {
			return err
		}
		if err := s.mayPause(tx, &k, from); err != nil {
			return err
		}
		if moveTerm {
			p.ExtendMonths = pausedMonths(&k, from, to)
		}
		p.CreatedAt = stamp(s.now())
		newID, err := tx.insertID(`INSERT INTO contract_pauses (contract_id, from_on, to_on, reason, extend_months, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, contractID, from.String(), to.String(), p.Reason, p.ExtendMonths, p.CreatedAt)
		if err != nil {
			return err
		}
		p.ID = newID
		return s.audit(tx, "contracts", contractID, data.ActionPause, nil, p)
	})
	if err != nil {
		return data.Pause{}, internal(err)
	}
	return p, nil
}

// mayPause refuses a pause of an ended contract or one that starts in a
// period already billed.
func (s *Store) mayPause(tx *dbx, k *data.Contract, from data.Date) error {
	if k.Over(s.Today()) {
		return &data.Error{Code: data.CodeConflict, Key: "pause.invalid", Fields: []data.FieldError{{Field: "from", Key: "pause.contract.ended"}}}
	}
	billed, err := lastBilled(tx, k.ID)
	if err != nil {
		return err
	}
	if !billed.IsZero() && !from.After(billed) {
		return &data.Error{Code: data.CodeConflict, Key: "pause.invalid", Fields: []data.FieldError{{Field: "from", Key: "pause.from.billed",
			Args: map[string]any{"Date": billed.AddDays(1)}}}}
	}
	return nil
}

// pausedMonths is how many months of billing a pause leaves out: the
// periods that start in it times their length, or for contracts not billed
// in periods, the whole months it spans (at least one).
func pausedMonths(k *data.Contract, from, to data.Date) int {
	cycle := k.Billing.Months()
	if cycle == 0 {
		return max(1, from.MonthsBetween(to.AddDays(1)))
	}
	n := 0
	for i := 0; i < data.MaxPeriods; i++ {
		ps := k.PeriodStart(i)
		if ps.After(to) {
			break
		}
		if !ps.Before(from) {
			n++
		}
	}
	return n * cycle
}

// PausesOf lists a contract's pauses, earliest first.
func (s *Store) PausesOf(ctx context.Context, contractID int64) ([]data.Pause, error) {
	var out []data.Pause
	err := eachRow(ctx, s.read, `SELECT `+pauseColumns+` FROM contract_pauses WHERE contract_id = ? ORDER BY from_on`,
		func(r rowsOf) error {
			p, err := scanPause(r)
			out = append(out, p)
			return err
		}, contractID)
	return out, internal(err)
}
