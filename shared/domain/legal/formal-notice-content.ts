import type { LocalDate } from '../calendar';
import type { DebtorType } from '../parties';

/**
 * What a mise en demeure must state, as data, and a checker the letter generator runs before
 * sending, so no mention can be left out silently (docs/legal.md §5, §9).
 *
 * No statute lists the contents of a creditor's own formal notice: C.civ. 1344 only asks for a
 * "sommation ou acte portant interpellation suffisante". The list below is what courts expect
 * in practice (confidence M). When the pipeline collects for someone else (agency mode), the
 * first letter must also state what CPCE R124-4 requires (confidence H).
 */

export interface Mention {
  id: string;
  label: string;
  article: string;
  /** How to recognise the mention in a French or English letter text. */
  pattern: RegExp;
}

export const L111_8_TEXT =
  "Sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi, les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire. Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi.";

const PRACTICE = 'C.civ. 1344 (interpellation suffisante); practice, docs/legal.md §5';

export const FORMAL_NOTICE_MENTIONS: readonly Mention[] = [
  { id: 'title', label: 'the words "mise en demeure"', article: 'C.civ. 1344', pattern: /mise en demeure/i },
  {
    id: 'date',
    label: 'the date of the letter',
    article: PRACTICE,
    pattern: /\b\d{1,2}(er)?\s+\p{L}+\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{2}\/\d{2}\/\d{4}\b/u,
  },
  { id: 'creditor', label: 'the creditor (name)', article: PRACTICE, pattern: /cr[ée]ancier|creditor/i },
  {
    id: 'debtor',
    label: 'the debtor (name)',
    article: PRACTICE,
    pattern: /d[ée]biteur|debtor|madame|monsieur|dear/i,
  },
  {
    id: 'invoices',
    label: 'the invoices concerned (numbers, dates)',
    article: PRACTICE,
    pattern: /facture|invoice/i,
  },
  {
    id: 'principal',
    label: 'the principal amount due',
    article: PRACTICE,
    pattern: /principal|montant|amount/i,
  },
  {
    id: 'legal-basis',
    label: 'the basis of the claim (contract, invoices, articles)',
    article: PRACTICE,
    pattern: /article|contrat|contract|conditions g[ée]n[ée]rales|C\.\s?com|C\.\s?civ|Code/i,
  },
  {
    id: 'payment-deadline',
    label: 'a deadline to pay (commonly 8 or 15 days)',
    article: PRACTICE,
    pattern: /d[ée]lai|au plus tard|date limite|deadline|by \d|within \d+ days/i,
  },
  {
    id: 'consequence',
    label: 'the consequence of non-payment (court action)',
    article: PRACTICE,
    pattern: /injonction de payer|proc[ée]dure|justice|tribunal|court|proceedings/i,
  },
];

/** Between professionals, the penalties and the 40 EUR indemnity are due and belong on the notice. */
export const B2B_MENTIONS: readonly Mention[] = [
  {
    id: 'late-penalties',
    label: 'the late-payment penalties and their rate',
    article: 'C.com. L441-10 II',
    pattern: /p[ée]nalit[ée]s de retard|late[- ]payment (penalt|interest)/i,
  },
  {
    id: 'recovery-indemnity',
    label: 'the 40 EUR fixed recovery indemnity per invoice',
    article: 'C.com. L441-10 II, D441-5',
    pattern: /indemnit[ée] forfaitaire|recovery (indemnity|fee|costs?)|40[,.]?0?0?\s?(€|EUR|euros)/i,
  },
];

/** Other debtors owe legal-rate interest from the notice: saying so makes it run visibly. */
export const LEGAL_INTEREST_MENTIONS: readonly Mention[] = [
  {
    id: 'legal-interest',
    label: 'that legal-rate interest runs from this notice',
    article: 'C.civ. 1231-6, 1344-1',
    pattern: /int[ée]r[êe]ts? au taux l[ée]gal|legal[- ]rate interest|legal interest/i,
  },
];

/** CPCE R124-4: the first letter of a collection agency. */
export const AGENCY_MENTIONS: readonly Mention[] = [
  {
    id: 'agency-identity',
    label: "the agency's name and address and that it collects amicably",
    article: 'CPCE R124-4 1°',
    pattern: /recouvrement amiable|amicable (debt )?collection/i,
  },
  {
    id: 'creditor-address',
    label: "the creditor's name and address",
    article: 'CPCE R124-4 2°',
    pattern: /pour le compte de|on behalf of/i,
  },
  {
    id: 'itemised-amount',
    label: 'the basis and itemised amount: principal, interest, accessories',
    article: 'CPCE R124-4 3°',
    pattern: /int[ée]r[êe]ts|interest|p[ée]nalit[ée]s|penalt/i,
  },
  {
    id: 'payment-methods',
    label: 'the demand to pay and the payment methods',
    article: 'CPCE R124-4 4°',
    pattern: /virement|ch[èe]que|IBAN|carte bancaire|bank transfer|payment methods?|pay by/i,
  },
  {
    id: 'l111-8',
    label: 'the text of CPCE L111-8 al. 2–3 (collection costs stay with the creditor)',
    article: 'CPCE R124-4 5°',
    pattern:
      /frais de recouvrement entrepris sans titre ex[ée]cutoire restent [àa] la charge du cr[ée]ancier/i,
  },
];

export interface NoticeContext {
  debtorType: DebtorType;
  /** L441-10 regime: creditor and debtor both professionals. */
  betweenProfessionals: boolean;
  /** The pipeline writes as a collection agency under mandate (CPCE R124-4). */
  agency: boolean;
}

export function requiredMentions(context: NoticeContext): Mention[] {
  return [
    ...FORMAL_NOTICE_MENTIONS,
    ...(context.betweenProfessionals ? B2B_MENTIONS : LEGAL_INTEREST_MENTIONS),
    ...(context.agency ? AGENCY_MENTIONS : []),
  ];
}

/** Structured content of a notice, for generators that build the letter from fields. */
export interface FormalNoticeContent {
  title?: string;
  date?: LocalDate;
  creditor?: { name: string; address?: string };
  debtor?: { name: string; address?: string };
  invoices?: { number: string; principalCents: number; interestCents?: number; indemnityCents?: number }[];
  legalBasis?: string[];
  paymentDeadline?: LocalDate;
  consequence?: string;
  agency?: { name: string; address: string; statesAmicableCollection: boolean };
  paymentMethods?: string[];
  l111_8Text?: string;
}

const STRUCTURED: Record<string, (c: FormalNoticeContent) => boolean> = {
  title: (c) => /mise en demeure/i.test(c.title ?? ''),
  date: (c) => Boolean(c.date),
  creditor: (c) => Boolean(c.creditor?.name),
  debtor: (c) => Boolean(c.debtor?.name),
  invoices: (c) => (c.invoices?.length ?? 0) > 0,
  principal: (c) => (c.invoices ?? []).some((i) => i.principalCents > 0),
  'legal-basis': (c) => (c.legalBasis?.length ?? 0) > 0,
  'payment-deadline': (c) => Boolean(c.paymentDeadline),
  consequence: (c) => Boolean(c.consequence),
  'late-penalties': (c) => (c.invoices ?? []).every((i) => i.interestCents !== undefined),
  'recovery-indemnity': (c) => (c.invoices ?? []).every((i) => i.indemnityCents !== undefined),
  'legal-interest': (c) => (c.invoices ?? []).every((i) => i.interestCents !== undefined),
  'agency-identity': (c) => Boolean(c.agency?.name && c.agency.address && c.agency.statesAmicableCollection),
  'creditor-address': (c) => Boolean(c.creditor?.name && c.creditor.address),
  'itemised-amount': (c) => (c.invoices ?? []).every((i) => i.interestCents !== undefined),
  'payment-methods': (c) => (c.paymentMethods?.length ?? 0) > 0,
  'l111-8': (c) => (c.l111_8Text ?? '').includes('restent à la charge du créancier'),
};

/**
 * The mentions a notice lacks: from its full text (pattern match, a safety net) or from its
 * structured content (exact). An empty list means nothing required is missing.
 */
export function missingMentions(content: string | FormalNoticeContent, context: NoticeContext): Mention[] {
  return requiredMentions(context).filter((mention) =>
    typeof content === 'string'
      ? !mention.pattern.test(content)
      : !(STRUCTURED[mention.id]?.(content) ?? false),
  );
}

/**
 * What must NOT be on the notice: collection costs charged to a consumer (CPCE L111-8; an offence
 * under loi 2014-344 art. 12 in agency mode) or the 40 EUR indemnity to a non-professional.
 */
export function forbiddenCharges(content: FormalNoticeContent, context: NoticeContext): string[] {
  if (context.betweenProfessionals) return [];
  return (content.invoices ?? [])
    .filter((i) => (i.indemnityCents ?? 0) > 0)
    .map(
      (i) =>
        `invoice ${i.number}: a recovery indemnity may only be claimed from a professional (C.com. L441-10 II; CPCE L111-8)`,
    );
}
