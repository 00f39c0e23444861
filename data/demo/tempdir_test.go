package demo

import "os"

// mkTemp makes a folder for the benchmark's database, shared by its
// sub-benchmarks; the operating system's temp cleaning removes it.
func mkTemp() (string, error) { return os.MkdirTemp("", "studiopartner-bench-") }
