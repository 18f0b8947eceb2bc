import { createHash } from 'node:crypto';
import { ValidationError } from '../../domain/errors';

/**
 * The opaque cursor of `GET /dossiers`: where the last page stopped (the last dossier id and its
 * sort value), for which sort and which filters. It names no storage key: the repository rebuilds
 * its start key inside the caller's tenant, so a cursor forged with another tenant's ids only
 * starts somewhere in the caller's own dossiers. A cursor used with another sort or other filters
 * is refused rather than silently giving a page of something else.
 */
export interface ListCursor {
  sort: string;
  /** Hash of the filters the first page was asked with. */
  query: string;
  after: string;
  value?: string | number;
}

function queryHash(sort: string, filters: object): string {
  const ordered = Object.fromEntries(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256')
    .update(JSON.stringify([sort, ordered]))
    .digest('base64url')
    .slice(0, 16);
}

export function encodeListCursor(input: {
  sort: string;
  filters: object;
  after: string;
  value?: string | number;
}): string {
  const cursor: ListCursor = {
    sort: input.sort,
    query: queryHash(input.sort, input.filters),
    after: input.after,
    ...(input.value !== undefined ? { value: input.value } : {}),
  };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeListCursor(token: string, sort: string, filters: object): ListCursor {
  let cursor: Partial<ListCursor>;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ListCursor>;
  } catch {
    throw new ValidationError('cursor', 'not a cursor this API gave');
  }
  if (typeof cursor?.after !== 'string' || typeof cursor.query !== 'string')
    throw new ValidationError('cursor', 'not a cursor this API gave');
  if (cursor.sort !== sort || cursor.query !== queryHash(sort, filters))
    throw new ValidationError('cursor', 'given with another sort or other filters than its first page');
  const value = cursor.value;
  return {
    sort,
    query: cursor.query,
    after: cursor.after,
    ...(typeof value === 'string' || typeof value === 'number' ? { value } : {}),
  };
}
