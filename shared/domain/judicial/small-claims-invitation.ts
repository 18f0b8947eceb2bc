import { isLocalDate } from '../calendar';
import {
  type CourtDocumentCore,
  type MissingMention,
  missingMentionsOf,
  type NoticeProof,
  partyAndClaimMentions,
  type RequestMention,
} from './injonction-request';

/**
 * The file a creditor hands a commissaire de justice for the procédure simplifiée de
 * recouvrement des petites créances (CPCE L125-1, R125-1 ff.; docs/legal.md §10): what he needs
 * to send the debtor the invitation by registered letter or electronic message — the parties,
 * the itemised amount and its basis, the creditor's proposal — with the exhibits. Pure.
 * The procedure: claims of a contractual or statutory cause, principal and interest up to the
 * ceiling of R125-1 (5,000 EUR); the debtor has one month to agree, silence is a refusal; the
 * agreement the commissaire de justice records is an enforceable title (CPCE L111-3 7°); all
 * costs stay with the creditor (CPCE L125-1). Confidence on the R125-x numbering: M.
 */

export interface SmallClaimsProposal {
  /** What the creditor proposes the debtor pays: the whole claim, at once or in instalments. */
  totalCents: number;
  instalments: number;
  text: string;
}

export interface SmallClaimsInvitation extends CourtDocumentCore {
  formalNotice?: NoticeProof;
  proposal: SmallClaimsProposal;
  /** The ceiling in force on `date` (CPCE R125-1), principal and interest. */
  thresholdCents: number;
}

export const INVITATION_MENTIONS: readonly RequestMention<SmallClaimsInvitation>[] = [
  ...partyAndClaimMentions<SmallClaimsInvitation>(),
  {
    id: 'threshold',
    label: 'principal and interest within the small-claims ceiling',
    article: 'CPCE L125-1, R125-1',
    present: (c) => c.claim.totals.principalDueCents + c.claim.totals.interestCents <= c.thresholdCents,
  },
  {
    id: 'proposal',
    label: "the creditor's proposal to the debtor (amount and terms)",
    article: 'CPCE L125-1 (accord sur le montant et les modalités du paiement)',
    present: (c) =>
      c.proposal.totalCents > 0 &&
      c.proposal.totalCents <= c.claim.totals.totalDueCents &&
      c.proposal.instalments >= 1 &&
      c.proposal.text.trim().length > 0,
  },
  {
    id: 'exhibits',
    label: 'the documents supporting the claim, the invoices among them',
    article: 'CPCE R125-1 ff.',
    present: (c) => c.claim.lines.every((line) => c.exhibits.some((e) => e.title.includes(line.invoice))),
    words: (c) => c.exhibits.map((e) => e.title),
  },
  { id: 'date', label: 'the date', article: 'CPCE R125-1 ff.', present: (c) => isLocalDate(c.date) },
];

export function missingInvitationMentions(content: SmallClaimsInvitation, text?: string): MissingMention[] {
  return missingMentionsOf(INVITATION_MENTIONS, content, text);
}
