// Command version prints the program's version as FyneApp.toml gives it,
// for the packaging scripts: the same reading the program makes.
package main

import (
	"fmt"
	"os"

	"studiopartner/cli"
)

func main() {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		fmt.Fprintln(os.Stderr, "version:", err)
		os.Exit(1)
	}
	fmt.Println(cli.VersionFrom(string(b)))
}
