/**
 * A camt.053.001.08 statement as a French bank writes it (one account, one day), for the tests:
 * each entry given by what matters to the matcher. Written out as text, not through our own
 * writer, so the reader is tested against the standard's shape.
 */
export interface FixtureEntry {
  ref: string;
  amount: string;
  indicator?: 'CRDT' | 'DBIT';
  status?: 'BOOK' | 'PDNG';
  date?: string;
  ustrd?: string[];
  creditorRef?: string;
  payer?: string;
  endToEndId?: string;
}

function entry(e: FixtureEntry): string {
  const remittance = [
    ...(e.ustrd ?? []).map((line) => `<Ustrd>${line}</Ustrd>`),
    ...(e.creditorRef
      ? [
          `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${e.creditorRef}</Ref></CdtrRefInf></Strd>`,
        ]
      : []),
  ].join('');
  return `
      <Ntry>
        <NtryRef>${e.ref}</NtryRef>
        <Amt Ccy="EUR">${e.amount}</Amt>
        <CdtDbtInd>${e.indicator ?? 'CRDT'}</CdtDbtInd>
        <Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>
        <BookgDt><Dt>${e.date ?? '2026-11-30'}</Dt></BookgDt>
        <ValDt><Dt>${e.date ?? '2026-11-30'}</Dt></ValDt>
        <AcctSvcrRef>BANK-${e.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>${e.endToEndId ?? 'NOTPROVIDED'}</EndToEndId></Refs>
            ${e.payer ? `<RltdPties><Dbtr><Pty><Nm>${e.payer}</Nm></Pty></Dbtr></RltdPties>` : ''}
            ${remittance ? `<RmtInf>${remittance}</RmtInf>` : ''}
          </TxDtls>
        </NtryDtls>
      </Ntry>`;
}

export function camt053(entries: FixtureEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-20261130</MsgId><CreDtTm>2026-11-30T22:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-20261130-1</Id>
      <CreDtTm>2026-11-30T22:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${entries.map(entry).join('')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}
