import { XMLBuilder } from 'fast-xml-parser';
import type { LocalDate } from '../../../shared/domain/calendar';

/**
 * The demo's bank: one day's camt.053.001.08 statement of the creditor's account, written with
 * fast-xml-parser's builder (values escaped by it), as a French bank delivers it overnight.
 */
export interface BankMovement {
  ref: string;
  amountCents: number;
  direction: 'credit' | 'debit';
  remittance: string;
  payerName?: string;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  suppressEmptyNode: true,
});

const decimal = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export function camt053Statement(input: {
  iban: string;
  day: LocalDate;
  createdAt: string;
  movements: readonly BankMovement[];
}): string {
  const entries = input.movements.map((m) => ({
    NtryRef: m.ref,
    Amt: { '@Ccy': 'EUR', '#text': decimal(m.amountCents) },
    CdtDbtInd: m.direction === 'credit' ? 'CRDT' : 'DBIT',
    Sts: { Cd: 'BOOK' },
    BookgDt: { Dt: input.day },
    ValDt: { Dt: input.day },
    AcctSvcrRef: `DEMO-${m.ref}`,
    NtryDtls: {
      TxDtls: {
        Refs: { EndToEndId: 'NOTPROVIDED' },
        ...(m.payerName ? { RltdPties: { Dbtr: { Pty: { Nm: m.payerName } } } } : {}),
        RmtInf: { Ustrd: m.remittance },
      },
    },
  }));
  const document = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    Document: {
      '@xmlns': 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08',
      BkToCstmrStmt: {
        GrpHdr: { MsgId: `STMT-${input.day}`, CreDtTm: input.createdAt },
        Stmt: {
          Id: `STMT-${input.day}-1`,
          CreDtTm: input.createdAt,
          Acct: { Id: { IBAN: input.iban }, Ccy: 'EUR' },
          Ntry: entries,
        },
      },
    },
  };
  return builder.build(document) as string;
}
