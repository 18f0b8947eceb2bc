import { addDays, type LocalDate, maxDate, parisDate } from '../../domain/calendar';
import type { EventSource } from '../../domain/timeline';
import { changeDossier } from '../events/change-dossier';
import { recordDispute } from '../events/record-dispute';
import { recordPayment } from '../events/record-payment';
import { recordPromise } from '../events/record-promise';
import { resumeDossier } from '../events/resume-dossier';
import type { DossierRepository, Logger, RateSource, TenantDirectory } from '../ports';
import type { StatusEffect } from './cdar-statuses';

/**
 * The one place a platform status becomes a dossier event: each effect calls the use case that
 * records that event from any other source (the disputes, promises and payments routes), so a
 * refused invoice is a dispute like any other. Switching a target is a change here only.
 */
export interface StatusTargetDeps {
  repository: DossierRepository;
  logger: Logger;
  tenants?: TenantDirectory | undefined;
  rates?: RateSource | undefined;
}

export interface StatusEvent {
  tenantId: string;
  dossierId: string;
  invoiceNumber: string;
  code: number;
  label: string;
  date: LocalDate;
  reasonCode?: string;
  /** Encaissée: what was cashed (absent: the invoice's balance, resolved by the caller). */
  amountCents?: number;
  receivedAt: string;
  source: EventSource;
}

/** `parked.errorKind` of a dossier paused by a platform status: only such a pause is lifted by one. */
export const PLATFORM_HOLD = 'e-invoice-hold';

/**
 * Days a "Paiement transmis" holds the ladder: a SEPA credit transfer reaches the payee's bank the
 * next business day (Reg. 260/2012 and C.mon.fin. L133-13: D+1), a cheque or an international
 * transfer takes longer; 7 calendar days covers them. A payment arriving by then ends the hold.
 */
export const PAYMENT_TRANSMITTED_HOLD_DAYS = 7;

/** The stable key of one status of one invoice: the same message twice is one event. */
const keyOf = (event: StatusEvent) => `EINV-${event.code}-${event.invoiceNumber}-${event.date}`.slice(0, 80);

export async function applyStatusEffect(
  deps: StatusTargetDeps,
  effect: StatusEffect,
  event: StatusEvent,
): Promise<void> {
  const { tenantId, dossierId, receivedAt, source } = event;
  switch (effect) {
    case 'dispute':
      await recordDispute(deps, {
        tenantId,
        dossierId,
        receivedAt,
        source,
        dispute: { disputeId: keyOf(event), reason: 'other', invoices: [event.invoiceNumber] },
      });
      return;
    case 'promise': {
      const today = parisDate(receivedAt);
      // The promise's day must lie ahead (record-promise.ts): counted from the later of the two.
      const date = addDays(maxDate([event.date, today])!, PAYMENT_TRANSMITTED_HOLD_DAYS);
      await recordPromise(deps, {
        tenantId,
        dossierId,
        receivedAt,
        source,
        promise: { promiseId: keyOf(event), date, amountCents: event.amountCents! },
      });
      return;
    }
    case 'payment':
      await recordPayment(deps, {
        tenantId,
        dossierId,
        receivedAt,
        payment: {
          paymentId: keyOf(event),
          date: event.date,
          amountCents: event.amountCents!,
          invoice: event.invoiceNumber,
        },
      });
      return;
    case 'pause':
      await holdDossier(deps.repository, event);
      return;
    case 'resume': {
      const dossier = await deps.repository.getDossier(tenantId, dossierId);
      if (dossier?.parked?.errorKind === PLATFORM_HOLD)
        await resumeDossier(deps, { tenantId, dossierId, receivedAt });
      return;
    }
    case 'none':
      return;
  }
}

/**
 * Suspendue / Rejetée: the dossier leaves the daily sweep (the `parked` hold a person, or a later
 * Approuvée / Complétée, lifts: resume-dossier.ts). A dossier not on the ladder is left alone.
 */
async function holdDossier(repository: DossierRepository, event: StatusEvent): Promise<void> {
  const day = parisDate(event.receivedAt);
  await changeDossier(repository, event, (dossier) => {
    if (dossier.status !== 'open' || dossier.parked) return undefined;
    return {
      ...dossier,
      parked: { on: day, errorKind: PLATFORM_HOLD, failures: 0 },
      updatedAt: event.receivedAt,
    };
  });
}
