package reports

import (
	"bytes"
	"context"
	"io"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/disk"
	"studiopartner/data/sqlstore"
)

// Issue says how a document may be issued.
type Issue struct {
	Lang           string           // the document's language; empty: the client's
	AcceptWarnings bool             // print despite the warnings (the owner confirmed them)
	Out            *disk.StagedFile // where the PDF goes: written and claimed inside the transaction that keeps the record
}

// CheckProfile refuses to issue documents while the studio profile lacks
// the studio's name, address or who is responsible; the error lists what
// is missing.
func CheckProfile(studio data.Studio) error {
	gaps := studio.DocumentGaps()
	if len(gaps) == 0 {
		return nil
	}
	keys := make([]string, len(gaps))
	for i, g := range gaps {
		keys[i] = "studio.field." + g
	}
	return &data.Error{Code: data.CodeInvalid, Key: "doc.profile_incomplete", Args: map[string]any{"ListKeys": keys}}
}

// unprintable refuses a document with characters its fonts cannot draw,
// naming them: an issued document never shows "?" for a name.
func unprintable(missing []rune) error {
	if len(missing) == 0 {
		return nil
	}
	return &data.Error{Code: data.CodeInvalid, Key: "doc.unprintable", Args: map[string]any{"Chars": string(missing)}}
}

// AgreementWarnings lists what the owner should confirm before a client's
// agreement is printed: a declined inquiry, no running contract (message
// keys). Void terms are no warning: they are refused with VoidTerms' error.
func AgreementWarnings(ctx context.Context, s *sqlstore.Store, clientID int64) ([]string, error) {
	c, err := s.Client(ctx, clientID)
	if err != nil {
		return nil, err
	}
	running, err := runningContracts(ctx, s, clientID)
	if err != nil {
		return nil, err
	}
	if err := VoidTerms(running); err != nil {
		return nil, err
	}
	var keys []string
	if c.Status == data.StatusDeclined {
		keys = append(keys, "doc.warn.declined")
	}
	if len(running) == 0 {
		keys = append(keys, "doc.warn.no_contract")
	}
	return keys, nil
}

// VoidTerms refuses an agreement that would list a contract whose terms
// the law makes void (§ 309 Nr. 9 BGB): there is no printing them anyway;
// the contract is corrected first. The error names the services.
func VoidTerms(ks []data.Contract) error {
	var names []string
	for _, k := range ks {
		if len(k.Void()) > 0 {
			names = append(names, k.ServiceName)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return &data.Error{Code: data.CodeConflict, Key: "doc.void_terms", Args: map[string]any{"Services": strings.Join(names, ", ")}}
}

// NeedsConfirmation is the error of an agreement with warnings not yet
// confirmed; ListKeys names them.
func NeedsConfirmation(keys []string) error {
	return &data.Error{Code: data.CodeConflict, Key: "doc.needs_confirmation", Args: map[string]any{"ListKeys": keys}}
}

func runningContracts(ctx context.Context, s *sqlstore.Store, clientID int64) ([]data.Contract, error) {
	all, err := s.ContractsOf(ctx, clientID)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	var running []data.Contract
	for _, k := range all {
		if !k.Over(today) {
			running = append(running, k)
		}
	}
	return running, nil
}

// IssueAgreement prints a client's partnership agreement with the newest
// wording and records the copy. It refuses while the studio profile is
// incomplete, while warnings are not confirmed (see AgreementWarnings), and
// when a name holds characters the fonts cannot draw; nothing is recorded
// then. The first agreement in a language saves the default wording as
// version 1. With o.Out, the PDF is written and synced to it before the
// copy is recorded; the caller publishes it once this returns without
// error.
func IssueAgreement(ctx context.Context, s *sqlstore.Store, clientID int64, o Issue) (data.Agreement, []byte, error) {
	d, warnings, err := agreementFor(ctx, s, clientID, o)
	if err != nil {
		return data.Agreement{}, nil, err
	}
	ids := make([]int64, len(d.Contracts))
	for i, k := range d.Contracts {
		ids[i] = k.ID
	}
	return s.IssueAgreement(ctx, clientID, d.Clauses, warnings, ids, func(number string) ([]byte, error) {
		d.Number = number
		return drawDocument(func(w io.Writer) ([]rune, error) { return Agreement(w, d) })
	}, keepFile(o))
}

// drawDocument draws a document and refuses it when the fonts could not
// draw some of its characters.
func drawDocument(draw func(io.Writer) ([]rune, error)) ([]byte, error) {
	var buf bytes.Buffer
	missing, err := draw(&buf)
	if err == nil {
		err = unprintable(missing)
	}
	return buf.Bytes(), err
}

// keepFile writes a drawn document to o.Out and claims its name (see
// disk.StagedFile.Claim), inside the write that records it: the number is
// kept only if the file got its name. Without o.Out there is nothing to do.
func keepFile(o Issue) func(pdf []byte) error {
	if o.Out == nil {
		return nil
	}
	return func(pdf []byte) error {
		if _, err := o.Out.Write(pdf); err != nil {
			return err
		}
		return o.Out.Claim()
	}
}

// agreementFor gathers what a client's agreement says, all but its
// number, and the warnings it was issued with; it refuses as
// IssueAgreement says.
func agreementFor(ctx context.Context, s *sqlstore.Store, clientID int64, o Issue) (AgreementData, []string, error) {
	var d AgreementData
	var err error
	if d.Client, err = s.Client(ctx, clientID); err != nil {
		return d, nil, err
	}
	if d.Studio, err = s.Studio(ctx); err != nil {
		return d, nil, err
	}
	if err := CheckProfile(d.Studio); err != nil {
		return d, nil, err
	}
	warnings, err := AgreementWarnings(ctx, s, clientID)
	if err != nil {
		return d, nil, err
	}
	if len(warnings) > 0 && !o.AcceptWarnings {
		return d, nil, NeedsConfirmation(warnings)
	}
	lang := o.Lang
	if lang == "" {
		lang = d.Client.Language
	}
	if d.Clauses, err = clausesFor(ctx, s, lang); err != nil {
		return d, nil, err
	}
	if d.Contracts, err = runningContracts(ctx, s, clientID); err != nil {
		return d, nil, err
	}
	if d.Retention, err = s.RetentionRules(ctx); err != nil {
		return d, nil, err
	}
	if d.Visits, err = s.VisitRules(ctx); err != nil {
		return d, nil, err
	}
	d.Services = map[int64]data.Service{}
	for _, k := range d.Contracts {
		if d.Services[k.ServiceID], err = s.Service(ctx, k.ServiceID); err != nil {
			return d, nil, err
		}
	}
	d.Today = s.Today()
	d.At = time.Date(d.Today.Year(), d.Today.Month(), d.Today.Day(), 0, 0, 0, 0, time.UTC) // the document's day
	if d.Creditor, err = s.Creditor(ctx); err != nil {
		return d, nil, err
	}
	d.Mandate, err = s.MandateInForce(ctx, clientID, d.Today)
	return d, warnings, err
}

// clausesFor is the current wording in a language; the first agreement in
// it saves the default wording as version 1.
func clausesFor(ctx context.Context, s *sqlstore.Store, lang string) (data.ClauseSet, error) {
	cs, ok, err := s.CurrentClauses(ctx, lang)
	if err != nil || ok {
		return cs, err
	}
	return s.SaveFirstClauses(ctx, DefaultClauses(lang))
}

// PrintAgreement issues a client's agreement in their language and keeps
// the record only: the demo studio uses it.
func PrintAgreement(ctx context.Context, s *sqlstore.Store, clientID int64) (data.Agreement, error) {
	a, _, err := IssueAgreement(ctx, s, clientID, Issue{AcceptWarnings: true})
	return a, err
}
