package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"studiopartner/data"
)

// Every change to the records writes an audit row in its own transaction,
// so the audit log is also the log of changes a counter follows: it reads
// the rows after the last one it saw. On a server every write also sends
// a notification at its commit (changesChannel), so a counter that waits
// for one learns of a change at once; on a file, and whenever the
// notifications are gone, it looks again after a short pause.

// changesChannel is the server's channel of the commit notifications.
const changesChannel = "studiopartner_changes"

// gapWait is how long an id below the last one seen is still looked for:
// on a server a transaction that took a lower id may commit after one
// that took a higher; a transaction that rolled back leaves its id unused.
const gapWait = 30 * time.Second

// filePoll is how often a change feed on a file looks for changes;
// serverPoll how often one on a server looks though no notification came
// (a write by a program that sends none).
const (
	filePoll   = 250 * time.Millisecond
	serverPoll = 2 * time.Second
)

// ChangeFeed follows the changes made to the records from the moment it
// starts, by this program and by every other one on the same database.
type ChangeFeed struct {
	s      *Store
	last   int64               // the highest id seen
	gaps   map[int64]time.Time // ids below last not seen yet, and since when
	listen *pgx.Conn           // a server's connection that waits for notifications; nil on a file
}

// FollowChanges starts a feed of the changes made from now on.
func (s *Store) FollowChanges(ctx context.Context) (*ChangeFeed, error) {
	f := &ChangeFeed{s: s, gaps: map[int64]time.Time{}}
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&f.last); err != nil {
		return nil, internal(err)
	}
	if s.OnServer() {
		f.connect(ctx) // without it the feed looks again after pauses
	}
	return f, nil
}

// connect opens the connection that waits for the server's notifications.
func (f *ChangeFeed) connect(ctx context.Context) {
	cfg, err := pgx.ParseConfig(strings.TrimSpace(f.s.conn))
	if err != nil {
		return
	}
	cfg.RuntimeParams["application_name"] = programName
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = serverConnectTimeout
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return
	}
	if _, err := conn.Exec(ctx, `LISTEN `+changesChannel); err != nil {
		conn.Close(context.Background())
		return
	}
	f.listen = conn
}

// Close ends the feed.
func (f *ChangeFeed) Close() {
	if f.listen != nil {
		f.listen.Close(context.Background())
		f.listen = nil
	}
}

// Next returns the changes made since the last it returned, oldest first;
// when there are none it waits up to wait for some. It returns none when
// wait passed without a change.
func (f *ChangeFeed) Next(ctx context.Context, wait time.Duration) ([]data.Change, error) {
	deadline := time.Now().Add(wait)
	for {
		changes, err := f.read(ctx)
		if err != nil || len(changes) > 0 {
			return changes, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, nil
		}
		if err := f.pause(ctx, left); err != nil {
			return nil, err
		}
	}
}

// pause waits until a server says something was committed, or a file's
// poll comes round, or up to left; a lost server connection is opened
// again at the next pause.
func (f *ChangeFeed) pause(ctx context.Context, left time.Duration) error {
	if f.listen == nil && f.s.OnServer() {
		f.connect(ctx)
	}
	if f.listen == nil {
		left = min(left, filePoll)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(left):
			return nil
		}
	}
	wctx, cancel := context.WithTimeout(ctx, min(left, serverPoll))
	defer cancel()
	_, err := f.listen.WaitForNotification(wctx)
	switch {
	case err == nil, wctx.Err() != nil && ctx.Err() == nil:
		return nil // notified, or the time is up
	case ctx.Err() != nil:
		return ctx.Err()
	}
	f.Close() // the server went away: look again after pauses, connect at the next
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(min(left, filePoll)):
		return nil
	}
}

// read reads the changes after the last seen, and those of the gaps that
// committed meanwhile.
func (f *ChangeFeed) read(ctx context.Context) ([]data.Change, error) {
	now := time.Now()
	args := []any{f.last}
	q := `SELECT id, at, table_name, action, row_id, coalesce(client_id, 0) FROM audit_log WHERE id > ?`
	for id, since := range f.gaps {
		if now.Sub(since) > gapWait {
			delete(f.gaps, id)
			continue
		}
		args = append(args, id)
	}
	if len(args) > 1 {
		q += ` OR id IN (?` + strings.Repeat(", ?", len(args)-2) + `)`
	}
	var out []data.Change
	err := eachRow(ctx, f.s.read, q+` ORDER BY id LIMIT 1000`, func(r rowsOf) error {
		var c data.Change
		var table, action string
		if err := r.Scan(&c.ID, &c.At, &table, &action, &c.Record, &c.ClientID); err != nil {
			return err
		}
		c.Kind = table + "." + action
		out = append(out, c)
		return nil
	}, args...)
	if err != nil {
		return nil, internal(err)
	}
	for _, c := range out {
		delete(f.gaps, c.ID)
		if c.ID <= f.last {
			continue
		}
		if c.ID-f.last <= 1000 { // a bulk write's rows come together: no gaps to wait for
			for id := f.last + 1; id < c.ID; id++ {
				f.gaps[id] = now
			}
		}
		f.last = c.ID
	}
	return out, nil
}
