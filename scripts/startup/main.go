// Command startup times the window's first steady frame on a studio of
// 50,000 clients beside a bare Fyne window of the same size, on the same
// display, and appends the figures to a benchmark output in Go's format:
//
//	startup BENCH-OUTPUT
//
// make bench runs it under a virtual display after the benchmarks; each
// side runs seven times, alternating, and the median counts. A run is the
// whole program: start, open the database, paint, capture, exit.
package main

import (
	"fmt"
	"image/png"
	"io"
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
	runs    = 7
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "bare" {
		if err := bareWindowFrame(); err != nil {
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
	if err := command("go", "build", "-tags", "migrated_fynedo", "-o", prog, ".").Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	db := filepath.Join(dir, "studio.db")
	if b, err := command(prog, "--db", db, "demo", "--clients", fmt.Sprint(clients)).CombinedOutput(); err != nil {
		return fmt.Errorf("demo: %v: %s", err, b)
	}
	shot := filepath.Join(dir, "shot.png")
	var bare, studio, unset []time.Duration
	for range runs {
		d, err := timed(command(self, "bare"))
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
	f, err := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	procs := runtime.GOMAXPROCS(0) // the suffix go test gives its benchmarks
	fmt.Fprintf(f, "BenchmarkStartup/bare_window-%d\t1\t%d ns/op\t%.0f ms/first-steady-frame\n", procs, b.Nanoseconds(), ms(b))
	fmt.Fprintf(f, "BenchmarkStartup/studio_50k-%d\t1\t%d ns/op\t%.0f ms/first-steady-frame\t%.2f ×bare-window\n",
		procs, s.Nanoseconds(), ms(s), float64(s)/float64(b))
	fmt.Fprintf(f, "BenchmarkStartup/studio_50k_LANG_unset-%d\t1\t%d ns/op\t%.0f ms/first-steady-frame\t%.2f ×bare-window\n",
		procs, u.Nanoseconds(), ms(u), float64(u)/float64(b))
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
// as painted),
// waits for its first steady frame and encodes it as --screenshot does
// (into nothing), then exits.
func bareWindowFrame() error {
	fy := app.NewWithID(appID)
	w := fy.NewWindow("bare")
	w.SetContent(container.NewCenter(widget.NewLabel("Studio Partner · Tanzstudio Sonnenschein")))
	w.Resize(fyne.NewSize(ui.WindowWidth, ui.WindowHeight))
	done := make(chan error, 1)
	go func() {
		img, err := ui.StableFrame(w, func() bool { return true }, ui.DefaultFrameWait)
		if err == nil {
			err = png.Encode(io.Discard, img)
		}
		done <- err
		fyne.Do(fy.Quit)
	}()
	w.ShowAndRun()
	return <-done
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

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
