package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"studiopartner/data"
	"studiopartner/data/exchange"
	"studiopartner/data/sqlstore"
)

// importSheetCommand imports a client list saved from a spreadsheet, as
// the window's preview does: it maps the columns (recognised headers, or
// --map COLUMN=FIELD), lists faulty lines, likely duplicates and ready
// lines, and stores the ready ones (with --with-duplicates the likely
// duplicates too) in one transaction, or nothing with --dry-run.
var importSheetCommand = command{name: "import-sheet", minArgs: 1, maxArgs: 1, badArgs: says("cli.import_sheet.args"),
	define: func(fs *flag.FlagSet) func(c *call) error {
		var maps columnMaps
		var withDuplicates, dryRun bool
		fs.Var(&maps, "map", "")
		fs.BoolVar(&withDuplicates, "with-duplicates", false, "")
		fs.BoolVar(&dryRun, "dry-run", false, "")
		return func(c *call) error {
			sh, err := readSheetFile(c.args[0])
			if err != nil {
				return err
			}
			mapping := exchange.GuessMapping(sh.Header)
			if err := maps.apply(c, sh.Header, mapping); err != nil {
				return err
			}
			s, err := c.store()
			if err != nil {
				return err
			}
			plan, err := exchange.PlanSheet(context.Background(), s, sh, mapping)
			if err != nil {
				return err
			}
			c.printPlan(plan)
			if dryRun {
				fmt.Fprintln(c.stderr, c.tr.S("cli.import_sheet.dry_run"))
				return nil
			}
			n, err := s.ImportPlanned(context.Background(), plan, withDuplicates, nil)
			if err == nil {
				fmt.Fprintln(c.stdout, c.tr.N("cli.import_sheet.done", n))
			}
			return err
		}
	}}

// readSheetFile reads a spreadsheet saved as CSV.
func readSheetFile(path string) (*exchange.Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, data.Errorf(data.CodeInvalid, "import.read", map[string]any{"Detail": err.Error()})
	}
	defer f.Close()
	return exchange.ReadSheet(f)
}

// printPlan lists every line as the preview shows it, tab-separated:
// line, name, result; the counts go to stderr.
func (c *call) printPlan(plan sqlstore.SheetPlan) {
	for _, i := range plan.Ordered() {
		r := plan.Rows[i]
		fmt.Fprintf(c.stdout, "%d\t%s\t%s\n", r.Line, oneLine(r.Client.Name), oneLine(c.tr.SheetResult(r)))
	}
	fmt.Fprintln(c.stderr, c.tr.S("sheet.summary", "Ready", plan.Ready, "Duplicates", plan.Duplicates, "Faulty", plan.Faulty))
}

// columnMaps are the --map COLUMN=FIELD flags, in order.
type columnMaps []string

func (m *columnMaps) String() string { return strings.Join(*m, ",") }

func (m *columnMaps) Set(v string) error {
	*m = append(*m, v)
	return nil
}

// apply sets the field of each column named (by its header or its number
// from 1) in mapping; FIELD "ignore" leaves the column out.
func (m columnMaps) apply(c *call, header, mapping []string) error {
	for _, v := range m {
		col, field, ok := strings.Cut(v, "=")
		col, field = strings.TrimSpace(col), strings.TrimSpace(field)
		if !ok || col == "" {
			return c.usage("cli.import_sheet.map", "Value", v)
		}
		i := columnIndex(header, col)
		if i < 0 {
			return c.usage("cli.import_sheet.column", "Column", col, "Columns", strings.Join(header, ", "))
		}
		switch {
		case field == "ignore":
			mapping[i] = ""
		case slices.Contains(exchange.SheetFields, field):
			mapping[i] = field
		default:
			return c.usage("cli.import_sheet.field", "Field", field, "Fields", strings.Join(exchange.SheetFields, ", "))
		}
	}
	return nil
}

// columnIndex finds a column by its header (ignoring case) or its number
// from 1, or returns -1.
func columnIndex(header []string, col string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), col) {
			return i
		}
	}
	if n, err := strconv.Atoi(col); err == nil && n >= 1 && n <= len(header) {
		return n - 1
	}
	return -1
}
