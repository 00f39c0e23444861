package exchange

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"studiopartner/data"
)

// Pain008Namespace is the ISO 20022 message the German banks take for
// SEPA direct debits since November 2023 (DK-TVS GBIC_4, Anlage 3 V3.7).
const Pain008Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"

// WritePain008 writes a collection run as one pain.008.001.08 message
// (CORE) for the studio's bank: one payment block per sequence type and
// collection date, the number of debits and their sum exact to the cent in
// the header and in every block, texts in the banks' characters and cut to
// their lengths, and for a changed account the amendment the bank must
// hear of (the account before, or SMNDA for another bank).
func WritePain008(w io.Writer, run data.DebitRun, creditor data.Creditor, studioName string, created time.Time) error {
	if b, ok := w.(*bytes.Buffer); ok {
		b.Grow(len(run.Debits) * 560) // what a debit takes, about: the buffer grows once
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	x := &xmlOut{w: bw}
	name := data.BankText(studioName, data.MaxDebitName)
	if name == "" {
		name = "Studio"
	}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open(`Document xmlns="` + Pain008Namespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`)
	x.open("CstmrDrctDbtInitn")
	x.open("GrpHdr")
	x.leaf("MsgId", run.MessageID)
	x.leaf("CreDtTm", created.Format("2006-01-02T15:04:05"))
	x.leaf("NbOfTxs", fmt.Sprint(len(run.Debits)))
	x.leaf("CtrlSum", amount(sumOf(run.Debits)))
	x.open("InitgPty")
	x.leaf("Nm", name)
	x.close("InitgPty")
	x.close("GrpHdr")
	for i, block := range debitBlocks(run.Debits) {
		writeBlock(x, run, creditor, name, fmt.Sprintf("%s-%d", run.MessageID, i+1), block)
	}
	x.close("CstmrDrctDbtInitn")
	x.close("Document")
	if x.err != nil {
		return x.err
	}
	return bw.Flush()
}

// debitBlocks groups debits by sequence type (the collection date is the
// run's), one-off ones after recurrent ones, each in its order.
func debitBlocks(debits []data.Debit) [][]*data.Debit {
	by := map[data.SequenceType][]*data.Debit{}
	for i := range debits {
		d := &debits[i] // a debit is large: the blocks point to them
		by[d.Sequence] = append(by[d.Sequence], d)
	}
	var out [][]*data.Debit
	for _, seq := range []data.SequenceType{data.SeqRecurrent, data.SeqOneOff} {
		if len(by[seq]) > 0 {
			out = append(out, by[seq])
		}
	}
	return out
}

// writeBlock writes one payment block (PmtInf).
func writeBlock(x *xmlOut, run data.DebitRun, creditor data.Creditor, name, id string, debits []*data.Debit) {
	x.open("PmtInf")
	x.leaf("PmtInfId", id)
	x.leaf("PmtMtd", "DD")
	x.leaf("BtchBookg", "true")
	x.leaf("NbOfTxs", fmt.Sprint(len(debits)))
	var sum data.Money
	for _, d := range debits {
		sum += d.Amount
	}
	x.leaf("CtrlSum", amount(sum))
	x.open("PmtTpInf")
	x.open("SvcLvl")
	x.leaf("Cd", "SEPA")
	x.close("SvcLvl")
	x.open("LclInstrm")
	x.leaf("Cd", "CORE")
	x.close("LclInstrm")
	x.leaf("SeqTp", string(debits[0].Sequence))
	x.close("PmtTpInf")
	x.leaf("ReqdColltnDt", run.CollectOn.String())
	x.open("Cdtr")
	x.leaf("Nm", name)
	x.close("Cdtr")
	account(x, "CdtrAcct", creditor.IBAN)
	agent(x, "CdtrAgt", creditor.BIC)
	x.leaf("ChrgBr", "SLEV")
	x.open("CdtrSchmeId")
	x.open("Id")
	x.open("PrvtId")
	x.open("Othr")
	x.leaf("Id", creditor.ID)
	x.open("SchmeNm")
	x.leaf("Prtry", "SEPA")
	x.close("SchmeNm")
	x.close("Othr")
	x.close("PrvtId")
	x.close("Id")
	x.close("CdtrSchmeId")
	for _, d := range debits {
		writeDebit(x, d)
	}
	x.close("PmtInf")
}

// writeDebit writes one debit (DrctDbtTxInf).
func writeDebit(x *xmlOut, d *data.Debit) {
	x.open("DrctDbtTxInf")
	x.open("PmtId")
	x.leaf("EndToEndId", d.EndToEnd)
	x.close("PmtId")
	x.leafAttr("InstdAmt", `Ccy="EUR"`, amount(d.Amount))
	x.open("DrctDbtTx")
	x.open("MndtRltdInf")
	x.leaf("MndtId", d.Reference)
	x.leaf("DtOfSgntr", d.SignedOn.String())
	if d.AmendedFrom != "" {
		x.leaf("AmdmntInd", "true")
		x.open("AmdmntInfDtls")
		if d.AmendOtherBank {
			x.open("OrgnlDbtrAgt")
			x.open("FinInstnId")
			x.open("Othr")
			x.leaf("Id", "SMNDA")
			x.close("Othr")
			x.close("FinInstnId")
			x.close("OrgnlDbtrAgt")
		} else {
			account(x, "OrgnlDbtrAcct", d.AmendedFrom)
		}
		x.close("AmdmntInfDtls")
	}
	x.close("MndtRltdInf")
	x.close("DrctDbtTx")
	agent(x, "DbtrAgt", d.BIC)
	x.open("Dbtr")
	x.leaf("Nm", orNone(data.BankText(d.Holder, data.MaxDebitName)))
	if data.OutsideEEA(d.IBAN) {
		x.open("PstlAdr")
		x.leaf("TwnNm", orNone(data.BankText(d.HolderTown, data.MaxDebitTown)))
		x.leaf("Ctry", d.HolderCountry)
		x.close("PstlAdr")
	}
	x.close("Dbtr")
	account(x, "DbtrAcct", d.IBAN)
	if text := data.BankText(d.Text, data.MaxRemittance); text != "" {
		x.open("RmtInf")
		x.leaf("Ustrd", text)
		x.close("RmtInf")
	}
	x.close("DrctDbtTxInf")
}

func account(x *xmlOut, tag, iban string) {
	x.open(tag)
	x.open("Id")
	x.leaf("IBAN", iban)
	x.close("Id")
	x.close(tag)
}

// agent names a bank by its BIC, or says it is not given (inside the EEA
// the IBAN is enough).
func agent(x *xmlOut, tag, bic string) {
	x.open(tag)
	x.open("FinInstnId")
	if bic != "" {
		x.leaf("BICFI", bic)
	} else {
		x.open("Othr")
		x.leaf("Id", "NOTPROVIDED")
		x.close("Othr")
	}
	x.close("FinInstnId")
	x.close(tag)
}

func orNone(s string) string {
	if s == "" {
		return "NN"
	}
	return s
}

func sumOf(debits []data.Debit) data.Money {
	var total data.Money
	for _, d := range debits {
		total += d.Amount
	}
	return total
}

// amount writes cents as the banks read amounts: 1234.50.
func amount(m data.Money) string { return fmt.Sprintf("%d.%02d", m/100, m%100) }

// xmlOut writes XML an element a line, escaping every text; the first
// error stays.
type xmlOut struct {
	w   *bufio.Writer
	err error
}

func (x *xmlOut) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *xmlOut) open(tag string) {
	x.raw("<" + tag + ">\n")
}

func (x *xmlOut) close(tag string) {
	x.raw("</" + tag + ">\n")
}

func (x *xmlOut) leaf(tag, text string) { x.leafAttr(tag, "", text) }

func (x *xmlOut) leafAttr(tag, attr, text string) {
	x.raw("<")
	x.raw(tag)
	if attr != "" {
		x.raw(" ")
		x.raw(attr)
	}
	x.raw(">")
	if strings.ContainsAny(text, "<>&'\"\r\n\t") {
		if err := xml.EscapeText(x.w, []byte(text)); err != nil && x.err == nil {
			x.err = err
		}
	} else {
		x.raw(text)
	}
	x.raw("</")
	x.raw(tag)
	x.raw(">\n")
}
