import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar';
import { dossierBalance } from '../../shared/domain/legal/dossier-balance';
import { dossierClaimStatement } from '../../shared/domain/legal/dossier-claim';
import { sumCents } from '../../shared/domain/money';
import { historyArb, NUM_RUNS, PROPERTY_TIMEOUT_MS, runHistory } from './support/history';

/**
 * No cent created or lost by the payment imputation engine (docs/legal.md §13: designated invoice,
 * else oldest due first, C.civ. 1342-10; interest before principal, C.civ. 1343-1):
 *   recovered + outstanding + written off = entrusted + accessories, and
 *   received = recovered + credits (what exceeds everything due is owed back to the debtor),
 * so recovered + outstanding + written off + credits = entrusted + accessories + credits, on any day.
 * Written off: what is still unpaid on time-barred invoices (shown, never claimed).
 */

describe('money conservation (random histories)', () => {
  it('accounts for every cent entrusted, accrued and received', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 2_000 }), (history, daysAfter) => {
        const run = runHistory(history);
        // Also long after the history, once interest has run and invoices may be time-barred.
        for (const asOf of [run.lastDay, addDays(run.lastDay, daysAfter)]) {
          const statement = dossierClaimStatement(run.dossier, run.timeline, asOf);
          const balance = dossierBalance(run.dossier, run.timeline, asOf);
          const entrusted = sumCents(run.dossier.invoices.map((inv) => inv.amountCents));
          const accessories = balance.interestAccruedCents + balance.indemnityOwedCents;
          const recovered = balance.imputedCents;
          const outstanding = statement.totals.totalDueCents;
          const writtenOff = statement.prescribedTotals.totalDueCents;
          const received = sumCents(
            (run.dossier.payments ?? []).filter((p) => p.date <= asOf).map((p) => p.amountCents),
          );
          expect({ asOf, total: recovered + outstanding + writtenOff }).toEqual({
            asOf,
            total: entrusted + accessories,
          });
          expect({ asOf, received }).toEqual({ asOf, received: recovered + balance.unimputedCents });
          for (const invoice of statement.invoices) {
            const imputed = sumCents(
              invoice.payments.map((p) => p.toPrincipalCents + p.toInterestCents + p.toIndemnityCents),
            );
            expect({ invoice: invoice.number, imputed }).toEqual({
              invoice: invoice.number,
              imputed: invoice.paidCents,
            });
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
