package exchange

import (
	"strings"
	"testing"
)

const camt054 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>N1</MsgId><CreDtTm>2026-12-07T08:00:00</CreDtTm></GrpHdr>
  <Ntfctn>
   <Id>N1</Id>
   <Acct><Id><IBAN>DE89 3704 0044 0532 0130 00</IBAN></Id></Acct>
   <Ntry>
    <Amt Ccy="EUR">52.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-12-07</Dt></BookgDt>
    <NtryDtls><TxDtls>
     <Refs><EndToEndId>SP-000001-000001</EndToEndId></Refs>
     <Amt Ccy="EUR">52.50</Amt>
     <AmtDtls><TxAmt><Amt Ccy="EUR">49.00</Amt></TxAmt></AmtDtls>
     <Chrgs><Rcrd><Amt Ccy="EUR">3.50</Amt></Rcrd></Chrgs>
     <RtrInf><Rsn><Cd>AM04</Cd></Rsn></RtrInf>
    </TxDtls></NtryDtls>
   </Ntry>
   <Ntry>
    <Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
    <NtryDtls><TxDtls><Refs><EndToEndId>OTHER</EndToEndId></Refs></TxDtls></NtryDtls>
   </Ntry>
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>`

const camt053 = `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
 <BkToCstmrStmt><Stmt>
  <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
  <Ntry><Amt Ccy="EUR">49</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><DtTm>2026-12-08T10:00:00</DtTm></BookgDt>
   <NtryDtls><TxDtls><Refs><EndToEndId>SP-000001-000002</EndToEndId></Refs><RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf></TxDtls></NtryDtls>
  </Ntry>
  <Ntry><Amt Ccy="EUR">12.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
   <NtryDtls><TxDtls><Refs><EndToEndId>RENT-12</EndToEndId></Refs></TxDtls></NtryDtls>
  </Ntry>
 </Stmt></BkToCstmrStmt>
</Document>`

// Returns are read from a camt.054 notification and a camt.053 statement:
// debit entries with a return reason, their original amount and the
// bank's fee; credits and other debits are not returns; anything else is
// no camt file.
func TestReadReturns(t *testing.T) {
	iban, rs, err := ReadReturns(strings.NewReader(camt054))
	if err != nil || iban != "DE89370400440532013000" || len(rs) != 1 {
		t.Fatalf("camt.054: %q %+v %v", iban, rs, err)
	}
	if r := rs[0]; r.EndToEnd != "SP-000001-000001" || r.Amount != 4900 || r.Fee != 350 || r.Reason != "AM04" || r.On.String() != "2026-12-07" {
		t.Errorf("the return: %+v", r)
	}
	iban, rs, err = ReadReturns(strings.NewReader(camt053))
	if err != nil || iban != "DE89370400440532013000" || len(rs) != 1 || rs[0].Amount != 4900 || rs[0].Reason != "AC04" ||
		rs[0].On.String() != "2026-12-08" {
		t.Fatalf("camt.053: %q %+v %v", iban, rs, err)
	}
	for _, bad := range []string{"", "Datum;Betrag\n", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"><CstmrDrctDbtInitn/></Document>`} {
		if _, _, err := ReadReturns(strings.NewReader(bad)); err == nil {
			t.Errorf("%q read as returns", bad)
		}
	}
}
