//go:build !race

package sqlstore

const raceBuild = false
