package sqlstore

import (
	"os"
	"testing"

	"studiopartner/data/pgtest"
)

// pg is the PostgreSQL server of this package's tests, started when a
// test first needs it.
var pg pgtest.Lazy

func TestMain(m *testing.M) { os.Exit(pg.Main(m)) }
