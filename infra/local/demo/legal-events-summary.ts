import type { LocalDate } from '../../../shared/domain/calendar';
import type { Dossier } from '../../../shared/domain/dossier';
import { invoicePrescription } from '../../../shared/domain/legal/dossier-claim';
import { formatEuros } from '../../../shared/domain/money';
import type { TimelineEvent } from '../../../shared/domain/timeline';

/**
 * The summary's lines for issue 13's bank statements and acknowledgments, read from the dossiers
 * and their timelines: payments recorded from a statement (their id `bank-…`), and each
 * acknowledgment of debt with the dossier's prescription date without it and with it (the
 * engine's, C.civ. 2240). Ids, dates and amounts only: the payer's name stays in the report.
 */
export type LegalEventEntry =
  | { kind: 'bank-transfer'; dossierId: string; date: LocalDate; amountCents: number }
  | { kind: 'acknowledgment'; dossierId: string; date: LocalDate; before?: LocalDate; after?: LocalDate };

export function legalEventEntries(dossier: Dossier, timeline: readonly TimelineEvent[]): LegalEventEntry[] {
  const entries: LegalEventEntry[] = (dossier.payments ?? [])
    .filter((payment) => payment.paymentId.startsWith('bank-'))
    .map((payment) => ({
      kind: 'bank-transfer',
      dossierId: dossier.dossierId,
      date: payment.date,
      amountCents: payment.amountCents,
    }));
  for (const ack of timeline.filter((e) => e.type === 'debt-acknowledged')) {
    const deadline = (events: readonly TimelineEvent[]) =>
      // Every invoice it concerns, paid since or not: the summary shows what the acknowledgment did that day.
      dossier.invoices
        .filter((inv) => !ack.invoiceNumbers?.length || ack.invoiceNumbers.includes(inv.number))
        .map((inv) => invoicePrescription(inv, dossier.debtor.type, events, ack.day).deadline)
        .sort()[0];
    const before = deadline(timeline.filter((e) => e !== ack));
    const after = deadline(timeline);
    entries.push({
      kind: 'acknowledgment',
      dossierId: dossier.dossierId,
      date: ack.day,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    });
  }
  return entries;
}

export function formatLegalEvents(entries: readonly LegalEventEntry[]): string[] {
  const eur = (cents: number) => formatEuros(cents).replace(/[\u202f\u00a0]/g, ' ');
  return entries.map((entry, i) => {
    const label =
      i === 0 || entries[i - 1]!.kind !== entry.kind
        ? entry.kind === 'bank-transfer'
          ? 'Bank      '
          : 'Ack.      '
        : '          ';
    return entry.kind === 'bank-transfer'
      ? `${label} ${entry.dossierId} paid ${eur(entry.amountCents)} by transfer on ${entry.date}, found in the camt.053 statement dropped in intake`
      : `${label} ${entry.dossierId} acknowledged the debt on ${entry.date}: prescription ${entry.before ?? '-'} -> ${entry.after ?? '-'} (C.civ. 2240)`;
  });
}
