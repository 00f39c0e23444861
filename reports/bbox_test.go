package reports

import (
	"fmt"
	"strings"
)

// fmtSscanBox reads the box of a pdftotext -bbox word line.
func fmtSscanBox(line string, xMin, yMin, xMax, yMax *float64) (int, error) {
	i := strings.Index(line, "xMin=")
	if i < 0 {
		return 0, fmt.Errorf("no box in %q", line)
	}
	return fmt.Sscanf(line[i:], `xMin="%f" yMin="%f" xMax="%f" yMax="%f"`, xMin, yMin, xMax, yMax)
}
