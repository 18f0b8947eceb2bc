import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  BlobStore,
  CallMessage,
  EmailMessage,
  EscalationLauncher,
  LetterMessage,
  Logger,
  Messenger,
  SmsMessage,
} from '../../../shared/use-cases/ports';
import type { ExecutionRecord, LocalFunction } from '../asl-runner';
import type { EmbeddedHooks } from '../embedded-stack';

/**
 * Billable units an embedded run used, counted where AWS would count them: at the Lambda
 * boundary, on each DynamoDB request, each S3 request, each message, each execution.
 * Figures are the run's; docs/cost.md says which are measured and which are modelled.
 */
export interface Usage {
  /** Per function folder: invocations and the sum of durations rounded up to the ms (Lambda's billing grain). */
  lambda: Record<string, { invocations: number; billedMs: number }>;
  /** Per state machine: executions, state transitions (states entered) and total duration. */
  executions: Record<string, { count: number; transitions: number; durationMs: number; failed: number }>;
  /**
   * The sweep's launcher: calls, dossiers started, StartExecution calls (one per page of
   * STEP_PAGE_SIZE dossiers), and the time dispatch-due waited for the steps (on AWS
   * StartExecution returns at once).
   */
  launcher: { calls: number; started: number; executions: number; waitedMs: number };
  dynamo: { wru: number; rru: number; requests: Record<string, number>; conditionalFailures: number };
  s3: { put: number; get: number; putBytes: number };
  messages: {
    email: number;
    sms: number;
    smsSegments: number;
    letter: number;
    registeredLetter: number;
    call: number;
  };
  /** Application log bytes (the JSON lines the Powertools logger would write). */
  logBytes: number;
  logLines: number;
}

export function emptyUsage(): Usage {
  return {
    lambda: {},
    executions: {},
    launcher: { calls: 0, started: 0, executions: 0, waitedMs: 0 },
    dynamo: { wru: 0, rru: 0, requests: {}, conditionalFailures: 0 },
    s3: { put: 0, get: 0, putBytes: 0 },
    messages: { email: 0, sms: 0, smsSegments: 0, letter: 0, registeredLetter: 0, call: 0 },
    logBytes: 0,
    logLines: 0,
  };
}

type AttributeValue = Record<string, unknown>;

/** Size of an attribute value by DynamoDB's rules (strings in UTF-8, numbers ~1 byte per 2 digits, +1 per list/map element). */
export function attributeValueSize(value: AttributeValue): number {
  const [type, inner] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(inner));
    case 'N':
      return Math.ceil(String(inner).replace(/^-|\./g, '').length / 2) + 1;
    case 'B':
      return (inner as Uint8Array).byteLength ?? 0;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
    case 'NS':
      return (inner as string[]).reduce((sum, v) => sum + attributeValueSize({ [type[0]!]: v }), 0);
    case 'L':
      return 3 + (inner as AttributeValue[]).reduce((sum, v) => sum + 1 + attributeValueSize(v), 0);
    case 'M':
      return 3 + itemSize(inner as Record<string, AttributeValue>) + Object.keys(inner as object).length;
    default:
      return Buffer.byteLength(JSON.stringify(inner));
  }
}

/** Bytes DynamoDB bills an item for: attribute names plus values. */
export function itemSize(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item))
    size += Buffer.byteLength(name) + attributeValueSize(value);
  return size;
}

/** The same size rules on a plain (unmarshalled) item, as the document client returns it. */
export function plainItemSize(item: Record<string, unknown>): number {
  const valueSize = (value: unknown): number => {
    if (typeof value === 'string') return Buffer.byteLength(value);
    if (typeof value === 'number') return Math.ceil(String(value).replace(/^-|\./g, '').length / 2) + 1;
    if (typeof value === 'boolean' || value === null || value === undefined) return 1;
    if (value instanceof Uint8Array) return value.byteLength;
    if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
    if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
    const entries = Object.entries(value as object);
    return 3 + entries.reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueSize(v), 0);
  };
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

/** Write request units of one item write: 1 per KB, at least 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

const INDEX_PARTITION_KEYS = ['GSI1PK', 'GSI2PK', 'GSI3PK'];

/**
 * Index writes an item put causes: each global index the item belongs to is one more write of
 * its size (projection ALL). An overwrite (a conditional put that is not a create) may move the
 * item within the index, which DynamoDB bills as a delete and a put: counted as 2, the upper bound.
 */
export function indexWriteUnits(item: Record<string, AttributeValue>, overwrite: boolean): number {
  const units = writeUnits(itemSize(item));
  const indexes = INDEX_PARTITION_KEYS.filter((key) => key in item).length;
  return indexes * units * (overwrite ? 2 : 1);
}

function capacityOf(output: unknown): number {
  const consumed = (output as { ConsumedCapacity?: unknown })?.ConsumedCapacity;
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce(
    (sum: number, c) => sum + Number((c as { CapacityUnits?: number }).CapacityUnits ?? 0),
    0,
  );
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/**
 * Counts request units on every call the client sends: asks dynalite for the consumed capacity
 * of the table (it applies DynamoDB's size rules) and adds the global index writes it leaves out.
 * A failed conditional write still costs its units on DynamoDB: counted too.
 */
export function meterDynamoClient(client: DynamoDBClient, usage: Usage): void {
  client.middlewareStack.add(
    (next) => async (args) =>
      next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } }),
    { step: 'initialize', name: 'costMeterAskCapacity', priority: 'high' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      usage.dynamo.requests[operation] = (usage.dynamo.requests[operation] ?? 0) + 1;
      const item = input.Item as Record<string, AttributeValue> | undefined;
      try {
        const result = await next(args);
        const units = capacityOf(result.output);
        if (READS.has(operation)) usage.dynamo.rru += units;
        else usage.dynamo.wru += units;
        if (operation === 'PutItem' && item) {
          const condition = String(input.ConditionExpression ?? '');
          usage.dynamo.wru += indexWriteUnits(
            item,
            condition !== '' && !condition.includes('attribute_not_exists'),
          );
        }
        // DynamoDB Local's or AWS's transactions (the intake's claims and dossiers): its consumed
        // capacity already counts 2 units a KB; the index writes come on top, at the normal rate.
        if (operation === 'TransactWriteItems') {
          type Action = { Put?: { Item: Record<string, AttributeValue>; ConditionExpression?: string } };
          for (const { Put } of input.TransactItems as Action[]) {
            const condition = String(Put?.ConditionExpression ?? '');
            if (Put)
              usage.dynamo.wru += indexWriteUnits(
                Put.Item,
                condition !== '' && !condition.includes('attribute_not_exists'),
              );
          }
        }
        if (operation === 'BatchWriteItem') {
          for (const requests of Object.values(input.RequestItems as Record<string, unknown[]>))
            for (const request of requests as { PutRequest?: { Item: Record<string, AttributeValue> } }[])
              if (request.PutRequest) usage.dynamo.wru += indexWriteUnits(request.PutRequest.Item, false);
        }
        return result;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          usage.dynamo.conditionalFailures++;
          usage.dynamo.wru += item ? writeUnits(itemSize(item)) : 1;
        }
        throw error;
      }
    },
    { step: 'build', name: 'costMeterCount' },
  );
}

export function meterMessenger(messenger: Messenger, usage: Usage): Messenger {
  const m = usage.messages;
  return {
    sendEmail: (message: EmailMessage) => {
      m.email++;
      return messenger.sendEmail(message);
    },
    sendSms: (message: SmsMessage) => {
      m.sms++;
      // GSM-7: 160 characters, 153 per part beyond; other text: 70 / 67 (what SMS providers bill).
      const gsm = /^[\x20-\x7E\n\r€éèùìòÇØøÅåÉÆæßÄÖÑÜäöñüà]*$/.test(message.text);
      const [single, part] = gsm ? [160, 153] : [70, 67];
      m.smsSegments += message.text.length <= single ? 1 : Math.ceil(message.text.length / part);
      return messenger.sendSms(message);
    },
    sendLetter: (message: LetterMessage) => {
      if (message.registered) m.registeredLetter++;
      else m.letter++;
      return messenger.sendLetter(message);
    },
    announceCall: (message: CallMessage) => {
      m.call++;
      return messenger.announceCall(message);
    },
  };
}

export function meterBlobStore(store: BlobStore, usage: Usage): BlobStore {
  return {
    get: (bucket, key) => {
      usage.s3.get++;
      return store.get(bucket, key);
    },
    put: (bucket, key, body, contentType) => {
      usage.s3.put++;
      usage.s3.putBytes += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      return store.put(bucket, key, body, contentType);
    },
  };
}

export function meterLambda(name: string, fn: LocalFunction, usage: Usage): LocalFunction {
  return async (payload) => {
    const began = performance.now();
    try {
      return await fn(payload);
    } finally {
      usage.lambda[name] ??= { invocations: 0, billedMs: 0 };
      const entry = usage.lambda[name]!;
      entry.invocations++;
      entry.billedMs += Math.max(1, Math.ceil(performance.now() - began));
    }
  };
}

export function meterLauncher(launcher: EscalationLauncher, usage: Usage): EscalationLauncher {
  return {
    start: async (inputs) => {
      const began = performance.now();
      try {
        await launcher.start(inputs);
      } finally {
        usage.launcher.calls++;
        usage.launcher.started += inputs.length;
        usage.launcher.executions += inputs.length;
        usage.launcher.waitedMs += performance.now() - began;
      }
    },
    // One StartExecution per page: `calls` counts the sweep's launcher calls, `started` the dossiers.
    startPages: async (pages) => {
      const began = performance.now();
      try {
        await launcher.startPages(pages);
      } finally {
        usage.launcher.calls++;
        usage.launcher.started += pages.reduce((sum, page) => sum + page.dossiers.length, 0);
        usage.launcher.executions += pages.length;
        usage.launcher.waitedMs += performance.now() - began;
      }
    },
  };
}

export function recordExecution(record: ExecutionRecord, usage: Usage): void {
  usage.executions[record.machine] ??= { count: 0, transitions: 0, durationMs: 0, failed: 0 };
  const entry = usage.executions[record.machine]!;
  entry.count++;
  entry.transitions += record.transitions;
  entry.durationMs += record.durationMs;
  if (record.failed) entry.failed++;
}

/** A logger that counts what it would write (bytes of the JSON line Powertools emits) and passes it on. */
export function meterLogger(logger: Logger, usage: Usage): Logger {
  // Powertools adds level, message, timestamp, service, cold start, function name/arn/version, request id.
  const envelope = 260;
  const count = (message: string, attributes?: Record<string, unknown>) => {
    usage.logLines++;
    usage.logBytes += envelope + message.length + (attributes ? JSON.stringify(attributes).length : 0);
  };
  return {
    debug: (message, attributes) => logger.debug(message, attributes),
    info: (message, attributes) => {
      count(message, attributes);
      logger.info(message, attributes);
    },
    warn: (message, attributes) => {
      count(message, attributes);
      logger.warn(message, attributes);
    },
    error: (message, attributes) => {
      count(message, attributes);
      logger.error(message, attributes);
    },
  };
}

/** The hooks that make an embedded stack count into `usage` (pass the logger through meterLogger too). */
export function meteringHooks(usage: Usage): EmbeddedHooks {
  return {
    dynamoClient: (client) => meterDynamoClient(client, usage),
    messenger: (messenger) => meterMessenger(messenger, usage),
    blobs: (store) => meterBlobStore(store, usage),
    launcher: (launcher) => meterLauncher(launcher, usage),
    lambda: (name, fn) => meterLambda(name, fn, usage),
    execution: (record) => recordExecution(record, usage),
  };
}
