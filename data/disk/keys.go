package disk

import (
	"time"
)

// Message keys for opening a database.
const (
	KeyDBFolderMissing = "db.folder_missing"
	KeyDBNotWritable   = "db.not_writable"
	KeyDBNotSQLite     = "db.not_sqlite"
	KeyDBNotOurs       = "db.not_ours"
	KeyDBDamaged       = "db.damaged"
	KeyDBLocked        = "db.locked_by_other"
	KeyDBReadOnly      = "db.folder_read_only"
	KeyDBTooNew        = "db.too_new"
	KeyDBOpen          = "db.open_failed"
	KeyDBBusy          = "db.busy"
	keyDBRestoring     = "db.restoring"
)

var SqliteHeader = []byte("SQLite format 3\x00")

// BusyTimeout is how long a connection waits for another's write lock.
const BusyTimeout = 5 * time.Second
