// Package translations holds the German and English texts and a small API
// to look them up for a chosen language.
package translations

import (
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
)

//go:embed active.*.toml
var files embed.FS

// Languages are the languages the program speaks, the first the default.
var Languages = []string{"de", "en"}

var bundle = mustLoad()

func mustLoad() *i18n.Bundle {
	b := i18n.NewBundle(language.German)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, l := range Languages {
		if _, err := b.LoadMessageFileFS(files, "active."+l+".toml"); err != nil {
			panic(fmt.Sprintf("translations: %v", err)) // embedded at build time; a test loads them too
		}
	}
	return b
}

// Normalize turns a locale such as "de_DE.UTF-8" or "en-GB" into one of
// Languages; anything else gives def.
func Normalize(locale, def string) string {
	l := strings.ToLower(locale)
	for _, sep := range []string{".", "_", "-", "@"} {
		l, _, _ = strings.Cut(l, sep)
	}
	for _, known := range Languages {
		if l == known {
			return known
		}
	}
	return def
}

// T looks up texts in one language.
type T struct {
	lang string
	loc  *i18n.Localizer
}

// New returns the texts of lang ("de" or "en"; anything else gives German).
func New(lang string) *T {
	lang = Normalize(lang, "de")
	return &T{lang: lang, loc: i18n.NewLocalizer(bundle, lang)}
}

// Lang returns the language code.
func (t *T) Lang() string { return t.lang }

// S returns the text of key, filled from pairs of name and value:
// S("client.count", "Count", 3). A missing key shows the key itself, so a
// gap is visible but never crashes the window.
func (t *T) S(key string, pairs ...any) string {
	var td map[string]any
	if len(pairs) > 0 {
		td = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			td[fmt.Sprint(pairs[i])] = pairs[i+1]
		}
	}
	return t.with(key, td, nil)
}

// N returns the plural form of key for count n; the template sees .Count.
func (t *T) N(key string, n int, pairs ...any) string {
	td := map[string]any{"Count": n}
	for i := 0; i+1 < len(pairs); i += 2 {
		td[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return t.with(key, td, n)
}

func (t *T) with(key string, td map[string]any, count any) string {
	if c, ok := td["Count"]; ok && count == nil {
		count = c // a store error with a count picks its plural form
	}
	s, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: t.localArgs(td), PluralCount: count})
	if err != nil {
		var missing *i18n.MessageNotFoundErr
		if errors.As(err, &missing) || s == "" {
			return key
		}
	}
	return s
}

// localArgs writes dates and amounts among template values as this
// language does, so messages from the store read naturally.
func (t *T) localArgs(td map[string]any) map[string]any {
	var out map[string]any
	for k, v := range td {
		var local string
		switch v := v.(type) {
		case data.Date:
			local = t.Date(v)
		case data.Money:
			local = t.Money(v)
		default:
			continue
		}
		if out == nil {
			out = make(map[string]any, len(td))
			for k2, v2 := range td {
				out[k2] = v2
			}
		}
		out[k] = local
	}
	if out == nil {
		return td
	}
	return out
}

// Has reports whether key exists.
func (t *T) Has(key string) bool {
	_, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: key})
	var missing *i18n.MessageNotFoundErr
	return !errors.As(err, &missing)
}

// Err renders a store error as one sentence: the message of its first
// field problem, or of its key.
func (t *T) Err(err error) string {
	e := data.AsError(err)
	if e == nil {
		return ""
	}
	if len(e.Fields) > 0 {
		return t.Field(e.Fields[0])
	}
	if e.Code == data.CodeInternal && e.Err != nil {
		return t.S("error.internal", "Detail", e.Err.Error())
	}
	return t.with(e.Key, t.listed(e.Args), nil)
}

// listed renders the message keys an error names under ListKeys (what a
// profile lacks, which warnings stand) as List, joined with commas.
func (t *T) listed(args map[string]any) map[string]any {
	keys, ok := args["ListKeys"].([]string)
	if !ok {
		return args
	}
	out := make(map[string]any, len(args)+1)
	for k, v := range args {
		out[k] = v
	}
	texts := make([]string, len(keys))
	for i, k := range keys {
		texts[i] = t.S(k)
	}
	out["List"] = strings.Join(texts, "; ")
	return out
}

// Field renders one field problem.
// A problem of an imported line carries the rule's own message key as
// InnerKey; it is rendered first and takes its place as Problem.
func (t *T) Field(f data.FieldError) string {
	inner, ok := f.Args["InnerKey"].(string)
	if !ok {
		return t.with(f.Key, f.Args, nil)
	}
	args := make(map[string]any, len(f.Args)+1)
	for k, v := range f.Args {
		args[k] = v
	}
	args["Problem"] = t.with(inner, f.Args, nil)
	return t.with(f.Key, args, nil)
}

// Money formats an amount in this language.
func (t *T) Money(m data.Money) string { return m.Format(t.lang) }

// Date formats a day in this language; the zero day gives "–".
func (t *T) Date(d data.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.Format(t.lang)
}

// Month writes the month of d as the language does: "März 2027",
// "March 2027".
func (t *T) Month(d data.Date) string {
	return t.S("month."+strconv.Itoa(int(d.Month()))) + " " + strconv.Itoa(d.Year())
}

// Enum renders a value of one of the store's enumerations, such as a
// client status: Enum("client.status", "active").
func (t *T) Enum(prefix string, value any) string {
	return t.S(fmt.Sprintf("%s.%v", prefix, value))
}

// Decimal writes f with places decimals and this language's decimal
// separator: "0,2" in German, "0.2" in English.
func (t *T) Decimal(f float64, places int) string {
	s := strconv.FormatFloat(f, 'f', places, 64)
	if t.lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// SheetResult says in words what importing a planned line would do: its
// problems, the client it likely duplicates, or that it is ready.
func (t *T) SheetResult(p sqlstore.PlannedClient) string {
	switch p.Outcome() {
	case sqlstore.SheetFaultyLine:
		msgs := make([]string, len(p.Problems))
		for i, f := range p.Problems {
			msgs[i] = t.Field(f)
		}
		return strings.Join(msgs, " · ")
	case sqlstore.SheetLikelyDuplicate:
		d := p.Duplicate
		if d.ID != 0 {
			return t.S("sheet.duplicate.client."+d.By, "ID", d.ID, "Name", d.Name)
		}
		return t.S("sheet.duplicate.line."+d.By, "Line", d.Line, "Name", d.Name)
	}
	return t.S("sheet.ready")
}

// FlagReason is a flag's reason in words; a returned debit's says the
// bank's reason in words (its code where it is one the program does not
// know).
func (t *T) FlagReason(f data.Flag) string {
	return t.S("flag.reason."+string(f.Kind), "Amount", f.Amount, "Since", f.Since, "Count", f.Count, "Until", f.Until,
		"Reason", t.ReturnReason(f.Code))
}

// ReturnReason is a bank's reason for a returned debit in words, or its
// code where it is one the program does not know.
func (t *T) ReturnReason(code string) string {
	if code != "" && t.Has("debit.reason."+code) {
		return t.S("debit.reason." + code)
	}
	return code
}
