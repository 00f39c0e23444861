package reports

import (
	"bytes"
	"testing"
)

// BenchmarkAgreement times one agreement with three contracts and reports
// its size; run with -benchtime 1000x for a thousand in a row.
func BenchmarkAgreement(b *testing.B) {
	a := sampleAgreement("de")
	for len(a.Contracts) < 3 {
		a.Contracts = append(a.Contracts, a.Contracts[0])
	}
	size := 0
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := Agreement(&buf, a); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1000, "KB/agreement")
}
