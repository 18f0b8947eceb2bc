import { isLocalDate, type LocalDate } from '../calendar';
import type { Reason } from '../legal/procedure';
import {
  addressComplete,
  type CourtDocumentCore,
  type CourtParty,
  type ItemisedClaim,
  type MissingMention,
  missingMentionsOf,
  type RequestMention,
} from './injonction-request';

/**
 * The data of form A, the application for a European order for payment (Reg. (EC) 1896/2006,
 * art. 7 and Annex I, as amended by Reg. (EU) 2015/2421), as structured JSON: the creditor
 * (or a person) copies it into the court's e-Justice form. One key per section of the form,
 * numbered as the form numbers them. The form's numeric codes (contract type, interest type,
 * evidence type) are not reproduced: each section says it in words (confidence M on the
 * codes' tables). Art. 7(2) lists what the application must state; `missingFormAFields` checks it.
 */

export const FORM_A = {
  form: 'A',
  regulation: 'Regulation (EC) No 1896/2006, Annex I (as amended by Regulation (EU) 2015/2421)',
  articles: 'Reg. 1896/2006 art. 7; CPC 1424-1 ff.',
  confidence: 'M',
} as const;

interface FormAParty {
  role: 'claimant' | 'defendant' | 'claimant-representative';
  name: string;
  kind: CourtParty['kind'];
  address: string;
  postalCode: string;
  city: string;
  country: string;
  email?: string;
  /** "Other details": the SIREN of a company. */
  otherDetails?: string;
}

export interface EuropeanOrderFormA {
  meta: typeof FORM_A & { date: LocalDate; reference: string; place: string };
  /** 1. Court: the Member State's court with jurisdiction (Reg. 1215/2012, art. 6). */
  '1-court': { country: string; name: string | null; note: string };
  /** 2. Parties and their representatives. */
  '2-parties': FormAParty[];
  /** 3. Grounds for the court's jurisdiction. */
  '3-jurisdiction': { ground: string; article: string };
  /** 4. Cross-border nature of the case (art. 3): two different Member States. */
  '4-cross-border': { claimantCountry: string; defendantCountry: string; courtCountry: string };
  /** 6. Principal, one line per invoice. */
  '6-principal': {
    currency: 'EUR';
    lines: {
      invoice: string;
      issueDate: LocalDate;
      dueDate: LocalDate;
      amountCents: number;
      nature: string;
    }[];
    totalCents: number;
  };
  /** 7. Interest: kind, rate, period, on which amount. */
  '7-interest': {
    invoice: string;
    kind: 'statutory';
    basis: string;
    article: string;
    ratePercent: number;
    onCents: number;
    from: LocalDate;
    to: LocalDate;
    cents: number;
  }[];
  /** 9. Costs: the recovery indemnity (C.com. D441-5) between professionals. */
  '9-costs': { description: string; cents: number; article: string }[];
  /** 10. Evidence available in support of the claim. */
  '10-evidence': { kind: 'written'; description: string; file?: string; sha256?: string }[];
  /** 11. Additional statements: the legal basis, the formal notice. */
  '11-additional-statements': Reason[];
  totals: ItemisedClaim['totals'] & { computedThrough: LocalDate };
  /** Declaration (art. 7(3)): signed by the claimant when filed; recorded as unsigned here. */
  declaration: { text: string; signed: false };
}

function formParty(role: FormAParty['role'], party: CourtParty): FormAParty {
  return {
    role,
    name: party.name,
    kind: party.kind,
    address: [party.address.line1, party.address.line2].filter(Boolean).join(', '),
    postalCode: party.address.postalCode,
    city: party.address.city,
    country: party.address.country,
    ...(party.email ? { email: party.email } : {}),
    ...(party.siren ? { otherDetails: `SIREN ${party.siren}` } : {}),
  };
}

/** Form A's data from the parties and the itemised claim (the same claim the other documents state). */
export function europeanOrderFormA(input: CourtDocumentCore): EuropeanOrderFormA {
  const { creditor, debtor, claim } = input;
  return {
    meta: { ...FORM_A, date: input.date, reference: input.reference, place: input.place },
    '1-court': {
      country: debtor.address.country,
      name: null,
      note: `the court of ${debtor.address.country} competent for ${debtor.address.postalCode} ${debtor.address.city} (the defendant's domicile)`,
    },
    '2-parties': [
      formParty('claimant', creditor),
      ...(creditor.representedBy
        ? [
            formParty('claimant-representative', {
              name: creditor.representedBy.name,
              kind: 'company',
              address: creditor.representedBy.address,
              ...(creditor.representedBy.siren ? { siren: creditor.representedBy.siren } : {}),
            }),
          ]
        : []),
      formParty('defendant', debtor),
    ],
    '3-jurisdiction': {
      ground: 'domicile of the defendant (Member State where the defendant is domiciled)',
      article: 'Reg. 1896/2006 art. 6(1); Reg. (EU) 1215/2012 art. 4',
    },
    '4-cross-border': {
      claimantCountry: creditor.address.country,
      defendantCountry: debtor.address.country,
      courtCountry: debtor.address.country,
    },
    '6-principal': {
      currency: 'EUR',
      lines: claim.lines.map((line) => ({
        invoice: line.invoice,
        issueDate: line.issueDate,
        dueDate: line.dueDate,
        amountCents: line.principalDueCents,
        nature: 'unpaid invoice under a contract for the sale of goods or the supply of services',
      })),
      totalCents: claim.totals.principalDueCents,
    },
    '7-interest': claim.lines.flatMap((line) =>
      line.interest.map((p) => ({
        invoice: line.invoice,
        kind: 'statutory' as const,
        basis: p.basis,
        article: p.article,
        ratePercent: p.ratePercent,
        onCents: line.principalDueCents,
        from: p.from,
        to: p.to,
        cents: p.cents,
      })),
    ),
    '9-costs': claim.lines
      .filter((line) => line.indemnityCents > 0)
      .map((line) => ({
        description: `fixed compensation for recovery costs, invoice ${line.invoice} (Directive 2011/7/EU art. 6)`,
        cents: line.indemnityCents,
        article: claim.indemnity?.article ?? 'C.com. L441-10 II, D441-5',
      })),
    '10-evidence': input.exhibits.map((e) => ({
      kind: 'written' as const,
      description: e.title,
      ...(e.file ? { file: e.file } : {}),
      ...(e.sha256 ? { sha256: e.sha256 } : {}),
    })),
    '11-additional-statements': input.legalBasis,
    totals: { ...claim.totals, computedThrough: claim.computedThrough },
    declaration: {
      text: 'I hereby declare that the information provided is true to the best of my knowledge and belief (Reg. 1896/2006 art. 7(3)).',
      signed: false,
    },
  };
}

const PARTY = 'Reg. 1896/2006 art. 7(2)(a)';

export const FORM_A_FIELDS: readonly RequestMention<EuropeanOrderFormA>[] = [
  {
    id: 'court',
    label: 'the court (its Member State)',
    article: 'Reg. 1896/2006 art. 7(2)(a)',
    present: (f) => /^[A-Z]{2}$/.test(f['1-court'].country),
  },
  {
    id: 'parties',
    label: 'the names and addresses of the parties',
    article: PARTY,
    present: (f) =>
      ['claimant', 'defendant'].every((role) =>
        f['2-parties'].some(
          (p) =>
            p.role === role &&
            p.name.trim() &&
            addressComplete({ line1: p.address, postalCode: p.postalCode, city: p.city, country: p.country }),
        ),
      ),
  },
  {
    id: 'cross-border',
    label: 'the cross-border nature of the case',
    article: 'Reg. 1896/2006 art. 3, 7(2)(f)',
    present: (f) => f['4-cross-border'].claimantCountry !== f['4-cross-border'].defendantCountry,
  },
  {
    id: 'principal',
    label: 'the amount of the claim, principal',
    article: 'Reg. 1896/2006 art. 7(2)(b)',
    present: (f) => f['6-principal'].lines.length > 0 && f['6-principal'].totalCents > 0,
  },
  {
    id: 'interest',
    label: 'the interest rate and the period for which interest is demanded',
    article: 'Reg. 1896/2006 art. 7(2)(c)',
    present: (f) =>
      f['7-interest'].every(
        (i) => i.ratePercent >= 0 && i.from <= i.to && i.basis.trim() && i.article.trim(),
      ),
  },
  {
    id: 'cause',
    label: 'the cause of the action, with the circumstances invoked',
    article: 'Reg. 1896/2006 art. 7(2)(d)',
    present: (f) => f['11-additional-statements'].length > 0,
  },
  {
    id: 'evidence',
    label: 'a description of the evidence supporting the claim',
    article: 'Reg. 1896/2006 art. 7(2)(e)',
    present: (f) => f['10-evidence'].length > 0,
  },
  {
    id: 'jurisdiction',
    label: "the grounds for the court's jurisdiction",
    article: 'Reg. 1896/2006 art. 7(2)(f)',
    present: (f) => f['3-jurisdiction'].ground.trim().length > 0,
  },
  {
    id: 'date',
    label: 'the date',
    article: 'Reg. 1896/2006 art. 7(3)',
    present: (f) => isLocalDate(f.meta.date),
  },
];

export function missingFormAFields(form: EuropeanOrderFormA): MissingMention[] {
  return missingMentionsOf(FORM_A_FIELDS, form);
}
