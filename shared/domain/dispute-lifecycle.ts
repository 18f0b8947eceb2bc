import { type LocalDate, maxDate } from './calendar';
import { closedDossier } from './closure';
import {
  DISPUTE_REASONS,
  type DisputeResolution,
  type DossierDispute,
  disputeHoldsEverything,
} from './disputes';
import { type Dossier, owedInvoices } from './dossier';
import type { Invoice } from './parties';
import type { EventSource, TimelineEvent } from './timeline';

/**
 * What opening and resolving a dispute does to a dossier. Pure; the use cases (record-dispute.ts,
 * resolve-dispute.ts) read, call these and write conditionally, so a replay computes the same.
 */

/** Opens a dispute: when every owed invoice is now disputed the dossier waits off the sweep. */
export function withDisputeOpened(dossier: Dossier, dispute: DossierDispute, at: string): Dossier {
  const opened: Dossier = { ...dossier, disputes: [...(dossier.disputes ?? []), dispute], updatedAt: at };
  const pursued = dossier.status === 'open' || dossier.status === 'judicial';
  if (!pursued || !disputeHoldsEverything(opened, [])) return opened;
  const { nextActionOn: _n, ...rest } = opened;
  return { ...rest, status: 'disputed' };
}

/** The invoices a dispute covers, as numbers (the whole dossier: every invoice not settled). */
export function disputeScope(dossier: Dossier, dispute: DossierDispute): string[] {
  return dispute.invoices ?? dossier.invoices.filter((inv) => !inv.settledOn).map((inv) => inv.number);
}

function reduced(invoice: Invoice, amountCents: number, on: LocalDate): Invoice {
  const original = invoice.originalAmountCents ?? invoice.amountCents;
  const next: Invoice = { ...invoice, amountCents, originalAmountCents: original };
  // Nothing left to claim on it: the legal engine leaves it out (no interest, no indemnity).
  return amountCents <= invoice.paidCents ? { ...next, settledOn: on } : next;
}

/**
 * Applies a resolution:
 * - upheld: each disputed invoice is cancelled down to what was paid on it (a credit note for
 *   the rest) and settled; when nothing is owed any more the dossier closes as `cancelled`;
 * - partly-upheld: each invoice gets its new amount and is pursued for it again;
 * - rejected: the invoices are pursued again as they were.
 * A dossier held by the dispute reopens on the ladder where it stopped (`resumeAfter`: the next
 * level, with the spacing rules) and the sweep looks at it from `day`.
 */
export function withDisputeResolved(
  dossier: Dossier,
  disputeId: string,
  resolution: DisputeResolution,
  context: { at: string; day: LocalDate; source: EventSource; closureId: string },
): Dossier {
  const dispute = (dossier.disputes ?? []).find((d) => d.disputeId === disputeId)!;
  const scope = new Set(disputeScope(dossier, dispute));
  const invoices = dossier.invoices.map((inv) => {
    if (!scope.has(inv.number) || inv.settledOn) return inv;
    if (resolution.outcome === 'upheld') return reduced(inv, inv.paidCents, resolution.on);
    const amount = resolution.newAmounts?.[inv.number];
    return resolution.outcome === 'partly-upheld' && amount !== undefined
      ? reduced(inv, amount, resolution.on)
      : inv;
  });
  const disputes = (dossier.disputes ?? []).map((d) =>
    d.disputeId === disputeId ? { ...d, resolution } : d,
  );
  const resolved: Dossier = { ...dossier, invoices, disputes, updatedAt: context.at };
  if (dossier.status !== 'disputed' || disputeHoldsEverything(resolved, [])) return resolved;
  if (owedInvoices(resolved).every((inv) => inv.settledOn))
    return closedDossier(
      resolved,
      {
        closureId: context.closureId,
        kind: 'cancelled',
        on: context.day,
        reason: `dispute ${disputeId} upheld`,
        owedCents: 0,
        source: context.source,
      },
      context.at,
    );
  // A dossier disputed while it waited for the judicial review goes back to it.
  if (resolved.judicial) return { ...resolved, status: 'judicial' };
  return {
    ...resolved,
    status: 'open',
    resumeAfter: {
      levelIndex: dossier.levelIndex,
      reason: `dispute ${disputeId} ${resolution.outcome}: the ladder resumes where it stopped`,
      on: context.day,
    },
    nextActionOn: maxDate([context.day, ...(dossier.nextActionOn ? [dossier.nextActionOn] : [])])!,
  };
}

/**
 * A dossier disputed before disputes were kept on it holds only its `dispute-opened` event
 * (`<day>#DISPUTE#<disputeId>`): the dispute is taken from it, whole dossier unless the event names
 * invoices, so that it can be resolved like any other. Unchanged when the dossier knows it already.
 */
export function withLegacyDispute(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  disputeId: string,
): Dossier {
  if (dossier.disputes?.some((d) => d.disputeId === disputeId)) return dossier;
  const event = timeline.find(
    (e) => e.type === 'dispute-opened' && e.eventId.endsWith(`#DISPUTE#${disputeId}`),
  );
  if (!event) return dossier;
  const reason = DISPUTE_REASONS.find((r) => r === event.note) ?? 'other';
  const dispute: DossierDispute = {
    disputeId,
    reason,
    ...(event.invoiceNumbers?.length ? { invoices: event.invoiceNumbers } : {}),
    openedOn: event.day,
    levelIndex: dossier.levelIndex,
  };
  return { ...dossier, disputes: [...(dossier.disputes ?? []), dispute] };
}
