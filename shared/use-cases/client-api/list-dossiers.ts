import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../../domain/calendar';
import { dossierIdFor } from '../../domain/dossier';
import { ValidationError } from '../../domain/errors';
import { findTenant } from '../find-tenant';
import { dossierIdOf } from '../intake/dossier-id';
import type { DossierRepository, Page, TenantDirectory } from '../ports';
import { type DossierSummary, summaryOf } from './dossier-summary';
import { decodeListCursor, encodeListCursor, type ListCursor } from './list-cursor';

/**
 * `GET /dossiers`: a tenant's dossiers, filtered, sorted, in pages with an opaque cursor.
 * Sorted by dossier id (the default) it pages along the per-tenant index, reading only what the
 * page needs; sorted by a date or an amount it reads the tenant's index partition once per page
 * and sorts in memory (docs/data-model.md, pattern 12b: a dedicated index per sort is the step
 * beyond some tens of thousands of dossiers per creditor). Never another tenant's partition.
 */

const date = z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)');
const days = z.coerce.number({ error: 'not a number' }).int('a whole number of days').min(0);
const STATUSES = ['open', 'paid', 'disputed', 'prescribed', 'judicial', 'closed'] as const;
const SORT_FIELDS = [
  'dossierId',
  'nextActionOn',
  'prescriptionDate',
  'daysOverdue',
  'outstandingCents',
] as const;
export const DOSSIER_SORTS = [...SORT_FIELDS, ...SORT_FIELDS.map((field) => `-${field}` as const)] as const;

export const dossierListQuerySchema = z
  .object({
    /** One status or several, comma-separated (a repeated parameter arrives joined by commas). */
    status: z
      .string()
      .transform((text) => text.split(',').map((part) => part.trim()))
      .pipe(z.array(z.enum(STATUSES, { error: `expected one or more of: ${STATUSES.join(', ')}` })))
      .optional(),
    /** The scenario level reached: -1 before the first action, 0 after the first… */
    level: z.coerce.number({ error: 'not a number' }).int('a whole number').min(-1).optional(),
    /** The creditor's own debtor reference, as in the intake file. */
    debtorRef: z.string().min(1).max(64).optional(),
    minDaysOverdue: days.optional(),
    maxDaysOverdue: days.optional(),
    /** Outstanding amount bounds, integer cents, both included (the dashboard's amount filter). */
    minOutstandingCents: z.coerce.number({ error: 'not a number' }).int('whole cents').min(0).optional(),
    maxOutstandingCents: z.coerce.number({ error: 'not a number' }).int('whole cents').min(0).optional(),
    nextActionFrom: date.optional(),
    nextActionTo: date.optional(),
    /** Dossiers whose earliest prescription date falls before this day. */
    prescriptionBefore: date.optional(),
    /** A field, `-` first for descending. */
    sort: z
      .enum(DOSSIER_SORTS, { error: `expected one of: ${DOSSIER_SORTS.join(', ')}` })
      .default('dossierId'),
    limit: z.coerce.number({ error: 'not a number' }).int('a whole number').min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

export type DossierListQuery = z.infer<typeof dossierListQuerySchema>;

type Filters = Omit<DossierListQuery, 'sort' | 'limit' | 'cursor'>;

function matches(summary: DossierSummary, filters: Filters): boolean {
  const { status, level, minDaysOverdue, maxDaysOverdue, nextActionFrom, nextActionTo } = filters;
  if (status && !status.includes(summary.status)) return false;
  if (level !== undefined && summary.levelIndex !== level) return false;
  const overdue = summary.daysOverdue;
  if (minDaysOverdue !== undefined && (overdue === undefined || overdue < minDaysOverdue)) return false;
  if (maxDaysOverdue !== undefined && (overdue === undefined || overdue > maxDaysOverdue)) return false;
  const { minOutstandingCents: minCents, maxOutstandingCents: maxCents } = filters;
  if (minCents !== undefined && summary.outstandingCents < minCents) return false;
  if (maxCents !== undefined && summary.outstandingCents > maxCents) return false;
  const next = summary.nextActionOn;
  if (nextActionFrom && (!next || next < nextActionFrom)) return false;
  if (nextActionTo && (!next || next > nextActionTo)) return false;
  const prescription = summary.prescriptionDate;
  if (filters.prescriptionBefore && (!prescription || prescription >= filters.prescriptionBefore))
    return false;
  return true;
}

/** Index pages read per listing page: filters may skip many dossiers. */
const INDEX_PAGE = 100;

export async function listDossiers(
  deps: { repository: DossierRepository; tenants?: TenantDirectory },
  input: { tenantId: string; query: DossierListQuery; today: LocalDate },
): Promise<Page<DossierSummary>> {
  const { tenantId, query, today } = input;
  const { sort, limit, cursor: token, ...filters } = query;
  const cursor = token ? decodeListCursor(token, sort, filters) : undefined;
  const keep = (summaries: DossierSummary[]) => summaries.filter((summary) => matches(summary, filters));

  // The debtor reference names the dossier under the tenant's id scheme (intake/dossier-id.ts):
  // one read, whatever the tenant's size; a keyed tenant's dossiers created before it switched
  // keep their DOS-<ref> id, read second.
  if (filters.debtorRef !== undefined) {
    if (cursor) return { items: [] };
    const ref = filters.debtorRef;
    const tenant = await findTenant(deps.tenants, tenantId);
    const ids = [...new Set([dossierIdOf({ tenantId, ...idSettings(tenant) }, ref), dossierIdFor(ref)])];
    for (const id of ids) {
      const dossier = await deps.repository.getDossier(tenantId, id);
      if (dossier && dossier.debtor.ref === ref) return { items: keep([summaryOf(dossier, today)]) };
    }
    return { items: [] };
  }
  const descending = sort.startsWith('-');
  const field = sort.replace(/^-/, '') as (typeof SORT_FIELDS)[number];
  const page = (after: string | undefined) =>
    deps.repository.pageTenantDossiers(tenantId, {
      ...(after ? { after } : {}),
      descending: field === 'dossierId' && descending,
      limit: INDEX_PAGE,
    });

  if (field === 'dossierId') {
    const items: DossierSummary[] = [];
    let after = cursor?.after;
    for (;;) {
      const read = await page(after);
      for (const summary of keep(read.items.map((dossier) => summaryOf(dossier, today)))) {
        items.push(summary);
        if (items.length === limit) {
          const more = summary.dossierId !== read.items.at(-1)?.dossierId || read.last !== undefined;
          return more
            ? { items, cursor: encodeListCursor({ sort, filters, after: summary.dossierId }) }
            : { items };
        }
      }
      if (!read.last) return { items };
      after = read.last;
    }
  }

  const all: DossierSummary[] = [];
  let after: string | undefined;
  do {
    const read = await page(after);
    all.push(...keep(read.items.map((dossier) => summaryOf(dossier, today))));
    after = read.last;
  } while (after);
  const sorted = all.sort((a, b) => compare(a, b, field, descending));
  const start = cursor ? sorted.findIndex((summary) => isAfter(summary, cursor, field, descending)) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  if (!last || rest.length <= limit) return { items };
  const value = last[field];
  return {
    items,
    cursor: encodeListCursor({
      sort,
      filters,
      after: last.dossierId,
      ...(value !== undefined ? { value } : {}),
    }),
  };
}

type SortValue = string | number | undefined;

/** Ascending or descending on the field, dossiers without a value last either way, ties by id. */
function order(a: SortValue, aId: string, b: SortValue, bId: string, descending: boolean): number {
  if (a !== b) {
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return (a < b ? -1 : 1) * (descending ? -1 : 1);
  }
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

function compare(a: DossierSummary, b: DossierSummary, field: string, descending: boolean): number {
  const value = (summary: DossierSummary) => summary[field as keyof DossierSummary] as SortValue;
  return order(value(a), a.dossierId, value(b), b.dossierId, descending);
}

/** Keyset paging: the first dossier sorting after the cursor's (value, id), so a change between pages skips nobody. */
function isAfter(summary: DossierSummary, cursor: ListCursor, field: string, descending: boolean): boolean {
  const value = summary[field as keyof DossierSummary] as SortValue;
  return order(value, summary.dossierId, cursor.value, cursor.after, descending) > 0;
}

export function checkQueryRanges(query: DossierListQuery): void {
  const { minDaysOverdue, maxDaysOverdue, nextActionFrom, nextActionTo } = query;
  if (minDaysOverdue !== undefined && maxDaysOverdue !== undefined && maxDaysOverdue < minDaysOverdue)
    throw new ValidationError('maxDaysOverdue', 'below minDaysOverdue');
  if (nextActionFrom && nextActionTo && nextActionTo < nextActionFrom)
    throw new ValidationError('nextActionTo', 'before nextActionFrom');
}

/** The id scheme of a tenant's profile (absent profile or setting: readable ids). */
function idSettings(tenant: { dossierIds?: 'ref' | 'keyed'; dossierIdKey?: string } | undefined) {
  return {
    ...(tenant?.dossierIds ? { dossierIds: tenant.dossierIds } : {}),
    ...(tenant?.dossierIdKey ? { dossierIdKey: tenant.dossierIdKey } : {}),
  };
}
