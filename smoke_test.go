//go:build smoke

package main

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"studiopartner/ui"
)

// TestSmoke runs the built program in a real window on a virtual display,
// once per language and screen, and checks the saved PNG: the window's
// size, and a picture rather than an empty frame.
func TestSmoke(t *testing.T) {
	bin := smokeBin(t)
	wrap := []string{"xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--"}
	dir := t.TempDir()
	db := filepath.Join(dir, "smoke.db")
	if out, err := exec.Command(bin, "--db", db, "demo", "--clients", "60").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	// every screen of the page registry, the languages taking turns
	var cases []struct{ lang, page string }
	for i, page := range ui.PageNames() {
		cases = append(cases, struct{ lang, page string }{[]string{"de", "en"}[i%2], page})
	}
	for _, c := range cases {
		t.Run(c.lang+"-"+c.page, func(t *testing.T) {
			shot := filepath.Join(dir, c.lang+"-"+c.page+".png")
			// --force: a retry after a hang may replace the first try's picture
			args := append(wrap[1:], bin, "--db", db, "--lang", c.lang, "--page", c.page, "--screenshot", shot, "--force")
			start := time.Now()
			out, hung, err := runWindow(wrap[0], args)
			if hung {
				// xvfb-run now and then never brings its server up; one more try tells
				// that apart from a window that hangs
				t.Logf("no screenshot within 90 s, trying once more; output so far:\n%s", out)
				out, hung, err = runWindow(wrap[0], args)
			}
			if hung {
				t.Fatalf("the window did not save a screenshot within 90 s, twice:\n%s", out)
			}
			if err != nil && bytes.Contains(out, []byte("X Error of failed request")) {
				// the virtual X server refused a read of the window; one more try
				// tells that apart from a window that fails
				t.Logf("the X server refused a request, trying once more:\n%s", out)
				out, _, err = runWindow(wrap[0], args)
			}
			if err != nil {
				t.Fatalf("window: %v\n%s", err, out)
			}
			img := readPNG(t, shot)
			if got, want := img.Bounds().Size(), (image.Point{ui.WindowWidth, ui.WindowHeight}); got != want {
				t.Fatalf("screenshot is %v, want the window's %v", got, want)
			}
			if n := colours(img); n < 20 {
				t.Fatalf("screenshot has %d colours: blank", n)
			}
			t.Logf("%s painted and saved in %v", c.page, time.Since(start).Round(10*time.Millisecond))
		})
	}
}

// smokeBin is the program the smoke tests run: make smoke builds it with
// -race and names it in SMOKE_BIN.
func smokeBin(t *testing.T) string {
	bin := os.Getenv("SMOKE_BIN")
	if bin == "" {
		t.Fatal("run through `make smoke`: SMOKE_BIN is not set")
	}
	return bin
}
