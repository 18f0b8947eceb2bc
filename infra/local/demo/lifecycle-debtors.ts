import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../../shared/domain/dossier';
import { apiRequest } from '../api-request';
import type { EmbeddedStack } from '../embedded-stack';
import type { DebtorBehaviour } from './debtor-behaviour';

/** Days the creditor takes to examine the dispute before rejecting it. */
const DISPUTE_REVIEW_DAYS = 10;
/** Days ahead the promiser says they will pay. */
const PROMISE_DAYS = 7;

/**
 * The dossier lifecycle in the demo (docs/data-model.md, "Lifecycle events"), through the API:
 * - the debtor who disputes one invoice of two (debtor-behaviour.ts) loses: the creditor rejects
 *   the dispute DISPUTE_REVIEW_DAYS later, and the invoice rejoins the ladder at the level the
 *   dossier stands at (the other invoice was pursued all along);
 * - one debtor who never pays promises, once the first reminder is out, to pay everything within
 *   a week, and does not: the ladder waits out the date and the grace days, then resumes one
 *   level up, with a `promise-broken` event saying why.
 */
export class LifecycleDebtors {
  private readonly resolutions = new Map<string, { disputeId: string; on: LocalDate }>();
  private promiser: string | undefined;
  disputesRejected = 0;
  promisesMade = 0;
  errors = 0;

  constructor(
    private readonly stack: EmbeddedStack,
    private readonly tenantId: string,
    private readonly behaviour: DebtorBehaviour,
  ) {}

  /** `heard`: the dossiers whose debtors may act today (simulation.ts), after their reactions. */
  async day(heard: readonly Dossier[], day: LocalDate): Promise<void> {
    const fresh = await this.stack.repository.getDossiers(
      this.tenantId,
      heard.map((d) => d.dossierId),
    );
    // In id order: the first debtor who would promise is the one who does, whatever order the
    // morning's concurrent steps finished in (a seed must replay the same run).
    for (const dossier of [...fresh.values()].sort((a, b) => a.dossierId.localeCompare(b.dossierId))) {
      // The demo's disputer only: other disputes (an e-invoice platform's status) stay for a person.
      const disputer = this.behaviour.profileOf(dossier.dossierId) === 'disputes';
      for (const dispute of disputer ? (dossier.disputes ?? []) : [])
        if (!dispute.resolution && !this.resolutions.has(dossier.dossierId))
          this.resolutions.set(dossier.dossierId, {
            disputeId: dispute.disputeId,
            on: addDays(day, DISPUTE_REVIEW_DAYS),
          });
      if (!this.promiser && this.wouldPromise(dossier)) await this.promise(dossier, day);
    }
    for (const [dossierId, { disputeId, on }] of this.resolutions) {
      if (on !== day) continue;
      const status = await this.call(
        'POST /dossiers/{dossierId}/disputes/{disputeId}/resolution',
        dossierId,
        { outcome: 'rejected' },
        { disputeId },
      );
      if (status === 200) this.disputesRejected++;
      else this.errors++;
    }
  }

  private wouldPromise(dossier: Dossier): boolean {
    return (
      this.behaviour.profileOf(dossier.dossierId) === 'never' &&
      dossier.status === 'open' &&
      dossier.levelIndex >= 1 &&
      !dossier.promises?.length &&
      dossierOutstandingCents(dossier) > 0
    );
  }

  private async promise(dossier: Dossier, day: LocalDate): Promise<void> {
    this.promiser = dossier.dossierId;
    const status = await this.call('POST /dossiers/{dossierId}/promises', dossier.dossierId, {
      promiseId: `PR-${dossier.dossierId}`,
      date: addDays(day, PROMISE_DAYS),
      amountCents: dossierOutstandingCents(dossier),
    });
    if (status === 200) this.promisesMade++;
    else this.errors++;
  }

  private async call(
    routeKey: string,
    dossierId: string,
    body: unknown,
    path: Record<string, string> = {},
  ): Promise<number> {
    const response = (await this.stack.functions.api!(
      apiRequest(routeKey, { tenantId: this.tenantId, pathParameters: { dossierId, ...path }, body }),
    )) as { statusCode: number };
    return response.statusCode;
  }
}
