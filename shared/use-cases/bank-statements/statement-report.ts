import type { StatementLine } from '../../domain/bank-statement';
import type { MatchRule } from '../../domain/bank-statement-matching';

/**
 * What happened to each line of a bank statement, for the person who reconciles it. Nothing is
 * left out: a line is matched (recorded), partly matched (recorded, amount differs from what it
 * should pay), already recorded (an earlier import), ambiguous or unmatched (NOT recorded:
 * candidates and reason given), refused (the dossier could not take it, e.g. another currency),
 * a debit or a not-booked entry (ignored, counted), or rejected (unreadable line).
 */
export type LineOutcome =
  | 'matched'
  | 'partly-matched'
  | 'already-recorded'
  | 'ambiguous'
  | 'unmatched'
  | 'refused'
  | 'debit'
  | 'not-booked'
  | 'rejected';

export interface ReportLine {
  position: string;
  outcome: LineOutcome;
  date?: string;
  amountCents?: number;
  currency?: string;
  rule?: MatchRule;
  dossierId?: string;
  invoices?: string[];
  /** What the line should have paid (the named invoices', else the dossier's balance of principal). */
  expectedCents?: number;
  /** amount − expected: above 0 overpaid (kept as a credit if beyond everything owed), below 0 underpaid. */
  differenceCents?: number;
  candidates?: string[];
  paymentId?: string;
  /** Personal data: in the report for the person who reconciles, never in logs. */
  payerName?: string;
  reference?: string;
  reason?: string;
}

export interface StatementReport {
  format: 'camt.053' | 'csv';
  counts: Record<LineOutcome, number>;
  /** Payments recorded by this import (matched and partly matched lines not recorded before). */
  recorded: number;
  lines: ReportLine[];
}

export function reportLineOf(line: StatementLine, outcome: LineOutcome): ReportLine {
  return {
    position: line.position,
    outcome,
    date: line.date,
    amountCents: line.amountCents,
    currency: line.currency,
    ...(line.payerName ? { payerName: line.payerName } : {}),
    ...(line.references.length > 0 ? { reference: line.references.join(' | ') } : {}),
  };
}

export function countOutcomes(lines: readonly ReportLine[]): Record<LineOutcome, number> {
  const counts: Record<LineOutcome, number> = {
    matched: 0,
    'partly-matched': 0,
    'already-recorded': 0,
    ambiguous: 0,
    unmatched: 0,
    refused: 0,
    debit: 0,
    'not-booked': 0,
    rejected: 0,
  };
  for (const line of lines) counts[line.outcome]++;
  return counts;
}

/**
 * A cell Excel would run as a formula gets a leading apostrophe (OWASP "CSV injection"); an
 * amount we wrote ourselves (`-80,00`) is a number and stays one.
 */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const plain = typeof value === 'number' || /^-?\d+,\d{2}$/.test(value);
  const text = plain ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Cents as French Excel reads a number: `1234,56`, `-80,00`. */
export function frenchAmount(cents: number | undefined): string | undefined {
  if (cents === undefined) return undefined;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

const HEADER = [
  'position',
  'outcome',
  'date',
  'amount',
  'currency',
  'rule',
  'dossier',
  'invoices',
  'expected',
  'difference',
  'candidates',
  'payment_id',
  'payer',
  'reference',
  'reason',
];

/**
 * The report as French Excel opens it: UTF-8 with a byte order mark, `;` between cells, decimal
 * comma, CRLF (like the intake's rejects report, rejects-report.ts). Amounts are numbers, not
 * text, so the person can sum a column; a formula-like cell (`=…` in a payer's name) stays text.
 */
export function statementReportCsv(report: StatementReport): string {
  const rows = report.lines.map((line) =>
    [
      line.position,
      line.outcome,
      line.date,
      frenchAmount(line.amountCents),
      line.currency,
      line.rule,
      line.dossierId,
      line.invoices?.join(' '),
      frenchAmount(line.expectedCents),
      frenchAmount(line.differenceCents),
      line.candidates?.join(' '),
      line.paymentId,
      line.payerName,
      line.reference,
      line.reason,
    ]
      .map(cell)
      .join(';'),
  );
  return `\uFEFF${[HEADER.join(';'), ...rows].join('\r\n')}\r\n`;
}

/** `<key>.report.csv`, beside the statement (and its `.error.json` if unreadable). */
export function statementReportKeyFor(key: string): string {
  return `${key}.report.csv`;
}
