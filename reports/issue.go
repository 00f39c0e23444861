package reports

import (
	"bytes"
	"context"

	"studiopartner/data"
)

// IssueAgreement prints a client's partnership agreement in lang (empty:
// the client's language) with the newest wording, records the copy, and
// returns it with the characters the font could not print. The first
// agreement in a language saves the default wording as version 1. With a
// staged file, the PDF is written and synced to it before the copy is
// recorded; the caller publishes it once this returns without error.
func IssueAgreement(ctx context.Context, s *data.Store, clientID int64, lang string, out *data.StagedFile) (data.Agreement, []byte, []rune, error) {
	c, err := s.Client(ctx, clientID)
	if err != nil {
		return data.Agreement{}, nil, nil, err
	}
	if lang == "" {
		lang = c.Language
	}
	cs, ok, err := s.CurrentClauses(ctx, lang)
	if err != nil {
		return data.Agreement{}, nil, nil, err
	}
	if !ok {
		if cs, err = s.SaveFirstClauses(ctx, DefaultClauses(lang)); err != nil {
			return data.Agreement{}, nil, nil, err
		}
	}
	studio, err := s.Studio(ctx)
	if err != nil {
		return data.Agreement{}, nil, nil, err
	}
	all, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return data.Agreement{}, nil, nil, err
	}
	today := s.Today()
	var running []data.Contract
	for _, k := range all {
		if k.Status(today) != data.ContractEnded {
			running = append(running, k)
		}
	}
	var missing []rune
	a, pdf, err := s.IssueAgreement(ctx, clientID, cs, func(number string) ([]byte, error) {
		var buf bytes.Buffer
		var err error
		missing, err = Agreement(&buf, AgreementData{Studio: studio, Client: c, Contracts: running, Clauses: cs,
			Number: number, Today: today, At: s.Now().UTC().Truncate(1e9)})
		if err == nil && out != nil {
			if _, err = out.Write(buf.Bytes()); err == nil {
				err = out.Sync()
			}
		}
		return buf.Bytes(), err
	})
	return a, pdf, missing, err
}

// PrintAgreement issues a client's agreement in their language and keeps
// the record only: the demo studio uses it.
func PrintAgreement(ctx context.Context, s *data.Store, clientID int64) (data.Agreement, error) {
	a, _, _, err := IssueAgreement(ctx, s, clientID, "", nil)
	return a, err
}
