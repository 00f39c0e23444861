package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"studiopartner/data"
)

// auditScreen is the owner's view of the audit log: who changed what and
// when, filtered by client, person and days.
type auditScreen struct {
	a        *App
	content  fyne.CanvasObject
	client   *entry
	from, to *entry
	person   *widget.Select
	staff    []data.Staff
	problem  *widget.Label
	count    *widget.Label
	rows     []data.AuditRow
	table    *listTable

	staffNames map[int64]string // to name who gave or decided something
}

func newAuditScreen(a *App) *auditScreen {
	s := &auditScreen{a: a}
	tr := a.tr
	s.client, s.from, s.to = a.keys.newEntry(), a.keys.newEntry(), a.keys.newEntry()
	s.client.SetPlaceHolder(tr.S("audit.client.placeholder"))
	s.from.SetPlaceHolder(tr.S("audit.from"))
	s.to.SetPlaceHolder(tr.S("audit.to"))
	for _, e := range []*entry{s.client, s.from, s.to} {
		e.OnSubmitted = func(string) { s.reload() }
	}
	s.person = widget.NewSelect(nil, func(string) { s.reload() })
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	show := widget.NewButtonWithIcon(tr.S("audit.show"), theme.SearchIcon(), s.reload)
	cols := []column{{"audit.col.at", 150, false}, {"audit.col.person", 120, false}, {"audit.col.client", 150, false},
		{"audit.col.record", 150, false}, {"audit.col.action", 100, false}, {"audit.col.change", 520, false}}
	s.table = newTable(tr, cols, func() int { return len(s.rows) }, s.cell, s.showEntry).keep(0, 4)
	filters := container.NewGridWithColumns(5, s.client, s.person, s.from, s.to, show)
	title := widget.NewLabelWithStyle(tr.S("nav.audit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText // as on every screen
	head := container.NewVBox(title,
		filters, s.problem, s.count)
	s.content = container.NewBorder(container.NewPadded(head), nil, nil, nil, s.table.orEmpty(tr.S("audit.empty")))
	return s
}

func (s *auditScreen) view() fyne.CanvasObject { return s.content }

// showClient opens the log of one client.
func (s *auditScreen) showClient(id int64) {
	s.client.SetText(strconv.FormatInt(id, 10))
	s.from.SetText("")
	s.to.SetText("")
}

// reload reads the log for the filters as they stand.
func (s *auditScreen) reload() {
	a, tr := s.a, s.a.tr
	s.reloadStaff()
	f, problem := s.filter()
	s.problem.SetText(problem)
	if problem != "" {
		return
	}
	rows, err := a.store.AuditLog(a.ctx, f)
	if err != nil {
		s.problem.SetText(tr.Err(err))
		rows = nil
	}
	s.rows = rows
	s.count.SetText(tr.N("audit.count", len(rows)))
	s.table.Refresh()
}

// reloadStaff reads the staff, former members too, for the person filter
// and for the names in changes.
func (s *auditScreen) reloadStaff() {
	a := s.a
	staff, err := a.store.StaffList(a.ctx, true)
	if err != nil {
		return
	}
	s.staffNames = map[int64]string{}
	for _, m := range staff {
		s.staffNames[m.ID] = m.Name
	}
	if len(staff) == len(s.staff) {
		return
	}
	s.staff = staff
	opts := []string{a.tr.S("audit.everyone")}
	for _, m := range staff {
		opts = append(opts, m.Name)
	}
	sel := s.person.Selected
	s.person.Options = opts
	if sel == "" {
		s.person.Selected = opts[0]
	}
	s.person.Refresh()
}

// filter reads the filters; a client or day that cannot be read gives the
// problem to show instead.
func (s *auditScreen) filter() (data.AuditFilter, string) {
	a, tr := s.a, s.a.tr
	f := data.AuditFilter{Limit: 1000}
	if c := strings.TrimSpace(s.client.Text); c != "" {
		id, err := strconv.ParseInt(strings.TrimPrefix(c, "#"), 10, 64)
		if err != nil {
			hits, _ := a.store.SearchClients(a.ctx, c, 2)
			if len(hits) != 1 {
				return f, tr.S("audit.client.unclear", "Query", c)
			}
			id = hits[0].ID
		}
		f.ClientID = id
	}
	if i := s.person.SelectedIndex(); i > 0 && i <= len(s.staff) {
		f.StaffID = s.staff[i-1].ID
	}
	for _, d := range []struct {
		e   *entry
		out *data.Date
	}{{s.from, &f.From}, {s.to, &f.To}} {
		if t := strings.TrimSpace(d.e.Text); t != "" {
			v, err := data.ParseLocalDate(t, tr.Lang())
			if err != nil {
				return f, tr.S("audit.date.invalid", "Value", t)
			}
			*d.out = v
		}
	}
	return f, ""
}

func (s *auditScreen) cell(row, col int) (string, widget.Importance) {
	r := s.rows[row]
	tr := s.a.tr
	switch col {
	case 0:
		return auditTime(tr, r.At), widget.MediumImportance
	case 1:
		if r.StaffName == "" {
			return "–", widget.LowImportance
		}
		return r.StaffName, widget.MediumImportance
	case 2:
		switch {
		case r.ClientID == 0:
			return "", widget.MediumImportance
		case r.ClientName == "":
			return fmt.Sprint(r.ClientID), widget.MediumImportance
		}
		return tr.S("audit.client.named", "Name", r.ClientName, "ID", r.ClientID), widget.MediumImportance
	case 3:
		return auditRecord(tr, r.Table, r.RowID), widget.MediumImportance
	case 4:
		return tr.Enum("audit.action", r.Action), widget.MediumImportance
	}
	return auditDescribe(tr, r, s.staffNames), widget.MediumImportance
}

// showEntry shows one entry whole.
func (s *auditScreen) showEntry(row int) {
	r := s.rows[row]
	tr := s.a.tr
	body := widget.NewLabel(auditDescribe(tr, r, s.staffNames) + "\n\n" + tr.S("audit.details") + "\n" +
		tr.S("audit.entry", "Before", orDash(r.Before), "After", orDash(r.After)))
	body.Wrapping = fyne.TextWrapWord
	d := s.a.openDialog(auditRecord(tr, r.Table, r.RowID)+" · "+tr.Enum("audit.action", r.Action),
		vscroll(body), fyne.NewSize(760, 480))
	ok := newButton(tr.S("action.ok"), d.Hide)
	ok.Importance = widget.HighImportance
	s.a.setButtons(d, ok)
	d.Show()
}

// rows is the list the keyboard steers when the screen opens.
func (s *auditScreen) listTable() *listTable { return s.table }
