//go:build !race

package data

const raceBuild = false
