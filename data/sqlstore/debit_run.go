package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"studiopartner/data"
)

// debitCharge is an open charge of a contract paid by direct debit.
type debitCharge struct {
	id, client, contract int64
	name, description    string
	open, amount, paid   data.Money
	price                data.Money // the contract's price for the charge's period
	due                  data.Date
	inRun                bool
	returned             bool      // collected once and returned by the bank
	announced            data.Date // the first day a pre-notification of the open amount allows (zero: none)
}

// needsNotice reports whether the charge's collection needs a
// pre-notification of its own: the agreement announces the contract's
// price, not another amount (a month in part, a changed price, the rest
// of a charge paid in part).
func (g debitCharge) needsNotice() bool { return g.paid > 0 || g.amount != g.price }

// PlanDebits previews a collection run: the open charges of contracts
// paid by direct debit due up to until, each as a debit under its
// client's mandate in force on the collection day, and every charge left
// out with its reason. collectOn zero asks for the earliest day the bank
// can collect (its lead time in TARGET business days); an earlier one is
// refused, a day TARGET is closed moves to the next open one.
func (s *Store) PlanDebits(ctx context.Context, until, collectOn data.Date) (data.DebitRun, error) {
	if err := s.Allow(data.OpDebitRun); err != nil {
		return data.DebitRun{}, err
	}
	var run data.DebitRun
	err := s.snapshot(ctx, func(v *Store) error {
		var err error
		run, _, err = v.planDebits(ctx, v.read, until, collectOn)
		return err
	})
	return run, internal(err)
}

// planDebits plans a run reading through q; it gives the creditor too.
func (s *Store) planDebits(ctx context.Context, q *dbx, until, collectOn data.Date) (data.DebitRun, data.Creditor, error) {
	cr, err := s.Creditor(ctx)
	if err != nil {
		return data.DebitRun{}, cr, err
	}
	if !cr.Ready() {
		return data.DebitRun{}, cr, data.Errorf(data.CodeInvalid, "debit.no_creditor", nil)
	}
	if collectOn, err = collectionDay(s.Today(), collectOn, cr.LeadDays); err != nil {
		return data.DebitRun{}, cr, err
	}
	if until.IsZero() {
		until = collectOn
	}
	run := data.DebitRun{Until: until, CollectOn: collectOn, Status: data.RunPrepared}
	charges, err := debitCharges(ctx, q, until, 0)
	if err != nil {
		return run, cr, err
	}
	mandates, err := mandatesOfClients(ctx, q)
	if err != nil {
		return run, cr, err
	}
	for _, g := range charges {
		m, reason := g.mandate(mandates[g.client], collectOn)
		if reason != "" {
			run.LeftOut = append(run.LeftOut, data.LeftOut{ChargeID: g.id, ClientID: g.client, ClientName: g.name, Amount: g.open,
				Due: g.due, Reason: reason})
			continue
		}
		seq := data.SeqRecurrent
		if m.Once {
			seq = data.SeqOneOff
		}
		run.Debits = append(run.Debits, data.Debit{ChargeID: g.id, ClientID: g.client, ClientName: g.name, MandateID: m.ID,
			Amount: g.open, Sequence: seq, Text: g.description, Reference: m.Reference, SignedOn: m.SignedOn,
			Holder: orClient(m.Holder, g.name), HolderTown: m.HolderTown, HolderCountry: m.HolderCountry, IBAN: m.IBAN, BIC: m.BIC,
			AmendedFrom: m.AmendedFrom, AmendOtherBank: m.AmendOtherBank})
	}
	run.Sum()
	return run, cr, nil
}

// collectionDay is the day a run is collected: the one asked for (zero:
// the earliest the bank's lead time allows), on a day TARGET is open.
func collectionDay(today, asked data.Date, lead int) (data.Date, error) {
	earliest := data.EarliestCollection(today, lead)
	switch {
	case asked.IsZero():
		asked = earliest
	case asked.Before(earliest):
		return asked, data.Errorf(data.CodeInvalid, "debit.collect.too_early", map[string]any{"Date": earliest, "Days": lead})
	}
	return data.NextTargetDay(asked), nil
}

// mandate is the mandate a charge is collected under on the day, or why
// it is left out.
func (g debitCharge) mandate(ms []data.Mandate, day data.Date) (data.Mandate, string) {
	switch {
	case g.returned:
		// the bank gave it back: the studio talks to the client before
		// anything is collected again
		return data.Mandate{}, data.LeftReturned
	case g.inRun:
		return data.Mandate{}, data.LeftInRun
	case g.open <= 0:
		return data.Mandate{}, data.LeftAmountZero
	}
	m, reason := mandateFor(ms, day)
	if reason == "" && g.needsNotice() && (g.announced.IsZero() || g.announced.After(day)) {
		// another amount than the agreement's is collected only once a
		// pre-notification of it has given the client the days asked
		return data.Mandate{}, data.LeftNoticeLate
	}
	return m, reason
}

func orClient(holder, client string) string {
	if holder != "" {
		return holder
	}
	return client
}

// mandateFor chooses the client's newest mandate in force on the day, or
// says why there is none: none at all, all revoked, or expired.
func mandateFor(ms []data.Mandate, day data.Date) (data.Mandate, string) {
	if len(ms) == 0 {
		return data.Mandate{}, data.LeftNoMandate
	}
	reason := data.LeftRevoked
	for _, m := range ms { // newest first
		switch m.State(day) {
		case data.MandateActive:
			return m, ""
		case data.MandateExpired:
			reason = data.LeftExpired
		}
	}
	return data.Mandate{}, reason
}

// debitCharges reads the open charges of contracts paid by direct debit
// due up to until, by client and due date; of one client only when
// clientID is not 0.
func debitCharges(ctx context.Context, q *dbx, until data.Date, clientID int64) ([]debitCharge, error) {
	var out []debitCharge
	announced, err := announcedDays(ctx, q)
	if err != nil {
		return nil, err
	}
	args, clientFilter := []any{until.String()}, ""
	if clientID != 0 {
		args, clientFilter = append(args, clientID), ` AND g.client_id = ?`
	}
	err = eachRow(ctx, q, `SELECT g.id, g.client_id, coalesce(g.contract_id, 0), c.name, g.description, g.amount_cents - g.paid_cents,
			g.amount_cents, g.paid_cents, coalesce((SELECT p.price_cents FROM contract_prices p WHERE p.contract_id = k.id
				AND p.effective_from <= g.period_start ORDER BY p.effective_from DESC LIMIT 1), k.price_cents), g.due_on,
			coalesce((SELECT CASE WHEN d.returned_on = '' THEN 1 ELSE 2 END FROM debits d WHERE d.charge_id = g.id AND d.live = 1), 0)
		FROM charges g JOIN contracts k ON k.id = g.contract_id JOIN clients c ON c.id = g.client_id
		WHERE k.direct_debit = 1 AND g.waived_on = '' AND g.paid_cents < g.amount_cents AND g.due_on <= ?`+clientFilter+`
		ORDER BY g.client_id, g.due_on, g.id`, func(r rowsOf) error {
		var g debitCharge
		var due string
		var debited int // 0: in no run, 1: in one, 2: in one and returned
		err := r.Scan(&g.id, &g.client, &g.contract, &g.name, &g.description, &g.open, &g.amount, &g.paid, &g.price, &due, &debited)
		g.due, g.inRun, g.returned = mustDate(due), debited == 1, debited == 2
		g.announced = announced[chargeAmount{g.id, g.open}]
		out = append(out, g)
		return err
	}, args...)
	return out, err
}

// chargeAmount is a charge and an amount of it.
type chargeAmount struct {
	charge int64
	amount data.Money
}

// announcedDays are the first days pre-notifications announced amounts
// of charges for (a few: only amounts the agreement does not state get
// a letter).
func announcedDays(ctx context.Context, q *dbx) (map[chargeAmount]data.Date, error) {
	out := map[chargeAmount]data.Date{}
	err := eachRow(ctx, q, `SELECT charge_id, amount_cents, min(collect_on) FROM prenotices GROUP BY charge_id, amount_cents`,
		func(r rowsOf) error {
			var k chargeAmount
			var day string
			err := r.Scan(&k.charge, &k.amount, &day)
			out[k] = mustDate(day)
			return err
		})
	return out, err
}

// mandatesOfClients reads every mandate, by client, newest first.
func mandatesOfClients(ctx context.Context, q *dbx) (map[int64][]data.Mandate, error) {
	out := map[int64][]data.Mandate{}
	err := eachRow(ctx, q, `SELECT `+mandateColumns+mandateFrom+` ORDER BY m.client_id, m.id DESC`, func(r rowsOf) error {
		m, err := scanMandate(r)
		out[m.ClientID] = append(out[m.ClientID], m)
		return err
	})
	return out, err
}

// CreateDebitRun makes the run PlanDebits shows, planned again in the
// transaction that stores it: its charges are in collection from then on;
// render writes the file for the bank, which is kept with the run. A
// changed account's amendment goes with this run; the mandate's next run
// does not carry it again. A run with no debit is refused.
func (s *Store) CreateDebitRun(ctx context.Context, until, collectOn data.Date, studio string,
	render func(run data.DebitRun, cr data.Creditor) ([]byte, error)) (data.DebitRun, error) {
	if err := s.Allow(data.OpDebitRun); err != nil {
		return data.DebitRun{}, err
	}
	var run data.DebitRun
	err := s.write(ctx, func(tx *dbx) error {
		var cr data.Creditor
		var err error
		if run, cr, err = s.planDebits(ctx, tx, until, collectOn); err != nil {
			return err
		}
		if len(run.Debits) == 0 {
			return data.Errorf(data.CodeInvalid, "debit.run.empty", map[string]any{"Count": len(run.LeftOut)})
		}
		run.CreatedAt = stamp(s.now())
		if run.ID, err = tx.insertID(`INSERT INTO debit_runs (message_id, until_on, collect_on, count, total_cents, xml, staff_id,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, fmt.Sprintf("pending-%s", run.CreatedAt), run.Until.String(),
			run.CollectOn.String(), run.Count, run.Total, []byte{}, nullID(s.Actor()), run.CreatedAt); err != nil {
			return err
		}
		run.MessageID = fmt.Sprintf("SP-%06d-%s", run.ID, s.now().Format("20060102150405"))
		if err := insertDebits(tx, &run); err != nil {
			return err
		}
		file, err := render(run, cr)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE debit_runs SET message_id = ?, xml = ? WHERE id = ?`, run.MessageID, file, run.ID); err != nil {
			return err
		}
		return s.audit(tx, "debit_runs", run.ID, data.ActionCreate, nil, runAudit(run))
	})
	if err != nil {
		return data.DebitRun{}, internal(err)
	}
	return run, nil
}

// insertDebits stores the debits of a new run, many rows a statement,
// and takes the amendments they carry off their mandates: this run tells
// the bank.
func insertDebits(tx *dbx, run *data.DebitRun) error {
	ins := newRowBatch(tx, `INSERT INTO debits (run_id, charge_id, client_id, mandate_id, amount_cents, sequence, end_to_end, text,
		amended_from, amend_other_bank) VALUES`, "", 10)
	defer ins.close()
	for i := range run.Debits {
		d := &run.Debits[i]
		d.RunID, d.EndToEnd = run.ID, fmt.Sprintf("SP-%06d-%06d", run.ID, i+1)
		if err := ins.add(d.RunID, d.ChargeID, d.ClientID, d.MandateID, d.Amount, d.Sequence, d.EndToEnd, d.Text, d.AmendedFrom,
			d.AmendOtherBank); err != nil {
			return err
		}
	}
	if err := ins.flush(); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE mandates SET amended_from = '', amend_other_bank = 0
		WHERE id IN (SELECT mandate_id FROM debits WHERE run_id = ? AND amended_from <> '')`, run.ID)
	return err
}

// runAudit is what the audit log keeps of a run.
func runAudit(r data.DebitRun) map[string]any {
	return map[string]any{"message_id": r.MessageID, "collect_on": r.CollectOn, "count": r.Count, "total": r.Total,
		"status": r.Status}
}

// CancelDebitRun cancels a run not yet booked (before the file went to
// the bank): its charges are open to the next run, and the amendments it
// carried wait for that run again.
func (s *Store) CancelDebitRun(ctx context.Context, id int64) (data.DebitRun, error) {
	if err := s.Allow(data.OpDebitRun); err != nil {
		return data.DebitRun{}, err
	}
	var run data.DebitRun
	err := s.write(ctx, func(tx *dbx) error {
		var err error
		if run, err = getRun(tx, id); err != nil {
			return err
		}
		if run.Status != data.RunPrepared {
			return data.Errorf(data.CodeConflict, "debit.run.not_prepared", map[string]any{"Status": string(run.Status)})
		}
		before := run
		run.Status, run.CancelledOn = data.RunCancelled, s.Today()
		if _, err := tx.Exec(`UPDATE debit_runs SET status = 'cancelled', cancelled_on = ? WHERE id = ?`, run.CancelledOn.String(), id); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE mandates SET amended_from = (SELECT d.amended_from FROM debits d WHERE d.run_id = ? AND d.mandate_id = mandates.id
				AND d.amended_from <> '' ORDER BY d.id LIMIT 1),
			amend_other_bank = (SELECT d.amend_other_bank FROM debits d WHERE d.run_id = ? AND d.mandate_id = mandates.id
				AND d.amended_from <> '' ORDER BY d.id LIMIT 1)
			WHERE amended_from = '' AND id IN (SELECT mandate_id FROM debits WHERE run_id = ? AND amended_from <> '')`, id, id, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE debits SET live = 0 WHERE run_id = ?`, id); err != nil {
			return err
		}
		return s.audit(tx, "debit_runs", id, data.ActionUpdate, runAudit(before), runAudit(run))
	})
	if err != nil {
		return data.DebitRun{}, internal(err)
	}
	return run, nil
}

// BookDueRuns books the runs whose collection day has come: a payment by
// direct debit for each debit, dated the collection day and applied like
// any payment, the mandate's last collection set. It returns how many
// runs it booked.
func (s *Store) BookDueRuns(ctx context.Context) (int, error) {
	var due []int64
	today := s.Today()
	if err := eachRow(ctx, s.read, `SELECT id FROM debit_runs WHERE status = 'prepared' AND collect_on <= ? ORDER BY id`,
		func(r rowsOf) error {
			var id int64
			err := r.Scan(&id)
			due = append(due, id)
			return err
		}, today.String()); err != nil {
		return 0, internal(err)
	}
	for _, id := range due {
		if err := s.bookRun(ctx, id); err != nil {
			return 0, err
		}
	}
	return len(due), nil
}

// bookRun books one run in one transaction.
func (s *Store) bookRun(ctx context.Context, id int64) error {
	return internal(s.write(ctx, func(tx *dbx) error {
		run, err := getRun(tx, id)
		if err != nil || run.Status != data.RunPrepared {
			return err // booked meanwhile by another counter
		}
		debits, err := runDebits(ctx, tx, id)
		if err != nil {
			return err
		}
		clients := map[int64]bool{}
		for i := range debits {
			d := &debits[i]
			p := data.Payment{ClientID: d.ClientID, Amount: d.Amount, Method: data.MethodDirectDebit, ReceivedOn: run.CollectOn,
				Note: run.MessageID + " " + d.EndToEnd}
			if err := s.insertPayment(tx, &p); err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE debits SET payment_id = ? WHERE id = ?`, p.ID, d.ID); err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE mandates SET last_collected = ? WHERE id = ? AND last_collected < ?`,
				run.CollectOn.String(), d.MandateID, run.CollectOn.String()); err != nil {
				return err
			}
			clients[d.ClientID] = true
		}
		ids := make([]int64, 0, len(clients))
		for c := range clients {
			ids = append(ids, c)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, c := range ids {
			if err := s.settle(tx, c); err != nil {
				return err
			}
		}
		before := run
		run.Status, run.BookedOn = data.RunBooked, s.Today()
		if _, err := tx.Exec(`UPDATE debit_runs SET status = 'booked', booked_on = ? WHERE id = ?`, run.BookedOn.String(), id); err != nil {
			return err
		}
		return s.audit(tx, "debit_runs", id, data.ActionUpdate, runAudit(before), runAudit(run))
	}))
}

const runColumns = `id, message_id, until_on, collect_on, status, count, total_cents, cancelled_on, booked_on, created_at`

func scanRun(r scanner) (data.DebitRun, error) {
	var run data.DebitRun
	var until, collect, cancelled, booked string
	err := r.Scan(&run.ID, &run.MessageID, &until, &collect, &run.Status, &run.Count, &run.Total, &cancelled, &booked, &run.CreatedAt)
	run.Until, run.CollectOn, run.CancelledOn, run.BookedOn = mustDate(until), mustDate(collect), mustDate(cancelled), mustDate(booked)
	return run, err
}

func getRun(q querier, id int64) (data.DebitRun, error) {
	run, err := scanRun(q.QueryRow(`SELECT `+runColumns+` FROM debit_runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return run, data.Errorf(data.CodeNotFound, "debit.run.not_found", map[string]any{"ID": id})
	}
	return run, err
}

// DebitRuns lists the collection runs, the newest first.
func (s *Store) DebitRuns(ctx context.Context) ([]data.DebitRun, error) {
	var out []data.DebitRun
	err := eachRow(ctx, s.read, `SELECT `+runColumns+` FROM debit_runs ORDER BY id DESC`, func(r rowsOf) error {
		run, err := scanRun(r)
		out = append(out, run)
		return err
	})
	return out, internal(err)
}

// DebitRun reads a run with its debits.
func (s *Store) DebitRun(ctx context.Context, id int64) (data.DebitRun, error) {
	run, err := getRun(s.read, id)
	if err != nil {
		return run, internal(err)
	}
	run.Debits, err = runDebits(ctx, s.read, id)
	return run, internal(err)
}

// DebitRunFile is the file a run was written as for the bank.
func (s *Store) DebitRunFile(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := s.read.QueryRowContext(ctx, `SELECT xml FROM debit_runs WHERE id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.CodeNotFound, "debit.run.not_found", map[string]any{"ID": id})
	}
	return b, internal(err)
}

// runDebits reads a run's debits with their mandates as they stand.
func runDebits(ctx context.Context, q *dbx, runID int64) ([]data.Debit, error) {
	var out []data.Debit
	err := eachRow(ctx, q, `SELECT d.id, d.run_id, d.charge_id, d.client_id, d.mandate_id, d.amount_cents, d.sequence, d.end_to_end,
			d.text, d.amended_from, d.amend_other_bank, coalesce(d.payment_id, 0), c.name, m.reference, m.signed_on,
			m.holder, m.iban, m.bic
		FROM debits d JOIN clients c ON c.id = d.client_id JOIN mandates m ON m.id = d.mandate_id
		WHERE d.run_id = ? ORDER BY d.id`, func(r rowsOf) error {
		var d data.Debit
		var signed string
		err := r.Scan(&d.ID, &d.RunID, &d.ChargeID, &d.ClientID, &d.MandateID, &d.Amount, &d.Sequence, &d.EndToEnd, &d.Text,
			&d.AmendedFrom, &d.AmendOtherBank, &d.PaymentID, &d.ClientName, &d.Reference, &signed, &d.Holder, &d.IBAN, &d.BIC)
		d.SignedOn = mustDate(signed)
		d.Holder = orClient(d.Holder, d.ClientName)
		out = append(out, d)
		return err
	}, runID)
	return out, err
}
