import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ReadStatement, StatementLine, StatementLineError } from '../../domain/bank-statement';
import { isLocalDate, type LocalDate } from '../../domain/calendar';
import { UnreadableFileError } from '../intake/unreadable-file';

/**
 * An ISO 20022 camt.053 statement (BkToCstmrStmt, versions .001.02 to .001.13, as French banks
 * deliver them) → the lines the matcher reads. Parsed with fast-xml-parser, never with patterns
 * over the text. A DOCTYPE is refused before parsing: camt.053 has none, and a DTD is how entity
 * expansion (billion laughs) and external entities (XXE) get in.
 */

/** Above this a file is not one day's statement of one creditor: refused rather than parsed. */
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;

type Node = Record<string, unknown>;

// Repeated elements always as arrays, so a one-entry statement reads like a thousand-entry one.
const REPEATED = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'RfrdDocInf']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Keep every value as written: "00123" is a reference, "123.40" an amount read below exactly.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

export function readCamt053(text: string): ReadStatement {
  if (Buffer.byteLength(text, 'utf8') > MAX_STATEMENT_BYTES)
    throw new UnreadableFileError(`the statement exceeds ${MAX_STATEMENT_BYTES} bytes: split it by day`);
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY'))
    throw new UnreadableFileError(
      'the XML declares a DOCTYPE (entities): refused, a camt.053 statement has none',
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new UnreadableFileError(
      `not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`,
    );
  const document = (parser.parse(text) as Node).Document as Node | undefined;
  const root = document?.BkToCstmrStmt as Node | undefined;
  if (!root)
    throw new UnreadableFileError(
      'not a camt.053 statement: expected Document/BkToCstmrStmt (a camt.052 or camt.054 is not read here)',
    );
  const lines: StatementLine[] = [];
  const errors: StatementLineError[] = [];
  let entryNumber = 0;
  for (const statement of asNodes(root.Stmt)) {
    const account = text_((statement.Acct as Node | undefined)?.Id, 'IBAN') ?? '';
    for (const entry of asNodes(statement.Ntry)) {
      entryNumber++;
      const position = `Ntry ${entryNumber}`;
      try {
        lines.push(...entryLines(entry, position, account));
      } catch (error) {
        if (!(error instanceof EntryError)) throw error;
        errors.push({ position, reason: error.message });
      }
    }
  }
  return { format: 'camt.053', lines, errors };
}

class EntryError extends Error {}

function entryLines(entry: Node, position: string, account: string): StatementLine[] {
  const amount = amountOf(entry.Amt, 'Amt');
  const indicator = text_(entry, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new EntryError('CdtDbtInd: expected CRDT or DBIT');
  // camt.053.001.02 writes <Sts>BOOK</Sts>, later versions <Sts><Cd>BOOK</Cd></Sts>.
  const status = typeof entry.Sts === 'string' ? entry.Sts : text_(entry.Sts, 'Cd');
  const date = dateOf(entry.BookgDt) ?? dateOf(entry.ValDt);
  if (!date) throw new EntryError('BookgDt/ValDt: no booking or value date');
  const transactions = asNodes(entry.NtryDtls).flatMap((details) => asNodes(details.TxDtls));
  const entryRef = text_(entry, 'AcctSvcrRef') ?? text_(entry, 'NtryRef') ?? '';
  const base = {
    direction: indicator === 'CRDT' ? ('credit' as const) : ('debit' as const),
    booked: status === 'BOOK',
    date,
  };
  // A batch booking (one entry, several transfers, each with its own amount) is one line per transfer.
  const amounts = transactions.map((tx) => transactionAmount(tx));
  const split =
    transactions.length > 1 &&
    amounts.every((a) => a !== undefined && a.currency === amount.currency) &&
    amounts.reduce((sum, a) => sum + a!.cents, 0) === amount.cents;
  if (split)
    return transactions.map((tx, i) => ({
      ...base,
      ...details([tx]),
      position: `${position}/Tx ${i + 1}`,
      amountCents: amounts[i]!.cents,
      currency: amount.currency,
      fingerprint: fingerprint([account, entryRef, date, String(amount.cents), String(i), ...detailKey(tx)]),
    }));
  return [
    {
      ...base,
      ...details(transactions),
      position,
      amountCents: amount.cents,
      currency: amount.currency,
      fingerprint: fingerprint([
        account,
        entryRef,
        date,
        String(amount.cents),
        ...transactions.flatMap(detailKey),
      ]),
    },
  ];
}

function details(transactions: Node[]): Pick<StatementLine, 'references' | 'endToEndId' | 'payerName'> {
  const references: string[] = [];
  let endToEndId: string | undefined;
  let payerName: string | undefined;
  for (const tx of transactions) {
    const remittance = tx.RmtInf as Node | undefined;
    for (const line of asValues(remittance?.Ustrd)) references.push(line);
    for (const structured of asNodes(remittance?.Strd)) {
      const ref = text_(structured.CdtrRefInf, 'Ref');
      if (ref) references.push(ref);
      for (const document of asNodes(structured.RfrdDocInf)) {
        const number = text_(document, 'Nb');
        if (number) references.push(number);
      }
    }
    endToEndId ??= text_(tx.Refs, 'EndToEndId');
    const parties = tx.RltdPties as Node | undefined;
    // camt.053.001.02: Dbtr/Nm; from .001.08: Dbtr/Pty/Nm. The ultimate debtor when the payer paid for someone.
    payerName ??=
      text_(parties?.Dbtr, 'Nm') ??
      text_((parties?.Dbtr as Node | undefined)?.Pty, 'Nm') ??
      text_(parties?.UltmtDbtr, 'Nm') ??
      text_((parties?.UltmtDbtr as Node | undefined)?.Pty, 'Nm');
  }
  return {
    references,
    ...(endToEndId ? { endToEndId } : {}),
    ...(payerName ? { payerName } : {}),
  };
}

/** The bank's references of a transfer, or what it says: stable from one import of the file to the next. */
function detailKey(tx: Node): string[] {
  const refs = tx.Refs as Node | undefined;
  return [
    text_(refs, 'AcctSvcrRef') ?? '',
    text_(refs, 'TxId') ?? '',
    text_(refs, 'EndToEndId') ?? '',
    ...asValues((tx.RmtInf as Node | undefined)?.Ustrd),
  ];
}

function transactionAmount(tx: Node): { cents: number; currency: string } | undefined {
  const direct = tx.Amt ?? ((tx.AmtDtls as Node | undefined)?.TxAmt as Node | undefined)?.Amt;
  if (direct === undefined) return undefined;
  try {
    return amountOf(direct, 'TxDtls/Amt');
  } catch {
    return undefined;
  }
}

/** `<Amt Ccy="EUR">1234.5</Amt>` → cents, by string arithmetic (ISO 20022: at most 5 decimals, EUR has 2). */
function amountOf(value: unknown, field: string): { cents: number; currency: string } {
  const node = value as Node | undefined;
  const text = typeof node?.['#text'] === 'string' ? node['#text'] : undefined;
  const currency = typeof node?.['@Ccy'] === 'string' ? node['@Ccy'] : undefined;
  const parts = text ? /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text) : null;
  if (!parts || !currency || !/^[A-Z]{3}$/.test(currency))
    throw new EntryError(`${field}: expected an amount such as 1234.56 with a Ccy currency code`);
  const cents = Number(parts[1]) * 100 + Number((parts[2] ?? '').padEnd(2, '0'));
  if (cents <= 0) throw new EntryError(`${field}: not a positive amount`);
  return { cents, currency };
}

/** `<BookgDt><Dt>2026-11-30</Dt></BookgDt>` or `<DtTm>2026-11-30T10:12:00+01:00</DtTm>` (the bank's local day). */
function dateOf(value: unknown): LocalDate | undefined {
  const day = text_(value, 'Dt') ?? text_(value, 'DtTm')?.slice(0, 10);
  return day && isLocalDate(day) ? day : undefined;
}

function text_(node: unknown, name: string): string | undefined {
  const value = (node as Node | undefined)?.[name];
  if (typeof value === 'string' && value !== '') return value;
  const inner = (value as Node | undefined)?.['#text'];
  return typeof inner === 'string' && inner !== '' ? inner : undefined;
}

function asNodes(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is Node => typeof v === 'object' && v !== null,
  );
}

function asValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

export function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}
