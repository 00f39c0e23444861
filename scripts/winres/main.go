// Command winres writes what the Windows program carries inside its file:
// the icon (app.ico, from assets/icon.png in the sizes Explorer asks for)
// and a resource script (app.rc) with the icon, the version shown in the
// file's properties, and a manifest. windres turns app.rc into the .syso
// that go build links in. It also writes the installer's texts
// (strings.nsh) from the translations, so they are kept like every other.
//
//	go run ./scripts/winres OUTDIR VERSION
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/image/draw"
)

// sizes are the icon sizes written; 256 is stored as PNG, the rest as
// bitmaps, which every Windows version reads.
var sizes = []int{16, 24, 32, 48, 64, 128, 256}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: winres OUTDIR VERSION")
		os.Exit(2)
	}
	out, version := os.Args[1], os.Args[2]
	if err := write(out, version); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

// write makes app.ico, app.manifest and app.rc in out.
func write(out, version string) error {
	f, err := os.Open("assets/icon.png")
	if err != nil {
		return err
	}
	src, err := png.Decode(f)
	f.Close()
	if err != nil {
		return err
	}
	ico, err := icon(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "app.ico"), ico, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "app.manifest"), []byte(manifest), 0o644); err != nil {
		return err
	}
	rc, err := resourceScript(version)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "app.rc"), []byte(rc), 0o644); err != nil {
		return err
	}
	nsh, err := installerStrings()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "strings.nsh"), []byte(nsh), 0o644)
}

// nsisLanguages are the installer's languages and their files.
var nsisLanguages = []struct{ nsis, file string }{
	{"LANG_ENGLISH", "translations/active.en.toml"},
	{"LANG_GERMAN", "translations/active.de.toml"},
}

// nsisVars stand in for the translations' template variables.
var nsisVars = map[string]string{"Folder": "$INSTDIR", "Data": `$APPDATA\StudioPartner`}

var templateVar = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// installerStrings is one LangString per installer.* key and language.
func installerStrings() (string, error) {
	var b strings.Builder
	for _, l := range nsisLanguages {
		var texts map[string]any
		if _, err := toml.DecodeFile(l.file, &texts); err != nil {
			return "", err
		}
		keys := make([]string, 0, len(texts))
		for k := range texts {
			if strings.HasPrefix(k, "installer.") {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			text, ok := texts[k].(string)
			if !ok {
				return "", fmt.Errorf("%s: %s must be one text", l.file, k)
			}
			text = strings.NewReplacer("$", "$$", `"`, `$\"`, "\n", `$\n`).Replace(text)
			var missing error
			text = templateVar.ReplaceAllStringFunc(text, func(m string) string {
				name := templateVar.FindStringSubmatch(m)[1]
				v, ok := nsisVars[name]
				if !ok {
					missing = fmt.Errorf("%s: %s uses {{.%s}}, which the installer does not know", l.file, k, name)
				}
				return v
			})
			if missing != nil {
				return "", missing
			}
			name := strings.ReplaceAll(strings.TrimPrefix(k, "installer."), "_", "")
			fmt.Fprintf(&b, "LangString %s ${%s} \"%s\"\n", name, l.nsis, text)
		}
	}
	return b.String(), nil
}

// icon encodes src as a .ico file with one image per size.
func icon(src image.Image) ([]byte, error) {
	images := make([][]byte, len(sizes))
	for i, n := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
		if n == 256 {
			var b bytes.Buffer
			if err := png.Encode(&b, dst); err != nil {
				return nil, err
			}
			images[i] = b.Bytes()
		} else {
			images[i] = bitmap(dst)
		}
	}
	var b bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&b, le, [3]uint16{0, 1, uint16(len(sizes))}) // reserved, type icon, count
	offset := 6 + 16*len(sizes)
	for i, n := range sizes {
		side := uint8(n % 256) // 0 means 256
		binary.Write(&b, le, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{side, side, 0, 0, 1, 32, uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		b.Write(img)
	}
	return b.Bytes(), nil
}

// bitmap is one icon image as Windows stores it: a BITMAPINFOHEADER of
// double height, BGRA rows from the bottom up, then the 1-bit mask (all
// clear: the alpha channel says what shows).
func bitmap(img *image.NRGBA) []byte {
	n := img.Bounds().Dx()
	maskRow := (n + 31) / 32 * 4
	var b bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&b, le, struct {
		Size          uint32
		Width, Height int32
		Planes, Bits  uint16
		Compression   uint32
		ImageSize     uint32
		XPels, YPels  int32
		Used, Needed  uint32
	}{40, int32(n), int32(2 * n), 1, 32, 0, uint32(n*n*4 + maskRow*n), 0, 0, 0, 0})
	for y := n - 1; y >= 0; y-- {
		for x := 0; x < n; x++ {
			c := img.NRGBAAt(x, y)
			b.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	b.Write(make([]byte, maskRow*n))
	return b.Bytes()
}

// resourceScript is app.rc: the icon, the manifest and the version block.
func resourceScript(version string) (string, error) {
	parts := strings.Split(version, ".")
	nums := []string{"0", "0", "0", "0"}
	for i, p := range parts {
		if i >= 4 {
			break
		}
		if _, err := strconv.ParseUint(p, 10, 16); err != nil {
			return "", fmt.Errorf("version %q: %q is not a number", version, p)
		}
		nums[i] = p
	}
	comma := strings.Join(nums, ",")
	return fmt.Sprintf(`#include <winver.h>
1 ICON "app.ico"
1 24 "app.manifest"
1 VERSIONINFO
FILEVERSION %[1]s
PRODUCTVERSION %[1]s
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Studio Partner"
      VALUE "FileDescription", "Studio Partner"
      VALUE "FileVersion", "%[2]s"
      VALUE "InternalName", "studiopartner"
      VALUE "LegalCopyright", "Studio Partner"
      VALUE "OriginalFilename", "studiopartner.exe"
      VALUE "ProductName", "Studio Partner"
      VALUE "ProductVersion", "%[2]s"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
`, comma, version), nil
}

// manifest asks for no administrator rights, common controls 6, and
// per-monitor DPI awareness (Fyne scales itself).
const manifest = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="de.studiopartner.app" version="1.0.0.0" processorArchitecture="amd64"/>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security><requestedPrivileges><requestedExecutionLevel level="asInvoker" uiAccess="false"/></requestedPrivileges></security>
  </trustInfo>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
      <activeCodePage xmlns="http://schemas.microsoft.com/SMI/2019/WindowsSettings">UTF-8</activeCodePage>
    </windowsSettings>
  </application>
  <dependency><dependentAssembly>
    <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0" processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
  </dependentAssembly></dependency>
</assembly>
`
