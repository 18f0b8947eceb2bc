import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { L111_8_TEXT } from '../../domain/legal/formal-notice-content';
import { amount, longDate, shortDate } from '../../domain/messages/format';
import type { ClaimFigures, MessageContext } from '../../domain/messages/message-context';
import { renderLetterPart, renderLetterText } from '../../domain/messages/templates';
import { sumCents } from '../../domain/money';
import type { LetterContent, TenantProfile } from '../ports';
import { disputedNotice, itemisedLines, othersLabel, summaryNotice } from './letter-table';

type Language = MessageContext['language'];

/** The first letter of a dossier, which later letters recall in agency mode (CPCE R124-4). */
export interface FirstLetter {
  reference: string;
  day: LocalDate;
}

/** Each letter's own reference: the dossier and the day it leaves (one letter a day at most). */
export function letterReference(dossierId: string, day: LocalDate): string {
  return `${dossierId}-${day.replaceAll('-', '')}`;
}

/**
 * The heading of every letter to the debtor: the creditor (its e-mail, its SIREN when known) to
 * the debtor at their postal address, from the creditor's city, on the day, under the letter's
 * own reference.
 */
export function letterHeading(
  tenant: TenantProfile,
  dossier: Dossier,
  language: Language,
  day: LocalDate,
  reference: string,
): Pick<LetterContent, 'language' | 'sender' | 'recipient' | 'place' | 'date' | 'reference'> {
  return {
    language,
    sender: {
      name: tenant.name,
      address: tenant.address,
      lines: [tenant.email, ...(tenant.siren ? [`SIREN ${tenant.siren}`] : [])],
    },
    recipient: { name: dossier.debtor.name, address: dossier.debtor.address },
    place: tenant.address.city,
    date: day,
    reference: `${language === 'fr' ? 'Réf.' : 'Ref.'} ${reference}`,
  };
}

/**
 * Lays out a reminder or a formal notice as letter content. A formal notice needs no
 * statutory form (C.civ. 1344: "une sommation ou un acte portant interpellation suffisante");
 * the registered letter with acknowledgment is its proof, hence the mention. Its table itemises
 * what the legal engine computed; its paragraphs state the basis of each amount. Its payment
 * deadline runs from receipt: the date of receipt is unknown when the letter is posted, so the
 * letter gives the number of days, and the pipeline counts them from the delivery receipt.
 * In agency mode every letter carries the CPCE R124-4 mentions (identity, creditor, itemised
 * amount, payment methods, L111-8), and a later one recalls the first letter's reference and date.
 */
export function letterContent(
  template: string,
  ctx: MessageContext,
  dossier: Dossier,
  tenant: TenantProfile,
  firstLetter?: FirstLetter,
): LetterContent {
  const words = renderLetterText(template, ctx);
  const fr = ctx.language === 'fr';
  const formal = template === 'formal-notice';
  const agency = tenant.mode === 'agency';
  const claim = ctx.claim;
  const reference = letterReference(ctx.reference, ctx.day);
  const later = agency && firstLetter && firstLetter.reference !== reference;
  return {
    ...letterHeading(tenant, dossier, ctx.language, ctx.day, reference),
    title: words.subject,
    ...(formal
      ? {
          mention: fr
            ? 'Lettre recommandée avec accusé de réception'
            : 'Registered letter with acknowledgment of receipt',
        }
      : {}),
    paragraphs: [
      words.opening,
      ...(agency ? [agencyParagraph(tenant, ctx)] : []),
      ...(later
        ? [
            renderLetterPart('firstLetter', ctx, {
              firstLetter: {
                reference: firstLetter.reference,
                date: longDate(firstLetter.day, ctx.language),
              },
            }),
          ]
        : []),
      words.body,
      ...(claim && formal ? legalBasis(claim, tenant, ctx.language) : []),
      // A rate not published yet: the table's interest stops that day, the rest is reserved.
      ...(claim?.interestComputedThrough
        ? [
            renderLetterPart('interestStopped', ctx, {
              interestThrough: shortDate(claim.interestComputedThrough, ctx.language),
            }),
          ]
        : []),
      ...(agency && !formal ? [renderLetterPart('paymentMethods', ctx, { payTo: tenant.name })] : []),
      ...summaryNotice(claim ? claim.lines.length : ctx.invoices.length, ctx.language),
      ...disputedNotice(ctx.disputedInvoices, ctx.language),
    ],
    table: claim ? claimTable(claim, ctx.language) : invoiceTable(ctx),
    closing: [
      ...(formal && ctx.paymentDeadlineDays !== undefined ? [renderLetterPart('deadline', ctx)] : []),
      ...(agency ? [L111_8_TEXT] : []),
      ...words.closing.split('\n'),
    ],
  };
}

function invoiceTable(ctx: MessageContext): NonNullable<LetterContent['table']> {
  const fr = ctx.language === 'fr';
  return {
    headers: fr ? ['Facture', 'Échéance', 'Montant dû'] : ['Invoice', 'Due date', 'Amount due'],
    rows: itemisedLines(
      ctx.invoices,
      (inv) => [inv.number, shortDate(inv.dueDate, ctx.language), amount(inv.outstandingCents, ctx.language)],
      (others) => [
        othersLabel(others.length, ctx.language),
        '',
        amount(sumCents(others.map((inv) => inv.outstandingCents)), ctx.language),
      ],
    ),
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
    rows: itemisedLines(
      claim.lines,
      (line) => [
        line.number,
        shortDate(line.dueDate, language),
        money(line.principalDueCents),
        money(line.interestCents),
        money(line.indemnityCents),
        money(line.totalDueCents),
      ],
      (others) => [
        othersLabel(others.length, language),
        '',
        ...(['principalDueCents', 'interestCents', 'indemnityCents', 'totalDueCents'] as const).map((field) =>
          money(sumCents(others.map((line) => line[field]))),
        ),
      ],
    ),
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

/** Why each amount is owed, with its article: the notice states its basis (docs/legal.md §2, §5). */
function legalBasis(claim: ClaimFigures, tenant: TenantProfile, language: Language): string[] {
  const fr = language === 'fr';
  // The agency collects under its mandate: payment goes to whoever writes.
  const payTo = tenant.name;
  const indemnity = amount(claim.indemnityPerInvoiceCents, language);
  const paragraphs = [
    claim.betweenProfessionals
      ? fr
        ? `Ces sommes comprennent, en application de l'article L441-10 du Code de commerce, les pénalités de retard au taux de refinancement de la Banque centrale européenne majoré de 10 points, et l'indemnité forfaitaire pour frais de recouvrement de ${indemnity} par facture payée en retard (article D441-5 du Code de commerce).`
        : `These amounts include, under article L441-10 of the French Commercial Code, late-payment penalties at the European Central Bank refinancing rate plus 10 points, and the fixed recovery indemnity of ${indemnity} per late invoice (article D441-5).`
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

/** CPCE R124-4 1°–2°: who writes (name, address), that the collection is amicable, and for whom. */
function agencyParagraph(tenant: TenantProfile, ctx: MessageContext): string {
  const oneLine = (a: TenantProfile['address']) => `${a.line1}, ${a.postalCode} ${a.city}`;
  const principal = tenant.principal;
  return renderLetterPart('agencyIdentity', ctx, {
    agency: { name: tenant.name, address: oneLine(tenant.address) },
    principal: principal
      ? { name: principal.name, address: oneLine(principal.address) }
      : { name: ctx.language === 'fr' ? 'son mandant' : 'its principal', address: '' },
  });
}
