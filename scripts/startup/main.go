// Command startup times the window's first steady frame on a studio of
// 50,000 clients beside a bare Fyne window of the same size, on the same
// display, and appends the figures to a benchmark output in Go's format:
//
//	startup BENCH-OUTPUT
//
// make bench runs it under a virtual display after the benchmarks; each
// side runs eleven times, alternating; the median time counts, and the
// median of the ratios of neighbouring runs. A run is the whole program:
// start, open the database, paint, capture, save the PNG, exit.
package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"studiopartner/ui"
)

const (
	appID   = "de.studiopartner.bench"
	clients = 50000
	runs    = 11
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "bare" {
		if err := bareWindowFrame(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: startup BENCH-OUTPUT")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	dir, err := os.MkdirTemp("", "startup")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	prog := filepath.Join(dir, "studiopartner")
	if err := command("go", "build", "-tags", "migrated_fynedo,no_emoji", "-o", prog, ".").Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	db := filepath.Join(dir, "studio.db")
	if b, err := command(prog, "--db", db, "demo", "--clients", fmt.Sprint(clients)).CombinedOutput(); err != nil {
		return fmt.Errorf("demo: %v: %s", err, b)
	}
	shot := filepath.Join(dir, "shot.png")
	var bare, studio, unset []time.Duration
	for range runs {
		d, err := timed(command(self, "bare", filepath.Join(dir, "bare.png")))
		if err != nil {
			return fmt.Errorf("bare window: %w", err)
		}
		bare = append(bare, d)
		d, err = timed(command(prog, "--db", db, "--screenshot", shot, "--force"))
		if err != nil {
			return fmt.Errorf("studio window: %w", err)
		}
		studio = append(studio, d)
		c := command(prog, "--db", db, "--screenshot", shot, "--force")
		c.Env = withoutLang(c.Env)
		if d, err = timed(c); err != nil {
			return fmt.Errorf("studio window without LANG: %w", err)
		}
		unset = append(unset, d)
	}
	b, s, u := median(bare), median(studio), median(unset)
	rs, ru := pairedRatio(studio, bare), pairedRatio(unset, bare)
	f, err := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	procs := runtime.GOMAXPROCS(0) // the suffix go test gives its benchmarks
	fmt.Fprintf(f, "BenchmarkStartup/bare_window-%d\t1\t%d ns/op\t%.0f ms/first-steady-frame\n", procs, b.Nanoseconds(), ms(b))
	fmt.Fprintf(f, "BenchmarkStartup/studio_50k-%d\t1\t%d ns/op\t%.0f ms/first-steady-frame\t%.2f ×bare-window\n",
		procs, s.Nanoseconds(), ms(s), rs)
	fmt.Fprintf(f, "BenchmarkStartup/studio_50k_LANG_unset-%d\t1\t%d ns/op\t%.0f ms/first-steady-frame\t%.2f ×bare-window\n",
		procs, u.Nanoseconds(), ms(u), ru)
	return nil
}

// withoutLang is an environment without the locale variables: the
// window's start must not depend on them.
func withoutLang(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LANG=") && !strings.HasPrefix(kv, "LC_ALL=") && !strings.HasPrefix(kv, "LANGUAGE=") {
			out = append(out, kv)
		}
	}
	return out
}

// bareWindowFrame opens a window of the main window's first size with
// nothing but a label (its smoothed letters are colours enough to count
// as painted), waits for its first steady frame and saves it to path as
// --screenshot does (a PNG in a temporary file beside it, synced, then
// renamed over it, and the folder synced), then exits.
func bareWindowFrame(path string) error {
	fy := app.NewWithID(appID)
	w := fy.NewWindow("bare")
	w.SetContent(container.NewCenter(widget.NewLabel("Studio Partner · Tanzstudio Sonnenschein")))
	w.Resize(fyne.NewSize(ui.WindowWidth, ui.WindowHeight))
	done := make(chan error, 1)
	go func() {
		img, err := ui.StableFrame(w, func() bool { return true }, ui.DefaultFrameWait)
		if err == nil {
			err = saveSynced(path, img)
		}
		done <- err
		fyne.Do(fy.Quit)
	}()
	w.ShowAndRun()
	return <-done
}

// saveSynced writes img as a PNG the way the program's safe-write helper
// does, so that both windows end with the same work after their frame.
func saveSynced(path string, img image.Image) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".bare-*.png")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

func command(name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Env = append(os.Environ(), "GALLIUM_DRIVER=softpipe", "LANG=de_DE.UTF-8")
	return c
}

// timed runs a command to its end and says how long it took.
func timed(c *exec.Cmd) (time.Duration, error) {
	start := time.Now()
	b, err := c.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%v: %s", err, b)
	}
	return time.Since(start), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// pairedRatio is the median of the ratios of runs made one after the
// other: a virtual machine's speed drifts over a minute, and a run
// compared with its neighbour sees the least of that drift.
func pairedRatio(xs, base []time.Duration) float64 {
	r := make([]float64, len(xs))
	for i := range xs {
		r[i] = float64(xs[i]) / float64(base[i])
	}
	slices.Sort(r)
	return r[len(r)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
