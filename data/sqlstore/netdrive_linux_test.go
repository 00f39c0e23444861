package sqlstore

import (
	"studiopartner/data/disk"
	"testing"
)

func TestLocalDiskIsNotNetwork(t *testing.T) {
	dir := tempDir(t)
	if disk.OnNetworkDrive(dir + "/studiopartner.db") {
		t.Fatalf("a temporary folder on this computer counts as a network drive")
	}
	for magic, want := range map[int64]bool{0x6969: true, 0xfe534d42: true, 0xef53: false, 0x01021994: false} {
		if disk.NetworkFS[magic] != want {
			t.Errorf("file system %#x: network %v, want %v", magic, !want, want)
		}
	}
}
