import type { LocalDate } from '../../../shared/domain/calendar';
import { pursuableInvoices } from '../../../shared/domain/dossier';
import type { StatementReport } from '../../../shared/use-cases/bank-statements/statement-report';
import type { EmbeddedStack } from '../embedded-stack';
import { type BankMovement, camt053Statement } from './camt053-writer';
import type { DebtorReaction } from './debtor-behaviour';

/** The demo creditor's account (a fictitious IBAN of the valid French form). */
const CREDITOR_IBAN = 'FR7630006000011234567890189';

/**
 * One debtor of the demo pays by bank transfer: its payment is not an API call but a credit in
 * the evening's camt.053 statement, dropped in the intake bucket (`<tenant>/statements/`), which
 * matches it to the dossier by the invoice numbers in the remittance information and records it
 * through the payment use case. The statement also carries the account's fees (a debit, ignored).
 */
export class BankTransferDesk {
  private payer: string | undefined;
  private pending: Extract<DebtorReaction, { kind: 'payment' }>[] = [];
  /** Reports of the statements dropped, by day (the summary shows what was matched). */
  readonly reports: { day: LocalDate; key: string; report: StatementReport }[] = [];

  constructor(
    private readonly stack: EmbeddedStack,
    private readonly tenantId: string,
  ) {}

  /** The first debtor who pays in the run pays by transfer, then always: true when this reaction is held for the statement. */
  takes(reaction: DebtorReaction): boolean {
    if (reaction.kind !== 'payment') return false;
    this.payer ??= reaction.dossierId;
    if (reaction.dossierId !== this.payer) return false;
    this.pending.push(reaction);
    return true;
  }

  /** The day's statement, when a transfer arrived: written, dropped, imported. Returns the payments recorded. */
  async dropStatement(day: LocalDate, at: string): Promise<number> {
    if (this.pending.length === 0) return 0;
    const movements: BankMovement[] = [];
    for (const [index, transfer] of this.pending.entries()) {
      const dossier = await this.stack.repository.getDossier(this.tenantId, transfer.dossierId);
      if (!dossier) continue;
      const invoices = pursuableInvoices(dossier).map((inv) => inv.number);
      movements.push({
        ref: `${day.replaceAll('-', '')}-${index + 1}`,
        amountCents: transfer.amountCents,
        direction: 'credit',
        // What a debtor types in the transfer's reference field.
        remittance: `REGLEMENT FACTURES ${invoices.join(' ')}`.slice(0, 140),
        payerName: dossier.debtor.name.toUpperCase(),
      });
    }
    movements.push({
      ref: `${day.replaceAll('-', '')}-FEES`,
      amountCents: 1_250,
      direction: 'debit',
      remittance: 'FRAIS TENUE DE COMPTE',
    });
    this.pending = [];
    const key = `${this.tenantId}/statements/camt053-${day}.xml`;
    const xml = camt053Statement({ iban: CREDITOR_IBAN, day, createdAt: at, movements });
    const outcomes = await this.stack.putIntakeObject(key, xml, at);
    const outcome = outcomes.find((o) => o.kind === 'bank-statement');
    if (outcome?.kind !== 'bank-statement') return 0;
    this.reports.push({ day, key: outcome.reportKey, report: outcome.report });
    return outcome.report.recorded;
  }
}
