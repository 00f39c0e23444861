package exchange

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"studiopartner/data"
)

// BenchmarkPain008File50k times writing the file of a run of 50,000
// debits.
func BenchmarkPain008File50k(b *testing.B) {
	run, cr := sampleRun()
	one := run.Debits[0]
	run.Debits = make([]data.Debit, 50_000)
	for i := range run.Debits {
		d := one
		d.EndToEnd = fmt.Sprintf("SP-000007-%06d", i+1)
		d.Holder = fmt.Sprintf("Eltern von Mitglied %05d", i)
		run.Debits[i] = d
	}
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePain008(&buf, run, cr, "Tanzschule", time.Now()); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}
