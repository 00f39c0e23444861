package cli

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"strings"
	"time"

	"studiopartner/data"
	"studiopartner/data/sqlstore"
	"studiopartner/reports"
)

// reviewCommand writes the monthly goodwill review as PDF or CSV, by the
// file's ending; the month defaults to the last one, the branch to all.
var reviewCommand = command{name: "review", define: func(fs *flag.FlagSet) func(c *call) error {
	var month, branch string
	var o output
	fs.StringVar(&month, "month", "", "")
	fs.StringVar(&branch, "branch", "", "")
	o.register(fs)
	return func(c *call) error {
		if err := o.required(c); err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(o.path))
		if ext != ".pdf" && ext != ".csv" {
			return c.usage("cli.review.ext")
		}
		s, err := c.store()
		if err != nil {
			return err
		}
		day := s.Today().AddMonthsClamped(-1)
		if month != "" {
			if day, err = data.ParseDate(month + "-01"); err != nil || len(month) != 7 {
				return c.usage("cli.review.month", "Month", month)
			}
		}
		r, err := s.MonthlyReviewOf(context.Background(), day, branch)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if ext == ".csv" {
			err = reports.ReviewCSV(&buf, r, c.tr.Lang())
		} else {
			err = reviewPDF(&buf, s, r, c.tr.Lang())
		}
		if err == nil {
			err = o.write(s, buf.Bytes())
		}
		if err == nil {
			c.written(o.path, r.Month.String()[:7])
		}
		return err
	}
}}

// reviewPDF lays the review out as a PDF under the studio's letterhead.
func reviewPDF(buf *bytes.Buffer, s *sqlstore.Store, r data.Review, lang string) error {
	studio, err := s.Studio(context.Background())
	if err != nil {
		return err
	}
	return reports.ReviewPDF(buf, r, studio, lang, s.Now().UTC().Truncate(time.Second))
}
