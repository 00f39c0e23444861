package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"studiopartner/data"
)

// SampleAgreement is the agreement the clause-set preview shows: the
// studio's own letterhead, a made-up client, one contract.
func SampleAgreement(studio data.Studio, cs data.ClauseSet, today data.Date) AgreementData {
	terms := data.Terms{Billing: data.BillingMonthly, MinTermMonths: 6, Notice: data.Notice{N: 1, Unit: data.NoticeMonths}, Renewal: data.RenewMonthly}
	name := "Erika Mustermann"
	if cs.Language == "en" {
		name = "Jane Doe"
	}
	return AgreementData{Studio: studio, Clauses: cs, Number: "PV-000000", Today: today,
		At:        time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC),
		Client:    data.Client{Name: name, Address: "Musterstraße 1\n12345 Musterstadt", Language: cs.Language},
		Contracts: []data.Contract{{ServiceName: "Kurs", Price: 4500, Terms: terms, Start: today}}}
}

// PagePNG renders one page of a PDF as PNG at the given resolution, with
// pdftoppm from poppler-utils, which make run installs.
func PagePNG(pdf []byte, page, dpi int) ([]byte, error) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return nil, data.Errorf(data.CodeInvalid, "preview.no_pdftoppm", nil)
	}
	dir, err := os.MkdirTemp("", "studiopartner-preview-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "page")
	cmd := exec.Command("pdftoppm", "-png", "-r", fmt.Sprint(dpi), "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-singlefile", in, out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, stderr.String())
	}
	return os.ReadFile(out + ".png")
}
