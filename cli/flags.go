package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"studiopartner/data"
	"studiopartner/translations"
)

// cmdFlags prints every flagged client, most serious first, tab-separated:
// client id, name, flag, reason, since.
func cmdFlags(args []string, g globals, stdout, stderr io.Writer) int {
	return withStore("flags", args, g, stderr, func(s *data.Store, tr *translations.T) error {
		fs, err := s.Flags(context.Background())
		clean := strings.NewReplacer("\t", " ", "\n", " ")
		for _, f := range fs {
			reason := tr.S("flag.reason."+string(f.Kind), "Amount", f.Amount, "Since", f.Since, "Count", f.Count)
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", f.ClientID, clean.Replace(f.ClientName), f.Kind, clean.Replace(reason), f.Since)
		}
		return err
	})
}
