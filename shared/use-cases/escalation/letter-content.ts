import type { Dossier } from '../../domain/dossier';
import { L111_8_TEXT } from '../../domain/legal/formal-notice-content';
import { amount, longDate, shortDate } from '../../domain/messages/format';
import type { ClaimFigures, MessageContext } from '../../domain/messages/message-context';
import { renderLetterText } from '../../domain/messages/templates';
import type { LetterContent, TenantProfile } from '../ports';

type Language = MessageContext['language'];

/**
 * Lays out a reminder or a formal notice as letter content. A formal notice needs no
 * statutory form (C.civ. 1344: "une sommation ou un acte portant interpellation suffisante");
 * the registered letter with acknowledgment is its proof, hence the mention. Its table itemises
 * what the legal engine computed; its paragraphs state the basis of each amount.
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
  const claim = formal ? ctx.claim : undefined;
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
    paragraphs: [
      words.opening,
      ...(tenant.mode === 'agency' ? [agencyParagraph(tenant, ctx.language)] : []),
      words.body,
      ...(claim ? legalBasis(claim, tenant, ctx.language) : []),
    ],
    table: claim ? claimTable(claim, ctx.language) : invoiceTable(ctx),
    closing: [
      ...(ctx.paymentDeadline && formal
        ? [
            fr
              ? `Date limite de paiement : ${longDate(ctx.paymentDeadline, 'fr')}`
              : `Payment deadline: ${longDate(ctx.paymentDeadline, 'en')}`,
          ]
        : []),
      ...(tenant.mode === 'agency' && formal ? [L111_8_TEXT] : []),
      ...words.closing.split('\n'),
    ],
  };
}

function invoiceTable(ctx: MessageContext): NonNullable<LetterContent['table']> {
  const fr = ctx.language === 'fr';
  return {
    headers: fr ? ['Facture', 'Échéance', 'Montant dû'] : ['Invoice', 'Due date', 'Amount due'],
    rows: ctx.invoices.map((inv) => [
      inv.number,
      shortDate(inv.dueDate, ctx.language),
      amount(inv.outstandingCents, ctx.language),
    ]),
    totals: ['Total', '', amount(ctx.totalCents, ctx.language)],
  };
}

/** One line per invoice: principal, penalties or interest, indemnity, total (CPCE R124-4 3° in agency mode). */
function claimTable(claim: ClaimFigures, language: Language): NonNullable<LetterContent['table']> {
  const fr = language === 'fr';
  const interest = claim.betweenProfessionals
    ? fr
      ? 'Pénalités'
      : 'Late penalties'
    : fr
      ? 'Intérêts'
      : 'Interest';
  const money = (cents: number) => amount(cents, language);
  return {
    headers: fr
      ? ['Facture', 'Échéance', 'Principal', interest, 'Indemnité', 'Total']
      : ['Invoice', 'Due date', 'Principal', interest, 'Indemnity', 'Total'],
    rows: claim.lines.map((line) => [
      line.number,
      shortDate(line.dueDate, language),
      money(line.principalDueCents),
      money(line.interestCents),
      money(line.indemnityCents),
      money(line.totalDueCents),
    ]),
    totals: [
      'Total',
      '',
      money(claim.principalDueCents),
      money(claim.interestCents),
      money(claim.indemnityCents),
      money(claim.totalDueCents),
    ],
  };
}

/** Why each amount is owed, with its article: the notice states its basis (legal-fr.md §2–3). */
function legalBasis(claim: ClaimFigures, tenant: TenantProfile, language: Language): string[] {
  const fr = language === 'fr';
  // The agency collects under its mandate: payment goes to whoever writes.
  const payTo = tenant.name;
  const paragraphs = [
    claim.betweenProfessionals
      ? fr
        ? "Ces sommes comprennent, en application de l'article L441-10 du Code de commerce, les pénalités de retard au taux de refinancement de la Banque centrale européenne majoré de 10 points, et l'indemnité forfaitaire pour frais de recouvrement de 40 € par facture payée en retard (article D441-5 du Code de commerce)."
        : 'These amounts include, under article L441-10 of the French Commercial Code, late-payment penalties at the European Central Bank refinancing rate plus 10 points, and the fixed recovery indemnity of 40 EUR per late invoice (article D441-5).'
      : fr
        ? 'Les sommes restant dues porteront intérêts au taux légal à compter de la présente mise en demeure (articles 1231-6 et 1344-1 du Code civil).'
        : 'The amounts still due bear legal-rate interest from this formal notice (articles 1231-6 and 1344-1 of the French Civil Code).',
    fr
      ? `Créancier : ${creditorOf(tenant)}. Règlement par virement bancaire ou par chèque à l'ordre de ${payTo}, en rappelant la référence ci-dessus.`
      : `Creditor: ${creditorOf(tenant)}. Pay by bank transfer or by cheque to ${payTo}, quoting the reference above.`,
  ];
  return paragraphs;
}

function creditorOf(tenant: TenantProfile): string {
  const party = tenant.mode === 'agency' && tenant.principal ? tenant.principal : tenant;
  const a = party.address;
  return `${party.name}, ${a.line1}, ${a.postalCode} ${a.city}`;
}

/** CPCE R124-4 1°–2°: who writes, that the collection is amicable, and for whom. */
function agencyParagraph(tenant: TenantProfile, language: Language): string {
  const principal = tenant.principal;
  const a = tenant.address;
  return language === 'fr'
    ? `${tenant.name}, ${a.line1}, ${a.postalCode} ${a.city}, société de recouvrement amiable, agit pour le compte de ${principal?.name ?? 'son mandant'}.`
    : `${tenant.name}, ${a.line1}, ${a.postalCode} ${a.city}, an amicable debt collection agency, writes on behalf of ${principal?.name ?? 'its principal'}.`;
}
