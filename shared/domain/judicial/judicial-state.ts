import type { LocalDate } from '../calendar';
import type { Court, ProcedureKind, Reason } from '../legal/procedure';

/**
 * The judicial phase of a dossier (docs/legal.md §10): after the formal notice's deadline has
 * passed unpaid, the dossier leaves the amicable ladder (status `judicial`) and carries this state
 * on the dossier item. One shape for the review (recommendation + the creditor's decision), the
 * court file, the court events and enforcement, so each part reads what the others wrote.
 */

/**
 * What the pipeline recommends: the legal engine's procedure, or a path for a person.
 * lawyer: a contested claim (a dispute, an opposition) goes to a lawyer, not to an injonction;
 * write-off: below the tenant's threshold, prescribed, or the debtor in insolvency proceedings
 * (C.com. L622-21: individual actions stop; the claim is declared to the mandataire instead).
 */
export type JudicialPath = Exclude<ProcedureKind, 'none'> | 'lawyer' | 'write-off';

export interface JudicialAmount {
  currency: string;
  principalCents: number;
  /** Late-payment penalties (B2B) or legal interest, to `computedThrough`. */
  interestCents: number;
  /** 40 EUR per invoice, professional debtors only (C.com. D441-5). */
  indemnityCents: number;
  totalCents: number;
  /** Interest stops at the last day a rate is known ("sauf à parfaire", docs/legal.md §12). */
  computedThrough: LocalDate;
}

export interface JudicialRecommendation {
  path: JudicialPath;
  /** Competent court: kind and seat from the debtor's domicile (CPC 1406); absent off the court paths. */
  court?: { kind: Court; country: string; postalCode: string | null; city: string | null };
  amount: JudicialAmount;
  reasons: Reason[];
  /** The day the review computed it. */
  reviewedOn: LocalDate;
}

/** The creditor's decision on the review (POST /dossiers/{id}/judicial-decision, or automatic). */
export type JudicialDecisionKind = 'file' | 'lawyer' | 'write-off' | 'wait';

export interface JudicialDecision {
  kind: JudicialDecisionKind;
  decidedOn: LocalDate;
  /** `auto`: the tenant's setting filed it below its amount; `creditor`: through the API. */
  by: 'creditor' | 'auto';
  /** For `wait`: the day the review comes back. */
  until?: LocalDate;
  /** The client's id of the decision (API): the same id with the same content is a no-op, another is a 409. */
  decisionId?: string;
  /** The creditor's free note: kept on the dossier, never in logs. */
  note?: string;
}

/**
 * Where the dossier stands in court. The injonction de payer path (CPC 1405–1424):
 * review → request-filed → order-issued → order-served → (opposition | enforceable) →
 * enforcement; the small-claims path (CPCE L125-1): review → small-claims-invited →
 * (small-claims-agreed → enforcement | small-claims-refused → review); the European order:
 * review → european-order-filed. lawyer / written-off / waiting end or pause the machine.
 */
export const JUDICIAL_STAGES = [
  'review',
  'waiting',
  'lawyer',
  'written-off',
  'request-filed',
  'order-issued',
  'order-served',
  'opposition',
  'enforceable',
  'enforcement',
  'small-claims-invited',
  'small-claims-agreed',
  'small-claims-refused',
  'european-order-filed',
  'closed',
] as const;
export type JudicialStage = (typeof JUDICIAL_STAGES)[number];

/** A stored document of the court file, with its fingerprint (the exhibits list cites it). */
export interface CourtDocument {
  key: string;
  sha256: string;
  contentType: string;
}

export interface CourtFile {
  path: JudicialPath;
  builtOn: LocalDate;
  /** The request (injonction), the invitation (small claims) or form A data (European order). */
  request: CourtDocument;
  /** Zip of the request, the invoices' data, the notice and its proof, a timeline extract; its manifest lists each SHA-256. */
  bundle?: CourtDocument;
}

/** A deadline the judicial sweep watches, with its article. */
export interface CourtDeadline {
  kind: 'service' | 'opposition' | 'small-claims-answer' | 'title-limitation';
  /** The last day (Paris) the act may be done. */
  date: LocalDate;
  article: string;
  /** Alerts already sent, by days-before (e.g. [30, 7]). */
  alerted: number[];
}

export interface JudicialState {
  stage: JudicialStage;
  recommendation: JudicialRecommendation;
  decision?: JudicialDecision;
  courtFile?: CourtFile;
  /** Dates of the court events recorded so far (ISO Paris days), by event kind. */
  events: Partial<Record<CourtEventKind, LocalDate>>;
  deadlines: CourtDeadline[];
  /** Next day the judicial sweep must look at this dossier (a deadline, an alert, a wait's end). */
  nextCheckOn?: LocalDate;
  /**
   * A stage with no court deadline that the judicial step still follows up (an opposition to hand
   * to a lawyer, a title to hand to a commissaire de justice, enforcement acts to chase): the day
   * the step looks at it (judicial-step.ts). The sweep's index takes the earlier of this and `nextCheckOn`.
   */
  followUpOn?: LocalDate;
  /** Why the stage went back (e.g. an order not served within 6 months, CPC 1411); court-events.ts. */
  reason?: string;
  /** Enforcement acts reported by the commissaire de justice, in order (court-events.ts). */
  enforcementActs?: { date: LocalDate; kind: string; recoveredCents?: number; reference?: string }[];
}

/** Court and enforcement events, recorded through the API (POST /dossiers/{id}/court-events). */
export type CourtEventKind =
  | 'request-filed'
  | 'order-issued'
  | 'order-served'
  | 'opposition-received'
  | 'no-opposition'
  | 'enforceable-formula'
  | 'judgment'
  | 'small-claims-invited'
  | 'small-claims-agreed'
  | 'small-claims-refused'
  | 'enforcement-mandate'
  | 'enforcement-act';
