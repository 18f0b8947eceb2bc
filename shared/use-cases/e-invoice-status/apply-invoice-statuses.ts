import { parisDate } from '../../domain/calendar';
import { outstandingCents } from '../../domain/dossier';
import { RecouvrementError } from '../../domain/errors';
import type { EventSource } from '../../domain/timeline';
import { changeDossier } from '../events/change-dossier';
import type { StatusMessage, StatusProblem } from './status-feed';
import { applyStatusEffect, type StatusTargetDeps } from './status-targets';

export interface StatusFeedReport {
  tenantId: string;
  /** Messages read, bad ones included. */
  rows: number;
  applied: number;
  /** The same status of the same invoice on the same day, already applied: nothing changed. */
  alreadyApplied: number;
  /** Each message not applied and why (unknown invoice or status, out of order, refused by the dossier). */
  rejected: StatusProblem[];
}

/**
 * Applies platform lifecycle statuses, message by message in the feed's order:
 * 1. find the invoice (its claim names the dossier); unknown → reported;
 * 2. the invoice's applied statuses (`Invoice.lifecycle`) decide: the same code and date again is
 *    a no-op; a date before the last applied one, one after the final Encaissée, or one after
 *    today is reported — never applied blindly;
 * 3. the effect goes through status-targets.ts (dispute, hold, promise, payment); a dossier that
 *    cannot take it (a payment on a closed dossier, a dispute on a paid one) is reported;
 * 4. the `e-invoice-status` event is appended and the status added to the invoice's lifecycle.
 * A bad message never stops the others.
 */
export async function applyInvoiceStatuses(
  deps: StatusTargetDeps,
  input: {
    tenantId: string;
    messages: StatusMessage[];
    problems: StatusProblem[];
    receivedAt: string;
    source: EventSource;
  },
): Promise<StatusFeedReport> {
  const { tenantId, receivedAt, source } = input;
  const today = parisDate(receivedAt);
  const rejected = [...input.problems];
  let applied = 0;
  let alreadyApplied = 0;
  for (const message of input.messages) {
    const { row, invoiceNumber, status, date } = message;
    const reject = (field: string, reason: string) => rejected.push({ row, invoiceNumber, field, reason });
    const dossierId = await deps.repository.findInvoiceClaim(tenantId, invoiceNumber);
    const dossier = dossierId ? await deps.repository.getDossier(tenantId, dossierId) : undefined;
    const invoice = dossier?.invoices.find((inv) => inv.number === invoiceNumber);
    if (!dossierId || !invoice) {
      reject('invoice_number', 'not an invoice of this tenant');
      continue;
    }
    const lifecycle = invoice.lifecycle ?? [];
    const last = lifecycle.at(-1);
    if (lifecycle.some((s) => s.code === status.code && s.date === date)) {
      alreadyApplied++;
      continue;
    }
    if (date > today) {
      reject('date', `after the day it was received (${today})`);
      continue;
    }
    if (last && date < last.date) {
      reject('date', `out of order: the invoice already has status ${last.code} dated ${last.date}`);
      continue;
    }
    if (last?.code === 212) {
      reject('status', 'after Encaissée (212), the final status: not applied');
      continue;
    }
    // The same money may have come another way first (a bank statement, the payments route): a
    // status never pays beyond the invoice's balance, the creditor checks (reported).
    const balance = outstandingCents(invoice);
    const amountCents = message.amountCents ?? balance;
    if ((status.effect === 'payment' || status.effect === 'promise') && balance <= 0) {
      reject(
        'status',
        `${status.label} (${status.code}) on an invoice with nothing outstanding: not applied`,
      );
      continue;
    }
    if (status.effect === 'payment' && amountCents > balance) {
      reject(
        'amount',
        `more than the invoice's balance (${balance} cents): recorded another way already? not applied`,
      );
      continue;
    }
    try {
      await applyStatusEffect(deps, status.effect, {
        tenantId,
        dossierId,
        invoiceNumber,
        code: status.code,
        label: status.label,
        date,
        ...(message.reasonCode ? { reasonCode: message.reasonCode } : {}),
        amountCents,
        receivedAt,
        source,
      });
    } catch (error) {
      // The dossier's own refusal (409, 422): reported with its reason, which names no person.
      if (!(error instanceof RecouvrementError)) throw error;
      reject('status', `${status.label} (${status.code}) not applied: ${error.message}`);
      continue;
    }
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${date}#EINV#${invoiceNumber}#${status.code}`,
      type: 'e-invoice-status',
      at: receivedAt,
      day: date,
      actor: 'pipeline',
      source,
      invoiceNumbers: [invoiceNumber],
      note: `CDAR ${status.code} ${status.label}${message.reasonCode ? ` (${message.reasonCode})` : ''}: ${status.effect}`,
    });
    await changeDossier(deps.repository, { tenantId, dossierId }, (current) => {
      const target = current.invoices.find((inv) => inv.number === invoiceNumber);
      if (!target || target.lifecycle?.some((s) => s.code === status.code && s.date === date))
        return undefined;
      const lifecycleAfter = [...(target.lifecycle ?? []), { code: status.code, date }];
      return {
        ...current,
        invoices: current.invoices.map((inv) =>
          inv === target ? { ...inv, lifecycle: lifecycleAfter } : inv,
        ),
        updatedAt: receivedAt,
      };
    });
    applied++;
  }
  rejected.sort((a, b) => a.row - b.row);
  deps.logger.info('invoice statuses processed', {
    tenantId,
    rows: input.messages.length + input.problems.length,
    applied,
    alreadyApplied,
    rejected: rejected.length,
  });
  return { tenantId, rows: input.messages.length + input.problems.length, applied, alreadyApplied, rejected };
}
