package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"studiopartner/data"
)

// documentPrefix is each kind's number prefix: ZE-000001 for the first
// payment reminder ("Zahlungserinnerung"), QU- receipts ("Quittung"),
// KB- cancellation confirmations ("Kündigungsbestätigung"), WB-
// confirmations of a withdrawal ("Widerrufsbestätigung"), LM- mandate
// forms ("Lastschriftmandat"), VA- pre-notifications of a direct debit
// ("Vorabankündigung").
var documentPrefix = map[data.DocumentKind]string{data.DocReminder: "ZE", data.DocReceipt: "QU", data.DocCancellation: "KB",
	data.DocWithdrawal: "WB", data.DocMandate: "LM", data.DocPreNotice: "VA"}

// IssueDocument records a new letter: draw gets its number and returns
// the PDF, drawn outside the write; keep (nil: nothing) gets the PDF
// inside the write that records it, to store it as a file, so a letter
// is recorded exactly when it exists. Numbers count per kind and are
// never given twice.
func (s *Store) IssueDocument(ctx context.Context, d data.Document, draw func(number string) ([]byte, error),
	keep func(pdf []byte) error) (data.Document, []byte, error) {
	prefix, ok := documentPrefix[d.Kind]
	if !ok || !data.OneOf(d.Language, data.Languages) {
		return data.Document{}, nil, data.Errorf(data.CodeInvalid, "document.invalid", nil)
	}
	if _, err := s.Client(ctx, d.ClientID); err != nil {
		return data.Document{}, nil, err
	}
	var pdf []byte
	err := s.issueNumbered(ctx, "documents:"+string(d.Kind), func(seq int64) error {
		var err error
		d.Number = fmt.Sprintf("%s-%06d", prefix, seq)
		pdf, err = draw(d.Number)
		return err
	}, func(tx *dbx, seq int64) error {
		if _, err := getClient(tx, d.ClientID); err != nil {
			return err
		}
		id, err := takeNumber(tx, "documents")
		if err != nil {
			return err
		}
		d.ID, d.IssuedAt = id, stamp(s.now())
		sum := sha256.Sum256(pdf)
		d.SHA256 = hex.EncodeToString(sum[:])
		if _, err := tx.Exec(`INSERT INTO documents (id, kind, seq, number, client_id, ref_id, language, issued_at, sha256, pdf, branch)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Kind, seq, d.Number, d.ClientID, d.RefID, d.Language, d.IssuedAt,
			d.SHA256, pdf, s.Branch()); err != nil {
			return err
		}
		if err := keepAnnounced(tx, d.ID, d.Announces); err != nil {
			return err
		}
		if keep != nil {
			if err := keep(pdf); err != nil {
				return err
			}
		}
		return s.audit(tx, "documents", d.ID, data.ActionCreate, nil, d)
	})
	if err != nil {
		return data.Document{}, nil, internal(err)
	}
	return d, pdf, nil
}

// DocumentsOf lists a client's issued letters, newest first.
func (s *Store) DocumentsOf(ctx context.Context, clientID int64) ([]data.Document, error) {
	var out []data.Document
	err := eachRow(ctx, s.read, `SELECT id, kind, number, client_id, ref_id, language, issued_at, sha256 FROM documents
		WHERE client_id = ? ORDER BY id DESC`, func(r rowsOf) error {
		var d data.Document
		err := r.Scan(&d.ID, &d.Kind, &d.Number, &d.ClientID, &d.RefID, &d.Language, &d.IssuedAt, &d.SHA256)
		out = append(out, d)
		return err
	}, clientID)
	return out, internal(err)
}

// CopyOf returns the stored copy of an issued document by its number, an
// agreement (PV-…) or a letter, byte for byte as first issued. The copy of
// a document about an erased client is kept only because the law requires
// it: it is refused here (CopyOfErased gives it to the owner who confirms).
func (s *Store) CopyOf(ctx context.Context, number string) ([]byte, error) {
	return s.copyOf(ctx, number, false)
}

// CopyOfErased is CopyOf for a document about an erased client, after the
// owner confirmed the reprint; it is written to the audit log.
func (s *Store) CopyOfErased(ctx context.Context, number string) ([]byte, error) {
	if err := s.Allow(data.OpErase); err != nil {
		return nil, err
	}
	pdf, err := s.copyOf(ctx, number, true)
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *dbx) error {
		return s.audit(tx, "documents", 0, data.ActionReprint, nil, map[string]any{"number": strings.ToUpper(strings.TrimSpace(number))})
	})
	return pdf, internal(err)
}

func (s *Store) copyOf(ctx context.Context, number string, erasedToo bool) ([]byte, error) {
	number = strings.ToUpper(strings.TrimSpace(number))
	var pdf []byte
	var erased string
	var err error
	if rest, ok := strings.CutPrefix(number, "PV-"); ok {
		var id int64
		if _, serr := fmt.Sscanf(rest, "%d", &id); serr == nil && data.AgreementNumber(id) == number {
			err = s.read.QueryRowContext(ctx, `SELECT a.pdf, c.erased_on FROM agreements a JOIN clients c ON c.id = a.client_id
				WHERE a.id = ?`, id).Scan(&pdf, &erased)
		} else {
			err = sql.ErrNoRows
		}
	} else {
		err = s.read.QueryRowContext(ctx, `SELECT d.pdf, c.erased_on FROM documents d JOIN clients c ON c.id = d.client_id
			WHERE d.number = ?`, number).Scan(&pdf, &erased)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.CodeNotFound, "document.not_found", map[string]any{"Number": number})
	}
	if err == nil && erased != "" && !erasedToo {
		return nil, data.Errorf(data.CodeConflict, "document.erased", map[string]any{"Number": number, "Date": mustDate(erased)})
	}
	return pdf, internal(err)
}
