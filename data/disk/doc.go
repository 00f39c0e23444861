// Package disk holds the file matters beside the database: the one
// safe-write helper every written file goes through (a temporary file
// published by rename), advisory file locks, the network-drive check, the
// register of erasures kept next to a database file, and the naming and
// thinning of backup copies. It runs no SQL.
package disk
