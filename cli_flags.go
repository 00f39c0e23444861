package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// cmdFlags prints every flagged client, most serious first, tab-separated:
// client id, name, flag, reason, since.
func cmdFlags(args []string, g globals, stdout, stderr io.Writer) int {
	err := commandFlags("flags", &g, args, nil)
	tr := g.tr()
	if err != nil {
		return usageError(stderr, tr, err)
	}
	s, err := openStore(g)
	if err != nil {
		return userError(stderr, tr, err)
	}
	defer s.Close()
	fs, err := s.Flags(context.Background())
	if err != nil {
		return userError(stderr, tr, err)
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ")
	for _, f := range fs {
		reason := tr.S("flag.reason."+string(f.Kind), "Amount", f.Amount, "Since", f.Since, "Count", f.Count)
		fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", f.ClientID, clean.Replace(f.ClientName), f.Kind, clean.Replace(reason), f.Since)
	}
	return exitOK
}
