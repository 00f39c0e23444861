package sqlstore_test

import (
	"io"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// The store's tests import and export through the files the program
// writes, as the window and the command line do.
func init() {
	sqlstore.ImportCSV = exchange.Import
	sqlstore.ExportCSV = exchange.Export
	sqlstore.CSVSource = func(r io.Reader) (sqlstore.RowSource, error) { return exchange.NewCSVSource(r) }
}
