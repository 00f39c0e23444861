//go:build smoke || wine

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// runWindow runs the window in its own process group under a virtual
// display; after 90 s it kills the whole group and reports a hang.
func runWindow(name string, args []string, env ...string) (out []byte, hung bool, err error) {
	var buf bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Env = append(append(os.Environ(), "GALLIUM_DRIVER=softpipe"), env...)
	cmd.Stdout, cmd.Stderr = &buf, &buf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
		return buf.Bytes(), false, err
	case <-time.After(90 * time.Second):
		// SIGQUIT first: a Go program prints every goroutine's stack, which
		// shows where a hung window waits
		syscall.Kill(-cmd.Process.Pid, syscall.SIGQUIT)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		return buf.Bytes(), true, nil
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// colours counts the distinct colours of the picture, up to 1000.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= 1000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// freeDisplay is an X display number no server uses: no lock file, or a
// lock left by a server that is gone (Xvfb takes such a lock over).
func freeDisplay(t *testing.T) string {
	for n := 140; n < 200; n++ {
		lock, err := os.ReadFile(fmt.Sprintf("/tmp/.X%d-lock", n))
		if os.IsNotExist(err) {
			return fmt.Sprintf(":%d", n)
		}
		var pid int
		if _, scanErr := fmt.Sscan(string(lock), &pid); err == nil && scanErr == nil && pid > 0 &&
			syscall.Kill(pid, 0) == syscall.ESRCH {
			return fmt.Sprintf(":%d", n)
		}
	}
	t.Fatal("no free X display")
	return ""
}
