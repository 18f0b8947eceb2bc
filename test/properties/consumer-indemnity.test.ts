import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dossierClaimStatement } from '../../shared/domain/legal/dossier-claim';
import { historyArb, NUM_RUNS, PROPERTY_TIMEOUT_MS, type Run, runHistory } from './support/history';

/**
 * The 40 EUR recovery indemnity (C.com. L441-10 II, D441-5) is owed between professionals only:
 * never claimed from a consumer, neither in what is due nor through a payment imputed to it
 * (docs/legal.md §13). Checked on the day of each formal notice (the letter states the claim) and
 * on the history's last day.
 */

/** Days a claim is stated: each formal notice and the end of the history. */
function claimDays(run: Run) {
  const notices = run.steps.flatMap((step) =>
    step.decision.kind === 'act' && step.decision.levelKind === 'formal-notice' ? [step.day] : [],
  );
  return [...new Set([...notices, run.lastDay])];
}

function indemnities(run: Run) {
  if (run.dossier.invoices.every((inv) => inv.settledOn)) return [];
  return claimDays(run).flatMap((day) =>
    dossierClaimStatement(run.dossier, run.timeline, day).invoices.flatMap((invoice) => [
      invoice.indemnityCents,
      ...invoice.payments.map((p) => p.toIndemnityCents),
    ]),
  );
}

describe('recovery indemnity (random histories)', () => {
  it('is never claimed from a consumer', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(
        historyArb.map((h) => ({ ...h, debtorType: 'consumer' as const })),
        (history) => {
          expect(indemnities(runHistory(history)).filter((cents) => cents !== 0)).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('is claimed from a professional debtor with something unpaid (the property above can fail)', () => {
    fc.assert(
      fc.property(
        historyArb.map((h) => ({ ...h, debtorType: 'professional' as const, events: [] })),
        (history) => {
          const run = runHistory(history);
          const statement = dossierClaimStatement(run.dossier, run.timeline, run.lastDay);
          expect(statement.totals.indemnityCents).toBe(4_000 * run.dossier.invoices.length);
        },
      ),
      { numRuns: Math.min(NUM_RUNS, 200) },
    );
  });
});
