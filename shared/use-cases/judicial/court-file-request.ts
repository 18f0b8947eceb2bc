/**
 * The court file's request, by path: the injonction de payer request (CPC 1405–1407) or the small
 * claims invitation (CPCE L125-1) rendered as a court letter, or the European order's form A
 * (Reg. 1896/2006 Annex I) as JSON; refused with the missing mentions listed, for a person's task,
 * when the law's mentions are not all there. Apart from build-court-file.ts: one document, its rules.
 */
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ValidationError } from '../../domain/errors';
import { europeanOrderFormA, missingFormAFields } from '../../domain/judicial/european-order';
import {
  claimBasis,
  type Exhibit,
  type InjonctionRequest,
  type MissingMention,
  missingRequestMentions,
  REQUEST_FORM,
} from '../../domain/judicial/injonction-request';
import type { JudicialPath } from '../../domain/judicial/judicial-state';
import {
  missingInvitationMentions,
  type SmallClaimsInvitation,
} from '../../domain/judicial/small-claims-invitation';
import {
  type CourtLetterWords,
  invitationWords,
  proposalText,
  requestWords,
} from '../../domain/judicial/templates/court-fr';
import { type RateTable, smallClaimsThresholdCents } from '../../domain/legal/rates';
import { letterText } from '../escalation/formal-notice';
import type { LetterContent, LetterRenderer, TenantProfile } from '../ports';
import { type courtFileParts, json } from './court-file-parts';

/** The request document of the path, checked for the law's mentions before and after rendering. */
export async function courtRequest(
  letters: LetterRenderer,
  input: {
    path: JudicialPath;
    dossier: Dossier;
    tenant: TenantProfile;
    parts: ReturnType<typeof courtFileParts>;
    exhibits: Exhibit[];
    day: LocalDate;
    reference: string;
    rates: RateTable;
  },
): Promise<{ name: string; bytes: Uint8Array; contentType: string }> {
  const { path, dossier, tenant, parts, exhibits, day, reference, rates } = input;
  /** The document as a court letter, rendered: refused when the content, or the rendered text, lacks a mention. */
  async function checkedLetter<T>(
    document: string,
    content: T,
    missing: (content: T, text?: string) => MissingMention[],
    words: (content: T) => CourtLetterWords,
    name: string,
  ) {
    refuseIncomplete(document, missing(content));
    const letter = courtLetter(words(content), tenant, day, reference);
    refuseIncomplete(document, missing(content, letterText(letter)));
    return { name, bytes: await letters.render(letter), contentType: 'application/pdf' };
  }

  let request: { name: string; bytes: Uint8Array; contentType: string };
  if (path === 'injonction-de-payer') {
    const content: InjonctionRequest = {
      form: REQUEST_FORM,
      date: day,
      place: tenant.address.city,
      reference,
      court: parts.court(),
      creditor: parts.creditor,
      debtor: parts.debtor,
      claim: parts.claim,
      legalBasis: claimBasis(parts.claim, parts.notice),
      ...(parts.notice ? { formalNotice: parts.notice } : {}),
      exhibits,
    };
    request = await checkedLetter(
      'injonction-request',
      content,
      missingRequestMentions,
      requestWords,
      '01-requete-injonction-de-payer.pdf',
    );
  } else if (path === 'petites-creances') {
    const invitation: SmallClaimsInvitation = {
      date: day,
      place: tenant.address.city,
      reference,
      creditor: parts.creditor,
      debtor: { ...parts.debtor, ...(dossier.debtor.email ? { email: dossier.debtor.email } : {}) },
      claim: parts.claim,
      legalBasis: claimBasis(parts.claim, parts.notice),
      ...(parts.notice ? { formalNotice: parts.notice } : {}),
      proposal: {
        totalCents: parts.claim.totals.totalDueCents,
        instalments: 1,
        text: proposalText(parts.claim.totals.totalDueCents),
      },
      thresholdCents: smallClaimsThresholdCents(day, rates),
      exhibits,
    };
    request = await checkedLetter(
      'small-claims-invitation',
      invitation,
      missingInvitationMentions,
      invitationWords,
      '01-petites-creances-commissaire-de-justice.pdf',
    );
  } else {
    const form = europeanOrderFormA({
      date: day,
      place: tenant.address.city,
      reference,
      creditor: parts.creditor,
      debtor: parts.debtor,
      claim: parts.claim,
      legalBasis: claimBasis(parts.claim, parts.notice),
      exhibits,
    });
    refuseIncomplete('european-order-form-a', missingFormAFields(form));
    request = {
      name: '01-injonction-europeenne-formulaire-a.json',
      bytes: json(form),
      contentType: 'application/json',
    };
  }
  return request;
}

export function legalBasisOf(path: JudicialPath): string[] {
  if (path === 'petites-creances') return ['CPCE L125-1', 'CPCE R125-1'];
  if (path === 'european-order') return ['Reg. (EC) 1896/2006 art. 7', 'CPC 1424-1'];
  return ['CPC 1405', 'CPC 1407'];
}

/** The court file lacks mentions the law requires: `missing` lists them for a person's task (label and article). */
export class CourtFileIncompleteError extends ValidationError {
  readonly missing: string[];
  constructor(document: string, mentions: MissingMention[]) {
    const missing = mentions.map((mention) => `${mention.label} (${mention.article})`);
    super(document, `missing mentions: ${missing.join('; ')}`);
    this.missing = missing;
  }
}

function refuseIncomplete(document: string, missing: MissingMention[]) {
  if (missing.length > 0) throw new CourtFileIncompleteError(document, missing);
}

/** The court document as letter content: the creditor writes, the court (or the commissaire) receives. */
function courtLetter(
  words: CourtLetterWords,
  tenant: TenantProfile,
  day: LocalDate,
  reference: string,
): LetterContent {
  return {
    language: 'fr',
    sender: {
      name: tenant.name,
      address: tenant.address,
      lines: [tenant.email, ...(tenant.siren ? [`SIREN ${tenant.siren}`] : [])],
    },
    recipient: words.recipient,
    place: tenant.address.city,
    date: day,
    reference: `Réf. ${reference}`,
    title: words.title,
    mention: words.mention,
    paragraphs: words.paragraphs,
    table: words.table,
    closing: words.closing,
  };
}
