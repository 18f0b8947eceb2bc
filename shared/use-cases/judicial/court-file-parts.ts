/**
 * The pure part of a court file: what the legal engine says the claim is on the day, the parties as
 * court documents name them, the formal notice and its proof, each invoice's data file. Apart from
 * build-court-file.ts so what the file says can be read (and tested) without what stores it.
 */
import { createHash } from 'node:crypto';
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ValidationError } from '../../domain/errors';
import {
  type CourtParty,
  type ItemisedClaim,
  itemisedClaim,
  type NoticeProof,
} from '../../domain/judicial/injonction-request';
import { dossierClaimStatement } from '../../domain/legal/dossier-claim';
import { isB2B } from '../../domain/legal/interest';
import { type RateTable, recoveryIndemnityCents } from '../../domain/legal/rates';
import type { TimelineEvent } from '../../domain/timeline';
import type { TenantProfile } from '../ports';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);
export const json = (value: unknown) => utf8(`${JSON.stringify(value, null, 2)}\n`);

/** The parties as court documents name them: the tenant (or its principal in agency mode) and the debtor. */
export function courtParties(
  dossier: Dossier,
  tenant: TenantProfile,
): { creditor: CourtParty; debtor: CourtParty } {
  const agency = tenant.mode === 'agency' && tenant.principal;
  const creditor: CourtParty = agency
    ? {
        name: tenant.principal!.name,
        kind: dossier.creditorType === 'professional' ? 'company' : 'individual',
        address: tenant.principal!.address,
        representedBy: {
          name: tenant.name,
          address: tenant.address,
          ...(tenant.siren ? { siren: tenant.siren } : {}),
        },
      }
    : {
        name: tenant.name,
        kind: tenant.creditorType === 'professional' ? 'company' : 'individual',
        address: tenant.address,
        ...(tenant.siren ? { siren: tenant.siren } : {}),
      };
  const debtor: CourtParty = {
    name: dossier.debtor.name,
    kind: dossier.debtor.type === 'consumer' ? 'individual' : 'company',
    address: dossier.debtor.address,
    ...(dossier.debtor.siren ? { siren: dossier.debtor.siren } : {}),
  };
  return { creditor, debtor };
}

export interface BundleFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
  description: string;
}

/** Pure part: what the legal engine says the claim is on `day`, the parties, the notice and its proof. */
export function courtFileParts(
  dossier: Dossier,
  tenant: TenantProfile,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  rates: RateTable,
) {
  const statement = dossierClaimStatement(dossier, timeline, day, { rates });
  const claim: ItemisedClaim = itemisedClaim(statement, dossier.invoices, {
    betweenProfessionals: isB2B({
      creditorType: dossier.creditorType,
      debtorType: dossier.debtor.type,
      nature: statement.nature,
    }),
    indemnityPerInvoiceCents: recoveryIndemnityCents(day, rates),
  });
  const { creditor, debtor } = courtParties(dossier, tenant);
  const noticeEvent = timeline.find(
    (e) => e.type === 'action-sent' && e.template === 'formal-notice' && e.state !== 'pending',
  );
  const proofEvents = noticeEvent
    ? timeline.filter(
        (e) =>
          (e.type === 'letter-posted' || e.type === 'letter-delivered' || e.type === 'letter-returned') &&
          (!noticeEvent.trackingRef || e.trackingRef === noticeEvent.trackingRef),
      )
    : [];
  const delivered = proofEvents.find((e) => e.type === 'letter-delivered');
  const returned = proofEvents.find((e) => e.type === 'letter-returned');
  const posted = proofEvents.find((e) => e.type === 'letter-posted');
  const notice: NoticeProof | undefined = noticeEvent
    ? {
        sentOn: noticeEvent.day,
        ...(noticeEvent.trackingRef ? { trackingRef: noticeEvent.trackingRef } : {}),
        ...(posted ? { postedOn: posted.day } : {}),
        ...(delivered ? { deliveredOn: delivered.day } : {}),
        ...(returned
          ? { returnedOn: returned.day, ...(returned.note ? { returnReason: returned.note } : {}) }
          : {}),
      }
    : undefined;
  const claimed = new Set(claim.lines.map((line) => line.invoice));
  const invoiceFiles: BundleFile[] = dossier.invoices
    .filter((invoice) => claimed.has(invoice.number))
    .map((invoice) => ({
      name: `02-factures/${safeName(invoice.number)}.json`,
      bytes: json({
        invoice,
        claimed: claim.lines.find((line) => line.invoice === invoice.number),
      }),
      contentType: 'application/json',
      description: `invoice ${invoice.number}: its data and what is claimed on it`,
    }));
  const recommendation = dossier.judicial!.recommendation;
  const court = () => {
    const c = recommendation.court;
    if (!c)
      throw new ValidationError('judicial.recommendation.court', 'no competent court recorded (CPC 1406)');
    return { kind: c.kind, country: c.country, postalCode: c.postalCode, city: c.city, article: 'CPC 1406' };
  };
  return { claim, creditor, debtor, notice, noticeEvent, proofEvents, invoiceFiles, court };
}

/** A file name from an invoice number (numbers come from files: no separators, nothing that climbs). */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
