package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"studiopartner/data"
)

// colKind says how a CSV column is read and checked.
type colKind int

const (
	colText  colKind = iota
	colID            // the row's own id; empty lets the database choose one
	colRef           // the id of another row; empty for none
	colInt           // a whole number
	colDate          // YYYY-MM-DD
	colStamp         // an RFC 3339 time; empty means now
	colHex           // bytes (a kept PDF), written as hexadecimal digits
)

// column is one CSV column of a table.
type column struct {
	name     string
	kind     colKind
	need     bool   // must be in the header
	empty    bool   // a date that may be empty
	fallback string // the value when the column is left out
}

// tableSpec is one table as CSV: its columns in file order, the order its
// rows are written in, and whether it can be read back.
type tableSpec struct {
	name    string
	cols    []column
	orderBy string
	imports bool
	upsert  string // how a row that is already there is taken, if it may be
	filled  string // a derived column an import fills in after the insert
	where   string // the rows export leaves out, if any
}

// parseColumns reads the compact column notation of the table list:
// "name!" must be present, "x:date?" may be empty, "x:int=0" defaults.
func parseColumns(spec string) []column {
	var cols []column
	for _, f := range strings.Fields(spec) {
		c := column{}
		if i := strings.Index(f, "="); i >= 0 {
			c.fallback, f = f[i+1:], f[:i]
		}
		if strings.HasSuffix(f, "!") {
			c.need, f = true, strings.TrimSuffix(f, "!")
		}
		if strings.HasSuffix(f, "?") {
			c.empty, f = true, strings.TrimSuffix(f, "?")
		}
		c.name, f, _ = strings.Cut(f, ":")
		switch f {
		case "id":
			c.kind = colID
		case "ref":
			c.kind = colRef
		case "int":
			c.kind, c.need = colInt, c.need || c.fallback == ""
		case "date":
			c.kind, c.need = colDate, c.need || !c.empty
		case "stamp":
			c.kind = colStamp
		case "hex":
			c.kind, c.need = colHex, true
		}
		cols = append(cols, c)
	}
	return cols
}

// transferTables lists every table that holds records, in the order they
// are written and must be read back. Values derived from others (balances,
// sums, search terms) are left out: they are recomputed after an import.
// Staff PIN hashes and lockouts never leave the database.
var transferTables = []tableSpec{
	{name: "staff", imports: true, orderBy: "id", cols: parseColumns(
		"id:id name! role! active:int=1 created_at:stamp")},
	{name: "clients", imports: true, orderBy: "id", filled: "sort_name", cols: parseColumns(
		"id:id name! contact_person phone email address birth_date:date? language=de status=active " +
			"decline_ground decline_reason referred_by:ref notes consent_data_on:date? consent_data_how consent_media " +
			"consent_media_on:date? consent_media_how erased_on:date? created_at:stamp updated_at:stamp")},
	{name: "services", imports: true, orderBy: "id", cols: parseColumns(
		"id:id name! kind! description price_cents:int billing! min_term_months:int notice_n:int notice_unit! " +
			"renewal! renewal_months:int=0 active:int=1 created_at:stamp sessions:int=0 valid_months:int=0 " +
			"session_price_cents:int=0 name_en description_en")},
	{name: "contracts", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! service_id:ref! price_cents:int billing! start_on:date min_term_months:int " +
			"notice_n:int notice_unit! renewal! renewal_months:int=0 notice_received:date? ends_on:date? note " +
			"end_credit_cents:int=0 concluded=studio created_at:stamp updated_at:stamp sessions:int=0 valid_until:date? " +
			"withdrawal_notice_on:date? withdrawal_notice_doc:int=0 early_start:int=0 withdrawn_on:date? withdrawal_refund_cents:int=0 direct_debit:int=0")},
	{name: "mandates", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! reference! signed_on:date once:int=0 holder holder_town holder_country iban! bic " +
			"revoked_on:date? revoked_why last_collected:date? amended_from amend_other_bank:int=0 created_at:stamp updated_at:stamp")},
	{name: "contract_prices", imports: true, orderBy: "contract_id, effective_from",
		// a contract import puts in its start price; the history may replace it
		upsert: ` ON CONFLICT (contract_id, effective_from) DO UPDATE SET price_cents = excluded.price_cents`, cols: parseColumns(
			"contract_id:ref! effective_from:date price_cents:int")},
	{name: "contract_pauses", imports: true, orderBy: "id", cols: parseColumns(
		"id:id contract_id:ref! from_on:date to_on:date reason! extend_months:int=0 created_at:stamp")},
	{name: "charges", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! contract_id:ref period_start:date? period_end:date? description amount_cents:int " +
			"due_on:date waived_on:date? created_at:stamp")},
	{name: "payments", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! amount_cents:int method! received_on:date note reverses:ref staff_id:ref created_at:stamp branch")},
	{name: "demands", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! contract_id:ref raised_on:date asked! claimed_cents:int=0 client_words status=open " +
			"settlement charge_id:ref status_on:date created_by:ref created_at:stamp")},
	{name: "demand_steps", imports: true, orderBy: "id", cols: parseColumns(
		"id:id demand_id:ref! on_day:date at:stamp staff_id:ref from_status! to_status! note")},
	{name: "goodwill", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! given_on:date category! description! value_cents:int=0 minutes:int=0 given_by:ref " +
			"demand_id:ref service_id:ref deleted_on:date? deleted_reason created_at:stamp updated_at:stamp branch")},
	{name: "owed", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! given_on:date kind! description! value_cents:int=0 contract_id:ref demand_id:ref staff_id:ref created_at:stamp")},
	{name: "debit_runs", imports: true, orderBy: "id", cols: parseColumns(
		"id:id message_id! until_on:date collect_on:date status=prepared count:int=0 total_cents:int=0 cancelled_on:date? " +
			"booked_on:date? staff_id:ref created_at:stamp xml:hex")},
	{name: "debits", imports: true, orderBy: "id", cols: parseColumns(
		"id:id run_id:ref! charge_id:ref! client_id:ref! mandate_id:ref! amount_cents:int sequence! end_to_end! text " +
			"amended_from amend_other_bank:int=0 live:int=1 payment_id:ref returned_on:date? return_reason return_fee_cents:int=0 " +
			"reversal_id:ref")},
	{name: "visits", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! contract_id:ref at! outcome=attended uses_session:int=0 beyond charge_id:ref " +
			"goodwill_id:ref staff_id:ref undone_on:date? undone_reason created_at:stamp branch")},
	{name: "clause_sets", imports: true, orderBy: "version, language", cols: parseColumns(
		"version:int language! sections! created_at:stamp created_by:ref")},
	{name: "agreements", imports: true, orderBy: "id", cols: parseColumns(
		"id:id client_id:ref! clause_version:int language! printed_at:stamp sha256! signed_on:date? accepted_warnings pdf:hex")},
	{name: "documents", imports: true, orderBy: "id", cols: parseColumns(
		"id:id kind! seq:int number! client_id:ref! ref_id:int=0 language! issued_at:stamp sha256! branch pdf:hex")},
	{name: "prenotices", imports: true, orderBy: "id", cols: parseColumns(
		"id:id document_id:ref! charge_id:int! amount_cents:int collect_on:date")},
	{name: "settings", imports: true, orderBy: "key", cols: parseColumns("key! value"),
		// a new database has a few settings already; the file's take their place
		upsert: ` ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		// the days kept derived values were computed for are the database's own
		where: `key NOT IN ('` + settingGoodwillAsOf + `', '` + settingMembersAsOf + `')`},
	{name: "id_counters", imports: true, orderBy: "name", cols: parseColumns("name! last:int"),
		// the numbers given stay given: a counter only moves up
		upsert: ` ON CONFLICT (name) DO UPDATE SET last = {{greatest}}(id_counters.last, excluded.last)`},
	{name: "audit_log", orderBy: "id", cols: parseColumns(
		"id:id at:stamp staff_id:ref table_name! row_id:int action! before after client_id:ref")},
}

// ExportTables names every table export writes, in order.
func ExportTables() []string {
	names := make([]string, len(transferTables))
	for i, t := range transferTables {
		names[i] = t.name
	}
	return names
}

// ImportKinds names the tables import reads, in the order they depend on
// each other.
func ImportKinds() []string {
	var names []string
	for _, t := range transferTables {
		if t.imports {
			names = append(names, t.name)
		}
	}
	return names
}

func transferSpec(kind string) (tableSpec, bool) {
	for _, t := range transferTables {
		if t.name == kind {
			return t, true
		}
	}
	return tableSpec{}, false
}

// selects are the columns as the export reads them: bytes as hex digits.
func (t tableSpec) selects() []string {
	out := t.names()
	for i, c := range t.cols {
		if c.kind == colHex {
			out[i] = "{{hex:" + c.name + "}}"
		}
	}
	return out
}

// placeholders are the import's values: hex digits back to bytes.
func (t tableSpec) placeholders() string {
	out := make([]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = "?"
		if c.kind == colID && c.name == "id" {
			out[i] = "{{newid:" + t.name + "}}" // an id left empty is drawn as for a new row
		}
		if c.kind == colHex {
			out[i] = "{{unhex}}"
		}
	}
	return strings.Join(out, ", ")
}

func (t tableSpec) names() []string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	return names
}

// Progress is told how much of a long job is done, from 0 to 1.
type Progress func(done float64)

// RowSink takes one table's records as ExportRows reads them.
type RowSink interface {
	Write(rec []string) error
	// Close ends the table; its error is the table's.
	Close() error
}

// ExportRows reads every table from one consistent snapshot and hands its
// records, as text, to the sink open makes for it with the table's column
// names.
func (s *Store) ExportRows(ctx context.Context, open func(table string, header []string) (RowSink, error), progress Progress) error {
	if err := s.Allow(data.OpTransfer); err != nil {
		return err
	}
	tx, err := s.readTx(ctx)
	if err != nil {
		return internal(err)
	}
	defer tx.raw.(*sql.Tx).Rollback()
	total, done := 0, 0
	for _, t := range transferTables {
		n := 0
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
			return internal(err)
		}
		total += n
	}
	for _, t := range transferTables {
		sink, err := open(t.name, t.names())
		if err != nil {
			return err
		}
		err = exportTable(ctx, tx, t, sink, func() {
			done++
			if progress != nil && done%2000 == 0 {
				progress(float64(done) / float64(total))
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// exportTable hands one table's rows to sink and closes it.
func exportTable(ctx context.Context, tx *dbx, t tableSpec, sink RowSink, row func()) error {
	where := ""
	if t.where != "" {
		where = ` WHERE ` + t.where
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(t.selects(), ", ")+` FROM `+t.name+where+` ORDER BY `+t.orderBy)
	if err != nil {
		sink.Close()
		return internal(err)
	}
	defer rows.Close()
	vals := make([]sql.NullString, len(t.cols))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rec := make([]string, len(vals))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			sink.Close()
			return internal(err)
		}
		for i, v := range vals {
			rec[i] = v.String
		}
		if err := sink.Write(rec); err != nil {
			break // Close tells what went wrong
		}
		row()
	}
	if err := rows.Err(); err != nil {
		sink.Close()
		return internal(err)
	}
	return sink.Close()
}
