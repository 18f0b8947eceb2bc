import { amount, escapeHtml, longDate, shortDate } from './format';
import type { MessageContext } from './message-context';

/**
 * Wording per template and language. Tone rises with the level: courteous → firm → formal.
 * The text is data-driven so that issue #4's template engine can replace it without touching callers.
 */
interface Wording {
  subject: string;
  opening: string;
  body: string;
  closing: string;
  sms?: string;
}

type Words = (ctx: MessageContext) => Wording;

const FR: Record<string, Words> = {
  courtesy: (c) => ({
    subject: `Rappel : échéance prochaine — ${c.creditorName}`,
    opening: `Bonjour ${c.debtorName},`,
    body: `Nous vous rappelons que les factures ci-dessous arrivent à échéance prochainement, pour un total de ${amount(c.totalCents, 'fr')}. Si le règlement est déjà en cours, merci de ne pas tenir compte de ce message.`,
    closing: `Bien cordialement,\n${c.creditorName}`,
  }),
  'reminder-1': (c) => ({
    subject: `Facture(s) impayée(s) — ${amount(c.totalCents, 'fr')}`,
    opening: `Bonjour ${c.debtorName},`,
    body: `Sauf erreur de notre part, les factures ci-dessous restent impayées à ce jour, pour un total de ${amount(c.totalCents, 'fr')}. Nous vous remercions de procéder à leur règlement dans les meilleurs délais.`,
    closing: `Bien cordialement,\n${c.creditorName}`,
  }),
  'reminder-2': (c) => ({
    subject: `Second rappel — ${amount(c.totalCents, 'fr')} restent dus`,
    opening: `Madame, Monsieur,`,
    body: `Malgré notre précédent rappel, les factures ci-dessous demeurent impayées (total ${amount(c.totalCents, 'fr')}). Nous vous demandons de régulariser votre situation sans délai ou de nous contacter pour convenir d'un échéancier.`,
    closing: `Cordialement,\n${c.creditorName}`,
    sms: `${c.creditorName} : ${amount(c.totalCents, 'fr')} restent impayes (ref ${c.reference}). Merci de regler ou de nous contacter. STOP SMS au 36111`,
  }),
  'formal-notice': (c) => ({
    subject: `Mise en demeure de payer — ${amount(c.totalCents, 'fr')}`,
    opening: `Madame, Monsieur,`,
    body: `Par la présente, nous vous mettons en demeure de nous régler la somme de ${amount(c.totalCents, 'fr')} au titre des factures détaillées ci-dessous, au plus tard le ${longDate(c.paymentDeadline ?? c.day, 'fr')}. À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure judiciaire de recouvrement (injonction de payer), dont les frais pourront être mis à votre charge.`,
    closing: `Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n${c.creditorName}`,
  }),
};

const EN: Record<string, Words> = {
  courtesy: (c) => ({
    subject: `Reminder: payment due soon — ${c.creditorName}`,
    opening: `Dear ${c.debtorName},`,
    body: `This is a friendly reminder that the invoices below fall due soon, for a total of ${amount(c.totalCents, 'en')}. If payment is already on its way, please disregard this message.`,
    closing: `Kind regards,\n${c.creditorName}`,
  }),
  'reminder-1': (c) => ({
    subject: `Unpaid invoice(s) — ${amount(c.totalCents, 'en')}`,
    opening: `Dear ${c.debtorName},`,
    body: `According to our records, the invoices below remain unpaid, for a total of ${amount(c.totalCents, 'en')}. Please settle them at your earliest convenience.`,
    closing: `Kind regards,\n${c.creditorName}`,
  }),
  'reminder-2': (c) => ({
    subject: `Second reminder — ${amount(c.totalCents, 'en')} outstanding`,
    opening: `Dear Sir or Madam,`,
    body: `Despite our previous reminder, the invoices below remain unpaid (total ${amount(c.totalCents, 'en')}). Please pay without delay or contact us to agree a payment plan.`,
    closing: `Regards,\n${c.creditorName}`,
    sms: `${c.creditorName}: ${amount(c.totalCents, 'en')} still unpaid (ref ${c.reference}). Please pay or contact us. Reply STOP to opt out`,
  }),
  'formal-notice': (c) => ({
    subject: `Formal notice to pay (mise en demeure) — ${amount(c.totalCents, 'en')}`,
    opening: `Dear Sir or Madam,`,
    body: `We hereby give you formal notice (mise en demeure) to pay ${amount(c.totalCents, 'en')} for the invoices listed below by ${longDate(c.paymentDeadline ?? c.day, 'en')}. Failing payment by that date, we will start court proceedings (injonction de payer) without further notice.`,
    closing: `Yours faithfully,\n${c.creditorName}`,
  }),
};

function wordingFor(template: string, ctx: MessageContext): Wording {
  const table = ctx.language === 'en' ? EN : FR;
  const words = table[template] ?? table['reminder-1']!;
  return words(ctx);
}

function invoiceLines(ctx: MessageContext): string[] {
  return ctx.invoices.map(
    (inv) =>
      `- ${inv.number} — ${ctx.language === 'fr' ? 'échéance' : 'due'} ${shortDate(inv.dueDate, ctx.language)} — ${amount(inv.outstandingCents, ctx.language)}`,
  );
}

export function renderEmail(
  template: string,
  ctx: MessageContext,
): { subject: string; text: string; html: string } {
  const w = wordingFor(template, ctx);
  const text = [
    w.opening,
    '',
    w.body,
    '',
    ...invoiceLines(ctx),
    '',
    `Réf. ${ctx.reference}`,
    '',
    w.closing,
  ].join('\n');
  const rows = ctx.invoices
    .map(
      (inv) =>
        `<tr><td>${escapeHtml(inv.number)}</td><td>${escapeHtml(shortDate(inv.dueDate, ctx.language))}</td><td style="text-align:right">${escapeHtml(amount(inv.outstandingCents, ctx.language))}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html lang="${ctx.language}"><body><p>${escapeHtml(w.opening)}</p><p>${escapeHtml(w.body)}</p><table>${rows}</table><p>Réf. ${escapeHtml(ctx.reference)}</p><p>${escapeHtml(w.closing).replace(/\n/g, '<br>')}</p></body></html>`;
  return { subject: w.subject, text, html };
}

export function renderSms(template: string, ctx: MessageContext): string {
  const w = wordingFor(template, ctx);
  // The wording avoids accents to stay in the GSM-7 alphabet (160 characters a segment); the
  // no-break spaces of French amounts are outside it and would switch the SMS to UCS-2 (70).
  return (w.sms ?? wordingFor('reminder-2', ctx).sms!).replace(/[\u00a0\u202f]/g, ' ');
}

export function renderLetterText(template: string, ctx: MessageContext): Wording {
  return wordingFor(template, ctx);
}
