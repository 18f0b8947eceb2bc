import { isLocalDate, type LocalDate } from '../calendar';
import type { ClaimStatement } from '../legal/claim-statement';
import type { Court, Reason } from '../legal/procedure';
import { sumCents } from '../money';
import type { PostalAddress } from '../parties';
import { BASIS_FR } from './templates/court-fr';

/**
 * What a request for an injonction de payer must carry, as data, and the check the court-file
 * builder runs before it stores one (docs/legal.md §10, "The court file"). Pure.
 *
 * CPC 1407: besides the mentions of CPC 54 and 57 (the court; for a legal person its form,
 * name and registered office; the debtor's name and domicile or office; the list of exhibits;
 * the date), the request states "le montant de la somme réclamée avec le décompte des différents
 * éléments de la créance ainsi que le fondement de celle-ci", with the supporting documents.
 * The rubrics follow the official request form, cerfa n° 12948 (tribunal judiciaire; the
 * commercial courts' registries ask the same rubrics) — confidence M on the form's edition.
 */

export const REQUEST_FORM = {
  reference: 'cerfa n° 12948 (requête en injonction de payer)',
  articles: 'CPC 54, 57, 1405–1407',
  confidence: 'M',
} as const;

/** A party as a court document names it. Personal data: in the documents only, never in logs. */
export interface CourtParty {
  name: string;
  /** company: a legal person or a registered professional (SIREN); individual: a natural person. */
  kind: 'company' | 'individual';
  /** 9 digits: the SIRENE identifier (C.com. R123-237 asks for it on a company's documents). */
  siren?: string;
  address: PostalAddress;
  /** For an electronic invitation (small claims, CPCE R125-2); never printed on the injonction request. */
  email?: string;
  /** Agency mode: who acts for the creditor under its mandate. */
  representedBy?: { name: string; address: PostalAddress; siren?: string };
}

/** One run of interest or penalties on one invoice: its basis, rate and period (CPC 1407 "décompte"). */
export interface InterestPeriod {
  from: LocalDate;
  to: LocalDate;
  days: number;
  ratePercent: number;
  cents: number;
  basis: string;
  article: string;
}

export interface ClaimLine {
  invoice: string;
  issueDate: LocalDate;
  dueDate: LocalDate;
  /** The invoice's amount, what was paid on it, and the principal still due. */
  amountCents: number;
  paidCents: number;
  principalDueCents: number;
  /** Interest or penalties still due (accrued minus what payments took, C.civ. 1343-1). */
  interestCents: number;
  interest: InterestPeriod[];
  indemnityCents: number;
  totalDueCents: number;
}

export interface ItemisedClaim {
  currency: 'EUR';
  /** late-penalties between professionals (C.com. L441-10), legal interest otherwise (C.civ. 1231-6). */
  interestKind: 'late-penalties' | 'legal-interest';
  lines: ClaimLine[];
  totals: { principalDueCents: number; interestCents: number; indemnityCents: number; totalDueCents: number };
  /** Interest stops here: the day of the request, or the last day a rate is published ("sauf à parfaire"). */
  computedThrough: LocalDate;
  saufAParfaire: boolean;
  /** Per invoice, professional debtors only; absent when no indemnity is claimed. */
  indemnity?: { perInvoiceCents: number; article: string };
}

/** A document the request relies on (bordereau de pièces), with the file carrying it in the bundle. */
export interface Exhibit {
  number: number;
  title: string;
  /** Name inside the bundle. */
  file?: string;
  sha256?: string;
}

export interface CourtDesignation {
  kind: Court;
  country: string;
  postalCode: string | null;
  city: string | null;
  article: string;
}

/** The formal notice, as the timeline proves it (C.civ. 1344; courts expect one, docs/legal.md §10). */
export interface NoticeProof {
  sentOn: LocalDate;
  trackingRef?: string;
  postedOn?: LocalDate;
  deliveredOn?: LocalDate;
  /** Returned (pli avisé et non réclamé…): the day of first presentation. */
  returnedOn?: LocalDate;
  returnReason?: string;
}

/**
 * What every document of the court file states (the request, the small-claims invitation, the
 * European order's form A): when, where and under which reference, the parties, the itemised
 * claim, its basis, the exhibits.
 */
export interface CourtDocumentCore {
  /** Day the document is drawn up, and where (the creditor's seat). */
  date: LocalDate;
  place: string;
  reference: string;
  creditor: CourtParty;
  debtor: CourtParty;
  claim: ItemisedClaim;
  /** Why each sum is owed, with its article (CPC 1407 "fondement"). */
  legalBasis: Reason[];
  exhibits: Exhibit[];
}

export interface InjonctionRequest extends CourtDocumentCore {
  form: typeof REQUEST_FORM;
  court: CourtDesignation;
  formalNotice?: NoticeProof;
}

/** A required mention: how to see it in the content, and which words the rendered text must show. */
export interface RequestMention<T> {
  id: string;
  label: string;
  article: string;
  present(content: T): boolean;
  /** Literal strings the rendered document must contain (a template edit that drops one is caught). */
  words?(content: T): string[];
}

const SIREN = /^\d{9}$/;

export function addressComplete(address: PostalAddress | undefined): boolean {
  if (!address) return false;
  return Boolean(
    address.line1.trim() &&
      address.postalCode.trim() &&
      address.city.trim() &&
      /^[A-Z]{2}$/.test(address.country),
  );
}

function partyIdentified(party: CourtParty): boolean {
  return party.name.trim().length > 0 && addressComplete(party.address);
}

/** The company's SIREN, when it is a company: required for the creditor, checked when given for the debtor. */
function sirenOk(party: CourtParty, required: boolean): boolean {
  if (party.siren !== undefined) return SIREN.test(party.siren);
  return !(required && party.kind === 'company');
}

export function claimConsistent(claim: ItemisedClaim): boolean {
  const lines = claim.lines;
  const lineOk = (line: ClaimLine) =>
    line.totalDueCents === line.principalDueCents + line.interestCents + line.indemnityCents;
  const sum = (field: keyof ClaimLine) => sumCents(lines.map((line) => line[field] as number));
  return (
    lines.every(lineOk) &&
    claim.totals.principalDueCents === sum('principalDueCents') &&
    claim.totals.interestCents === sum('interestCents') &&
    claim.totals.indemnityCents === sum('indemnityCents') &&
    claim.totals.totalDueCents === sum('totalDueCents') &&
    claim.totals.totalDueCents > 0
  );
}

export function interestItemised(claim: ItemisedClaim): boolean {
  return claim.lines.every(
    (line) =>
      line.interestCents === 0 ||
      (line.interest.length > 0 &&
        line.interest.every((p) => p.basis.trim() && p.article.trim() && p.from <= p.to && p.days > 0)),
  );
}

const invoiceNumbers = (claim: ItemisedClaim) => claim.lines.map((line) => line.invoice);

/** The mentions shared by every court document of the file: parties, itemised amount, basis. */
export function partyAndClaimMentions<
  T extends { creditor: CourtParty; debtor: CourtParty; claim: ItemisedClaim; legalBasis: Reason[] },
>(): RequestMention<T>[] {
  return [
    {
      id: 'creditor',
      label: "the creditor's name and address (registered office)",
      article: 'CPC 54 3°, 57',
      present: (c) => partyIdentified(c.creditor),
      words: (c) => [c.creditor.name],
    },
    {
      id: 'creditor-siren',
      label: "the creditor's SIREN (a company)",
      article: 'CPC 54 3° b; C.com. R123-237',
      present: (c) => sirenOk(c.creditor, true),
      words: (c) => (c.creditor.siren ? [c.creditor.siren] : []),
    },
    {
      id: 'debtor',
      label: "the debtor's name and address (domicile or registered office)",
      article: 'CPC 57; CPC 1406',
      present: (c) => partyIdentified(c.debtor),
      words: (c) => [c.debtor.name],
    },
    {
      id: 'debtor-siren',
      label: "the debtor's SIREN, when given, of 9 digits",
      article: 'C.com. R123-237',
      present: (c) => sirenOk(c.debtor, false),
      words: (c) => (c.debtor.siren ? [c.debtor.siren] : []),
    },
    {
      id: 'principal',
      label: 'the principal, invoice by invoice',
      article: 'CPC 1407 (décompte des différents éléments de la créance)',
      present: (c) =>
        c.claim.lines.length > 0 && c.claim.lines.every((l) => l.invoice.trim() && l.principalDueCents >= 0),
      words: (c) => invoiceNumbers(c.claim),
    },
    {
      id: 'interest',
      label: 'the penalties or interest with their basis, rate and period',
      article: 'CPC 1407; C.com. L441-10 II; C.civ. 1231-6',
      present: (c) => interestItemised(c.claim),
    },
    {
      id: 'indemnity',
      label: 'the recovery indemnity and its basis',
      article: 'C.com. L441-10 II, D441-5',
      present: (c) =>
        c.claim.totals.indemnityCents === 0 ||
        (c.claim.indemnity !== undefined && c.claim.indemnity.perInvoiceCents > 0),
    },
    {
      id: 'total',
      label: 'the total claimed, equal to the sum of its lines',
      article: 'CPC 1407',
      present: (c) => claimConsistent(c.claim),
    },
    {
      id: 'legal-basis',
      label: 'the basis of the claim (fondement)',
      article: 'CPC 1407',
      present: (c) => c.legalBasis.length > 0 && c.legalBasis.every((r) => r.text.trim() && r.article.trim()),
    },
  ];
}

export const REQUEST_MENTIONS: readonly RequestMention<InjonctionRequest>[] = [
  {
    id: 'court',
    label: 'the competent court (kind and seat, from the debtor’s domicile)',
    article: 'CPC 54 1°, 1406',
    present: (c) => Boolean(c.court.kind && (c.court.city || c.court.postalCode)),
  },
  ...partyAndClaimMentions<InjonctionRequest>(),
  {
    id: 'exhibits',
    label: 'the list of exhibits (bordereau de pièces), the invoices among them',
    article: 'CPC 57; CPC 1407 al. 2',
    present: (c) =>
      c.exhibits.length > 0 &&
      c.claim.lines.every((line) => c.exhibits.some((e) => e.title.includes(line.invoice))),
    words: (c) => c.exhibits.map((e) => e.title),
  },
  {
    id: 'date',
    label: 'the date of the request',
    article: 'CPC 57',
    present: (c) => isLocalDate(c.date),
  },
];

export interface MissingMention {
  id: string;
  label: string;
  article: string;
}

/**
 * The mentions a court document lacks: in its content, and (when `text` is given) in the words
 * the rendered document shows. Empty: complete. Like `missingMentions` for the formal notice.
 */
export function missingMentionsOf<T>(
  rules: readonly RequestMention<T>[],
  content: T,
  text?: string,
): MissingMention[] {
  const flat = text?.replace(/\s+/g, ' ');
  return rules
    .filter((rule) => {
      if (!rule.present(content)) return true;
      if (flat === undefined || !rule.words) return false;
      return rule.words(content).some((word) => !flat.includes(word.replace(/\s+/g, ' ')));
    })
    .map(({ id, label, article }) => ({ id, label, article }));
}

export function missingRequestMentions(content: InjonctionRequest, text?: string): MissingMention[] {
  return missingMentionsOf(REQUEST_MENTIONS, content, text);
}

/**
 * The itemised claim a court document states, from the legal engine's statement: time-barred
 * and settled invoices left out (they are never claimed), interest runs grouped by basis.
 */
export function itemisedClaim(
  statement: ClaimStatement,
  invoices: readonly { number: string; issueDate: LocalDate; dueDate: LocalDate }[],
  options: { betweenProfessionals: boolean; indemnityPerInvoiceCents: number },
): ItemisedClaim {
  const byNumber = new Map(invoices.map((inv) => [inv.number, inv]));
  const claimed = statement.invoices.filter((s) => !s.prescribed && s.totalDueCents > 0);
  const lines = claimed.map((s): ClaimLine => {
    const invoice = byNumber.get(s.number);
    return {
      invoice: s.number,
      issueDate: invoice?.issueDate ?? statement.asOf,
      dueDate: invoice?.dueDate ?? statement.asOf,
      amountCents: s.principalCents,
      paidCents: s.paidCents,
      principalDueCents: s.principalDueCents,
      interestCents: s.interestCents,
      interest: s.interest.segments
        .filter((segment) => segment.interestCents > 0 || segment.days > 0)
        .map((segment) => ({
          from: segment.from,
          to: segment.to,
          days: segment.days,
          ratePercent: segment.ratePercent,
          cents: segment.interestCents,
          basis: segment.basis,
          article: segment.article,
        })),
      indemnityCents: s.indemnityCents,
      totalDueCents: s.totalDueCents,
    };
  });
  const sum = (field: 'principalDueCents' | 'interestCents' | 'indemnityCents' | 'totalDueCents') =>
    sumCents(lines.map((line) => line[field]));
  const indemnity = sum('indemnityCents');
  return {
    currency: 'EUR',
    interestKind: options.betweenProfessionals ? 'late-penalties' : 'legal-interest',
    lines,
    totals: {
      principalDueCents: sum('principalDueCents'),
      interestCents: sum('interestCents'),
      indemnityCents: indemnity,
      totalDueCents: sum('totalDueCents'),
    },
    computedThrough: statement.interestComputedThrough,
    saufAParfaire: statement.interestComputedThrough < statement.asOf,
    ...(indemnity > 0
      ? {
          indemnity: {
            perInvoiceCents: options.indemnityPerInvoiceCents,
            article: 'C.com. L441-10 II, D441-5',
          },
        }
      : {}),
  };
}

/** Why the sums are owed: the contract and its invoices, the accessories' articles, the notice (CPC 1407 "fondement"). */
export function claimBasis(claim: ItemisedClaim, notice: NoticeProof | undefined): Reason[] {
  const words = BASIS_FR;
  return [
    words.contract,
    claim.interestKind === 'late-penalties' ? words.latePenalties : words.legalInterest,
    ...(claim.indemnity ? [words.indemnity] : []),
    ...(notice ? [words.formalNotice(notice.sentOn)] : []),
    words.procedure,
  ];
}
