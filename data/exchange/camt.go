package exchange

import (
	"encoding/xml"
	"io"
	"strings"

	"studiopartner/data"
)

// camtDoc is what the returns are read from: a bank's notification of
// debits and credits (camt.054) or an account statement (camt.053), of any
// version; elements are matched by their local names.
type camtDoc struct {
	XMLName  xml.Name
	Reports  []camtReport `xml:"BkToCstmrDbtCdtNtfctn>Ntfctn"`
	Statemts []camtReport `xml:"BkToCstmrStmt>Stmt"`
}

type camtReport struct {
	IBAN    string      `xml:"Acct>Id>IBAN"`
	Entries []camtEntry `xml:"Ntry"`
}

type camtEntry struct {
	Amount    camtAmount `xml:"Amt"`
	Direction string     `xml:"CdtDbtInd"`
	Booked    string     `xml:"BookgDt>Dt"`
	BookedAt  string     `xml:"BookgDt>DtTm"`
	Txs       []camtTx   `xml:"NtryDtls>TxDtls"`
}

type camtTx struct {
	EndToEnd string       `xml:"Refs>EndToEndId"`
	Amount   camtAmount   `xml:"Amt"`
	TxAmount camtAmount   `xml:"AmtDtls>TxAmt>Amt"`
	Reason   string       `xml:"RtrInf>Rsn>Cd"`
	Fees     []camtAmount `xml:"Chrgs>Rcrd>Amt"`
	OldFee   camtAmount   `xml:"Chrgs>Amt"`
}

type camtAmount struct {
	Value string `xml:",chardata"`
}

// cents reads an amount as the banks write it (1234.5, 1234.50).
func (a camtAmount) cents() data.Money {
	m, err := data.ParseMoney(strings.TrimSpace(a.Value), "en")
	if err != nil {
		return 0
	}
	return m
}

// ReadReturns reads the returned direct debits (Rücklastschriften) from a
// bank's camt.054 notification or camt.053 statement: every debit entry
// with a return reason, by its end-to-end id, with the amount, the bank's
// fee and the day booked. It gives the account the file is about; a file
// that is neither is refused.
func ReadReturns(r io.Reader) (iban string, out []data.Return, err error) {
	var doc camtDoc
	if err := xml.NewDecoder(r).Decode(&doc); err != nil || doc.XMLName.Local != "Document" ||
		(len(doc.Reports) == 0 && len(doc.Statemts) == 0) {
		return "", nil, data.Errorf(data.CodeInvalid, "returns.not_camt", nil)
	}
	for _, rep := range append(doc.Reports, doc.Statemts...) {
		if iban == "" {
			iban = data.CleanIBAN(rep.IBAN)
		}
		for _, e := range rep.Entries {
			out = append(out, entryReturns(e)...)
		}
	}
	return iban, out, nil
}

// entryReturns are the returns an entry books.
func entryReturns(e camtEntry) []data.Return {
	if e.Direction != "DBIT" {
		return nil
	}
	booked := e.Booked
	if booked == "" && len(e.BookedAt) >= 10 {
		booked = e.BookedAt[:10]
	}
	day, _ := data.ParseDate(booked)
	var out []data.Return
	for _, tx := range e.Txs {
		if tx.Reason == "" && tx.EndToEnd == "" {
			continue
		}
		amount := tx.TxAmount.cents()
		if amount == 0 {
			amount = tx.Amount.cents()
		}
		if amount == 0 && len(e.Txs) == 1 {
			amount = e.Amount.cents()
		}
		fee := tx.OldFee.cents()
		for _, f := range tx.Fees {
			fee += f.cents()
		}
		if tx.Reason == "" {
			continue // a debit of another kind, not a return
		}
		out = append(out, data.Return{EndToEnd: strings.TrimSpace(tx.EndToEnd), Amount: amount, Fee: fee,
			Reason: strings.TrimSpace(tx.Reason), On: day})
	}
	return out
}
