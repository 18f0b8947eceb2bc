import { type LocalDate, parisDate } from '../../domain/calendar';
import { disputedInvoiceNumbers } from '../../domain/disputes';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { closeDossier, closureSchema } from '../events/close-dossier';
import { PRESCRIPTION_EVENT_TYPES } from '../events/prescription-event-types';
import { disputeSchema, recordDispute } from '../events/record-dispute';
import { promiseSchema, recordPromise } from '../events/record-promise';
import { disputeResolutionSchema, resolveDispute } from '../events/resolve-dispute';
import { parseInput } from '../parse-input';
import type { DossierRepository, Logger, RateSource, TenantDirectory } from '../ports';

/** One row of a dossier-events file, read and checked (ingest-dossier-events.ts), its dossier found. */
export interface DossierEventRow {
  /** The file's line (header: line 1) or position in a JSON array. */
  row: number;
  /** The sender's id of the event: the idempotency key (the same id twice changes nothing). */
  eventId: string;
  type: string;
  dossierId: string;
  invoice?: string;
  date?: LocalDate;
  amountCents?: number;
  reason?: string;
  /** Free text: kept where the use case keeps it (a dispute's note on the dossier), never logged. */
  note?: string;
}

export interface DossierEventDeps {
  repository: DossierRepository;
  logger: Logger;
  tenants?: TenantDirectory | undefined;
  rates?: RateSource | undefined;
}

export type RowField = 'invoice' | 'date' | 'amount' | 'reason';

/**
 * One event type a file may carry: the columns it needs (checked before anything is written, so a
 * bad row is reported with its field) and the use case it runs, the same as the API's, with
 * `source: 'file'`. Errors of the domain (ValidationError, ConflictError, NotFoundError…) reject
 * the row; any other error fails the file, whose retry replays the rows already applied as no-ops.
 */
export interface DossierEventType {
  requires: readonly RowField[];
  summary: string;
  apply(
    deps: DossierEventDeps,
    row: DossierEventRow,
    context: { tenantId: string; receivedAt: string },
  ): Promise<void>;
}

const ref = (row: DossierEventRow, tenantId: string) => ({ tenantId, dossierId: row.dossierId });

/** The open dispute a resolution row means: the one covering its invoice, else the dossier's only one. */
async function disputeOf(deps: DossierEventDeps, tenantId: string, row: DossierEventRow): Promise<string> {
  const dossier = await deps.repository.getDossier(tenantId, row.dossierId);
  if (!dossier) throw new NotFoundError(`dossier ${row.dossierId} not found`);
  const covers = (invoices?: string[]) => !row.invoice || !invoices || invoices.includes(row.invoice);
  const candidates = (dossier.disputes ?? []).filter((d) => covers(d.invoices));
  // An open one first; a resolved one lets a replayed row be recognised (same outcome: a no-op).
  const open = candidates.filter((d) => !d.resolution);
  const pick = open.length > 0 ? open : candidates.slice(-1);
  if (pick.length !== 1)
    throw new ValidationError(
      'invoice',
      pick.length === 0 ? 'no dispute to resolve here' : 'several open disputes: name the invoice',
    );
  if (row.invoice && !disputedInvoiceNumbers(dossier).has(row.invoice) && open.length > 0)
    throw new ValidationError('invoice', `${row.invoice} is not disputed`);
  return pick[0]!.disputeId;
}

function resolution(outcome: 'upheld' | 'rejected' | 'partly-upheld'): DossierEventType {
  return {
    requires: outcome === 'partly-upheld' ? ['invoice', 'amount'] : [],
    summary: `the dispute on the invoice (or the dossier) is ${outcome}${outcome === 'partly-upheld' ? ': amount is the invoice’s new amount' : ''}`,
    async apply(deps, row, { tenantId, receivedAt }) {
      const disputeId = await disputeOf(deps, tenantId, row);
      const body = parseInput(disputeResolutionSchema, {
        outcome,
        ...(row.date ? { date: row.date } : {}),
        ...(outcome === 'partly-upheld'
          ? { newAmounts: [{ invoice: row.invoice, amountCents: row.amountCents }] }
          : {}),
        ...(outcome === 'upheld' && row.reason ? { creditNote: row.reason } : {}),
      });
      await resolveDispute(deps, {
        ...ref(row, tenantId),
        disputeId,
        resolution: body,
        receivedAt,
        source: 'file',
      });
    },
  };
}

function closure(kind: 'paid' | 'settled' | 'written-off' | 'judicial'): DossierEventType {
  return {
    requires: kind === 'settled' ? ['amount'] : kind === 'written-off' ? ['reason'] : [],
    summary: `the dossier is closed: ${kind}${kind === 'settled' ? ' (amount: what the debtor pays, the rest waived)' : ''}`,
    async apply(deps, row, { tenantId, receivedAt }) {
      const body = parseInput(closureSchema, {
        closureId: row.eventId,
        kind,
        ...(row.reason ? { reason: row.reason } : {}),
        ...(kind === 'settled' ? { agreedCents: row.amountCents } : {}),
      });
      await closeDossier(deps, { ...ref(row, tenantId), closure: body, receivedAt, source: 'file' });
    },
  };
}

/**
 * The event types a dossier-events file may carry, by the name of its `type` column. One entry
 * per type: another kind of event (an acknowledgment of debt, a mediation) is one more entry here.
 */
export const DOSSIER_EVENT_TYPES: Record<string, DossierEventType> = {
  dispute: {
    requires: ['reason'],
    summary: 'the debtor disputes the invoice (or, without one, the dossier); reason: a dispute reason code',
    async apply(deps, row, { tenantId, receivedAt }) {
      const dispute = parseInput(disputeSchema, {
        disputeId: row.eventId,
        reason: row.reason,
        ...(row.invoice ? { invoices: [row.invoice] } : {}),
        ...(row.note ? { note: row.note } : {}),
      });
      await recordDispute(deps, { ...ref(row, tenantId), dispute, receivedAt, source: 'file' });
    },
  },
  'dispute-upheld': resolution('upheld'),
  'dispute-rejected': resolution('rejected'),
  'dispute-partly-upheld': resolution('partly-upheld'),
  promise: {
    requires: ['date', 'amount'],
    summary: 'a promise to pay amount by date: the ladder pauses',
    async apply(deps, row, { tenantId, receivedAt }) {
      const promise = parseInput(promiseSchema(parisDate(receivedAt)), {
        promiseId: row.eventId,
        date: row.date,
        amountCents: row.amountCents,
      });
      await recordPromise(deps, { ...ref(row, tenantId), promise, receivedAt, source: 'file' });
    },
  },
  paid: closure('paid'),
  settled: closure('settled'),
  'written-off': closure('written-off'),
  judicial: closure('judicial'),
  // Acknowledgments and mediations: the limitation period (C.civ. 2240, 2238).
  ...PRESCRIPTION_EVENT_TYPES,
};
