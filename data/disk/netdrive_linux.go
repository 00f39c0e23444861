//go:build linux

package disk

import (
	"path/filepath"
	"syscall"
)

// onNetworkDrive asks the kernel which file system holds path (or its
// folder).
func onNetworkDrive(path string) bool {
	var st syscall.Statfs_t
	if syscall.Statfs(path, &st) != nil && syscall.Statfs(filepath.Dir(path), &st) != nil {
		return false
	}
	return NetworkFS[int64(st.Type)&0xffffffff]
}

// NetworkFS names the file systems, by the magic number statfs reports on
// Linux, that live on another computer: NFS, SMB/CIFS, Coda, AFS, 9P and
// Ceph. SQLite's write-ahead log needs memory shared between everyone who
// has the file open, which only a local disk gives.
var NetworkFS = map[int64]bool{
	0x6969:     true, // NFS
	0x517b:     true, // SMB
	0xff534d42: true, // CIFS
	0xfe534d42: true, // SMB2
	0x73757245: true, // Coda
	0x5346414f: true, // AFS
	0x01021997: true, // 9P
	0x00c36400: true, // Ceph
}
