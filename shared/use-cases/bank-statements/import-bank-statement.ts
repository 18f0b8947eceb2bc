import type { StatementLine } from '../../domain/bank-statement';
import { type MatchingIndex, matchCredit, matchingIndex } from '../../domain/bank-statement-matching';
import { parisDate } from '../../domain/calendar';
import { ConflictError, UnprocessableError } from '../../domain/errors';
import { type PaymentDeps, recordPayment } from '../events/record-payment';
import { readBankStatement } from './read-bank-statement';
import { countOutcomes, type ReportLine, reportLineOf, type StatementReport } from './statement-report';

/** The payment id a statement line records under: the same line, imported again, is recognised. */
export function statementPaymentId(line: Pick<StatementLine, 'fingerprint'>): string {
  return `bank-${line.fingerprint}`;
}

/**
 * Imports a bank statement (camt.053 or CSV) of a tenant:
 * 1. reads its lines (readBankStatement: an unreadable file throws UnreadableFileError);
 * 2. loads the tenant's dossiers once and indexes invoice numbers, references and payer names;
 * 3. for each booked credit: already recorded (its payment id is in a dossier) → reported; else
 *    matched by invoice number, reference, or amount and payer (bank-statement-matching.ts);
 * 4. records each matched or partly matched credit through recordPayment (the same imputation
 *    and credits as any payment), under a payment id derived from the line, so a statement
 *    imported twice records nothing twice; ambiguous and unmatched lines are never recorded;
 * 5. returns the report: every line with its outcome, candidates and reason.
 * Debits and unbooked entries are counted and ignored. Payer names stay in the report, never in logs.
 */
export async function importBankStatement(
  deps: PaymentDeps,
  input: { tenantId: string; body: Uint8Array; receivedAt: string },
): Promise<StatementReport> {
  const { tenantId, receivedAt } = input;
  const statement = readBankStatement(input.body, parisDate(receivedAt));
  const index = matchingIndex(await deps.repository.listDossiers(tenantId));
  const recordedIn = paymentOwners(index);
  const lines: ReportLine[] = statement.errors.map((error) => ({
    position: error.position,
    outcome: 'rejected',
    reason: error.reason,
  }));
  let recorded = 0;
  for (const line of statement.lines) {
    if (line.direction === 'debit') {
      lines.push({ ...reportLineOf(line, 'debit'), reason: 'a debit: ignored' });
      continue;
    }
    if (!line.booked) {
      lines.push({
        ...reportLineOf(line, 'not-booked'),
        reason: 'not booked (pending or information): import the final statement',
      });
      continue;
    }
    const paymentId = statementPaymentId(line);
    const earlier = recordedIn.get(paymentId);
    if (earlier) {
      lines.push({ ...reportLineOf(line, 'already-recorded'), dossierId: earlier, paymentId });
      continue;
    }
    const match = matchCredit(line, index);
    if (match.kind === 'ambiguous' || match.kind === 'unmatched') {
      lines.push({
        ...reportLineOf(line, match.kind),
        ...(match.kind === 'ambiguous' ? { rule: match.rule } : {}),
        candidates: match.candidates,
        reason: match.reason,
      });
      continue;
    }
    const reported: ReportLine = {
      ...reportLineOf(line, match.kind),
      rule: match.rule,
      dossierId: match.dossierId,
      invoices: match.invoices,
      expectedCents: match.expectedCents,
      differenceCents: line.amountCents - match.expectedCents,
      paymentId,
    };
    try {
      const outcome = await recordPayment(deps, {
        tenantId,
        dossierId: match.dossierId,
        payment: {
          paymentId,
          date: line.date,
          amountCents: line.amountCents,
          currency: line.currency,
          // The debtor designated the invoice it pays (C.civ. 1342-10); several: the legal order.
          ...(match.invoices.length === 1 ? { invoice: match.invoices[0]! } : {}),
        },
        receivedAt,
      });
      if (outcome.duplicate) reported.outcome = 'already-recorded';
      else recorded++;
      recordedIn.set(paymentId, match.dossierId);
      // Later lines of the same statement see the balance this payment left.
      const fresh = await deps.repository.getDossier(tenantId, match.dossierId);
      if (fresh) index.dossiers.set(fresh.dossierId, fresh);
    } catch (error) {
      if (!(error instanceof UnprocessableError || error instanceof ConflictError)) throw error;
      reported.outcome = 'refused';
      reported.reason = `not recorded: ${error.message}`;
    }
    lines.push(reported);
  }
  const report: StatementReport = {
    format: statement.format,
    counts: countOutcomes(lines),
    recorded,
    lines,
  };
  deps.logger.info('bank statement imported', {
    tenantId,
    format: report.format,
    recorded,
    ...report.counts,
  });
  return report;
}

/** Payment ids already in the tenant's dossiers → the dossier holding each. */
function paymentOwners(index: MatchingIndex): Map<string, string> {
  const owners = new Map<string, string>();
  for (const dossier of index.dossiers.values())
    for (const payment of dossier.payments ?? []) owners.set(payment.paymentId, dossier.dossierId);
  return owners;
}
