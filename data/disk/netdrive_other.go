//go:build !linux && !windows

package disk

// onNetworkDrive cannot ask the system here and says no.
func onNetworkDrive(string) bool { return false }
