package sqlstore

import (
	"context"
	"sort"
	"strconv"
	"studiopartner/data"
	"time"
)

// The privacy information promises that contact data goes when the
// partnership has ended and nothing is open. The yearly clean-up (and
// Settings › Retention) therefore lists the former clients whose last
// contract ended the set months ago and who owe and are owed nothing, and
// offers to erase them.

// settingEraseAfter is how many months after a partnership ended its
// client is offered for erasure.
const settingEraseAfter = "retention:erase_after_months"

// EraseAfterMonths returns the months after which a former client is
// offered for erasure.
func (s *Store) EraseAfterMonths(ctx context.Context) (int, error) {
	v, err := s.Setting(ctx, settingEraseAfter)
	if n, convErr := strconv.Atoi(v); err == nil && convErr == nil {
		return n, nil
	}
	return data.DefaultEraseAfterMonths, err
}

// SaveEraseAfterMonths sets that time, 1 to 120 months; only the owner may.
func (s *Store) SaveEraseAfterMonths(ctx context.Context, months int) error {
	if err := s.Allow(data.OpSettings); err != nil {
		return err
	}
	if months < 1 || months > 120 {
		return &data.Error{Code: data.CodeInvalid, Key: "settings.invalid", Fields: []data.FieldError{{Field: "erase_after_months",
			Key: "retention.months.range", Args: map[string]any{"Min": 1, "Max": 120}}}}
	}
	return s.write(ctx, func(tx *dbx) error {
		if err := setSetting(tx, settingEraseAfter, strconv.Itoa(months)); err != nil {
			return err
		}
		return s.audit(tx, "settings", 0, data.ActionUpdate, nil, map[string]any{settingEraseAfter: months})
	})
}

// DueForErasure lists the former clients, not yet erased, whose last
// contract ended at least the set months ago, with nothing open, no
// credit and no demand unsettled; the oldest first.
func (s *Store) DueForErasure(ctx context.Context) ([]data.DueClient, error) {
	months, err := s.EraseAfterMonths(ctx)
	if err != nil {
		return nil, err
	}
	cutoff := s.Today().AddMonthsClamped(-months)
	var candidates []data.DueClient
	err = eachRow(ctx, s.read, `SELECT id, name, updated_at FROM clients WHERE status = 'former' AND erased_on = '' ORDER BY id`,
		func(r rowsOf) error {
			var c data.DueClient
			var updated string
			err := r.Scan(&c.ID, &c.Name, &updated)
			if t, perr := time.Parse(time.RFC3339, updated); perr == nil {
				c.EndedOn = data.DateOf(t)
			}
			candidates = append(candidates, c)
			return err
		})
	if err != nil {
		return nil, internal(err)
	}
	var out []data.DueClient
	for _, c := range candidates {
		ended, running, err := s.partnershipEnd(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if running {
			continue
		}
		if !ended.IsZero() {
			c.EndedOn = ended
		}
		if c.EndedOn.IsZero() || c.EndedOn.After(cutoff) || s.ErasureBlock(ctx, c.ID) != nil {
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].EndedOn.Before(out[j].EndedOn) })
	return out, nil
}

// partnershipEnd is the last day any of the client's contracts ends;
// running is true while one has no end.
func (s *Store) partnershipEnd(ctx context.Context, clientID int64) (last data.Date, running bool, err error) {
	ks, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return data.Date{}, false, err
	}
	for _, k := range ks {
		end := k.End()
		if end.IsZero() {
			return data.Date{}, true, nil
		}
		if end.After(last) {
			last = end
		}
	}
	return last, false, nil
}

// EraseDue erases the clients DueForErasure lists now; it returns how
// many were erased.
func (s *Store) EraseDue(ctx context.Context) (int, error) {
	if err := s.Allow(data.OpErase); err != nil {
		return 0, err
	}
	due, err := s.DueForErasure(ctx)
	if err != nil {
		return 0, err
	}
	for i, c := range due {
		if err := s.EraseClient(ctx, c.ID); err != nil {
			return i, err
		}
	}
	return len(due), nil
}
