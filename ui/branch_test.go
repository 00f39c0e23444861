package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"studiopartner/data"
)

// A counter names its branch in the settings: a bad name is refused
// beside the field; a good one is kept on the computer, named in the
// status bar, recorded with what the counter does, and taken up again
// when the window opens next. A studio without branches sees no choice
// of branch in the review; with them, the review reads one branch or all.
func TestBranchOfThisComputer(t *testing.T) {
	a, s := newTestApp(t, "en")
	ctx := context.Background()
	c, err := s.CreateClient(ctx, data.Client{Name: "Anna Berg"})
	if err != nil {
		t.Fatal(err)
	}
	a.show(PageReview)
	if a.screen(PageReview).(*reviewScreen).branch != nil {
		t.Fatal("a studio without branches is offered a choice of branch")
	}
	a.show(PageSettings)
	sc := a.screen(PageSettings).(*settingsScreen)
	if sc.branch.Text != "" {
		t.Fatalf("a new computer's branch: %q", sc.branch.Text)
	}
	sc.branch.SetText(strings.Repeat("Nord", 11))
	sc.onSaveBranch()
	if msg := sc.branchForm.errs["branch"].Text; !strings.Contains(msg, "at most 40") {
		t.Fatalf("a long name said %q", msg)
	}
	if s.Branch() != "" || a.fy.Preferences().String(prefBranch) != "" {
		t.Fatal("a refused name was kept")
	}
	sc.branch.SetText("  Mitte ")
	sc.onSaveBranch()
	if s.Branch() != "Mitte" || a.fy.Preferences().String(prefBranch) != "Mitte" || sc.branchSaved.Text == "" {
		t.Fatalf("saved: store %q, preference %q, said %q", s.Branch(), a.fy.Preferences().String(prefBranch), sc.branchSaved.Text)
	}
	if !strings.Contains(a.status.Text, "Branch: Mitte") {
		t.Errorf("status bar: %q", a.status.Text)
	}
	month := s.Today().AddMonthsClamped(-1)
	give := func(value data.Money) {
		t.Helper()
		if _, err := s.RecordGoodwill(ctx, data.Goodwill{ClientID: c.ID, GivenOn: month, Category: data.CatOther,
			Description: "x", Value: value}); err != nil {
			t.Fatal(err)
		}
	}
	give(1500)
	if err := s.SetBranch("Nord"); err != nil {
		t.Fatal(err)
	}
	give(400)

	// the next start on this computer records at Mitte again
	fy := test.NewTempApp(t)
	fy.Preferences().SetString(prefBranch, "Mitte")
	b := New(fy, s, Options{Lang: "en"})
	b.inline = true
	if s.Branch() != "Mitte" {
		t.Fatalf("opened at branch %q", s.Branch())
	}
	b.show(PageReview)
	rs := b.screen(PageReview).(*reviewScreen)
	if rs.branch == nil {
		t.Fatal("the review offers no choice of branch")
	}
	if got := strings.Join(rs.branch.Options, "|"); got != "All branches|Mitte|Nord" {
		t.Fatalf("branches offered: %s", got)
	}
	if rs.review.Total.Value != 1900 {
		t.Fatalf("all branches: %d", rs.review.Total.Value)
	}
	rs.branch.SetSelected("Nord")
	if rs.review.Total.Value != 400 || rs.review.Branch != "Nord" {
		t.Fatalf("Nord: %d at %q", rs.review.Total.Value, rs.review.Branch)
	}
	if text := renderedText(rs.body); !strings.Contains(text, "Demands and flags are the whole studio") {
		t.Errorf("the review of one branch does not say what it covers: %q", text)
	}
	if !strings.HasSuffix(rs.fileName(".pdf"), "_Nord.pdf") {
		t.Errorf("file name %q", rs.fileName(".pdf"))
	}
}
