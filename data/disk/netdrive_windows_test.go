package disk

import (
	"os"
	"testing"
)

func TestNetworkPathsOnWindows(t *testing.T) {
	for path, want := range map[string]bool{
		`\\nas\studio\studiopartner.db`:        true,
		`//nas/studio/studiopartner.db`:        true,
		`\\?\UNC\nas\studio\studiopartner.db`:  true,
		`\\?\C:\Users\Jürgen Müller\studio.db`: false,
		`C:\Users\Jürgen Müller\studio.db`:     false,
	} {
		if got := isUNC(path); got != want {
			t.Errorf("%s: share %v, want %v", path, got, want)
		}
	}
	if OnNetworkDrive(os.TempDir() + `\studiopartner.db`) {
		t.Errorf("a temporary folder on this computer counts as a network drive")
	}
}
