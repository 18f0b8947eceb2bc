import type { LocalDate } from '../../domain/calendar';
import { pursuedDossier } from '../../domain/disputes';
import type { Dossier } from '../../domain/dossier';
import { ValidationError } from '../../domain/errors';
import { dossierClaimStatement } from '../../domain/legal/dossier-claim';
import { missingMentions } from '../../domain/legal/formal-notice-content';
import { isB2B } from '../../domain/legal/interest';
import { type RateTable, recoveryIndemnityCents } from '../../domain/legal/rates';
import type { ClaimFigures } from '../../domain/messages/message-context';
import type { TimelineEvent } from '../../domain/timeline';
import type { LetterContent, TenantProfile } from '../ports';

/**
 * What the formal notice claims, from the legal engine: principal still due, late-payment
 * penalties or legal interest, and the 40 EUR indemnity per late invoice for professional
 * debtors (C.com. L441-10 II, D441-5; C.civ. 1231-6, 1343-1). Time-barred invoices are left out.
 * `rates` is the effective table (packaged + overrides, RateSource). A half-year whose rate is
 * not published yet never stops the notice: interest is computed to the day before it, and the
 * figures carry that day so the letter says "intérêts arrêtés au …, sauf à parfaire"; principal
 * and indemnity are claimed in full (docs/legal.md §2, "Rates").
 */
export function formalNoticeFigures(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  rates: RateTable,
): ClaimFigures {
  // Disputed invoices are not claimed while the dispute runs (disputes.ts).
  const statement = dossierClaimStatement(pursuedDossier(dossier), timeline, day, { rates });
  const claimed = statement.invoices.filter((invoice) => !invoice.prescribed && invoice.totalDueCents > 0);
  const dueDates = new Map(dossier.invoices.map((invoice) => [invoice.number, invoice.dueDate]));
  return {
    lines: claimed.map((invoice) => ({
      number: invoice.number,
      dueDate: dueDates.get(invoice.number) ?? day,
      principalDueCents: invoice.principalDueCents,
      interestCents: invoice.interestCents,
      indemnityCents: invoice.indemnityCents,
      totalDueCents: invoice.totalDueCents,
    })),
    ...statement.totals,
    betweenProfessionals: isB2B({
      creditorType: dossier.creditorType,
      debtorType: dossier.debtor.type,
      nature: statement.nature,
    }),
    indemnityPerInvoiceCents: recoveryIndemnityCents(day, rates),
    ...(statement.interestComputedThrough < day
      ? {
          interestComputedThrough: statement.interestComputedThrough,
          missingRatePeriods: statement.missingRatePeriods,
        }
      : {}),
  };
}

/** All the words of a letter, in reading order: what a court (and the mention check) reads. */
export function letterText(content: LetterContent): string {
  return [
    content.sender.name,
    content.title,
    content.mention ?? '',
    `${content.place}, ${content.date}`,
    ...content.paragraphs,
    ...(content.table
      ? [content.table.headers.join(' '), ...content.table.rows.map((row) => row.join(' '))]
      : []),
    ...content.closing,
  ].join('\n');
}

/**
 * The guard that a formal notice cannot leave without one of the mentions the law or practice
 * requires (docs/legal.md §5; CPCE R124-4 in agency mode): a template edit that drops one fails
 * the step instead of sending a notice a court could discard.
 */
export function assertFormalNoticeComplete(
  content: LetterContent,
  dossier: Dossier,
  tenant: TenantProfile,
  claim: ClaimFigures,
) {
  const missing = missingMentions(letterText(content), {
    debtorType: dossier.debtor.type,
    betweenProfessionals: claim.betweenProfessionals,
    agency: tenant.mode === 'agency',
  });
  if (missing.length > 0) {
    throw new ValidationError(
      'formal-notice',
      `missing mentions: ${missing.map((mention) => `${mention.label} (${mention.article})`).join('; ')}`,
    );
  }
}
