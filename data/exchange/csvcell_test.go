package exchange

import "testing"

// Reading a cell back gives what was escaped for spreadsheets, whatever
// it held.
func TestEscapeRoundTrip(t *testing.T) {
	for _, v := range []string{"", "=", "'", "''", "-", "-1", "+49 170 1234567", "a=b", "\t", "-1,5", "'-1"} {
		if got := UnescapeCell(EscapeCell(v)); got != v {
			t.Errorf("round trip of %q gives %q", v, got)
		}
	}
}
