import type { Dossier } from '../../domain/dossier';
import { amount, longDate, shortDate } from '../../domain/messages/format';
import type { MessageContext } from '../../domain/messages/message-context';
import { renderLetterText } from '../../domain/messages/templates';
import type { LetterContent, TenantProfile } from '../ports';

/**
 * Lays out a reminder or a formal notice as letter content. A formal notice needs no
 * statutory form (C.civ. 1344: "une sommation ou un acte portant interpellation suffisante");
 * the registered letter with acknowledgment is its proof, hence the mention.
 */
export function letterContent(
  template: string,
  ctx: MessageContext,
  dossier: Dossier,
  tenant: TenantProfile,
): LetterContent {
  const words = renderLetterText(template, ctx);
  const fr = ctx.language === 'fr';
  const formal = template === 'formal-notice';
  return {
    language: ctx.language,
    sender: {
      name: tenant.name,
      address: tenant.address,
      lines: [tenant.email, ...(tenant.siren ? [`SIREN ${tenant.siren}`] : [])],
    },
    recipient: { name: dossier.debtor.name, address: dossier.debtor.address },
    place: tenant.address.city,
    date: ctx.day,
    reference: `${fr ? 'Réf.' : 'Ref.'} ${ctx.reference}`,
    title: formal ? (fr ? 'MISE EN DEMEURE' : 'FORMAL NOTICE (MISE EN DEMEURE)') : words.subject,
    ...(formal
      ? {
          mention: fr
            ? 'Lettre recommandée avec accusé de réception'
            : 'Registered letter with acknowledgment of receipt',
        }
      : {}),
    paragraphs: [words.opening, words.body],
    table: {
      headers: fr ? ['Facture', 'Échéance', 'Montant dû'] : ['Invoice', 'Due date', 'Amount due'],
      rows: ctx.invoices.map((inv) => [
        inv.number,
        shortDate(inv.dueDate, ctx.language),
        amount(inv.outstandingCents, ctx.language),
      ]),
      totals: [fr ? 'Total' : 'Total', '', amount(ctx.totalCents, ctx.language)],
    },
    closing: [
      ...(ctx.paymentDeadline && formal
        ? [
            fr
              ? `Date limite de paiement : ${longDate(ctx.paymentDeadline, 'fr')}`
              : `Payment deadline: ${longDate(ctx.paymentDeadline, 'en')}`,
          ]
        : []),
      ...words.closing.split('\n'),
    ],
  };
}
