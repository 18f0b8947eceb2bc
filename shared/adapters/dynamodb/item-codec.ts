import type { Dossier } from '../../domain/dossier';
import type { Invoice } from '../../domain/parties';
import type { TimelineEvent } from '../../domain/timeline';
import {
  PACK_FROM,
  PACKED_BYTES_LIMIT,
  packInvoices,
  packNumbers,
  unpackInvoices,
  unpackNumbers,
} from './invoice-pack';

/**
 * Domain objects ↔ stored attributes, apart from the keys: the repository adds the keys, this
 * module strips them and packs long invoice lists (invoice-pack.ts). Use cases never see a
 * packed list: a dossier read back has its `invoices` whatever the stored form.
 */

/** The key and bookkeeping attributes the repository adds to every item. */
export function strip<T>(item: Record<string, unknown>): T {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _a,
    GSI1SK: _b,
    GSI2PK: _c,
    GSI2SK: _d,
    GSI3PK: _e,
    GSI3SK: _f,
    entity: _g,
    ...rest
  } = item;
  return rest as T;
}

/**
 * A dossier's attributes: as is up to PACK_FROM invoices; beyond, `invoicesPacked` (Binary) and
 * `invoiceCount` (a number the console shows) replace `invoices`.
 */
export function dossierAttributes(dossier: Dossier): Record<string, unknown> {
  if (dossier.invoices.length <= PACK_FROM) return { ...dossier };
  const { invoices, ...rest } = dossier;
  return { ...rest, invoicesPacked: packInvoices(invoices), invoiceCount: invoices.length };
}

export function dossierFromItem(item: Record<string, unknown>): Dossier {
  const { invoicesPacked, invoiceCount: _count, ...rest } = strip<Record<string, unknown>>(item);
  if (invoicesPacked === undefined) return rest as unknown as Dossier;
  return { ...rest, invoices: unpackInvoices(invoicesPacked as Uint8Array) } as unknown as Dossier;
}

/** Whether a dossier's invoices fit in its one item (always true up to PACK_FROM invoices). */
export function invoicesFitOneItem(invoices: readonly Invoice[]): boolean {
  if (invoices.length <= PACK_FROM) return true;
  return packInvoices(invoices).byteLength <= PACKED_BYTES_LIMIT;
}

/** An event naming many invoices (an action over a large dossier) stores their numbers packed. */
export function eventAttributes(event: TimelineEvent): Record<string, unknown> {
  const numbers = event.invoiceNumbers;
  if (!numbers || numbers.length <= PACK_FROM) return { ...event };
  const { invoiceNumbers: _numbers, ...rest } = event;
  return { ...rest, invoiceNumbersPacked: packNumbers(numbers) };
}

export function eventFromItem(item: Record<string, unknown>): TimelineEvent {
  const { invoiceNumbersPacked, ...rest } = strip<Record<string, unknown>>(item);
  if (invoiceNumbersPacked === undefined) return rest as unknown as TimelineEvent;
  return {
    ...rest,
    invoiceNumbers: unpackNumbers(invoiceNumbersPacked as Uint8Array),
  } as unknown as TimelineEvent;
}
