package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/translations"
)

// ClientExportSummary writes the readable summary of everything stored about a client
// (DSGVO Art. 15): contact data and consent, contracts, charges, payments,
// goodwill, demands, agreements issued and the audit entries about them.
func ClientExportSummary(w io.Writer, studio data.Studio, d sqlstore.ClientExport, info PrivacyInfo, lang string, at time.Time) ([]rune, error) {
	tr := translations.New(lang)
	c := d.Client
	doc := newDoc(tr, studio, tr.S("client_export.title"), fmt.Sprintf("DA-%06d", c.ID), "", at)
	doc.title(tr.S("client_export.title"))
	doc.paragraph(tr.S("client_export.intro", "Name", c.Name, "Date", data.DateOf(at)))
	exportPerson(doc, tr, d)
	for _, sec := range exportSections(tr, d, data.DateOf(at)) {
		// a list's heading goes to the next page unless its first rows fit too
		doc.keep(9 * lineH)
		doc.heading(tr.N(sec.key, len(sec.rows)))
		if len(sec.rows) == 0 {
			doc.paragraph(tr.S("client_export.none"))
			continue
		}
		doc.table(sec.cols, sec.rows)
	}
	if len(d.Agreements) > 0 {
		doc.paragraph(tr.S("client_export.json"))
	}
	doc.heading(tr.S("client_export.information"))
	doc.privacyInfo(info) // Art. 15(1) a–h: purposes, recipients, how long, rights, source, profiling
	doc.paragraph(info.Source)
	return doc.Missing(), doc.write(w)
}

// exportPerson writes the client's contact data, consent and, once
// erased, what is kept of them.
func exportPerson(doc *doc, tr *translations.T, d sqlstore.ClientExport) {
	c := d.Client
	doc.heading(tr.S("client_export.person"))
	field := func(key, v string) []string { return []string{strings.TrimSuffix(tr.S(key), " *"), v} }
	rows := [][]string{
		field("client.field.name", c.Name), field("client.field.contact_person", c.ContactPerson),
		field("client.field.phone", c.Phone), field("client.field.email", c.Email),
		field("client.field.address", strings.ReplaceAll(c.Address, "\n", ", ")),
		field("client.field.birth_date", tr.Date(c.BirthDate)), field("client.field.language", tr.Enum("lang", c.Language)),
		field("client.field.status", tr.Enum("client.status", c.Status)), field("client.field.notes", c.Notes),
		field("client_export.client_since", localDay(tr, c.CreatedAt)),
	}
	doc.table([]col{{tr.S("client_export.col.field"), 45, false}, {tr.S("client_export.col.value"), 125, false}}, rows)
	doc.heading(tr.S("client_export.consent"))
	doc.paragraph(ConsentText(tr, c.Consent))
	if d.Retention != nil {
		doc.heading(tr.S("client_export.retention"))
		doc.paragraph(tr.S("client_export.erased", "Date", c.ErasedOn))
		for _, p := range d.Retention.Parts {
			doc.paragraph("• " + RetentionLine(tr, p))
		}
		for _, k := range d.Retention.Documents {
			doc.paragraph("• " + KeptLine(tr, k))
		}
	}
}

// exportSection is one list of the summary: its heading's key (with the
// count), its columns and its rows.
type exportSection struct {
	key  string
	cols []col
	rows [][]string
}

func exportSections(tr *translations.T, d sqlstore.ClientExport, today data.Date) []exportSection {
	h := func(key string) string { return tr.S("client_export.col." + key) }
	return []exportSection{
		{"client_export.contracts", []col{{tr.S("pdf.col.service"), 60, false}, {tr.S("pdf.col.price"), 25, true},
			{tr.S("pdf.col.billing"), 30, false}, {tr.S("pdf.col.start"), 27, false}, {h("end"), 28, false}},
			rowsOf(d.Contracts, func(k data.Contract) []string {
				return []string{k.ServiceName, tr.Money(k.Price), tr.Enum("billing", k.Billing), tr.Date(k.Start), tr.Date(k.EndsOn)}
			})},
		{"client_export.charges", []col{{h("due"), 27, false}, {h("what"), 93, false}, {h("amount"), 25, true}, {h("paid"), 25, true}},
			rowsOf(d.Charges, func(ch data.Charge) []string {
				return []string{tr.Date(ch.Due), ch.Description, tr.Money(ch.Amount), tr.Money(ch.Paid)}
			})},
		{"client_export.payments", []col{{h("day"), 27, false}, {h("amount"), 25, true}, {h("method"), 35, false}, {h("note"), 83, false}},
			rowsOf(d.Payments, func(p data.Payment) []string {
				return []string{tr.Date(p.ReceivedOn), tr.Money(p.Amount), tr.Enum("payment.method", p.Method), p.Note}
			})},
		{"client_export.mandates", []col{{h("reference"), 40, false}, {h("holder"), 45, false}, {"IBAN", 60, false}, {h("status"), 25, false}},
			rowsOf(d.Mandates, func(m data.Mandate) []string {
				return []string{m.Reference + " (" + tr.Date(m.SignedOn) + ")", m.HolderName(), data.FormatIBAN(m.IBAN),
					tr.Enum("mandate.state", m.State(today))}
			})},
		{"client_export.goodwill", []col{{h("day"), 27, false}, {h("kind"), 35, false}, {h("what"), 83, false}, {h("value"), 25, true}},
			rowsOf(d.Goodwill, func(g sqlstore.ExportedGoodwill) []string {
				desc := g.Description
				if !g.DeletedOn.IsZero() {
					desc += " (" + tr.S("client_export.deleted", "Date", g.DeletedOn) + ")"
				}
				return []string{tr.Date(g.GivenOn), tr.Enum("goodwill.category", g.Category), desc, tr.Money(g.Value)}
			})},
		{"client_export.demands", []col{{h("day"), 27, false}, {h("what"), 93, false}, {h("status"), 25, false}, {h("amount"), 25, true}},
			rowsOf(d.Demands, func(dm data.Demand) []string {
				return []string{tr.Date(dm.RaisedOn), dm.Asked, tr.Enum("demand.status", dm.Status), tr.Money(dm.Claimed)}
			})},
		{"client_export.visits", []col{{h("time"), 35, false}, {h("what"), 75, false}, {h("status"), 60, false}},
			rowsOf(d.Visits, func(v data.Visit) []string {
				st := tr.Enum("visit.outcome", v.Outcome)
				if !v.UndoneOn.IsZero() {
					st += " (" + tr.S("client_export.undone", "Date", v.UndoneOn) + ")"
				}
				return []string{tr.Date(data.DateOf(v.At)) + " " + v.At.Format("15:04"), v.ContractName, st}
			})},
		{"client_export.owed", []col{{h("day"), 27, false}, {h("kind"), 45, false}, {h("what"), 73, false}, {h("value"), 25, true}},
			rowsOf(d.Owed, func(o data.Owed) []string {
				return []string{tr.Date(o.GivenOn), tr.Enum("owed.kind", o.Kind), o.Description, tr.Money(o.Value)}
			})},
		{"client_export.flags", []col{{h("kind"), 45, false}, {h("what"), 125, false}},
			rowsOf(d.Flags, func(f data.Flag) []string {
				return []string{tr.Enum("flag.kind", f.Kind), flagReason(tr, f)}
			})},
		{"client_export.agreements", []col{{h("number"), 30, false}, {h("printed"), 30, false}, {h("signed"), 30, false}, {"SHA-256", 80, false}},
			rowsOf(d.Agreements, func(ag data.Agreement) []string {
				return []string{ag.Number(), localDay(tr, ag.PrintedAt), tr.Date(ag.SignedOn), ag.SHA256[:min(16, len(ag.SHA256))] + "…"}
			})},
		{"client_export.audit", []col{{tr.S("audit.col.at"), 45, false}, {tr.S("audit.col.record"), 70, false}, {tr.S("audit.col.action"), 55, false}},
			rowsOf(d.Audit, func(e data.AuditEntry) []string {
				return []string{localTime(tr, e.At), fmt.Sprintf("%s #%d", e.Table, e.RowID), tr.Enum("audit.action", e.Action)}
			})},
	}
}

// rowsOf turns each item into a table row.
func rowsOf[T any](items []T, row func(T) []string) [][]string {
	out := make([][]string, 0, len(items))
	for _, it := range items {
		out = append(out, row(it))
	}
	return out
}

// RetentionLine says what is kept of one kind of record and until when.
func RetentionLine(tr *translations.T, p data.RetentionPart) string {
	if p.Count == 0 {
		return tr.S("retention.none." + p.Kind)
	}
	return tr.N("retention.kept."+p.Kind, p.Count, "Years", p.Years, "Until", p.Until)
}

// KeptLine says of one kept document what it is and the day it may go.
func KeptLine(tr *translations.T, d data.KeptDocument) string {
	return tr.S("retention.document", "Number", d.Number, "Kind", tr.Enum("doc.kind", d.Kind), "Issued", d.Issued, "Until", d.Until)
}

// ClientExportFiles are the files a client export writes.
type ClientExportFiles struct {
	PDF, JSON  string
	Agreements []string // the documents issued: agreements and letters
}

// WriteClientExport writes one client's data into dir, in lang (empty: the
// client's language): the readable PDF
// summary, the machine-readable JSON and each agreement issued, as kept.
// dir must be new or empty; if anything fails, what was written is removed.
func WriteClientExport(ctx context.Context, s *sqlstore.Store, clientID int64, dir, lang string) (ClientExportFiles, error) {
	var out ClientExportFiles
	d, err := s.ClientExport(ctx, clientID)
	if err != nil {
		return out, err
	}
	if lang == "" {
		lang = d.Client.Language
	}
	js, pdf, err := clientExportFiles(ctx, s, d, lang)
	if err != nil {
		return out, err
	}
	folder, err := s.CreateFolder(dir)
	if err != nil {
		return out, err
	}
	defer folder.Discard()
	put := func(name string, b []byte) (string, error) {
		return filepath.Join(dir, name), folder.WriteFile(name, b)
	}
	base := fmt.Sprintf("client-%d", clientID)
	if out.JSON, err = put(base+".json", js); err != nil {
		return ClientExportFiles{}, err
	}
	if out.PDF, err = put(base+".pdf", pdf); err != nil {
		return ClientExportFiles{}, err
	}
	copyOf := s.CopyOf
	if !d.Client.ErasedOn.IsZero() {
		copyOf = s.CopyOfErased // the owner exports what is kept of an erased client
	}
	for _, number := range documentNumbers(d) { // every document issued, as kept
		b, err := copyOf(ctx, number)
		if err != nil {
			return ClientExportFiles{}, err
		}
		p, err := put(number+".pdf", b)
		if err != nil {
			return ClientExportFiles{}, err
		}
		out.Agreements = append(out.Agreements, p)
	}
	return out, folder.Publish()
}

// clientExportFiles renders the export's JSON — the record itself, and
// what Art. 15(1) a–h GDPR says the client is told — and its PDF summary.
func clientExportFiles(ctx context.Context, s *sqlstore.Store, d sqlstore.ClientExport, lang string) (js, pdf []byte, err error) {
	studio, err := s.Studio(ctx)
	if err != nil {
		return nil, nil, err
	}
	retention, err := s.RetentionRules(ctx)
	if err != nil {
		return nil, nil, err
	}
	info := Privacy(translations.New(lang), studio, retention)
	tr := translations.New(lang)
	reasons := make([]string, len(d.Flags))
	for i, f := range d.Flags {
		reasons[i] = flagReason(tr, f)
	}
	js, err = json.MarshalIndent(struct {
		sqlstore.ClientExport
		FlagReasons []string    `json:"flag_reasons"`
		Information PrivacyInfo `json:"information"`
	}{d, reasons, info}, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if _, err := ClientExportSummary(&buf, studio, d, info, lang, s.Now()); err != nil {
		return nil, nil, err
	}
	return append(js, '\n'), buf.Bytes(), nil
}

// documentNumbers lists every document issued to the client: agreements,
// then letters.
func documentNumbers(d sqlstore.ClientExport) []string {
	numbers := make([]string, 0, len(d.Agreements)+len(d.Documents))
	for _, ag := range d.Agreements {
		numbers = append(numbers, ag.Number())
	}
	for _, doc := range d.Documents {
		numbers = append(numbers, doc.Number)
	}
	return numbers
}

// flagReason is a flag's reason in words.
func flagReason(tr *translations.T, f data.Flag) string { return tr.FlagReason(f) }

// localTime writes a stored RFC 3339 time in this computer's time, as the
// language writes the day.
func localTime(tr *translations.T, stamp string) string {
	if t, err := time.Parse(time.RFC3339, stamp); err == nil {
		t = t.Local()
		return tr.Date(data.DateOf(t)) + " " + t.Format("15:04")
	}
	return stamp
}

// localDay writes the day of a stored RFC 3339 time as the language does.
func localDay(tr *translations.T, stamp string) string {
	if t, err := time.Parse(time.RFC3339, stamp); err == nil {
		return tr.Date(data.DateOf(t.Local()))
	}
	return stamp
}
