//go:build smoke

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKeyboardAtStart starts the real window as a studio does every
// morning — the day's first backup, then "who is at the counter?" — and
// works it with the keyboard alone: Enter chooses the person offered
// first, Ctrl+5 shows the flags. The window's title names the screen and
// the person, so the test reads it with xdotool.
func TestKeyboardAtStart(t *testing.T) {
	bin := smokeBin(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "keys.db")
	if out, err := exec.Command(bin, "--db", db, "demo", "--clients", "40").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	display := freeDisplay(t)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { xvfb.Process.Kill(); xvfb.Wait() }()
	env := append(os.Environ(), "DISPLAY="+display, "GALLIUM_DRIVER=softpipe", "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	var out bytes.Buffer
	app := exec.Command("dbus-run-session", "--", bin, "--db", db, "--lang", "de")
	app.Env, app.Stdout, app.Stderr = env, &out, &out
	app.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { syscall.Kill(-app.Process.Pid, syscall.SIGKILL); app.Wait() }()

	xdo := func(args ...string) string {
		c := exec.Command("xdotool", args...)
		c.Env = env
		b, _ := c.Output()
		return strings.TrimSpace(string(b))
	}
	title := func() string {
		ids := strings.Fields(xdo("search", "--name", "^Studio Partner"))
		if len(ids) == 0 {
			return ""
		}
		return xdo("getwindowname", ids[0])
	}
	// until is the keys pressed again and again until the title says what
	// they should have done
	until := func(what string, ok func(string) bool, keys ...string) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for !ok(title()) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the title still says %q\n%s", what, title(), out.String())
			}
			if title() != "" {
				xdo(append([]string{"key", "--clearmodifiers"}, keys...)...)
			}
			time.Sleep(700 * time.Millisecond)
		}
	}
	// "Studio Partner — Empfang — Name": someone is at the counter
	until("Enter on the staff choice", func(s string) bool { return strings.Count(s, " — ") == 2 }, "Return")
	until("Ctrl+5", func(s string) bool { return strings.Contains(s, "— Hinweise —") }, "ctrl+5")
}
