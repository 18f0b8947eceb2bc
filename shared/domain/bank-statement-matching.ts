import type { StatementLine } from './bank-statement';
import { type Dossier, dossierOutstandingCents, outstandingCents, pursuableInvoices } from './dossier';

/**
 * Which dossier a bank credit pays, by three rules tried in order, each of which must point at
 * exactly one dossier (docs/data-model.md, "Bank statements"):
 * 1. an invoice number of the tenant written in the remittance information (or the end-to-end id);
 * 2. else a dossier id or the creditor's customer reference (the debtor's `ref`);
 * 3. else the payer's name equals a debtor's name AND the amount equals that dossier's balance
 *    or one of its invoices' balance.
 * Several candidates is `ambiguous`, none is `unmatched`: a person decides, nothing is guessed.
 * Pure: the caller loads the tenant's dossiers once per statement.
 */

export type MatchRule = 'invoice' | 'reference' | 'amount-and-payer';

export type CreditMatch =
  | {
      kind: 'matched' | 'partly-matched';
      rule: MatchRule;
      dossierId: string;
      /** Invoices the remittance information named (rule 1), or the invoice whose balance the amount equals (rule 3). */
      invoices: string[];
      /** What the line was expected to pay: the named invoices' balance, else the dossier's. */
      expectedCents: number;
    }
  | { kind: 'ambiguous'; rule: MatchRule; candidates: string[]; reason: string }
  | { kind: 'unmatched'; candidates: string[]; reason: string };

interface InvoiceRef {
  dossierId: string;
  number: string;
}

export interface MatchingIndex {
  dossiers: Map<string, Dossier>;
  invoices: Map<string, InvoiceRef>;
  references: Map<string, Set<string>>;
  payers: Map<string, Set<string>>;
}

/** Customer references this short are too likely to occur by chance in free text ("12", "A1"). */
const MIN_REFERENCE_LENGTH = 4;
/** What banks and people write before a name: not part of it. */
const NAME_NOISE = new Set(['M', 'MR', 'MME', 'MLLE', 'MONSIEUR', 'MADAME', 'STE', 'SOCIETE', 'ET']);
/** Banks' placeholder when the payer gave no end-to-end id (ISO 20022). */
const NOT_PROVIDED = 'NOTPROVIDED';

export function matchingIndex(dossiers: readonly Dossier[]): MatchingIndex {
  const index: MatchingIndex = {
    dossiers: new Map(),
    invoices: new Map(),
    references: new Map(),
    payers: new Map(),
  };
  const add = (map: Map<string, Set<string>>, key: string, dossierId: string) => {
    if (!key) return;
    const set = map.get(key) ?? new Set<string>();
    set.add(dossierId);
    map.set(key, set);
  };
  for (const dossier of dossiers) {
    index.dossiers.set(dossier.dossierId, dossier);
    for (const invoice of dossier.invoices)
      index.invoices.set(invoice.number.toUpperCase(), {
        dossierId: dossier.dossierId,
        number: invoice.number,
      });
    add(index.references, dossier.dossierId.toUpperCase(), dossier.dossierId);
    if (dossier.debtor.ref.length >= MIN_REFERENCE_LENGTH)
      add(index.references, dossier.debtor.ref.toUpperCase(), dossier.dossierId);
    add(index.payers, normalisedName(dossier.debtor.name), dossier.dossierId);
  }
  return index;
}

/**
 * Words of the remittance information: split on spaces and punctuation that never sits inside
 * an invoice number here (`, ; : ( ) [ ] ° #`); a word with `/` also counts by its parts
 * ("F-1/F-2" names two invoices, "2026/001" stays whole as well).
 */
export function remittanceWords(line: Pick<StatementLine, 'references' | 'endToEndId'>): string[] {
  const texts = [...line.references];
  if (line.endToEndId && line.endToEndId.toUpperCase() !== NOT_PROVIDED) texts.push(line.endToEndId);
  const words = new Set<string>();
  for (const text of texts)
    for (const raw of text.toUpperCase().split(/[\s,;:()[\]°#]+/)) {
      const word = raw.replace(/^[.'"-]+|[.'"]+$/g, '');
      if (!word) continue;
      words.add(word);
      if (word.includes('/')) for (const part of word.split('/')) if (part) words.add(part);
    }
  return [...words];
}

/** Upper case, no accents, no punctuation, civilities dropped, words sorted: "Dupont, Jean" = "M JEAN DUPONT". */
export function normalisedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word && !NAME_NOISE.has(word))
    .sort()
    .join(' ');
}

export function matchCredit(line: StatementLine, index: MatchingIndex): CreditMatch {
  const words = remittanceWords(line);
  const named = words.flatMap((word) => {
    const ref = index.invoices.get(word);
    return ref ? [ref] : [];
  });
  if (named.length > 0) {
    const dossierIds = unique(named.map((ref) => ref.dossierId));
    if (dossierIds.length > 1)
      return {
        kind: 'ambiguous',
        rule: 'invoice',
        candidates: dossierIds,
        reason: 'the remittance information names invoices of several dossiers',
      };
    const dossier = index.dossiers.get(dossierIds[0]!)!;
    const numbers = unique(named.map((ref) => ref.number));
    const expected = dossier.invoices
      .filter((inv) => numbers.includes(inv.number) && !inv.prescribed)
      .reduce((sum, inv) => sum + outstandingCents(inv), 0);
    return matched(line, 'invoice', dossier.dossierId, numbers, expected);
  }
  const referenced = unique(words.flatMap((word) => [...(index.references.get(word) ?? [])]));
  if (referenced.length > 1)
    return {
      kind: 'ambiguous',
      rule: 'reference',
      candidates: referenced,
      reason: 'the remittance information names several dossiers',
    };
  if (referenced.length === 1) {
    const dossier = index.dossiers.get(referenced[0]!)!;
    return matched(line, 'reference', dossier.dossierId, [], dossierOutstandingCents(dossier));
  }
  return matchByAmountAndPayer(line, index);
}

function matchByAmountAndPayer(line: StatementLine, index: MatchingIndex): CreditMatch {
  const payer = line.payerName ? normalisedName(line.payerName) : '';
  const known = payer ? [...(index.payers.get(payer) ?? [])] : [];
  if (known.length === 0)
    return {
      kind: 'unmatched',
      candidates: [],
      reason: payer
        ? 'no invoice number or reference in the remittance information, and no debtor of that name'
        : 'no invoice number or reference in the remittance information, and no payer name',
    };
  const fits = known.flatMap((dossierId) => {
    const dossier = index.dossiers.get(dossierId)!;
    const invoice = pursuableInvoices(dossier).filter((inv) => outstandingCents(inv) === line.amountCents);
    // Two invoices of the same balance: the dossier is sure, which invoice is not — imputed by law (C.civ. 1342-10).
    if (invoice.length > 0)
      return [{ dossierId, invoices: invoice.length === 1 ? [invoice[0]!.number] : [] }];
    return dossierOutstandingCents(dossier) === line.amountCents
      ? [{ dossierId, invoices: [] as string[] }]
      : [];
  });
  if (fits.length === 1)
    return {
      kind: 'matched',
      rule: 'amount-and-payer',
      dossierId: fits[0]!.dossierId,
      invoices: fits[0]!.invoices,
      expectedCents: line.amountCents,
    };
  if (fits.length > 1)
    return {
      kind: 'ambiguous',
      rule: 'amount-and-payer',
      candidates: fits.map((fit) => fit.dossierId),
      reason: 'several dossiers of that payer owe exactly that amount',
    };
  return {
    kind: 'unmatched',
    candidates: known,
    reason:
      'the payer is a known debtor, but the amount equals no balance of theirs: check and record it by hand',
  };
}

function matched(
  line: StatementLine,
  rule: MatchRule,
  dossierId: string,
  invoices: string[],
  expectedCents: number,
): CreditMatch {
  return {
    kind: line.amountCents === expectedCents ? 'matched' : 'partly-matched',
    rule,
    dossierId,
    invoices,
    expectedCents,
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
