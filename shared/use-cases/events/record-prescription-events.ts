import { type LocalDate, parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError, UnprocessableError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import { prescriptionFromTimeline } from '../../domain/timeline-prescription';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import { changeDossier } from './change-dossier';

export interface PrescriptionEventDeps {
  repository: DossierRepository;
  logger: Logger;
  /** The tenant's prescription warning days; absent: 90, 30, 7. */
  tenants?: TenantDirectory | undefined;
}

export interface PrescriptionEventOutcome {
  dossierId: string;
  /** The same event (same key, same content) was recorded before: nothing changed. */
  duplicate: boolean;
  /** The dossier's earliest prescription deadline before and after the event (absent: nothing owed). */
  previousPrescriptionDate: LocalDate | null;
  prescriptionDate: LocalDate | null;
  /** Next day the nightly prescription watch looks at the dossier. */
  nextPrescriptionCheckOn: LocalDate | null;
}

/** What an event is recognised by across requests: its kind and the caller's key (eventId aside, which holds a date). */
export type EventKey = (event: TimelineEvent) => boolean;

/**
 * Records legal events that move the limitation period, then the dossier's deadlines:
 * 1. the dossier must exist and hold the invoices named (else 404 / 422);
 * 2. an event with the same key already on the timeline must say the same (else 409), and is
 *    then not written again (appendEvent is conditional: a retry writes nothing twice);
 * 3. the legal engine recomputes each owed invoice's deadline from the whole timeline
 *    (prescriptionFromTimeline), the dossier's prescriptionDate and nextPrescriptionCheckOn
 *    follow, in a conditional write retried on a concurrent change (changeDossier).
 */
export async function recordPrescriptionEvents(
  deps: PrescriptionEventDeps,
  input: {
    tenantId: string;
    dossierId: string;
    receivedAt: string;
    invoices: readonly string[] | undefined;
    events: TimelineEvent[];
    sameKey: EventKey;
  },
): Promise<PrescriptionEventOutcome> {
  const { tenantId, dossierId, receivedAt } = input;
  const dossier = await deps.repository.getDossier(tenantId, dossierId);
  if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
  const numbers = new Set(dossier.invoices.map((inv) => inv.number));
  const unknown = (input.invoices ?? []).filter((number) => !numbers.has(number));
  if (unknown.length > 0)
    throw new UnprocessableError('invoices', `not invoices of this dossier: ${unknown.join(', ')}`);

  let timeline = await deps.repository.listTimeline(tenantId, dossierId);
  const earlier = timeline.filter(input.sameKey);
  let fresh = 0;
  for (const event of input.events) {
    const recorded = earlier.find((e) => e.type === event.type);
    if (recorded) {
      if (!sameContent(recorded, event))
        throw new ConflictError(
          `${event.type} ${event.idempotencyKey} was recorded before with other content (${recorded.day})`,
        );
      continue;
    }
    if (await deps.repository.appendEvent(event)) fresh++;
  }
  const tenant = await findTenant(deps.tenants, tenantId);
  const today = parisDate(receivedAt);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (current) => {
      const next = prescriptionFromTimeline(current, timeline, today, tenant?.prescriptionWarningDays);
      return samePrescription(current, next) ? undefined : { ...next, updatedAt: receivedAt };
    },
    async () => {
      timeline = await deps.repository.listTimeline(tenantId, dossierId);
    },
  );
  const now = after ?? before;
  if (fresh > 0)
    deps.logger.info('prescription events recorded', {
      tenantId,
      dossierId,
      types: input.events.map((e) => e.type),
      moved: before.prescriptionDate !== now.prescriptionDate,
    });
  return {
    dossierId,
    duplicate: fresh === 0,
    previousPrescriptionDate: before.prescriptionDate ?? null,
    prescriptionDate: now.prescriptionDate ?? null,
    nextPrescriptionCheckOn: now.nextPrescriptionCheckOn ?? null,
  };
}

function sameContent(a: TimelineEvent, b: TimelineEvent): boolean {
  const invoices = (e: TimelineEvent) => JSON.stringify([...(e.invoiceNumbers ?? [])].sort());
  return a.day === b.day && invoices(a) === invoices(b) && a.note === b.note;
}

function samePrescription(a: Dossier, b: Dossier): boolean {
  return (
    a.prescriptionDate === b.prescriptionDate &&
    a.nextPrescriptionCheckOn === b.nextPrescriptionCheckOn &&
    JSON.stringify(a.prescriptionWarnings) === JSON.stringify(b.prescriptionWarnings) &&
    a.invoices.every((inv, i) => inv.prescriptionDate === b.invoices[i]?.prescriptionDate)
  );
}
