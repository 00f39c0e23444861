package disk

// OnNetworkDrive reports whether the database at path lies on a drive of
// another computer (a mapped network drive or share on Windows, NFS or
// SMB on Linux), where SQLite cannot keep it safe. The folder is asked
// when the file does not exist yet.
func OnNetworkDrive(path string) bool { return onNetworkDrive(path) }
