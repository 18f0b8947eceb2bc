import { createHash } from 'node:crypto';
import { type LocalDate, parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { europeanOrderFormA, missingFormAFields } from '../../domain/judicial/european-order';
import {
  type CourtParty,
  claimBasis,
  type Exhibit,
  type InjonctionRequest,
  type ItemisedClaim,
  itemisedClaim,
  type MissingMention,
  missingRequestMentions,
  type NoticeProof,
  REQUEST_FORM,
} from '../../domain/judicial/injonction-request';
import type { CourtDocument, CourtFile, JudicialPath } from '../../domain/judicial/judicial-state';
import {
  missingInvitationMentions,
  type SmallClaimsInvitation,
} from '../../domain/judicial/small-claims-invitation';
import {
  type CourtLetterWords,
  EXHIBIT_TITLES_FR,
  invitationWords,
  proposalText,
  requestWords,
} from '../../domain/judicial/templates/court-fr';
import { dossierClaimStatement } from '../../domain/legal/dossier-claim';
import { isB2B } from '../../domain/legal/interest';
import { type RateTable, recoveryIndemnityCents, smallClaimsThresholdCents } from '../../domain/legal/rates';
import type { TimelineEvent } from '../../domain/timeline';
import type { DocumentStore } from '../client-api/dossier-documents';
import { letterText } from '../escalation/formal-notice';
import type {
  BlobStore,
  DossierRepository,
  LetterContent,
  LetterRenderer,
  RateSource,
  TenantDirectory,
  TenantProfile,
} from '../ports';
import { storeZip } from './store-zip';

/**
 * The court file of a dossier the creditor decided to take to court (docs/legal.md §10, "The
 * court file"), by the recommended path:
 * - injonction-de-payer: the request (CPC 1405–1407) as a PDF;
 * - petites-creances: the file for a commissaire de justice's invitation (CPCE L125-1, R125-1 ff.) as a PDF;
 * - european-order: form A's data (Reg. 1896/2006 Annex I) as JSON;
 * each with a bundle (zip): the request, each invoice's data, the formal notice and its proof of
 * delivery, a timeline extract, and a manifest listing every file with its SHA-256.
 * Stored in the documents bucket under `<tenant>/<dossier>/court/<day>/`; the dossier records
 * `judicial.courtFile`, the timeline a `court-file-built` event listing the documents. The stage
 * stays: `request-filed` is the creditor's court event (record-court-event.ts). The same day
 * builds the same bytes, and a file already built is returned as it is.
 */

export interface CourtFileDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  /** Where the court file is written: the documents bucket. */
  documents: BlobStore;
  documentsBucket: string;
  letters: LetterRenderer;
  rates: RateSource;
  /**
   * Where the timeline's documents are read (the formal notice's PDF): the documents bucket on AWS,
   * the outbox folder embedded (the API's `documentStore`). Absent: the documents bucket.
   */
  documentStore?: DocumentStore;
}

export interface BuildCourtFileInput {
  tenantId: string;
  dossierId: string;
  /** Instant (UTC ISO) or Paris day the file is built for. */
  asOf: string;
}

export interface BuiltCourtFile {
  courtFile: CourtFile;
  /** Every stored file of the court file, the bundle's entries included. */
  documents: CourtDocument[];
  /** False when the file was already built: nothing was written. */
  built: boolean;
}

const COURT_PATHS: readonly JudicialPath[] = ['injonction-de-payer', 'petites-creances', 'european-order'];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(`${JSON.stringify(value, null, 2)}\n`);

export function courtFileFolder(tenantId: string, dossierId: string, day: LocalDate): string {
  return `${tenantId}/${dossierId}/court/${day}`;
}

export async function buildCourtFile(
  deps: CourtFileDeps,
  input: BuildCourtFileInput,
): Promise<BuiltCourtFile> {
  const { tenantId, dossierId } = input;
  const day = input.asOf.length === 10 ? input.asOf : parisDate(input.asOf);
  const dossier = await deps.repository.getDossier(tenantId, dossierId);
  if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
  const judicial = dossier.judicial;
  if (!judicial || dossier.status !== 'judicial')
    throw new ConflictError(`dossier ${dossierId} is not in judicial review`);
  if (judicial.decision?.kind !== 'file')
    throw new ConflictError(`dossier ${dossierId}: the creditor has not decided to file`);
  const path = judicial.recommendation.path;
  if (!COURT_PATHS.includes(path))
    throw new ConflictError(`dossier ${dossierId}: path ${path} has no court file`);
  if (judicial.courtFile) {
    const { courtFile } = judicial;
    return {
      courtFile,
      documents: [courtFile.request, ...(courtFile.bundle ? [courtFile.bundle] : [])],
      built: false,
    };
  }

  const [tenant, timeline, effective] = await Promise.all([
    deps.tenants.getTenant(tenantId),
    deps.repository.listTimeline(tenantId, dossierId),
    deps.rates.current(),
  ]);
  const rates: RateTable = effective.table;
  const parts = courtFileParts(dossier, tenant, timeline, day, rates);
  const folder = courtFileFolder(tenantId, dossierId, day);
  const reference = `${dossierId}-JUD-${day.replaceAll('-', '')}`;

  // The evidence the bundle carries, read back and checked against the timeline's fingerprints.
  const notice = await noticeFiles(deps, parts.noticeEvent, parts.proofEvents, parts.notice);
  const exhibits = numberExhibits(dossier, parts, notice.files);

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
    return { name, bytes: await deps.letters.render(letter), contentType: 'application/pdf' };
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

  const files = [
    { ...request, description: 'request' },
    ...parts.invoiceFiles,
    ...notice.files,
    {
      name: '05-chronologie.json',
      bytes: json(timelineExtract(timeline)),
      contentType: 'application/json',
      description: 'timeline extract, every document with its SHA-256',
    },
  ];
  const manifest = {
    reference,
    tenantId,
    dossierId,
    path,
    builtOn: day,
    interestComputedThrough: parts.claim.computedThrough,
    totals: parts.claim.totals,
    exhibits,
    files: files.map((file) => ({
      name: file.name,
      contentType: file.contentType,
      bytes: file.bytes.byteLength,
      sha256: sha256(file.bytes),
      description: file.description,
    })),
  };
  const bundleBytes = storeZip(
    [
      ...files.map((file) => ({ name: file.name, data: file.bytes })),
      { name: 'manifest.json', data: json(manifest) },
    ],
    day,
  );

  const stored = async (name: string, bytes: Uint8Array, contentType: string): Promise<CourtDocument> => {
    const put = await deps.documents.put(deps.documentsBucket, `${folder}/${name}`, bytes, contentType);
    return { key: put.key, sha256: put.sha256, contentType };
  };
  const requestDoc = await stored(request.name, request.bytes, request.contentType);
  const bundleDoc = await stored('bundle.zip', bundleBytes, 'application/zip');
  const courtFile: CourtFile = { path, builtOn: day, request: requestDoc, bundle: bundleDoc };

  const at = input.asOf.length === 10 ? `${day}T12:00:00.000Z` : input.asOf;
  const event: TimelineEvent = {
    tenantId,
    dossierId,
    eventId: `${day}#COURT#file-built`,
    type: 'court-file-built',
    at,
    day,
    actor: 'pipeline',
    template: path,
    document: { key: requestDoc.key, sha256: requestDoc.sha256 },
    documents: [requestDoc, bundleDoc].map(({ key, sha256 }) => ({ key, sha256 })),
    legalBasis: legalBasisOf(path),
    amountCents: parts.claim.totals.totalDueCents,
    invoiceNumbers: parts.claim.lines.map((line) => line.invoice),
    note: `court file built: ${manifest.files.map((f) => `${f.name} sha256:${f.sha256}`).join('; ')}`,
  };
  await deps.repository.appendEvent(event);
  await deps.repository.saveDossier({
    ...dossier,
    judicial: { ...judicial, courtFile },
    updatedAt: at,
    version: dossier.version + 1,
  });
  return { courtFile, documents: [requestDoc, bundleDoc], built: true };
}

function legalBasisOf(path: JudicialPath): string[] {
  if (path === 'petites-creances') return ['CPCE L125-1', 'CPCE R125-1'];
  if (path === 'european-order') return ['Reg. (EC) 1896/2006 art. 7', 'CPC 1424-1'];
  return ['CPC 1405', 'CPC 1407'];
}

function refuseIncomplete(document: string, missing: MissingMention[]) {
  if (missing.length > 0)
    throw new ValidationError(
      document,
      `missing mentions: ${missing.map((mention) => `${mention.label} (${mention.article})`).join('; ')}`,
    );
}

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

interface BundleFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
  description: string;
}

/** Pure part: what the legal engine says the claim is on `day`, the parties, the notice and its proof. */
function courtFileParts(
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
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}

/** The formal notice's PDF, checked against the SHA-256 the timeline recorded, and its proof of delivery. */
async function noticeFiles(
  deps: CourtFileDeps,
  noticeEvent: TimelineEvent | undefined,
  proofEvents: TimelineEvent[],
  notice: NoticeProof | undefined,
): Promise<{ files: BundleFile[] }> {
  if (!noticeEvent || !notice) return { files: [] };
  const files: BundleFile[] = [];
  if (noticeEvent.document) {
    const { key, sha256: recorded } = noticeEvent.document;
    const bytes = deps.documentStore
      ? await deps.documentStore.read(key)
      : await deps.documents.get(deps.documentsBucket, key);
    if (sha256(bytes) !== recorded)
      throw new ConflictError(
        `formal notice ${key}: stored bytes differ from the SHA-256 the timeline recorded`,
      );
    files.push({
      name: '03-mise-en-demeure.pdf',
      bytes,
      contentType: 'application/pdf',
      description: `formal notice sent on ${noticeEvent.day} (timeline ${noticeEvent.eventId})`,
    });
  }
  files.push({
    name: '04-preuve-de-remise.json',
    bytes: json({
      notice,
      sent: noticeEvent,
      proof: proofEvents,
      basis: 'C.civ. 1344: the registered letter with acknowledgment proves the formal notice',
    }),
    contentType: 'application/json',
    description: 'proof of posting and delivery of the formal notice (registered letter events)',
  });
  return { files };
}

/** The bordereau: each invoice, the notice and its proof, the timeline — each pointing at its bundle file. */
function numberExhibits(
  dossier: Dossier,
  parts: ReturnType<typeof courtFileParts>,
  noticeBundle: BundleFile[],
): Exhibit[] {
  const titles: { title: string; file?: string; bytes?: Uint8Array }[] = [];
  for (const line of parts.claim.lines) {
    const file = parts.invoiceFiles.find((f) => f.name.endsWith(`/${safeName(line.invoice)}.json`));
    const invoice = dossier.invoices.find((inv) => inv.number === line.invoice);
    titles.push({
      title: EXHIBIT_TITLES_FR.invoice(line.invoice, invoice?.issueDate ?? line.issueDate, line.amountCents),
      ...(file ? { file: file.name, bytes: file.bytes } : {}),
    });
  }
  if (parts.notice) {
    const pdf = noticeBundle.find((f) => f.name === '03-mise-en-demeure.pdf');
    titles.push({
      title: EXHIBIT_TITLES_FR.formalNotice(parts.notice.sentOn),
      ...(pdf ? { file: pdf.name, bytes: pdf.bytes } : {}),
    });
    const proof = noticeBundle.find((f) => f.name === '04-preuve-de-remise.json');
    titles.push({
      title: EXHIBIT_TITLES_FR.proof(parts.notice),
      ...(proof ? { file: proof.name, bytes: proof.bytes } : {}),
    });
  }
  titles.push({ title: EXHIBIT_TITLES_FR.timeline, file: '05-chronologie.json' });
  return titles.map((t, index) => ({
    number: index + 1,
    title: t.title,
    ...(t.file ? { file: t.file } : {}),
    ...(t.bytes ? { sha256: sha256(t.bytes) } : {}),
  }));
}

/** The timeline as a court reads it: every event in order, documents with their SHA-256; no free notes. */
function timelineExtract(timeline: readonly TimelineEvent[]) {
  return timeline.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    at: e.at,
    day: e.day,
    actor: e.actor,
    ...(e.level ? { level: e.level } : {}),
    ...(e.channel ? { channel: e.channel } : {}),
    ...(e.template ? { template: e.template } : {}),
    ...(e.document ? { document: e.document } : {}),
    ...(e.legalBasis ? { legalBasis: e.legalBasis } : {}),
    ...(e.amountCents !== undefined ? { amountCents: e.amountCents } : {}),
    ...(e.invoiceNumbers ? { invoiceNumbers: e.invoiceNumbers } : {}),
    ...(e.trackingRef ? { trackingRef: e.trackingRef } : {}),
    ...(e.postalTrackingNumber ? { postalTrackingNumber: e.postalTrackingNumber } : {}),
  }));
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
