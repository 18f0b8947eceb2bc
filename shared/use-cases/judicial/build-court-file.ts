import { type LocalDate, parisDate } from '../../domain/calendar';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { CourtDocument, CourtFile, JudicialPath } from '../../domain/judicial/judicial-state';
import type { RateTable } from '../../domain/legal/rates';
import type { TimelineEvent } from '../../domain/timeline';
import type { DocumentStore } from '../client-api/dossier-documents';
import type { BlobStore, DossierRepository, LetterRenderer, RateSource, TenantDirectory } from '../ports';
import { noticeFiles, numberExhibits, timelineExtract } from './court-file-exhibits';
import { courtFileParts, json, safeName, sha256 } from './court-file-parts';
import { courtRequest, legalBasisOf } from './court-file-request';
import { invoiceDocumentFiles } from './invoice-documents';
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
 *
 * Here the steps and the bundle; the parts in court-file-parts.ts, the exhibits in
 * court-file-exhibits.ts, the request and its missing mentions in court-file-request.ts.
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
  // E-invoices: the PDF (or XML) the debtor received joins its data as an exhibit.
  const claimedNumbers = new Set(parts.claim.lines.map((line) => line.invoice));
  parts.invoiceFiles.push(...(await invoiceDocumentFiles(deps, dossier.invoices, claimedNumbers, safeName)));
  const exhibits = numberExhibits(dossier, parts, notice.files);

  const request = await courtRequest(deps.letters, {
    path,
    dossier,
    tenant,
    parts,
    exhibits,
    day,
    reference,
    rates,
  });

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
