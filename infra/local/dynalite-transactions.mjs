// TransactWriteItems for dynalite, which has none: the embedded store then takes the path AWS
// takes (the intake's invoice claims and dossiers, 100 conditional puts a request:
// shared/adapters/dynamodb/invoice-claims.ts, dossier-transactions.ts) instead of one request per
// conditional put. Plain JavaScript: it runs on dynalite's thread (dynalite-thread.mjs), which
// has no TypeScript loader.
//
// What it keeps of DynamoDB's contract (docs/scaling.md, "Transactions on the embedded dynalite"):
// - all or nothing: every item's key is locked (the same per-key locks dynalite's own PutItem,
//   UpdateItem, DeleteItem and BatchWriteItem take), every condition is checked, and only when
//   all hold is any item written; otherwise TransactionCanceledException with one
//   CancellationReason per action, in order, and nothing written;
// - no two actions on one item, at most 100 actions, one table;
// - a ClientRequestToken already answered with success in the last 10 minutes is answered
//   with success again, without writing (an SDK retry of a transaction that landed).
// What it leaves out: Put and ConditionCheck only (no Update or Delete: nothing here sends them);
// a read between two of its item writes can see the first and not yet the second (each item is
// whole). The project only reads single items or pages of independent items, so nothing it does
// depends on that isolation.
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

const require = createRequire(import.meta.url);
const db = require('dynalite/db/index.js');
const validations = require('dynalite/validations/index.js');
const putItemRules = require('dynalite/validations/putItem.js');

export const TRANSACT_WRITE_TARGET = 'DynamoDB_20120810.TransactWriteItems';
const MAX_ACTIONS = 100;
const TOKEN_MS = 10 * 60 * 1000;
const CANCELLED = 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';

class RequestError extends Error {
  constructor(type, message, extra = {}) {
    super(message);
    this.body = { __type: type, message, ...extra };
  }
}

/** Parsed condition expressions kept (a few distinct ones in practice; the bound guards memory). */
const CONDITIONS_KEPT = 1000;
const conditions = new Map();

const call = (fn) =>
  new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));

/** Each action checked as dynalite checks a PutItem (types, expressions → `_condition`). */
function parseAction(store, action, index) {
  const kind = action?.Put ? 'Put' : action?.ConditionCheck ? 'ConditionCheck' : undefined;
  if (!kind || Object.keys(action).length !== 1)
    throw new RequestError(
      VALIDATION,
      `TransactItems[${index}]: the embedded store runs Put and ConditionCheck actions only`,
    );
  const body = kind === 'Put' ? action.Put : { ...action.ConditionCheck, Item: action.ConditionCheck.Key };
  if (kind === 'ConditionCheck' && !body.ConditionExpression)
    throw new RequestError(
      VALIDATION,
      `TransactItems[${index}]: a ConditionCheck needs a ConditionExpression`,
    );
  try {
    const data = validations.checkTypes({ ...body }, putItemRules.types);
    if (!data.ConditionExpression) {
      validations.checkValidations(data, putItemRules.types, putItemRules.custom, store);
      return { kind, data };
    }
    // dynalite parses an expression with a PEG parser on every request; an intake's transactions
    // repeat one or two (`attribute_not_exists(PK)`, `version = :read`), so each distinct
    // expression, names and values is parsed and checked once, its parse kept for the others.
    const expression = JSON.stringify([
      data.ConditionExpression,
      data.ExpressionAttributeNames ?? null,
      data.ExpressionAttributeValues ?? null,
    ]);
    const parsed = conditions.get(expression);
    if (!parsed) {
      validations.checkValidations(data, putItemRules.types, putItemRules.custom, store);
      if (conditions.size >= CONDITIONS_KEPT) conditions.clear();
      conditions.set(expression, data._condition);
      return { kind, data };
    }
    const {
      ConditionExpression: _expression,
      ExpressionAttributeNames: _names,
      ExpressionAttributeValues: _values,
      ...item
    } = data;
    validations.checkValidations(item, putItemRules.types, putItemRules.custom, store);
    return { kind, data: { ...item, _condition: parsed } };
  } catch (error) {
    if (error.body)
      throw new RequestError(error.body.__type ?? VALIDATION, error.body.message ?? error.message);
    throw error;
  }
}

/**
 * Runs one TransactWriteItems request against dynalite's store; resolves to the response body.
 * `fingerprint` stands for the request's bytes (a retry sends the same), kept with its token.
 */
export async function transactWriteItems(store, request, tokens, fingerprint) {
  const items = request?.TransactItems;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ACTIONS)
    throw new RequestError(VALIDATION, `TransactItems must hold 1 to ${MAX_ACTIONS} actions`);
  const token = request.ClientRequestToken;
  forgetOldTokens(tokens);
  const landed = token ? tokens.get(token) : undefined;
  if (landed) {
    if (landed.fingerprint !== fingerprint)
      throw new RequestError(
        'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException',
        'ClientRequestToken reused with other parameters',
      );
    return {};
  }
  const actions = items.map((action, index) => parseAction(store, action, index));
  const tableName = actions[0].data.TableName;
  if (actions.some(({ data }) => data.TableName !== tableName))
    throw new RequestError(VALIDATION, 'the embedded store runs transactions on one table');
  const table = await call((done) => store.getTable(tableName, done));
  const keys = actions.map(({ kind, data }) => {
    const invalid = kind === 'Put' ? db.validateItem(data.Item, table) : db.validateKey(data.Item, table);
    if (invalid) throw new RequestError(VALIDATION, invalid.body?.message ?? invalid.message);
    return db.createKey(data.Item, table);
  });
  if (new Set(keys).size !== keys.length)
    throw new RequestError(VALIDATION, 'Transaction request cannot include multiple operations on one item');
  const itemDb = store.getItemDb(tableName);
  // The lock module takes every key of the array in one synchronous pass, queued in arrival
  // order on each key: two transactions sharing keys cannot each hold a part and wait on the other.
  const release = await new Promise((resolve) => itemDb.lock(keys, resolve));
  const unlock = release(() => undefined);
  let units = 0;
  try {
    const existing = await Promise.all(
      keys.map((key) =>
        call((done) =>
          itemDb.get(key, (error, item) => done(error?.name === 'NotFoundError' ? null : error, item)),
        ),
      ),
    );
    const failed = actions.map(({ data }, index) => db.checkConditional(data, existing[index]) != null);
    if (failed.some(Boolean)) {
      const reasons = failed.map((fails) =>
        fails
          ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
          : { Code: 'None' },
      );
      throw new RequestError(
        CANCELLED,
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        { CancellationReasons: reasons },
      );
    }
    for (const [index, { kind, data }] of actions.entries()) {
      // DynamoDB bills a transactional write 2 units a KB of the larger of old and new item, a
      // ConditionCheck as a read (left out: nothing here sends one for the cost figures).
      if (kind === 'Put')
        units +=
          2 *
          db.addConsumedCapacity(
            { ReturnConsumedCapacity: 'TOTAL', TableName: tableName },
            false,
            existing[index],
            data.Item,
          ).CapacityUnits;
      if (kind !== 'Put') continue;
      await call((done) => db.updateIndexes(store, table, existing[index], data.Item, done));
      await call((done) => itemDb.put(keys[index], data.Item, done));
    }
  } finally {
    unlock();
  }
  if (token) tokens.set(token, { fingerprint, at: Date.now() });
  // As DynamoDB answers it: one entry a table (the cost meter reads it, infra/local/cost/meter.ts).
  return ['TOTAL', 'INDEXES'].includes(request.ReturnConsumedCapacity)
    ? { ConsumedCapacity: [{ TableName: tableName, CapacityUnits: units }] }
    : {};
}

function forgetOldTokens(tokens) {
  const oldest = Date.now() - TOKEN_MS;
  // A Map iterates in insertion order, which is the order the tokens landed in.
  for (const [token, { at }] of tokens) {
    if (at >= oldest) return;
    tokens.delete(token);
  }
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('x-amz-crc32', crc32(text));
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * Puts a TransactWriteItems handler in front of dynalite's own request handler: every other
 * request reaches dynalite unchanged.
 */
export function serveTransactions(server, store) {
  const [dynaliteHandler] = server.listeners('request');
  const tokens = new Map();
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    if (req.method !== 'POST' || req.headers['x-amz-target'] !== TRANSACT_WRITE_TARGET) {
      dynaliteHandler(req, res);
      return;
    }
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => {
      let request;
      const bytes = Buffer.concat(parts);
      // A checksum and length, not the request: a page's dossiers are megabytes, kept 10 minutes.
      const fingerprint = `${bytes.length}:${crc32(bytes)}`;
      try {
        request = JSON.parse(bytes.toString('utf8'));
      } catch {
        send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
        return;
      }
      transactWriteItems(store, request, tokens, fingerprint).then(
        (body) => send(res, 200, body),
        (error) =>
          error instanceof RequestError
            ? send(res, 400, error.body)
            : error?.body && error.statusCode // dynalite's own (an unknown table…)
              ? send(res, error.statusCode, error.body)
              : send(res, 500, {
                  __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
                  message: String(error),
                }),
      );
    });
  });
}
