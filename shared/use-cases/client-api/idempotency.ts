import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '../../domain/errors';

/**
 * `Idempotency-Key` on a write: a client that lost the answer (timeout, dropped connection)
 * sends the same request again with the same key and gets the first answer back, not a second
 * import. The key is kept per tenant with a hash of the body, so the same key with another body
 * (a client bug: two requests under one key) is a 409 rather than a silent wrong answer.
 */

/** What a first request answered, kept under its key. */
export interface StoredAnswer {
  /** SHA-256 (hex) of the request body as parsed then serialised: whitespace does not count. */
  bodyHash: string;
  statusCode: number;
  /** The JSON body sent back. */
  body: unknown;
  storedAt: string;
}

/** Keys of one tenant's idempotent requests (DynamoDB: shared/adapters/dynamodb/idempotency-keys.ts). */
export interface IdempotencyStore {
  get(tenantId: string, scope: string, key: string): Promise<StoredAnswer | undefined>;
  /** Conditional: false when the key is already stored (a concurrent twin got there first). */
  put(tenantId: string, scope: string, key: string, answer: StoredAnswer): Promise<boolean>;
}

/** RFC draft "The Idempotency-Key HTTP Header Field": an opaque string; here 1–255 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = header.trim();
  if (!KEY.test(key)) throw new ValidationError('Idempotency-Key', '1 to 255 visible ASCII characters');
  return key;
}

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export interface IdempotentResult {
  statusCode: number;
  body: unknown;
  /** The answer is the stored one of an earlier request. */
  replayed: boolean;
}

/**
 * Runs `work` once per (tenant, scope, key): a stored answer with the same body hash is returned
 * as is, another hash is a ConflictError. The answer is stored after the work: a crash in between
 * lets the retry run the work again, which is safe because the work itself is idempotent (intake
 * deduplicates invoice numbers); two concurrent twins both run it and the second stores nothing.
 * `store` false: the answer is not kept (a refusal that wrote nothing, which a fix may turn into
 * a success under the same key).
 */
export async function idempotent(
  store: IdempotencyStore,
  request: { tenantId: string; scope: string; key: string; body: unknown; now: string },
  work: () => Promise<{ statusCode: number; body: unknown; store: boolean }>,
): Promise<IdempotentResult> {
  const { tenantId, scope, key } = request;
  const hash = bodyHash(request.body);
  const replay = (stored: StoredAnswer): IdempotentResult => {
    if (stored.bodyHash !== hash) throw new ConflictError('this Idempotency-Key was used with another body');
    return { statusCode: stored.statusCode, body: stored.body, replayed: true };
  };
  const earlier = await store.get(tenantId, scope, key);
  if (earlier) return replay(earlier);
  const answer = await work();
  if (!answer.store) return { statusCode: answer.statusCode, body: answer.body, replayed: false };
  const stored: StoredAnswer = {
    bodyHash: hash,
    statusCode: answer.statusCode,
    body: answer.body,
    storedAt: request.now,
  };
  if (await store.put(tenantId, scope, key, stored)) return { ...answer, replayed: false };
  const twin = await store.get(tenantId, scope, key);
  return twin ? replay(twin) : { ...answer, replayed: false };
}
