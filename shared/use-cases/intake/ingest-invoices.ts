import { type LocalDate, parisDate } from '../../domain/calendar';
import { type Dossier, dossierIdFor } from '../../domain/dossier';
import { firstActionOn } from '../../domain/escalation';
import type { Debtor, Invoice } from '../../domain/parties';
import { defaultNature, qualifyInvoice, refreshPrescription } from '../../domain/qualification';
import { chooseScenario, resolveScenario, type ScenarioSettings } from '../../domain/scenario-catalog';
import { segmentOf, withSettledLadder } from '../../domain/segment';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import { type InvoiceRow, invoiceRowSchema, rowAmountCents } from './invoice-row';
import { parseIntakeFile } from './parse-intake-file';

export interface RejectedRow {
  row: number;
  invoiceNumber: string;
  field: string;
  reason: string;
}

export interface IntakeReport {
  tenantId: string;
  rows: number;
  accepted: number;
  rejected: RejectedRow[];
  dossiers: number;
}

export interface IngestDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  logger: Logger;
}

interface ValidRow {
  row: number;
  data: InvoiceRow;
}

const PARALLEL_DOSSIERS = 8;

/**
 * Ingests one intake file for a tenant.
 * 1. parse the file into rows; 2. validate each row (zod), collecting the reason of every reject;
 * 3. reject the second occurrence of an invoice number within the file;
 * 4. per debtor: load or create the dossier, reserve each invoice number (dedup across files),
 *    qualify (nature, prescription), schedule the first action, save, and record the timeline.
 * A bad row never stops its neighbours: it lands in the report, the others are stored.
 */
export async function ingestInvoices(
  deps: IngestDeps,
  input: { tenantId: string; key: string; body: string; receivedAt: string },
): Promise<IntakeReport> {
  const { tenantId } = input;
  const rejected: RejectedRow[] = [];
  const raw = parseIntakeFile(input.key, input.body);
  const valid: ValidRow[] = [];
  const seen = new Set<string>();
  for (const { row, values } of raw) {
    const parsed = invoiceRowSchema.safeParse(values);
    const invoiceNumber = String(values.invoice_number ?? '');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        rejected.push({ row, invoiceNumber, field: issue.path.join('.') || 'row', reason: issue.message });
      }
      continue;
    }
    if (seen.has(parsed.data.invoice_number)) {
      rejected.push({ row, invoiceNumber, field: 'invoice_number', reason: 'duplicate in this file' });
      continue;
    }
    seen.add(parsed.data.invoice_number);
    valid.push({ row, data: parsed.data });
  }

  const byDebtor = new Map<string, ValidRow[]>();
  for (const r of valid) byDebtor.set(r.data.debtor_ref, [...(byDebtor.get(r.data.debtor_ref) ?? []), r]);
  const tenant = await deps.tenants.getTenant(tenantId).catch(() => undefined);
  const creditorType = tenant?.creditorType ?? 'professional';
  const today = parisDate(input.receivedAt);
  let accepted = 0;
  const groups = [...byDebtor.values()];
  // A pool, not batches: a batch waits for its slowest debtor while the store sits idle.
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const rows = groups[next++]!;
      const result = await ingestDebtor(deps, tenantId, creditorType, rows, today, input.receivedAt, tenant);
      accepted += result.accepted;
      rejected.push(...result.rejected);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOSSIERS, groups.length) }, worker));
  rejected.sort((a, b) => a.row - b.row);
  deps.logger.info('intake file processed', {
    tenantId,
    rows: raw.length,
    accepted,
    rejected: rejected.length,
    dossiers: byDebtor.size,
  });
  return { tenantId, rows: raw.length, accepted, rejected, dossiers: byDebtor.size };
}

function startNewLadder(dossier: Dossier, today: LocalDate, settings: ScenarioSettings): Dossier {
  const paymentHistory = withSettledLadder(dossier.paymentHistory, dossier.levelIndex);
  const segment = segmentOf(paymentHistory);
  const { nextActionOn: _previousLadder, ...rest } = dossier;
  return {
    ...rest,
    status: 'open',
    levelIndex: -1,
    paymentHistory,
    segment,
    scenarioId: chooseScenario(dossier.debtor.type, segment, settings).id,
    ladderStartedOn: today,
  };
}

function debtorFrom(row: InvoiceRow, previous?: Debtor): Debtor {
  return {
    ref: row.debtor_ref,
    type: row.debtor_type,
    name: row.debtor_name,
    ...(row.debtor_email ? { email: row.debtor_email } : previous?.email ? { email: previous.email } : {}),
    ...(row.debtor_phone ? { phone: row.debtor_phone } : previous?.phone ? { phone: previous.phone } : {}),
    address: { line1: row.address_line1, postalCode: row.postal_code, city: row.city, country: row.country },
    language: row.language ?? previous?.language ?? 'fr',
    optOuts: previous?.optOuts ?? [],
    ...((row.statement ?? previous?.statement) ? { statement: row.statement ?? previous?.statement } : {}),
  };
}

async function ingestDebtor(
  deps: IngestDeps,
  tenantId: string,
  creditorType: Dossier['creditorType'],
  rows: ValidRow[],
  today: LocalDate,
  at: string,
  settings: ScenarioSettings = {},
): Promise<{ accepted: number; rejected: RejectedRow[] }> {
  const first = rows[0]!.data;
  const dossierId = dossierIdFor(first.debtor_ref);
  const existing = await deps.repository.getDossier(tenantId, dossierId);
  const last = rows.at(-1)!.data;
  const debtor = debtorFrom(last, existing?.debtor);
  // The debtor's invoice numbers are claimed at once (each claim is its own conditional put).
  const claimed = await Promise.all(
    rows.map(async ({ row, data }): Promise<RejectedRow | Invoice> => {
      if (existing?.invoices.some((inv) => inv.number === data.invoice_number))
        return {
          row,
          invoiceNumber: data.invoice_number,
          field: 'invoice_number',
          reason: 'already imported',
        };
      const claim = await deps.repository.claimInvoiceNumber(tenantId, data.invoice_number, dossierId);
      // A claim of our own dossier without the invoice in it is a retry finishing its interrupted work.
      if (!claim.created && claim.dossierId !== dossierId)
        return {
          row,
          invoiceNumber: data.invoice_number,
          field: 'invoice_number',
          reason: 'already imported for another debtor',
        };
      return qualifyInvoice(
        {
          number: data.invoice_number,
          amountCents: rowAmountCents(data),
          paidCents: 0,
          currency: data.currency,
          issueDate: data.issue_date,
          dueDate: data.due_date,
          ...(data.performance_date ? { performanceDate: data.performance_date } : {}),
          nature: data.nature ?? defaultNature(creditorType, data.debtor_type),
        },
        data.debtor_type,
      );
    }),
  );
  const rejected = claimed.filter((outcome): outcome is RejectedRow => 'reason' in outcome);
  const added = claimed.filter((outcome): outcome is Invoice => !('reason' in outcome));
  if (added.length === 0) return { accepted: 0, rejected };

  const base: Dossier = existing
    ? {
        ...existing,
        debtor,
        invoices: [...existing.invoices, ...added],
        updatedAt: at,
        version: existing.version + 1,
      }
    : {
        tenantId,
        dossierId,
        creditorType,
        debtor,
        invoices: added,
        scenarioId: chooseScenario(debtor.type, 'new-customer', settings).id,
        segment: 'new-customer',
        ladderStartedOn: today,
        status: 'open',
        levelIndex: -1,
        prescriptionWarnings: [],
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
  // New invoices for a debtor who had paid everything start a new ladder in the same dossier, on
  // the scenario of the segment the debtor's history now puts them in.
  const reopened: Dossier = base.status === 'paid' ? startNewLadder(base, today, settings) : base;
  const scenario = resolveScenario(reopened.scenarioId, settings);
  const qualified = refreshPrescription(reopened, today);
  const next = qualified.nextActionOn ?? firstActionOn(qualified, scenario, today);
  const dossier: Dossier = next ? { ...qualified, nextActionOn: next } : qualified;

  if (existing) await deps.repository.saveDossier(dossier);
  else if (!(await deps.repository.createDossier(dossier))) {
    // Another import created it in between: the caller's retry merges into it.
    throw new Error(`dossier ${dossierId} was created concurrently`);
  }
  await Promise.all(
    added.map((invoice) =>
      deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${today}#INV#${invoice.number}`,
        type: 'invoice-added',
        at,
        day: today,
        actor: 'creditor',
        amountCents: invoice.amountCents,
        invoiceNumbers: [invoice.number],
        legalBasis: [`prescription ${invoice.prescriptionDate}`],
      }),
    ),
  );
  return { accepted: added.length, rejected };
}
