import { describe, expect, it } from 'vitest';
import { readCamt053 } from '../../../shared/use-cases/bank-statements/read-camt053';

/** camt.053.001.02, the version many French banks still deliver: `<Sts>BOOK</Sts>`, `Dbtr/Nm`, `AmtDtls`. */
const V02_BATCH = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-30T22:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></Acct>
      <Ntry>
        <Amt Ccy="EUR">350.5</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><DtTm>2026-11-30T10:12:00+01:00</DtTm></BookgDt>
        <AcctSvcrRef>BATCH-1</AcctSvcrRef>
        <NtryDtls>
          <Btch><NbOfTxs>2</NbOfTxs></Btch>
          <TxDtls>
            <Refs><EndToEndId>E2E-A</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">300.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Dbtr><Nm>Durand &amp; Fils</Nm></Dbtr></RltdPties>
            <RmtInf><Strd><RfrdDocInf><Nb>F-2026-201</Nb></RfrdDocInf></Strd></RmtInf>
          </TxDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-B</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">50.50</Amt></TxAmt></AmtDtls>
            <RmtInf><Ustrd>F-2026-202</Ustrd><Ustrd>suite</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

describe('readCamt053', () => {
  it('splits a batch booking into its transfers, reading the .001.02 shapes and the entities XML itself defines', () => {
    const statement = readCamt053(V02_BATCH);
    expect(statement.errors).toEqual([]);
    expect(statement.lines).toMatchObject([
      {
        position: 'Ntry 1/Tx 1',
        direction: 'credit',
        booked: true,
        date: '2026-11-30',
        amountCents: 30_000,
        currency: 'EUR',
        references: ['F-2026-201'],
        endToEndId: 'E2E-A',
        payerName: 'Durand & Fils',
      },
      {
        position: 'Ntry 1/Tx 2',
        amountCents: 5_050,
        references: ['F-2026-202', 'suite'],
        endToEndId: 'E2E-B',
      },
    ]);
    // Each transfer its own fingerprint, the same on every read of the file.
    const [a, b] = statement.lines;
    expect(a!.fingerprint).not.toBe(b!.fingerprint);
    expect(readCamt053(V02_BATCH).lines.map((l) => l.fingerprint)).toEqual([a!.fingerprint, b!.fingerprint]);
  });

  it('keeps a batch whose amounts do not add up as one line (never invents amounts)', () => {
    const statement = readCamt053(
      V02_BATCH.replace('<Amt Ccy="EUR">50.50</Amt>', '<Amt Ccy="EUR">40.50</Amt>'),
    );
    expect(statement.lines).toHaveLength(1);
    expect(statement.lines[0]).toMatchObject({ position: 'Ntry 1', amountCents: 35_050 });
  });

  it('reports an entry without a date or with a bad indicator, and reads the others', () => {
    const broken = V02_BATCH.replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>RVSL</CdtDbtInd>');
    expect(readCamt053(broken).errors).toEqual([
      { position: 'Ntry 1', reason: 'CdtDbtInd: expected CRDT or DBIT' },
    ]);
  });
});
