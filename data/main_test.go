package data

import (
	"os"
	"testing"

	"studiopartner/data/pgtest"
)

// pg is the PostgreSQL server of this package's tests (nil: none here).
var pg *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &pg)) }
