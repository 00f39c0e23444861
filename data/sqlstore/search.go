package sqlstore

import (
	"context"
	"sort"
	"strings"
	"studiopartner/data"
	"unicode"
)

// fold lowers s and strips accents: "José Müller" → "jose muller".
func fold(s string) string {
	return data.FoldWith(s, nil)
}

// words splits folded text into words of letters and digits; "anna-lena"
// gives "anna", "lena" and "annalena".
func words(s string) []string {
	var out []string
	for _, chunk := range strings.Fields(s) {
		parts := strings.FieldsFunc(chunk, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		out = append(out, parts...)
		if len(parts) > 1 {
			out = append(out, strings.Join(parts, ""))
		}
	}
	return out
}

// digitsOf keeps only the digits of s.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clientTerms returns the distinct search terms of a client.
func clientTerms(name, email, phone, contact string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, src := range []string{name, contact} {
		for _, w := range words(fold(src)) {
			add(w)
		}
		for _, w := range words(data.FoldUmlauts(src)) {
			add(w)
		}
	}
	if e := strings.ToLower(strings.TrimSpace(email)); e != "" {
		add(e)
	}
	if d := digitsOf(phone); d != "" {
		add(d)
		if strings.HasPrefix(d, "49") && len(d) > 4 {
			add("0" + d[2:]) // +49 171 … is also found as 0171 …
		}
	}
	return out
}

// searchText is the text the contains-search looks through: the terms,
// each preceded by a space so " term" marks a word start.
func searchText(terms []string) string {
	return " " + strings.Join(terms, " ")
}

// indexer writes clients' search terms through statements prepared once
// per transaction and batched inserts, so storing many clients stays fast.
// Call flush before the transaction commits.
type indexer struct {
	delTerms, delText, setText *dbStmt
	terms, texts               *rowBatch
}

func newIndexer(tx *dbx) (*indexer, error) {
	ix := indexer{terms: newRowBatch(tx, `INSERT INTO client_terms (term, client_id) VALUES`, `ON CONFLICT DO NOTHING`, 2)}
	steps := []struct {
		st  **dbStmt
		sql string
	}{
		{&ix.delTerms, `DELETE FROM client_terms WHERE client_id = ?`},
		{&ix.setText, `UPDATE clients SET search_text = ? WHERE id = ?`},
	}
	if tx.d.searchTable {
		ix.texts = newRowBatch(tx, `INSERT INTO client_fts (rowid, search_text) VALUES`, "", 2)
		steps = append(steps, struct {
			st  **dbStmt
			sql string
		}{&ix.delText, `DELETE FROM client_fts WHERE rowid = ?`})
	}
	for _, p := range steps {
		st, err := tx.Prepare(p.sql)
		if err != nil {
			ix.close()
			return nil, err
		}
		*p.st = st
	}
	return &ix, nil
}

func (ix *indexer) close() {
	for _, st := range []*dbStmt{ix.delTerms, ix.delText, ix.setText} {
		if st != nil {
			st.Close()
		}
	}
	ix.terms.close()
	if ix.texts != nil {
		ix.texts.close()
	}
}

// flush sends the terms still queued.
func (ix *indexer) flush() error {
	if err := ix.terms.flush(); err != nil {
		return err
	}
	if ix.texts == nil {
		return nil
	}
	return ix.texts.flush()
}

// index replaces the search terms of one client; fresh says it has none yet.
func (ix *indexer) index(c *data.Client, fresh bool) error {
	terms := clientTerms(c.Name, c.Email, c.Phone, c.ContactPerson)
	if !fresh {
		// terms still queued may be this client's: send them before deleting
		if err := ix.flush(); err != nil {
			return err
		}
		if _, err := ix.delTerms.Exec(c.ID); err != nil {
			return err
		}
		if ix.delText != nil {
			if _, err := ix.delText.Exec(c.ID); err != nil {
				return err
			}
		}
	}
	text := searchText(terms)
	if _, err := ix.setText.Exec(text, c.ID); err != nil {
		return err
	}
	return ix.queue(c.ID, terms, text)
}

// queue adds the terms and search text of a client who has none yet.
func (ix *indexer) queue(clientID int64, terms []string, text string) error {
	for _, t := range terms {
		if err := ix.terms.add(t, clientID); err != nil {
			return err
		}
	}
	if ix.texts == nil {
		return nil // the clients' own column is indexed
	}
	return ix.texts.add(clientID, text)
}

// rebuildClientSearch fills the search terms of every client; migration 2
// runs it for clients stored before search existed.
func rebuildClientSearch(tx *dbx) error {
	var all []data.Client
	err := eachRow(inTx, tx, `SELECT id, name, email, phone, contact_person FROM clients`, func(r rowsOf) error {
		var c data.Client
		err := r.Scan(&c.ID, &c.Name, &c.Email, &c.Phone, &c.ContactPerson)
		all = append(all, c)
		return err
	})
	if err != nil {
		return err
	}
	ix, err := newIndexer(tx)
	if err != nil {
		return err
	}
	defer ix.close()
	for i := range all {
		if err := ix.index(&all[i], false); err != nil {
			return err
		}
	}
	return ix.flush()
}

// prefixRange returns the bounds [lo, hi) of all terms starting with p.
func prefixRange(p string) (string, string) {
	return p, p + "\U0010FFFF"
}

// searchQuery is a search input split into folded words; the longest word
// drives the index lookup and the others filter.
type searchQuery struct {
	words []string
	main  string
}

func parseSearch(q string) searchQuery {
	var sq searchQuery
	q = strings.TrimSpace(q)
	if d := digitsOf(q); d != "" && len(d) >= 3 && strings.Trim(q, "0123456789 +-/()") == "" {
		sq.words = []string{d}
	} else if strings.Contains(q, "@") {
		sq.words = []string{strings.ToLower(q)}
	} else {
		sq.words = words(fold(q))
	}
	for _, w := range sq.words {
		if len(w) > len(sq.main) {
			sq.main = w
		}
	}
	return sq
}

// SearchClients finds clients whose name, contact person, e-mail or phone
// has a word starting with each word of q, ignoring case and accents.
// When fewer than limit match and q is one word of three or more letters,
// clients that merely contain it follow, by name. An empty q lists
// clients by name.
func (s *Store) SearchClients(ctx context.Context, q string, limit int) ([]data.ClientRow, error) {
	sq := parseSearch(q)
	if sq.main == "" {
		return s.ListClients(ctx, 0, limit)
	}
	rows, err := s.prefixRows(ctx, sq, limit)
	if err != nil || len(rows) >= limit || len([]rune(sq.main)) < 3 || len(sq.words) != 1 {
		return rows, internal(err)
	}
	more, err := s.containsRows(ctx, sq.main, limit) // enough: at most len(rows) of them repeat
	if err != nil {
		return nil, internal(err)
	}
	seen := make(map[int64]bool, len(rows))
	for _, r := range rows {
		seen[r.ID] = true
	}
	var extra []data.ClientRow
	for _, r := range more {
		if !seen[r.ID] && len(rows)+len(extra) < limit {
			seen[r.ID] = true
			extra = append(extra, r)
		}
	}
	sort.Slice(extra, func(i, j int) bool {
		if extra[i].SortKey != extra[j].SortKey {
			return extra[i].SortKey < extra[j].SortKey
		}
		return extra[i].ID < extra[j].ID // namesakes in the order they came
	})
	return append(rows, extra...), nil
}

const clientRowColumns = `c.id, c.name, c.phone, c.email, c.status`

// prefixRows walks the term index in order and keeps the first limit
// distinct clients that match every word.
func (s *Store) prefixRows(ctx context.Context, sq searchQuery, limit int) ([]data.ClientRow, error) {
	lo, hi := prefixRange(sq.main)
	query := `SELECT ` + clientRowColumns + ` FROM client_terms t JOIN clients c ON c.id = t.client_id
		WHERE t.term >= ? AND t.term < ?`
	args := []any{lo, hi}
	for _, w := range sq.words {
		if w != sq.main {
			query += ` AND {{instr}}(c.search_text, ?) > 0`
			args = append(args, " "+w)
		}
	}
	query += ` ORDER BY t.term, t.client_id LIMIT ?`
	// A client matches once per matching term, so read a few rows more than
	// asked for, and more again if duplicates ate into them.
	for fetch := limit + 10; ; fetch *= 4 {
		rows, err := s.queryHot(ctx, query, append(args, fetch)...)
		if err != nil {
			return nil, err
		}
		all, err := collectClientRows(rows)
		if err != nil {
			return nil, err
		}
		out := make([]data.ClientRow, 0, limit)
		seen := make(map[int64]bool, len(all))
		for _, r := range all {
			if !seen[r.ID] && len(out) < limit {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
		if len(out) == limit || len(all) < fetch {
			return out, nil
		}
	}
}

// containsRows finds clients whose search text contains w anywhere,
// through a trigram index (SQLite's FTS5 table client_fts; pg_trgm on the
// clients' own column on PostgreSQL). It stops at limit matches rather
// than sorting every match: the caller sorts the few it shows.
func (s *Store) containsRows(ctx context.Context, w string, limit int) ([]data.ClientRow, error) {
	// No ESCAPE clause: FTS5 uses the trigram index only for a plain LIKE.
	// A "%" or "_" typed into the search merely widens the match.
	query := `SELECT ` + clientRowColumns + `, c.sort_name FROM client_fts f JOIN clients c ON c.id = f.rowid
		WHERE f.search_text LIKE ? ORDER BY f.rowid LIMIT ?`
	if !s.d.searchTable { // the same first matches on both engines: the oldest clients
		query = `SELECT ` + clientRowColumns + `, c.sort_name FROM clients c WHERE c.search_text LIKE ? ORDER BY c.id LIMIT ?`
	}
	rows, err := s.read.QueryContext(ctx, query, "%"+w+"%", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ClientRow
	for rows.Next() {
		var r data.ClientRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Phone, &r.Email, &r.Status, &r.SortKey); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
