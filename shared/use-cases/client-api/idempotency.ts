import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '../../domain/errors';

/**
 * `Idempotency-Key` on a write: a client that lost the answer (timeout, dropped connection)
 * sends the same request again with the same key and gets the first answer back, not a second
 * import. The key is kept per tenant with a hash of the body, so the same key with another body
 * (a client bug: two requests under one key) is a 409 rather than a silent wrong answer.
 */

/**
 * How long a key is honoured: 24 hours, the common practice of payment APIs (Stripe prunes keys
 * after 24 h) and what the IETF draft expects a server to publish. A client retries a lost
 * answer within minutes; a key reused a day later is a new request. DynamoDB's TTL deletes the
 * item later (up to days), so an expired key is treated as absent when read.
 */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a first request answered, kept under its key. */
export interface StoredAnswer {
  /** SHA-256 (hex) of the request body as parsed then serialised: whitespace does not count. */
  bodyHash: string;
  statusCode: number;
  /** The JSON body sent back. */
  body: unknown;
  storedAt: string;
  /** storedAt + IDEMPOTENCY_KEY_TTL_MS: from then on the key is free again. */
  expiresAt: string;
}

/** Keys of one tenant's idempotent requests (DynamoDB: shared/adapters/dynamodb/idempotency-keys.ts). */
export interface IdempotencyStore {
  /** The answer kept under the key, unless it expired at or before `now` (ISO instant). */
  get(tenantId: string, scope: string, key: string, now: string): Promise<StoredAnswer | undefined>;
  /**
   * Conditional: false when the key is already stored and not expired at `answer.storedAt` (a
   * concurrent twin got there first); an expired one is replaced.
   */
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
  const earlier = await store.get(tenantId, scope, key, request.now);
  if (earlier) return replay(earlier);
  const answer = await work();
  if (!answer.store) return { statusCode: answer.statusCode, body: answer.body, replayed: false };
  const stored: StoredAnswer = {
    bodyHash: hash,
    statusCode: answer.statusCode,
    body: answer.body,
    storedAt: request.now,
    expiresAt: new Date(Date.parse(request.now) + IDEMPOTENCY_KEY_TTL_MS).toISOString(),
  };
  if (await store.put(tenantId, scope, key, stored)) return { ...answer, replayed: false };
  const twin = await store.get(tenantId, scope, key, request.now);
  return twin ? replay(twin) : { ...answer, replayed: false };
}
