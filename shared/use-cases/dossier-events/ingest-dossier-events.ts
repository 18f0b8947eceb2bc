import { type LocalDate, parisDate } from '../../domain/calendar';
import { RecouvrementError, ValidationError } from '../../domain/errors';
import type { RejectedRow } from '../intake/debtor-intake';
import { decodeIntakeFile } from '../intake/decode-intake-file';
import { type Parsed, parseEuros, parseEurosNumber, parseLocalDate } from '../intake/french-formats';
import { delimiterOf } from '../intake/parse-intake-file';
import { readCsvRecords } from '../intake/read-csv-records';
import { UnreadableFileError } from '../intake/unreadable-file';
import { DOSSIER_EVENT_TYPES, type DossierEventDeps, type DossierEventRow } from './event-registry';

/** What a dossier-events file did: rows applied (replays included: they change nothing), rows refused. */
export interface DossierEventsReport {
  rows: number;
  applied: number;
  rejected: RejectedRow[];
  refusal?: { line?: number; field: string; reason: string };
}

/** Column names as a spreadsheet may spell them → the row's field. */
const COLUMNS: Record<string, keyof RawEvent> = {
  type: 'type',
  event_id: 'eventId',
  eventid: 'eventId',
  dossier: 'dossier',
  dossier_id: 'dossier',
  dossierid: 'dossier',
  invoice: 'invoice',
  invoice_number: 'invoice',
  date: 'date',
  amount: 'amount',
  reason: 'reason',
  note: 'note',
};

interface RawEvent {
  type?: unknown;
  eventId?: unknown;
  dossier?: unknown;
  invoice?: unknown;
  date?: unknown;
  amount?: unknown;
  reason?: unknown;
  note?: unknown;
}

const EVENT_ID = /^[A-Za-z0-9_.:-]{1,80}$/;

/**
 * A dossier-events file dropped under `<tenantId>/dossier-events/` (README, "Dossier events file"):
 * CSV as French Excel writes it (decoded like an invoice file: decode-intake-file.ts) or JSON (an
 * array, or `{ "events": [...] }`), one event per row: type, dossier or invoice number, date,
 * amount (euros, `1 234,56`), reason, note, event id. Rows are applied in the file's order, each
 * through the same use case as the API (event-registry.ts), so a dispute and its resolution may
 * follow each other; a bad row is reported with its line and field, its neighbours applied.
 */
export async function ingestDossierEvents(
  deps: DossierEventDeps,
  input: { tenantId: string; key: string; body: Uint8Array; receivedAt: string },
): Promise<DossierEventsReport> {
  const { tenantId, receivedAt } = input;
  const text = decodeIntakeFile(input.body).text.replace(/^\uFEFF/, '');
  const parsed = input.key.toLowerCase().endsWith('.json') ? jsonRows(text) : csvRows(text);
  if ('refusal' in parsed) return { rows: 0, applied: 0, rejected: [], refusal: parsed.refusal };
  const today = parisDate(receivedAt);
  const rejected: RejectedRow[] = [...parsed.malformed];
  let applied = 0;
  for (const { row, values } of parsed.rows) {
    const invoiceNumber = text_(values.invoice) ?? '';
    try {
      const event = await readRow(deps, tenantId, row, values, today);
      await DOSSIER_EVENT_TYPES[event.type]!.apply(deps, event, { tenantId, receivedAt });
      applied++;
    } catch (error) {
      if (!(error instanceof RecouvrementError)) throw error;
      const field = error instanceof ValidationError ? error.field : 'event';
      const reason =
        error instanceof ValidationError ? error.message.replace(`${field}: `, '') : error.message;
      rejected.push({ row, invoiceNumber, field, reason });
    }
  }
  // Only ids and counts: notes and reasons may quote the debtor.
  deps.logger.info('dossier events file applied', {
    tenantId,
    rows: parsed.rows.length,
    applied,
    rejected: rejected.length,
  });
  return {
    rows: parsed.rows.length + parsed.malformed.length,
    applied,
    rejected: rejected.sort((a, b) => a.row - b.row),
  };
}

type Rows =
  | { rows: { row: number; values: RawEvent }[]; malformed: RejectedRow[] }
  | { refusal: { line?: number; field: string; reason: string } };

function jsonRows(text: string): Rows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnreadableFileError('not valid JSON');
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { events?: unknown })?.events;
  if (!Array.isArray(items))
    throw new UnreadableFileError('a dossier-events JSON file is an array of events or { "events": [...] }');
  return {
    malformed: [],
    rows: items.map((item, index) => ({
      row: index + 1,
      values: renamed(item && typeof item === 'object' ? item : {}),
    })),
  };
}

function renamed(values: Record<string, unknown>): RawEvent {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const field =
      COLUMNS[
        name
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ];
    if (field) out[field] = value;
  }
  return out as RawEvent;
}

function csvRows(text: string): Rows {
  const { records, malformed } = readCsvRecords(text, delimiterOf(text));
  const header = records[0];
  if (!header) return { refusal: { line: 1, field: 'header', reason: 'the file has no header line' } };
  const names = header.fields.map(
    (name) =>
      COLUMNS[
        name
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ],
  );
  const missing = ['type', 'eventId'].filter((field) => !names.includes(field as keyof RawEvent));
  if (missing.length > 0 || (!names.includes('dossier') && !names.includes('invoice')))
    return {
      refusal: {
        line: header.line,
        field: 'header',
        reason:
          'the header needs type, event_id, and dossier or invoice (then date, amount, reason, note as used)',
      },
    };
  const rows = records.slice(1).flatMap(({ line, fields }) => {
    if (fields.every((field) => field.trim() === '')) return [];
    const values: Record<string, unknown> = {};
    names.forEach((name, index) => {
      if (name && fields[index] !== undefined && fields[index]!.trim() !== '') values[name] = fields[index];
    });
    return [{ row: line, values: values as RawEvent }];
  });
  const bad = malformed.map(({ line, reason }) => ({ row: line, invoiceNumber: '', field: 'line', reason }));
  return { rows, malformed: bad };
}

const text_ = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;

function need<T>(field: string, parsed: Parsed<T>): T {
  if (!parsed.ok) throw new ValidationError(field, parsed.reason);
  return parsed.value;
}

/** The row checked column by column, and its dossier found (by id, or by the invoice number's claim). */
async function readRow(
  deps: DossierEventDeps,
  tenantId: string,
  row: number,
  values: RawEvent,
  today: LocalDate,
): Promise<DossierEventRow> {
  const type = text_(values.type)?.toLowerCase();
  if (!type || !DOSSIER_EVENT_TYPES[type])
    throw new ValidationError(
      'type',
      `unknown event type; one of ${Object.keys(DOSSIER_EVENT_TYPES).join(', ')}`,
    );
  const eventId = text_(values.eventId);
  if (!eventId || !EVENT_ID.test(eventId))
    throw new ValidationError('event_id', 'required: letters, digits, _ . : - (1 to 80)');
  const invoice = text_(values.invoice);
  const date = text_(values.date);
  const amount = values.amount;
  const reason = text_(values.reason);
  const note = text_(values.note);
  const event: Omit<DossierEventRow, 'dossierId'> = {
    row,
    eventId,
    type,
    ...(invoice ? { invoice } : {}),
    ...(date ? { date: need('date', parseLocalDate(date, today)) } : {}),
    ...(amount !== undefined && amount !== ''
      ? {
          amountCents: need(
            'amount',
            typeof amount === 'number' ? parseEurosNumber(amount) : parseEuros(String(amount)),
          ),
        }
      : {}),
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
  };
  for (const field of DOSSIER_EVENT_TYPES[type]!.requires) {
    const present = field === 'amount' ? event.amountCents !== undefined : event[field] !== undefined;
    if (!present) throw new ValidationError(field, `required for a ${type} event`);
  }
  return { ...event, dossierId: await dossierOf(deps, tenantId, text_(values.dossier), invoice) };
}

async function dossierOf(
  deps: DossierEventDeps,
  tenantId: string,
  dossier: string | undefined,
  invoice: string | undefined,
): Promise<string> {
  const byInvoice = invoice ? await deps.repository.findInvoiceClaim(tenantId, invoice) : undefined;
  if (dossier && byInvoice && dossier !== byInvoice)
    throw new ValidationError('invoice', `invoice ${invoice} belongs to another dossier`);
  if (dossier) return dossier;
  if (byInvoice) return byInvoice;
  throw new ValidationError(
    invoice ? 'invoice' : 'dossier',
    invoice ? `no invoice ${invoice}` : 'a dossier or an invoice is required',
  );
}
