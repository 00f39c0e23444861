// Package sqlstore keeps the studio's records: one Store over an embedded
// SQLite file or a studio's PostgreSQL server. It holds every SQL string of
// the program and is the only package that knows which engine it talks to:
// the dialect (placeholders, search, index hints, row locks), the
// migrations of both engines, the classification of the drivers' errors,
// the derived values kept in the same transaction as a change, and the
// backups and restores of a database file.
package sqlstore
