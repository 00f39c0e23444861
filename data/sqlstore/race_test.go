//go:build race

package sqlstore

// raceBuild is true when the tests run under the race detector, which
// makes bulk work about thirty times slower.
const raceBuild = true
