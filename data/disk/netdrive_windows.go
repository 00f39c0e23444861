//go:build windows

package disk

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// onNetworkDrive says yes for a share named directly (\\server\share)
// and for a drive letter Windows reports as remote.
func onNetworkDrive(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return isUNC(abs) || driveRemote(filepath.VolumeName(abs))
}

// isUNC reports a path on a share, \\server\share\…, but not the local
// device paths \\?\C:\… and \\.\….
func isUNC(path string) bool {
	p := strings.ReplaceAll(path, "/", `\`)
	if strings.HasPrefix(p, `\\?\UNC\`) {
		return true
	}
	return strings.HasPrefix(p, `\\`) && !strings.HasPrefix(p, `\\?\`) && !strings.HasPrefix(p, `\\.\`)
}

// driveRemote asks Windows whether a drive letter is a network drive.
func driveRemote(volume string) bool {
	if len(volume) != 2 || volume[1] != ':' {
		return false
	}
	root, err := windows.UTF16PtrFromString(volume + `\`)
	return err == nil && windows.GetDriveType(root) == windows.DRIVE_REMOTE
}
