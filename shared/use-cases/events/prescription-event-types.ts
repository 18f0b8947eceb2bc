import { parisDate } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import type { DossierEventDeps, DossierEventRow, DossierEventType } from '../dossier-events/event-registry';
import { parseInput } from '../parse-input';
import { acknowledgmentSchema, recordAcknowledgment } from './record-acknowledgment';
import { mediationSchema, recordMediation } from './record-mediation';

/**
 * The limitation-period events a dossier-events file may carry (event-registry.ts), through the
 * same use cases as the API with `source: 'file'`. A mediation is two rows with the same event
 * id: `mediation-start` (reason: mediation or conciliation), later `mediation-end`.
 */

const MEDIATION_KINDS = ['mediation', 'conciliation'] as const;

/** The start a `mediation-end` row closes: the `mediation-started` event of the same id. */
async function startOf(deps: DossierEventDeps, tenantId: string, row: DossierEventRow) {
  const timeline = await deps.repository.listTimeline(tenantId, row.dossierId);
  const start = timeline.find((e) => e.type === 'mediation-started' && e.idempotencyKey === row.eventId);
  if (!start)
    throw new ValidationError('event_id', `no mediation-start row with this id (${row.eventId}) before`);
  return {
    startedOn: start.day,
    kind: start.note === 'conciliation' ? 'conciliation' : 'mediation',
    ...(start.invoiceNumbers?.length ? { invoices: start.invoiceNumbers } : {}),
  };
}

/**
 * A mediation row, checked as the API's body would be (the row's event id is the mediation's id)
 * and recorded through the same use case, from the file.
 */
async function recordFileMediation(
  deps: DossierEventDeps,
  row: DossierEventRow,
  file: { tenantId: string; receivedAt: string },
  fields: Record<string, unknown>,
): Promise<void> {
  const mediation = parseInput(mediationSchema(parisDate(file.receivedAt)), {
    mediationId: row.eventId,
    ...fields,
  });
  await recordMediation(deps, {
    tenantId: file.tenantId,
    dossierId: row.dossierId,
    mediation,
    receivedAt: file.receivedAt,
    source: 'file',
  });
}

export const PRESCRIPTION_EVENT_TYPES: Record<string, DossierEventType> = {
  acknowledgment: {
    requires: ['date'],
    summary:
      'the debtor acknowledged the debt on date (of the invoice, or the dossier): a new period starts (C.civ. 2240)',
    async apply(deps, row, { tenantId, receivedAt }) {
      const acknowledgment = parseInput(acknowledgmentSchema(parisDate(receivedAt)), {
        acknowledgmentId: row.eventId,
        date: row.date,
        ...(row.invoice ? { invoices: [row.invoice] } : {}),
        ...(row.note ? { note: row.note } : {}),
      });
      await recordAcknowledgment(deps, {
        tenantId,
        dossierId: row.dossierId,
        acknowledgment,
        receivedAt,
        source: 'file',
      });
    },
  },
  'mediation-start': {
    requires: ['date'],
    summary:
      'a mediation (reason: mediation or conciliation) agreed on date: the period is suspended (C.civ. 2238)',
    async apply(deps, row, { tenantId, receivedAt }) {
      const kind = row.reason ?? 'mediation';
      if (!(MEDIATION_KINDS as readonly string[]).includes(kind))
        throw new ValidationError('reason', 'mediation or conciliation');
      await recordFileMediation(
        deps,
        row,
        { tenantId, receivedAt },
        {
          kind,
          startedOn: row.date,
          ...(row.invoice ? { invoices: [row.invoice] } : {}),
        },
      );
    },
  },
  'mediation-end': {
    requires: ['date'],
    summary:
      'the mediation of the same event id ended on date: the period runs again, at least 6 months (C.civ. 2238)',
    async apply(deps, row, { tenantId, receivedAt }) {
      const start = await startOf(deps, tenantId, row);
      await recordFileMediation(deps, row, { tenantId, receivedAt }, { ...start, endedOn: row.date });
    },
  },
};
