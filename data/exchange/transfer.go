package exchange

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

// Export writes every table as CSV into dir, one file per table named
// after it, all from one consistent snapshot (the format is docs/csv.md).
// dir must be empty or not exist yet; on failure nothing is left there.
func Export(ctx context.Context, s *sqlstore.Store, dir string, progress sqlstore.Progress) ([]string, error) {
	if err := s.Allow(data.OpTransfer); err != nil {
		return nil, err
	}
	out, err := s.CreateFolder(dir)
	if err != nil {
		return nil, err
	}
	defer out.Discard()
	var files []string
	err = s.ExportRows(ctx, func(table string, header []string) (sqlstore.RowSink, error) {
		f, err := out.Create(table + ".csv")
		if err != nil {
			return nil, err
		}
		files = append(files, filepath.Join(dir, table+".csv"))
		sink := &csvSink{f: f, w: NewCSVWriter(f)}
		sink.w.Write(header)
		return sink, nil
	}, progress)
	if err != nil {
		return nil, err
	}
	if err := out.Publish(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(1)
	}
	return files, nil
}

// csvSink writes one table's file.
type csvSink struct {
	f *os.File
	w *CSVWriter
}

func (c *csvSink) Write(rec []string) error { return c.w.Write(rec) }

// Close flushes the table to disk; a write that failed on the way is
// reported here, with the file's path.
func (c *csvSink) Close() error {
	defer c.f.Close()
	c.w.Flush()
	err := c.w.Error()
	if err == nil {
		err = c.f.Sync()
	}
	if err != nil {
		return data.Errorf(data.CodeInvalid, "export.write", map[string]any{"Path": c.f.Name(), "Detail": err.Error()})
	}
	return c.f.Close()
}

// Import reads one table's CSV in the format Export writes and stores all
// of its rows in one transaction: any problem in any line and nothing is
// stored. The files of one export can be read back table by table in the
// order of sqlstore.ImportKinds. size is the file's length for progress,
// 0 if unknown. It returns the rows stored.
func Import(ctx context.Context, s *sqlstore.Store, kind string, r io.Reader, size int64, progress sqlstore.Progress) (int, error) {
	if err := s.Allow(data.OpTransfer); err != nil {
		return 0, err
	}
	if err := sqlstore.CheckImportKind(kind); err != nil {
		return 0, err
	}
	src, err := NewCSVSource(r)
	if err != nil {
		return 0, err
	}
	return s.ImportRows(ctx, kind, src, size, progress)
}

// CSVSource hands sqlstore.ImportRows a table's records from CSV.
type CSVSource struct {
	cr     *csv.Reader
	count  *countingReader
	header []string
}

// NewCSVSource reads a table's CSV as Export writes it, its header first.
func NewCSVSource(r io.Reader) (*CSVSource, error) {
	src := &CSVSource{count: &countingReader{r: r}}
	src.cr = csv.NewReader(src.count)
	src.cr.FieldsPerRecord = -1
	header, err := src.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, data.Errorf(data.CodeInvalid, "import.empty", nil)
	}
	if err != nil {
		return nil, sqlstore.LineProblem(csvProblem(err))
	}
	src.header = header
	src.cr.ReuseRecord = true
	return src, nil
}

func (src *CSVSource) Header() []string { return src.header }

func (src *CSVSource) Done() int64 { return src.count.n }

// Next is the next record with its cells as they were before Export
// escaped them for spreadsheets.
func (src *CSVSource) Next() (int, []string, error) {
	rec, err := src.cr.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	if err != nil {
		return 0, nil, csvProblem(err)
	}
	line, _ := src.cr.FieldPos(0)
	for i := range rec {
		rec[i] = UnescapeCell(rec[i])
	}
	return line, rec, nil
}

// csvProblem names a line that is no CSV, or a file that cannot be read.
func csvProblem(err error) *sqlstore.RowProblem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		key := "import.row.syntax"
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			key = "import.row.quote"
		}
		return &sqlstore.RowProblem{Line: pe.Line, Key: key}
	}
	return &sqlstore.RowProblem{Key: "import.read", Args: map[string]any{"Detail": err.Error()}}
}

// countingReader counts the bytes read, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}
