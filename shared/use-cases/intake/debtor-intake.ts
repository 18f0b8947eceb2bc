import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { firstActionOn } from '../../domain/escalation';
import type { Channel, Debtor, Invoice } from '../../domain/parties';
import { defaultNature, qualifyInvoice, refreshPrescription } from '../../domain/qualification';
import { chooseScenario, resolveScenario, type ScenarioSettings } from '../../domain/scenario-catalog';
import { segmentOf, withSettledLadder } from '../../domain/segment';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository } from '../ports';
import { fittingCount, LIMIT_REASON, roomFor, STORAGE_REASON } from './dossier-capacity';
import { type DossierIdSettings, dossierIdOf } from './dossier-id';
import { type InvoiceRow, rowAmountCents } from './invoice-row';

/** One accepted line of the file. */
export interface ValidRow {
  row: number;
  data: InvoiceRow;
}

/** A refused line: its number, the invoice, the field at fault and why. */
export interface RejectedRow {
  row: number;
  invoiceNumber: string;
  field: string;
  reason: string;
}

/** What every debtor of one file shares. */
export interface DebtorContext {
  tenantId: string;
  creditorType: Dossier['creditorType'];
  today: LocalDate;
  /** When the file arrived: the dossier's and the events' timestamp. */
  at: string;
  settings: ScenarioSettings;
  /** How the tenant names dossiers (intake/dossier-id.ts); absent: from the ref. */
  ids?: DossierIdSettings;
}

export interface DossierToStore {
  dossier: Dossier;
  isNew: boolean;
}

export interface DebtorPlan {
  accepted: number;
  rejected: RejectedRow[];
  /** `invoice-added`, one per accepted invoice: same id and content on a retry, so written in batches. */
  events: TimelineEvent[];
  /** Absent when no row of the debtor was accepted. */
  store?: DossierToStore;
}

function startNewLadder(dossier: Dossier, today: LocalDate, settings: ScenarioSettings): Dossier {
  const paymentHistory = withSettledLadder(dossier.paymentHistory, dossier.levelIndex);
  const segment = segmentOf(paymentHistory);
  // A closure (settled, written off…) and a pending resume belong to the ladder that ended.
  const { nextActionOn: _previousLadder, closure: _closure, resumeAfter: _resume, ...rest } = dossier;
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

/**
 * A channel marked failing (an e-mail bounced, a wrong number, a letter returned) stays failing
 * while the creditor resends the same contact point, and is tried again once they send a new one.
 */
function stillFailing(previous: Debtor | undefined, next: Debtor): Channel[] {
  if (!previous?.failingChannels) return [];
  // Field by field: a map read back from DynamoDB keeps no key order.
  const fields = ['line1', 'line2', 'postalCode', 'city', 'country'] as const;
  const sameAddress = fields.every((field) => previous.address[field] === next.address[field]);
  return previous.failingChannels.filter((channel) => {
    if (channel === 'email') return previous.email === next.email;
    if (channel === 'letter') return sameAddress;
    return previous.phone === next.phone; // sms and call share the number
  });
}

function debtorFrom(row: InvoiceRow, previous?: Debtor): Debtor {
  const debtor = debtorFields(row, previous);
  const failing = stillFailing(previous, debtor);
  return failing.length > 0 ? { ...debtor, failingChannels: failing } : debtor;
}

function debtorFields(row: InvoiceRow, previous?: Debtor): Debtor {
  return {
    ref: row.debtor_ref,
    type: row.debtor_type,
    name: row.debtor_name,
    ...(row.debtor_email ? { email: row.debtor_email } : previous?.email ? { email: previous.email } : {}),
    ...(row.debtor_phone ? { phone: row.debtor_phone } : previous?.phone ? { phone: previous.phone } : {}),
    address: {
      line1: row.address_line1,
      ...(row.address_line2 ? { line2: row.address_line2 } : {}),
      postalCode: row.postal_code,
      city: row.city,
      country: row.country,
    },
    language: row.language ?? previous?.language ?? 'fr',
    optOuts: previous?.optOuts ?? [],
    ...((row.statement ?? previous?.statement) ? { statement: row.statement ?? previous?.statement } : {}),
  };
}

/**
 * What one debtor's rows make of their dossier: claims each invoice number (deduplication across
 * files), then builds the dossier to store and its `invoice-added` events, without storing them:
 * the caller writes a page of debtors' events in batches, then their dossiers.
 */
export async function planDebtor(
  repository: DossierRepository,
  context: DebtorContext,
  rows: ValidRow[],
  existing: Dossier | undefined,
  /** Claims read beforehand (invoice number → dossier id); a number absent from it is claimed here. */
  claims?: ReadonlyMap<string, string>,
): Promise<DebtorPlan> {
  const { tenantId, creditorType, today, at, settings } = context;
  const dossierId = dossierIdOf(context.ids ?? { tenantId }, rows[0]!.data.debtor_ref);
  const last = rows.at(-1)!.data;
  const debtor = debtorFrom(last, existing?.debtor);
  const known = new Set(existing?.invoices.map((inv) => inv.number));
  let room = roomFor(existing?.invoices.length ?? 0);
  // The debtor's invoice numbers are claimed at once (each claim is its own conditional put).
  const claimed = await Promise.all(
    rows.map(async ({ row, data }): Promise<RejectedRow | Invoice> => {
      if (known.has(data.invoice_number))
        return {
          row,
          invoiceNumber: data.invoice_number,
          field: 'invoice_number',
          reason: 'already imported',
        };
      // Counted before any await, so in file order: the rows past the limit are the last ones.
      if (room === 0)
        return { row, invoiceNumber: data.invoice_number, field: 'invoice_number', reason: LIMIT_REASON };
      room--;
      // A number already claimed needs no write. A new one is claimed by a conditional put, one
      // per number: BatchWriteItem takes no condition, so two files claiming one number for two
      // debtors at once would both read it free, both write, and both keep it (a duplicate).
      const held = claims?.get(data.invoice_number);
      const claim = held
        ? { created: false, dossierId: held }
        : await repository.claimInvoiceNumber(tenantId, data.invoice_number, dossierId);
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
  const storable = claimed.filter((outcome): outcome is Invoice => !('reason' in outcome));
  // Long random invoice numbers can fill the stored dossier before the count limit does.
  const added = storable.slice(0, fittingCount(repository, existing?.invoices ?? [], storable));
  const overflowing = new Set(storable.slice(added.length).map((inv) => inv.number));
  const rejected = claimed.flatMap((outcome, index): RejectedRow[] => {
    if ('reason' in outcome) return [outcome];
    if (!overflowing.has(outcome.number)) return [];
    return [
      {
        row: rows[index]!.row,
        invoiceNumber: outcome.number,
        field: 'invoice_number',
        reason: STORAGE_REASON,
      },
    ];
  });
  if (added.length === 0) return { accepted: 0, rejected, events: [] };

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
  // New invoices for a debtor who had paid everything (or whose dossier was closed: settled,
  // written off, cancelled) start a new ladder in the same dossier, on the scenario of the
  // segment the debtor's history now puts them in.
  const ended = base.status === 'paid' || base.status === 'closed';
  const reopened: Dossier = ended ? startNewLadder(base, today, settings) : base;
  const scenario = resolveScenario(reopened.scenarioId, settings);
  const qualified = refreshPrescription(reopened, today);
  const next = qualified.nextActionOn ?? firstActionOn(qualified, scenario, today);
  const dossier: Dossier = next ? { ...qualified, nextActionOn: next } : qualified;

  const events: TimelineEvent[] = added.map((invoice) => ({
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
  }));
  return { accepted: added.length, rejected, events, store: { dossier, isNew: !existing } };
}

/** Creates or saves the planned dossier (conditional: a concurrent writer fails the file, whose retry merges). */
export async function storeDossier(repository: DossierRepository, store: DossierToStore): Promise<void> {
  const { dossier, isNew } = store;
  if (!isNew) await repository.saveDossier(dossier);
  else if (!(await repository.createDossier(dossier))) {
    throw new Error(`dossier ${dossier.dossierId} was created concurrently`);
  }
}
