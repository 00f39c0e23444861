package sqlstore

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"studiopartner/data"
)

// Budget returns the monthly goodwill budget (0 = none set).
func (s *Store) Budget(ctx context.Context) (data.Money, error) {
	v, err := s.Setting(ctx, data.SettingBudget)
	n, _ := strconv.ParseInt(v, 10, 64)
	return data.Money(n), err
}

// GoodwillInMonth is the value of the goodwill given in the month of day,
// for the counter's note when the budget is passed; anyone may read it.
func (s *Store) GoodwillInMonth(ctx context.Context, day data.Date) (data.Money, error) {
	var v int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(sum(value_cents), 0) FROM goodwill_sums
		WHERE month = ? AND kind = 'month'`, day.String()[:7]).Scan(&v)
	return data.Money(v), internal(err)
}

// SetBudget stores the monthly goodwill budget.
func (s *Store) SetBudget(ctx context.Context, m data.Money) error {
	if err := s.Allow(data.OpBudget); err != nil {
		return err
	}
	if m < 0 || m > data.MaxMoney {
		return &data.Error{Code: data.CodeInvalid, Key: "settings.invalid", Fields: []data.FieldError{{Field: "budget", Key: "price.negative"}}}
	}
	return s.setSetting(ctx, data.SettingBudget, strconv.FormatInt(int64(m), 10), m)
}

// reviewMonth checks and normalises the month to review: its first day,
// not in the future.
func (s *Store) reviewMonth(month data.Date) (data.Date, data.Date, error) {
	first := data.NewDate(month.Year(), month.Month(), 1)
	today := s.Today()
	if first.After(today) {
		return data.Date{}, data.Date{}, &data.Error{Code: data.CodeInvalid, Key: "review.invalid", Fields: []data.FieldError{{Field: "month", Key: "review.month.future"}}}
	}
	return first, first.AddMonthsClamped(1).AddDays(-1), nil
}

// MonthlyReview computes the review of the month that month falls in,
// for the whole studio.
func (s *Store) MonthlyReview(ctx context.Context, month data.Date) (data.Review, error) {
	return s.MonthlyReviewOf(ctx, month, "")
}

// MonthlyReviewOf computes the review of the month that month falls in
// for one branch: its goodwill, payments and visits (” = every branch).
// Demands and today's flags are the studio's: a client belongs to every
// branch.
func (s *Store) MonthlyReviewOf(ctx context.Context, month data.Date, branch string) (data.Review, error) {
	if err := s.Allow(data.OpReview); err != nil {
		return data.Review{}, err
	}
	first, last, err := s.reviewMonth(month)
	if err != nil {
		return data.Review{}, err
	}
	if branch, err = data.CleanBranch(branch); err != nil {
		return data.Review{}, err
	}
	if err := s.freshen(ctx); err != nil {
		return data.Review{}, err
	}
	var r data.Review
	err = s.snapshot(ctx, func(v *Store) error {
		r, err = v.monthlyReview(ctx, v.sumsOf(branch, first), first, last)
		return err
	})
	return r, err
}

// monthlyReview gathers the review of the month from first to last.
func (s *Store) monthlyReview(ctx context.Context, q sumsReader, first, last data.Date) (data.Review, error) {
	r := data.Review{Month: first, Branch: q.branch, Steps: map[data.DemandStatus]data.DemandTally{}}
	steps := []func() error{
		func() error { return q.reviewSlices(ctx, &r, first) },
		func() error { return q.reviewTop(ctx, &r, first, last) },
		func() error { return q.reviewSeries(ctx, &r, first) },
		func() error { return s.reviewDemands(ctx, &r, first, last) },
		func() error {
			var err error
			r.Budget, err = s.Budget(ctx)
			return err
		},
		func() error {
			heavy, err := s.heavyFlags(ctx)
			r.Heavy = heavy
			return err
		},
		func() error { return q.reviewVisits(ctx, &r, first) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return data.Review{}, internal(err)
		}
	}
	if r.Clients > 0 {
		r.PerClient = data.RoundDiv(r.Total.Value, int64(r.Clients))
	}
	return r, nil
}

// reviewSlices reads the month's sums by category and staff member, the
// number of clients given goodwill and the month's payments, all kept up
// to date in the transaction of every change (derived.go).
func (q sumsReader) reviewSlices(ctx context.Context, r *data.Review, first data.Date) error {
	month := first.String()[:7]
	err := eachRow(ctx, q, `SELECT part, entries, value_cents, minutes FROM goodwill_sums
		WHERE month = ? AND kind = 'category' AND entries > 0 ORDER BY value_cents DESC, part`, func(rows rowsOf) error {
		var sl data.Slice
		err := rows.Scan(&sl.Key, &sl.Entries, &sl.Value, &sl.Minutes)
		r.Categories = append(r.Categories, sl)
		r.Total.Entries += sl.Entries
		r.Total.Value += sl.Value
		r.Total.Minutes += sl.Minutes
		return err
	}, month)
	if err != nil {
		return err
	}
	r.Total.Month = first
	err = eachRow(ctx, q, `SELECT CAST(g.part AS INTEGER), coalesce(m.name, ''), g.entries, g.value_cents, g.minutes
		FROM goodwill_sums g LEFT JOIN staff m ON m.id = CAST(g.part AS INTEGER)
		WHERE g.month = ? AND g.kind = 'staff' AND g.entries > 0 ORDER BY g.value_cents DESC, g.part`, func(rows rowsOf) error {
		var sl data.Slice
		err := rows.Scan(&sl.ID, &sl.Key, &sl.Entries, &sl.Value, &sl.Minutes)
		r.Staff = append(r.Staff, sl)
		return err
	}, month)
	if err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM goodwill_sums WHERE month = ? AND kind = 'client' AND entries > 0`,
		month).Scan(&r.Clients); err != nil {
		return err
	}
	return q.QueryRowContext(ctx, `SELECT coalesce((SELECT amount_cents FROM payment_months WHERE month = ?), 0)`,
		month).Scan(&r.Revenue)
}

// reviewTop reads the ten clients given the most in the month: ties by
// value, then entries, then name; what they paid counts the last twelve
// months, as the counter does. TopMore counts those left out that tie
// with the tenth.
func (q sumsReader) reviewTop(ctx context.Context, r *data.Review, first, last data.Date) error {
	month := first.String()[:7]
	yearFrom := last.AddMonthsClamped(-12).AddDays(1)
	// the ten first, read down the index by value until the ties are
	// settled; then what those ten paid, not everyone given goodwill
	err := eachRow(ctx, q, `SELECT t.id, t.name, t.entries, t.value_cents, t.minutes,
			coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.client_id = t.id AND p.received_on BETWEEN ? AND ?`+q.cond("p.branch")+`), 0)
		FROM (SELECT c.id, c.name, c.sort_name, g.entries, g.value_cents, g.minutes
			FROM goodwill_sums g {{indexed:goodwill_sums_top}} JOIN clients c ON c.id = CAST(g.part AS INTEGER)
			WHERE g.month = ? AND g.kind = 'client' AND g.entries > 0
			ORDER BY g.value_cents DESC, g.entries DESC, c.sort_name, c.id LIMIT 10) t
		ORDER BY t.value_cents DESC, t.entries DESC, t.sort_name, t.id`, func(rows rowsOf) error {
		var sl data.Slice
		err := rows.Scan(&sl.ID, &sl.Key, &sl.Entries, &sl.Value, &sl.Minutes, &sl.Paid)
		r.Top = append(r.Top, sl)
		return err
	}, q.withBranch(yearFrom.String(), last.String())(month)...)
	if err != nil {
		return err
	}
	if len(r.Top) == 10 {
		tenth := r.Top[9].Value
		same := 0
		for _, sl := range r.Top {
			if sl.Value == tenth {
				same++
			}
		}
		var all int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM goodwill_sums WHERE month = ? AND kind = 'client'
			AND entries > 0 AND value_cents = ?`, month, tenth).Scan(&all); err != nil {
			return err
		}
		r.TopMore = all - same
	}
	return nil
}

// reviewSeries reads the twelve months up to this one, the month before
// and the same month a year before from the monthly sums.
func (q sumsReader) reviewSeries(ctx context.Context, r *data.Review, first data.Date) error {
	from := first.AddMonthsClamped(-12)
	months := make([]any, 13) // a year back and this month: thirteen lookups by key
	for i := range months {
		months[i] = from.AddMonthsClamped(i).String()[:7]
	}
	byMonth := map[string]data.MonthTotal{}
	err := eachRow(ctx, q, `SELECT month, entries, value_cents, minutes FROM goodwill_sums
		WHERE kind = 'month' AND part = '' AND month IN (?`+strings.Repeat(",?", len(months)-1)+`)`,
		func(rows rowsOf) error {
			var key string
			var t data.MonthTotal
			err := rows.Scan(&key, &t.Entries, &t.Value, &t.Minutes)
			byMonth[key] = t
			return err
		}, months...)
	if err != nil {
		return err
	}
	total := func(m data.Date) data.MonthTotal {
		t := byMonth[m.String()[:7]]
		t.Month = m
		return t
	}
	for i := 11; i >= 0; i-- {
		r.Series = append(r.Series, total(first.AddMonthsClamped(-i)))
	}
	r.Previous, r.LastYear = total(first.AddMonthsClamped(-1)), total(from)
	return nil
}

// reviewDemands counts the demands raised that month, those that reached
// each status that month, and the billed ones unpaid today.
func (s *Store) reviewDemands(ctx context.Context, r *data.Review, first, last data.Date) error {
	if err := s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(claimed_cents), 0) FROM demands
		WHERE raised_on BETWEEN ? AND ?`, first.String(), last.String()).Scan(&r.Raised.Count, &r.Raised.Value); err != nil {
		return err
	}
	err := eachRow(ctx, s.read, `SELECT t.to_status, count(*), coalesce(sum(d.claimed_cents), 0) FROM demand_steps t
		JOIN demands d ON d.id = t.demand_id WHERE t.on_day BETWEEN ? AND ? GROUP BY t.to_status`, func(rows rowsOf) error {
		var st data.DemandStatus
		var tally data.DemandTally
		err := rows.Scan(&st, &tally.Count, &tally.Value)
		r.Steps[st] = tally
		return err
	}, first.String(), last.String())
	if err != nil {
		return err
	}
	return s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(g.amount_cents - g.paid_cents), 0) FROM demands d
		JOIN charges g ON g.id = d.charge_id WHERE d.status = 'billed' AND g.paid_cents < g.amount_cents AND g.waived_on = ''`).
		Scan(&r.Unpaid.Count, &r.Unpaid.Value)
}

// heavyFlags returns today's heavy-goodwill flags.
func (s *Store) heavyFlags(ctx context.Context) ([]data.Flag, error) {
	rules, err := s.FlagRules(ctx)
	if err != nil {
		return nil, err
	}
	var out []data.Flag
	err = s.heavyGoodwill(ctx, rules, s.Today(), func(string) (string, []any) { return "", nil }, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Amount > out[j].Amount })
	return out, err
}

// forgetPayments takes the payments that filter selects (and are about to
// be deleted) out of the month's sums, in the same transaction.
func forgetPayments(tx *dbx, filter string, args ...any) error {
	_, err := tx.Exec(`UPDATE payment_months SET amount_cents = amount_cents - coalesce((SELECT sum(amount_cents)
		FROM payments WHERE substr(received_on, 1, 7) = payment_months.month AND `+filter+`), 0)`, args...)
	return err
}
