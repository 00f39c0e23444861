// Command figures writes the figures of a `go test -bench` run into the
// README, between the lines <!-- bench:begin --> and <!-- bench:end -->,
// with the machine they were measured on:
//
//	figures bench.txt README.md
//
// make bench runs it after the benchmarks, so the README's figures are
// always the last ones measured.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

const (
	begin = "<!-- bench:begin -->"
	end   = "<!-- bench:end -->"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: figures BENCH-OUTPUT README")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "figures:", err)
		os.Exit(1)
	}
}

func run(benchPath, readmePath string) error {
	out, err := os.ReadFile(benchPath)
	if err != nil {
		return err
	}
	rows, cpu := parse(out)
	if len(rows) == 0 {
		return fmt.Errorf("%s holds no benchmark results", benchPath)
	}
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		return err
	}
	i, j := bytes.Index(readme, []byte(begin)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s block", readmePath, begin, end)
	}
	var b strings.Builder
	b.WriteString(begin + "\n")
	fmt.Fprintf(&b, "Measured by `make bench` on %s: %s, %d cores, %s memory, %s, %s.\n\n",
		time.Now().Format("2006-01-02"), cpu, runtime.NumCPU(), memory(), runtime.GOOS+"/"+runtime.GOARCH, runtime.Version())
	b.WriteString("| benchmark | time per run | figures |\n|---|---:|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", r.name, r.perOp, strings.Join(r.metrics, ", "))
	}
	b.WriteString(engineTable(rows))
	updated := append([]byte{}, readme[:i]...)
	updated = append(updated, b.String()...)
	updated = append(updated, readme[j:]...)
	tmp := readmePath + ".tmp"
	if err := os.WriteFile(tmp, updated, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, readmePath)
}

type row struct {
	name    string
	perOp   string
	metrics []string
}

// parse reads the result lines ("BenchmarkX-2  1000  123 ns/op  4.5 s/y")
// and the cpu line of a benchmark run.
func parse(out []byte) ([]row, string) {
	var rows []row
	cpu := "unknown CPU"
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if c, ok := strings.CutPrefix(line, "cpu: "); ok {
			cpu = strings.TrimSpace(c)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || f[3] != "ns/op" {
			continue
		}
		name := f[0]
		if k := strings.LastIndex(name, "-"); k > 0 {
			name = name[:k] // the GOMAXPROCS suffix
		}
		r := row{name: strings.TrimPrefix(name, "Benchmark"), perOp: duration(f[2])}
		if v, _ := strconv.ParseFloat(f[2], 64); v < 100 && len(f) > 4 {
			r.perOp = "–" // timed once, reported in its figures
		}
		for k := 4; k+1 < len(f); k += 2 {
			r.metrics = append(r.metrics, f[k]+" "+f[k+1])
		}
		rows = append(rows, r)
	}
	return rows, cpu
}

// duration writes nanoseconds in the unit that reads best.
func duration(ns string) string {
	v, err := strconv.ParseFloat(ns, 64)
	if err != nil {
		return ns
	}
	return time.Duration(v).Round(durationStep(v)).String()
}

func durationStep(ns float64) time.Duration {
	switch {
	case ns >= 1e9:
		return 10 * time.Millisecond
	case ns >= 1e6:
		return 10 * time.Microsecond
	case ns >= 1e3:
		return 10 * time.Nanosecond
	default:
		return time.Nanosecond
	}
}

// memory is the machine's memory as /proc/meminfo gives it.
func memory() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err == nil {
				return fmt.Sprintf("%.0f GiB", kb/(1<<20))
			}
		}
	}
	return "unknown"
}

// engineTable sets side by side the benchmarks run on both engines —
// NAME/ACTION/sqlite beside NAME/ACTION/postgres: for each action the
// median and 95th percentile on each engine, PostgreSQL's median over
// SQLite's, the statements it sent on SQLite and the round trips it took
// to the server.
func engineTable(rows []row) string {
	type pair struct{ lite, post map[string]string }
	var order []string
	byAction := map[string]*pair{}
	for _, r := range rows {
		action, engine := r.name, ""
		if k := strings.LastIndex(r.name, "/"); k > 0 {
			action, engine = r.name[:k], r.name[k+1:]
		}
		if (engine != "sqlite" && engine != "postgres") || strings.Contains(action, "/build") {
			continue
		}
		p := byAction[action]
		if p == nil {
			p = &pair{}
			byAction[action] = p
			order = append(order, action)
		}
		m := map[string]string{}
		for _, x := range r.metrics {
			if v, unit, ok := strings.Cut(x, " "); ok {
				m[unit] = v
			}
		}
		if engine == "sqlite" {
			p.lite = m
		} else {
			p.post = m
		}
	}
	if len(order) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\nThe same actions on the same studio, on SQLite and on PostgreSQL (on this computer):\n\n")
	b.WriteString("| action | SQLite p50 / p95 | PostgreSQL p50 / p95 | PostgreSQL ÷ SQLite | statements on SQLite | round trips to PostgreSQL |\n|---|---:|---:|---:|---:|---:|\n")
	for _, a := range order {
		p := byAction[a]
		if p.lite == nil || p.post == nil {
			continue
		}
		ratio := "–"
		l, errL := strconv.ParseFloat(p.lite["p50-µs"], 64)
		q, errQ := strconv.ParseFloat(p.post["p50-µs"], 64)
		if errL == nil && errQ == nil && l > 0 {
			ratio = fmt.Sprintf("%.1f×", q/l)
		}
		fmt.Fprintf(&b, "| %s | %s / %s | %s / %s | %s | %s | %s |\n", a, micro(p.lite["p50-µs"]), micro(p.lite["p95-µs"]),
			micro(p.post["p50-µs"]), micro(p.post["p95-µs"]), ratio, orDash(p.lite["statements/op"]), orDash(p.post["round-trips/op"]))
	}
	return b.String()
}

func orDash(v string) string {
	if v == "" {
		return "–"
	}
	return v
}

// micro writes a figure in microseconds in the unit that reads best.
func micro(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return time.Duration(f * 1e3).Round(durationStep(f * 1e3)).String()
}
