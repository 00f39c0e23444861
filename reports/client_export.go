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
	"studiopartner/translations"
)

// ClientExportSummary writes the readable summary of everything stored about a client
// (DSGVO Art. 15): contact data and consent, contracts, charges, payments,
// goodwill, demands, agreements issued and the audit entries about them.
func ClientExportSummary(w io.Writer, studio data.Studio, d data.ClientExport, lang string, at time.Time) ([]rune, error) {
	tr := translations.New(lang)
	c := d.Client
	doc := newDoc(tr, studio, tr.S("client_export.title"), fmt.Sprintf("DA-%06d", c.ID), "", at)
	doc.title(tr.S("client_export.title"))
	doc.paragraph(tr.S("client_export.intro", "Name", c.Name, "Date", data.DateOf(at)))

	doc.heading(tr.S("client_export.person"))
	field := func(key, v string) []string { return []string{strings.TrimSuffix(tr.S(key), " *"), v} }
	// a list's heading goes to the next page unless its first rows fit too
	section := func(title string) {
		doc.keep(9 * lineH)
		doc.heading(title)
	}
	list := func(cols []col, rows [][]string) {
		if len(rows) == 0 {
			doc.paragraph(tr.S("client_export.none"))
			return
		}
		doc.table(cols, rows)
	}
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
	}

	section(tr.N("client_export.contracts", len(d.Contracts)))
	var kr [][]string
	for _, k := range d.Contracts {
		kr = append(kr, []string{k.ServiceName, tr.Money(k.Price), tr.Enum("billing", k.Billing), tr.Date(k.Start), tr.Date(k.EndsOn)})
	}
	list([]col{{tr.S("pdf.col.service"), 60, false}, {tr.S("pdf.col.price"), 25, true}, {tr.S("pdf.col.billing"), 30, false},
		{tr.S("pdf.col.start"), 27, false}, {tr.S("client_export.col.end"), 28, false}}, kr)

	section(tr.N("client_export.charges", len(d.Charges)))
	var cr [][]string
	for _, ch := range d.Charges {
		cr = append(cr, []string{tr.Date(ch.Due), ch.Description, tr.Money(ch.Amount), tr.Money(ch.Paid)})
	}
	list([]col{{tr.S("client_export.col.due"), 27, false}, {tr.S("client_export.col.what"), 93, false},
		{tr.S("client_export.col.amount"), 25, true}, {tr.S("client_export.col.paid"), 25, true}}, cr)

	section(tr.N("client_export.payments", len(d.Payments)))
	var pr [][]string
	for _, p := range d.Payments {
		pr = append(pr, []string{tr.Date(p.ReceivedOn), tr.Money(p.Amount), tr.Enum("payment.method", p.Method), p.Note})
	}
	list([]col{{tr.S("client_export.col.day"), 27, false}, {tr.S("client_export.col.amount"), 25, true},
		{tr.S("client_export.col.method"), 35, false}, {tr.S("client_export.col.note"), 83, false}}, pr)

	section(tr.N("client_export.goodwill", len(d.Goodwill)))
	var gr [][]string
	for _, g := range d.Goodwill {
		desc := g.Description
		if !g.DeletedOn.IsZero() {
			desc += " (" + tr.S("client_export.deleted", "Date", g.DeletedOn) + ")"
		}
		gr = append(gr, []string{tr.Date(g.GivenOn), tr.Enum("goodwill.category", g.Category), desc, tr.Money(g.Value)})
	}
	list([]col{{tr.S("client_export.col.day"), 27, false}, {tr.S("client_export.col.kind"), 35, false},
		{tr.S("client_export.col.what"), 83, false}, {tr.S("client_export.col.value"), 25, true}}, gr)

	section(tr.N("client_export.demands", len(d.Demands)))
	var dr [][]string
	for _, dm := range d.Demands {
		dr = append(dr, []string{tr.Date(dm.RaisedOn), dm.Asked, tr.Enum("demand.status", dm.Status), tr.Money(dm.Claimed)})
	}
	list([]col{{tr.S("client_export.col.day"), 27, false}, {tr.S("client_export.col.what"), 93, false},
		{tr.S("client_export.col.status"), 25, false}, {tr.S("client_export.col.amount"), 25, true}}, dr)

	section(tr.N("client_export.agreements", len(d.Agreements)))
	var ar [][]string
	for _, ag := range d.Agreements {
		ar = append(ar, []string{ag.Number(), localDay(tr, ag.PrintedAt), tr.Date(ag.SignedOn), ag.SHA256[:min(16, len(ag.SHA256))] + "…"})
	}
	list([]col{{tr.S("client_export.col.number"), 30, false}, {tr.S("client_export.col.printed"), 30, false},
		{tr.S("client_export.col.signed"), 30, false}, {"SHA-256", 80, false}}, ar)

	section(tr.N("client_export.audit", len(d.Audit)))
	var lr [][]string
	for _, e := range d.Audit {
		lr = append(lr, []string{strings.Replace(e.At, "T", " ", 1), fmt.Sprintf("%s #%d", e.Table, e.RowID), tr.Enum("audit.action", e.Action)})
	}
	list([]col{{tr.S("audit.col.at"), 45, false}, {tr.S("audit.col.record"), 70, false}, {tr.S("audit.col.action"), 55, false}}, lr)
	if len(d.Agreements) > 0 {
		doc.paragraph(tr.S("client_export.json"))
	}
	return doc.Missing(), doc.write(w)
}

// RetentionLine says what is kept of one kind of record and until when.
func RetentionLine(tr *translations.T, p data.RetentionPart) string {
	if p.Count == 0 {
		return tr.S("retention.none." + p.Kind)
	}
	return tr.N("retention.kept."+p.Kind, p.Count, "Years", p.Years, "Until", p.Until)
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
func WriteClientExport(ctx context.Context, s *data.Store, clientID int64, dir, lang string) (ClientExportFiles, error) {
	var out ClientExportFiles
	d, err := s.ClientExport(ctx, clientID)
	if err != nil {
		return out, err
	}
	studio, err := s.Studio(ctx)
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
	if lang == "" {
		lang = d.Client.Language
	}
	retention, err := s.RetentionRules(ctx)
	if err != nil {
		return ClientExportFiles{}, err
	}
	base := fmt.Sprintf("client-%d", clientID)
	// the record itself, and what Art. 15(1) a–h GDPR says the client is told
	js, err := json.MarshalIndent(struct {
		data.ClientExport
		Information PrivacyInfo `json:"information"`
	}{d, Privacy(translations.New(lang), studio, retention)}, "", "  ")
	if err != nil {
		return ClientExportFiles{}, err
	}
	if out.JSON, err = put(base+".json", append(js, '\n')); err != nil {
		return ClientExportFiles{}, err
	}
	var pdf bytes.Buffer
	if _, err := ClientExportSummary(&pdf, studio, d, lang, s.Now()); err != nil {
		return ClientExportFiles{}, err
	}
	if out.PDF, err = put(base+".pdf", pdf.Bytes()); err != nil {
		return ClientExportFiles{}, err
	}
	numbers := make([]string, 0, len(d.Agreements)+len(d.Documents))
	for _, ag := range d.Agreements {
		numbers = append(numbers, ag.Number())
	}
	for _, doc := range d.Documents {
		numbers = append(numbers, doc.Number)
	}
	for _, number := range numbers { // every document issued, as kept
		b, err := s.CopyOf(ctx, number)
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

// localDay writes the day of a stored RFC 3339 time as the language does.
func localDay(tr *translations.T, stamp string) string {
	if t, err := time.Parse(time.RFC3339, stamp); err == nil {
		return tr.Date(data.DateOf(t))
	}
	return stamp
}
