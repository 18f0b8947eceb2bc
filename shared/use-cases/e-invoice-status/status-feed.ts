import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../../domain/calendar';
import { parseEuros, parseEurosNumber } from '../intake/french-formats';
import { readCsvRecords } from '../intake/read-csv-records';
import { UnreadableFileError } from '../intake/unreadable-file';
import { type CdarStatus, cdarStatus } from './cdar-statuses';

/**
 * A status feed: the lifecycle statuses a platform reported, one per line, keyed by invoice number.
 *
 * JSON: `{ "statuses": [ { "invoice_number": "F-1", "status": 210, "date": "2026-11-02",
 *   "reason": "QUALITE", "amount_cents": 120000 } ] }` (or the bare array);
 * CSV (`;`, `,` or tab): `invoice_number;status;date;reason;amount` — `status` is the CDAR code
 * or its label (`Refusée`), `date` ISO, `reason` the platform's reason code (optional), `amount`
 * what was cashed (Encaissée only, euros; or `amount_cents`; absent: the invoice's balance).
 */
export interface StatusMessage {
  /** Line in the file (CSV: header is line 1) or position in the array. */
  row: number;
  invoiceNumber: string;
  status: CdarStatus;
  date: LocalDate;
  /** The platform's reason code, kept only when it is a code (letters, digits, `_-`): free text may quote people. */
  reasonCode?: string;
  amountCents?: number;
}

export interface StatusProblem {
  row: number;
  invoiceNumber: string;
  field: string;
  reason: string;
}

export const MAX_STATUSES_PER_FEED = 10_000;

export const statusMessageSchema = z.object({
  invoice_number: z.string({ error: 'required' }).trim().min(1, 'required').max(64),
  status: z.union([z.string(), z.number()], { error: 'required (CDAR code or label)' }),
  date: z.string({ error: 'required' }).refine(isLocalDate, 'not a date (YYYY-MM-DD)'),
  reason: z.string().max(200).optional(),
  amount: z.union([z.string(), z.number()]).optional(),
  amount_cents: z.number().int().positive().optional(),
});

/** One message checked: the status must be a known CDAR code, the amount readable. */
export function readStatusMessage(
  row: number,
  values: Record<string, unknown>,
): { ok: true; message: StatusMessage } | { ok: false; problem: StatusProblem } {
  const cleaned = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== null));
  const invoiceNumber = typeof cleaned.invoice_number === 'string' ? cleaned.invoice_number.trim() : '';
  const parsed = statusMessageSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      problem: { row, invoiceNumber, field: issue.path.join('.') || 'row', reason: issue.message },
    };
  }
  const data = parsed.data;
  const status = cdarStatus(data.status);
  if (!status)
    return {
      ok: false,
      problem: {
        row,
        invoiceNumber,
        field: 'status',
        reason: 'unknown status: not a CDAR lifecycle code or label',
      },
    };
  let amountCents = data.amount_cents;
  if (data.amount !== undefined) {
    const euros = typeof data.amount === 'number' ? parseEurosNumber(data.amount) : parseEuros(data.amount);
    const cents = euros.ok ? euros.value : undefined;
    if (cents === undefined || cents <= 0)
      return {
        ok: false,
        problem: { row, invoiceNumber, field: 'amount', reason: 'not a positive amount in euros' },
      };
    amountCents = cents;
  }
  const reason = data.reason?.trim();
  return {
    ok: true,
    message: {
      row,
      invoiceNumber: data.invoice_number,
      status,
      date: data.date as LocalDate,
      ...(reason && /^[A-Za-z0-9_-]{1,40}$/.test(reason) ? { reasonCode: reason } : {}),
      ...(amountCents !== undefined ? { amountCents } : {}),
    },
  };
}

/** The raw messages of a feed file (JSON or CSV by its name), each with its line. */
export function parseStatusFeed(
  key: string,
  text: string,
): { row: number; values: Record<string, unknown> }[] {
  const body = text.replace(/^\uFEFF/, '');
  let rows: { row: number; values: Record<string, unknown> }[];
  if (key.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new UnreadableFileError('not valid JSON');
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { statuses?: unknown })?.statuses;
    if (!Array.isArray(list))
      throw new UnreadableFileError('a status feed is an array or { "statuses": [...] }');
    rows = list.map((values, index) => ({
      row: index + 1,
      values: values && typeof values === 'object' ? (values as Record<string, unknown>) : {},
    }));
  } else {
    const firstLine = body.slice(0, body.search(/\r|\n|$/));
    const delimiter = [';', ',', '\t'].reduce((best, c) =>
      firstLine.split(c).length > firstLine.split(best).length ? c : best,
    );
    const { records } = readCsvRecords(body, delimiter);
    const header = records[0]?.fields.map((name) => name.trim().toLowerCase()) ?? [];
    for (const column of ['invoice_number', 'status', 'date'])
      if (!header.includes(column))
        throw new UnreadableFileError(
          `status feed header lacks ${column} (expected invoice_number;status;date;reason;amount)`,
        );
    rows = records.slice(1).map(({ line, fields }) => ({
      row: line,
      values: Object.fromEntries(header.map((name, index) => [name, fields[index] ?? ''])),
    }));
  }
  if (rows.length > MAX_STATUSES_PER_FEED)
    throw new UnreadableFileError(`more than ${MAX_STATUSES_PER_FEED} statuses in one feed: split it`);
  return rows;
}
