//go:build wine

package main

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"studiopartner/cli"
	"studiopartner/ui"
)

// user is the Windows user the tests run as: a name with a space and
// umlauts, so the data folder (%APPDATA%\StudioPartner) has both.
const user = "Jürgen Müller"

// wine is a Wine prefix with a display, made for one test.
type wine struct {
	t      *testing.T
	prefix string
	env    []string
}

// newWine makes a fresh prefix for the user above and puts the test-only
// stand-in for bcryptprimitives.dll into its system32 (Go's runtime needs
// ProcessPrng, which Wine 8 lacks; the stand-in is never shipped).
func newWine(t *testing.T) *wine {
	t.Helper()
	dir := t.TempDir()
	display := freeDisplay(t)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	w := &wine{t: t, prefix: filepath.Join(dir, "prefix")}
	// HOME too: Wine links the user's Documents and Desktop to it
	w.env = append(os.Environ(), "HOME="+dir, "WINEPREFIX="+w.prefix, "WINEDEBUG=-all", "WINEARCH=win64",
		"WINEDLLOVERRIDES=mscoree,mshtml=", "USER="+user, "LOGNAME="+user, "DISPLAY="+display,
		"GALLIUM_DRIVER=softpipe", "LANG=C.UTF-8") // Wine turns paths into Windows ones by the locale
	t.Cleanup(func() {
		w.command("wineserver", "-k").Run()
		xvfb.Process.Kill()
		xvfb.Wait()
	})
	if out, err := w.command("wineboot", "-i").CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	w.command("wineserver", "-w").Run()
	shim := exec.Command("x86_64-w64-mingw32-gcc", "-O2", "-shared", "-o",
		w.unix(`C:\windows\system32\bcryptprimitives.dll`),
		"scripts/wine/processprng.c", "scripts/wine/bcryptprimitives.def", "-ladvapi32")
	if out, err := shim.CombinedOutput(); err != nil {
		t.Fatalf("the ProcessPrng stand-in: %v\n%s", err, out)
	}
	return w
}

func (w *wine) command(name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Env = w.env
	return c
}

// unix is where a C:\ path of the prefix lies on this machine.
func (w *wine) unix(win string) string {
	rest := strings.TrimPrefix(win, `C:\`)
	return filepath.Join(w.prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// run runs a Windows program and returns its output and exit status.
func (w *wine) run(exe string, args ...string) (string, string, int) {
	w.t.Helper()
	var out, errOut bytes.Buffer
	c := w.command("wine", append([]string{exe}, args...)...)
	c.Stdout, c.Stderr = &out, &errOut
	err := c.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		w.t.Fatalf("wine %s: %v", exe, err)
	}
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed.
func (w *wine) ok(exe string, args ...string) string {
	w.t.Helper()
	out, errOut, code := w.run(exe, args...)
	if code != 0 {
		w.t.Fatalf("%s %s: exit status %d\n%s%s", filepath.Base(exe), strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// dist is the folder make package wrote, and the version it built.
func dist(t *testing.T) (string, string) {
	d := os.Getenv("WINE_DIST")
	if d == "" {
		t.Fatal("run through `make windows-check`: WINE_DIST is not set")
	}
	return d, cli.VersionFrom(fyneApp)
}

// TestWindowsProgram runs the portable Windows program from make package
// under Wine as a user whose name has a space and umlauts: the command
// line with its exit statuses, a demo studio in %APPDATA%, documents,
// backup and restore, and the real window on two pages.
func TestWindowsProgram(t *testing.T) {
	d, version := dist(t)
	w := newWine(t)
	zip := filepath.Join(d, "StudioPartner-"+version+"-windows-amd64.zip")
	if out, err := exec.Command("7z", "x", "-y", "-o"+w.unix(`C:\Tragbar Größe`), zip).CombinedOutput(); err != nil {
		t.Fatalf("7z x: %v\n%s", err, out)
	}
	folder := `C:\Tragbar Größe\StudioPartner-` + version
	cliExe, guiExe := w.unix(folder+`\studiopartner-cli.exe`), w.unix(folder+`\studiopartner.exe`)
	for _, exe := range []string{cliExe, guiExe} {
		if got := strings.TrimSpace(w.ok(exe, "--version")); got != "Studio Partner "+version {
			t.Fatalf("%s --version says %q", filepath.Base(exe), got)
		}
		checkVersionResource(t, exe, version)
	}
	data := `C:\users\` + user + `\AppData\Roaming\StudioPartner`
	if help := w.ok(cliExe, "--help"); !strings.Contains(help, data+`\studiopartner.db`) {
		t.Fatalf("--help does not name the data folder %s:\n%s", data, help)
	}
	if _, errOut, code := w.run(cliExe, "frobnicate"); code != 2 || !strings.Contains(errOut, "frobnicate") {
		t.Fatalf("an unknown command: exit status %d (want 2), %q", code, errOut)
	}
	if _, errOut, code := w.run(cliExe, "agreement", "--client", "999999", "-o", `C:\x.pdf`); code != 1 || errOut == "" {
		t.Fatalf("a missing client: exit status %d (want 1), %q", code, errOut)
	}

	w.ok(cliExe, "demo", "--clients", "50")
	db := w.unix(data + `\studiopartner.db`)
	if st, err := os.Stat(db); err != nil || st.Size() == 0 {
		t.Fatalf("the demo studio is not in %s: %v", data, err)
	}
	docs := `C:\users\` + user + `\Documents\Studio Überblick`
	os.MkdirAll(w.unix(docs), 0o755)
	name := strings.SplitN(strings.Split(w.ok(cliExe, "flags"), "\n")[0], "\t", 3)
	agreement := docs + `\Vereinbarung Nr ` + name[0] + `.pdf`
	w.ok(cliExe, "agreement", "--client", name[0], "--accept-warnings", "-o", agreement)
	checkPDF(t, w.unix(agreement), name[1])
	review := docs + `\Monatsbericht.pdf`
	w.ok(cliExe, "--lang", "de", "review", "-o", review)
	checkPDF(t, w.unix(review), "Kulanz")

	// a backup, a client added after it, and the backup restored: the
	// client is gone again and the studio is sound
	backup := docs + `\Sicherung vor dem Test.db`
	w.ok(cliExe, "backup", "-o", backup)
	sheet := docs + `\Neue Kundin.csv`
	os.WriteFile(w.unix(sheet), []byte("Name;E-Mail\r\nZoë Änderung;zoe@example.de\r\n"), 0o644)
	w.ok(cliExe, "--lang", "de", "import-sheet", sheet)
	if out := w.ok(cliExe, "--lang", "de", "restore", backup); !strings.Contains(out, " 50 Kunden") {
		t.Fatalf("restore did not bring back the 50 clients of the backup:\n%s", out)
	}
	if out := w.ok(cliExe, "--lang", "de", "check"); !strings.Contains(out, "in Ordnung") {
		t.Fatalf("check after restore: %s", out)
	}

	// the real window on two pages, checked like the Linux smoke test
	for _, page := range []string{"clients", "review"} {
		shot := docs + `\Fenster ` + page + `.png`
		args := []string{guiExe, "--lang", "en", "--page", page, "--screenshot", shot}
		out, hung, err := runWindow("wine", args, w.env...)
		if hung || err != nil {
			t.Fatalf("%s: the window did not save its picture (hung %v, %v):\n%s", page, hung, err, out)
		}
		img := readPNG(t, w.unix(shot))
		if got, want := img.Bounds().Size(), (image.Point{ui.WindowWidth, ui.WindowHeight}); got != want {
			t.Fatalf("%s: screenshot is %v, want the window's %v", page, got, want)
		}
		if n := colours(img); n < 20 {
			t.Fatalf("%s: screenshot has %d colours: blank", page, n)
		}
	}
}

// checkPDF runs qpdf --check on a PDF and looks for a text in it.
func checkPDF(t *testing.T, path, want string) {
	t.Helper()
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	if !strings.Contains(string(text), want) {
		t.Fatalf("%s does not say %q", filepath.Base(path), want)
	}
}

// checkVersionResource looks for the version in the file's properties
// (the VERSIONINFO resource, which Windows stores as UTF-16).
func checkVersionResource(t *testing.T, path, version string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := utf16le("ProductVersion\x00" + version)
	if !bytes.Contains(b, want) && !bytes.Contains(b, utf16le("ProductVersion\x00\x00"+version)) {
		t.Fatalf("%s: the file's properties do not give the version %s", filepath.Base(path), version)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// TestWindowsInstaller installs with the NSIS installer silently (twice,
// as a user who runs it again would), runs the installed program,
// refuses a folder that cannot be written, and uninstalls: the program
// goes, the studio's data stays.
func TestWindowsInstaller(t *testing.T) {
	d, version := dist(t)
	w := newWine(t)
	setup := filepath.Join(d, "StudioPartner-"+version+"-setup.exe")
	checkVersionResource(t, setup, version)
	installed := `C:\users\` + user + `\AppData\Local\Programs\StudioPartner`
	for i := 0; i < 2; i++ {
		w.ok(setup, "/S")
	}
	exe := w.unix(installed + `\studiopartner-cli.exe`)
	if got := strings.TrimSpace(w.ok(exe, "--version")); got != "Studio Partner "+version {
		t.Fatalf("the installed program says %q", got)
	}
	menu := w.unix(`C:\users\` + user + `\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Studio Partner\Studio Partner.lnk`)
	if _, err := os.Stat(menu); err != nil {
		t.Fatalf("no Start-menu entry: %v", err)
	}
	if _, err := os.Stat(w.unix(`C:\users\` + user + `\Desktop\Studio Partner.lnk`)); err == nil {
		t.Fatal("a silent install put a desktop shortcut there; it is offered, not chosen")
	}
	w.ok(exe, "demo", "--clients", "5")
	db := w.unix(`C:\users\` + user + `\AppData\Roaming\StudioPartner\studiopartner.db`)
	kept, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	// a folder that cannot be written: mounted read-only (as root ignores
	// file modes); the installer says so and fails
	locked := w.unix(`C:\Gesperrt`)
	os.MkdirAll(locked, 0o755)
	if err := exec.Command("mount", "--bind", locked, locked).Run(); err != nil {
		t.Logf("cannot mount a read-only folder here (%v); the read-only install folder is not tried", err)
	} else {
		defer exec.Command("umount", locked).Run()
		if err := exec.Command("mount", "-o", "remount,ro,bind", locked).Run(); err != nil {
			t.Fatal(err)
		}
		// NSIS takes /D= unquoted and last
		if _, _, code := w.run(setup, "/S", `/D=C:\Gesperrt\StudioPartner`); code != 3 {
			t.Fatalf("installing into a read-only folder: exit status %d, want 3", code)
		}
	}

	w.ok(w.unix(installed+`\uninstall.exe`), "/S")
	deadline := time.Now().Add(60 * time.Second) // the uninstaller goes on from a copy of itself
	for exists(w.unix(installed + `\studiopartner.exe`)) {
		if time.Now().After(deadline) {
			t.Fatal("the uninstaller left the program")
		}
		time.Sleep(500 * time.Millisecond)
	}
	w.command("wineserver", "-w").Run()
	if exists(menu) {
		t.Fatal("the uninstaller left the Start-menu entry")
	}
	if after, err := os.ReadFile(db); err != nil || !bytes.Equal(after, kept) {
		t.Fatalf("uninstalling touched the studio's data: %v", err)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// windowsDataTests are the store's tests that matter most on Windows: the
// lock that stops a restore while the database is open (LockFileEx),
// restoring and swapping files in place, two programs on one database,
// the copy kept before an update, and network paths. The rest assume Unix
// (file modes, symlinks, read-only mounts).
var windowsDataTests = map[string]string{
	"./data/sqlstore": "^(TestBackupAndRestore|TestRestoreOverDamaged|TestWriteRacingRestore|TestErasureSurvivesRestore|" +
		"TestMigrationsUpgrade|TestReadsDoNotWaitForWriters|TestTwoProgramsOnOneDatabase|" +
		"TestDamagedBackupNotCounted|TestSharedBackupFolder|TestPrune|TestWriteFileKeepsExistingFiles)$",
	"./data/disk": "^TestNetworkPathsOnWindows$",
}

// TestWindowsData runs those tests, built for Windows, under Wine.
func TestWindowsData(t *testing.T) {
	w := newWine(t)
	passed := 0
	for pkg, tests := range windowsDataTests {
		exe := w.unix(`C:\` + filepath.Base(pkg) + `.test.exe`)
		build := exec.Command("go", "test", "-c", "-o", exe, pkg)
		build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=windows", "GOARCH=amd64")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("building %s's tests for Windows: %v\n%s", pkg, err, out)
		}
		out, errOut, code := w.run(exe, "-test.run", tests, "-test.v")
		if code != 0 {
			t.Fatalf("%s's tests under Wine: exit status %d\n%s%s", pkg, code, out, errOut)
		}
		passed += strings.Count(out, "--- PASS: Test")
	}
	if passed < 12 {
		t.Fatalf("only %d of the store's tests ran under Wine", passed)
	}
}
