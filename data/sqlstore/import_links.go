package sqlstore

import (
	"database/sql"
	"errors"
	"studiopartner/data"
	"time"
)

// The rules an imported row obeys beyond its own fields: what it refers
// to belongs to the same client, and a visit is one a check-in could
// have recorded (not in the future, not before its contract started,
// never a session more than its card holds).

// linkRules add, by table, the checks of what a row refers to; they run
// after the row's own rule.
var linkRules = map[string]rowRule{
	"visits": visitLinks,
	"charges": func(tx *dbx, r rowValues, _ data.Date) error {
		return sameClient(tx, r, "contract_id", "contracts")
	},
	"demands": func(tx *dbx, r rowValues, _ data.Date) error {
		return firstOf(sameClient(tx, r, "contract_id", "contracts"), sameClient(tx, r, "charge_id", "charges"))
	},
	"goodwill": func(tx *dbx, r rowValues, _ data.Date) error {
		return sameClient(tx, r, "demand_id", "demands")
	},
	"owed": func(tx *dbx, r rowValues, _ data.Date) error {
		return firstOf(sameClient(tx, r, "contract_id", "contracts"), sameClient(tx, r, "demand_id", "demands"))
	},
}

// sameClient refuses a row whose column names a record of table that
// belongs to another client (a missing record is the database's own
// finding).
func sameClient(tx *dbx, r rowValues, column, table string) error {
	id := r.num(column)
	if id == 0 {
		return nil
	}
	var client int64
	// table is one of the names in linkRules, never input
	err := tx.QueryRow(`SELECT client_id FROM `+table+` WHERE id = ?`, id).Scan(&client)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if client != r.num("client_id") {
		return fieldProblem(column, "import.other_client")
	}
	return nil
}

// visitLinks checks a visit against the day and its contract.
func visitLinks(tx *dbx, r rowValues, today data.Date) error {
	at, err := time.ParseInLocation(data.VisitLayout, r.str("at"), time.Local)
	if err != nil {
		return nil // the row's own rule names it
	}
	if data.DateOf(at).After(today) {
		return fieldProblem("at", "import.visit.future")
	}
	if err := firstOf(sameClient(tx, r, "contract_id", "contracts"), sameClient(tx, r, "charge_id", "charges"),
		sameClient(tx, r, "goodwill_id", "goodwill")); err != nil {
		return err
	}
	contract := r.num("contract_id")
	if contract == 0 {
		return nil
	}
	var start string
	var sessions, used int
	err = tx.QueryRow(`SELECT start_on, sessions, (SELECT count(*) FROM visits v
		WHERE v.contract_id = k.id AND v.uses_session = 1 AND v.undone_on = '') FROM contracts k WHERE id = ?`, contract).
		Scan(&start, &sessions, &used)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case data.DateOf(at).Before(mustDate(start)):
		return fieldProblem("at", "import.visit.before_start")
	case sessions > 0 && r.num("uses_session") == 1 && r.str("undone_on") == "" && used >= sessions:
		return fieldProblem("uses_session", "import.visit.card_full")
	}
	return nil
}

func init() {
	for name, link := range linkRules {
		own := importRules[name]
		importRules[name] = func(tx *dbx, r rowValues, today data.Date) error {
			if own != nil {
				if err := own(tx, r, today); err != nil {
					return err
				}
			}
			return link(tx, r, today)
		}
	}
}
