import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { S3BlobStore } from '../../../shared/adapters/aws/s3-blob-store';
import { parisDate } from '../../../shared/domain/calendar';
import { type RateCoverage, rateCoverage } from '../../../shared/domain/legal/rate-coverage';
import { DOCUMENTS_BUCKET, type EmbeddedStack, INTAKE_BUCKET, startEmbeddedStack } from '../embedded-stack';
import { FileLogger } from '../file-logger';
import { LaunchesInterruptedError } from '../local-escalation-launcher';
import { openTokenIssuer, type TokenIssuer } from './auth';
import { type DataLayout, dataLayout } from './data-folder';
import { createHttpApi, portOf } from './http-api';
import { InFlight } from './in-flight';
import { asAwsRecord, type S3Endpoint, startS3Endpoint } from './s3-endpoint';
import { Scheduler } from './scheduler';
import { SERVE_SCHEDULES, type ServeSchedule } from './schedules';
import { openClock, type ServerClock } from './server-clock';
import { SmtpMessenger, smtpTransport } from './smtp-messenger';

export interface ServeOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  s3Port: number;
  /** A tenant profile (JSON) dropped as `<tenantId>/tenant.json` in the intake bucket at start. */
  tenantFile?: string;
  tenantId?: string;
  /** Simulated time runs this many times faster than real time (1: real time). */
  clockFactor?: number;
  /** Where simulated time starts (first run; a restart resumes where it stopped). */
  clockStart?: Date;
  /** smtp(s)://user:pass@host:port: e-mails are relayed there as well as kept in the outbox. */
  smtpUrl?: string;
  /**
   * Told after each 02:00 prescription sweep whether the day's half-year is in the rate table
   * (the daily rates check: docs/legal.md §2, "Rates"); `serve` prints a line when it is not.
   */
  onRatesChecked?: (coverage: RateCoverage) => void;
}

export interface RunningServer {
  apiUrl: string;
  s3Endpoint: string;
  buckets: { intake: string; documents: string };
  layout: DataLayout;
  clock: ServerClock;
  scheduler: Scheduler;
  stack: EmbeddedStack;
  tokens: TokenIssuer;
  /** Waits until no intake event, request or schedule run is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** What each schedule starts: the same state machines and functions as the AWS schedules' targets. */
function jobOf(stack: EmbeddedStack, onRatesChecked?: (coverage: RateCoverage) => void) {
  return async (schedule: ServeSchedule, asOf: Date) => {
    const at = asOf.toISOString();
    if (schedule.name === 'prescription-sweep') {
      await stack.runPrescriptionSweep(at);
      onRatesChecked?.(rateCoverage((await stack.deps.rates.current()).table, parisDate(asOf)));
    } else if (schedule.name === 'judicial-sweep') {
      await stack.runJudicialSweep(at);
    } else if (schedule.name === 'retention-sweep') {
      await stack.runRetentionSweep(at);
    } else if (schedule.name === 'overdue-sweep') {
      await stack.runOverdueSweep(at);
      // Stopped mid-sweep: the shards cut short ended as failed, which the sweep tolerates; this
      // run must not be recorded as done, so the next start's catch-up runs it again.
      if (stack.launchesInterrupted())
        throw new LaunchesInterruptedError('overdue sweep interrupted by stop');
    } else if (schedule.name === 'monthly-statements')
      await stack.functions['monthly-statements']!({ asOf: at });
    else await stack.deliverReceipts(parisDate(asOf));
  };
}

/**
 * `recouvrement serve`: the embedded stack as a long-running single-machine deployment. The
 * table, the buckets and the outbox live in the data folder; the schedules run on the server's
 * clock with catch-up; files put through the S3 endpoint go to the intake function; the HTTP API
 * fronts the `api` function. `stop` lets the work in flight finish, then closes everything.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const layout = dataLayout(options.dataDir);
  const logger = new FileLogger(layout.logs);
  const { clock, save: saveClock } = await openClock(layout.clock, {
    factor: options.clockFactor ?? 1,
    ...(options.clockStart ? { start: options.clockStart } : {}),
  });
  const inFlight = new InFlight();
  const tokens = await openTokenIssuer(layout.signingKey);
  const transport = options.smtpUrl ? await smtpTransport(options.smtpUrl) : undefined;

  // The S3 endpoint starts first (the stack's blob store talks to it), its events wait for the stack.
  let deliver: (event: S3Event) => void = () => {};
  const s3: S3Endpoint = await startS3Endpoint({
    directory: layout.s3,
    port: options.s3Port,
    buckets: [INTAKE_BUCKET, DOCUMENTS_BUCKET],
    onObjectCreated: (event) => deliver(event),
  });
  const stack = await startEmbeddedStack({
    outDir: layout.outbox,
    logger,
    dynamoPath: layout.dynamodb,
    // The operators' rate overrides (`recouvrement rates`) are read from the same data folder.
    dataDir: layout.root,
    blobStore: new S3BlobStore(s3.client),
    now: () => clock.now(),
    ...(transport
      ? {
          hooks: {
            messenger: (outbox) =>
              new SmtpMessenger(outbox, transport, join(layout.outbox, 'smtp', 'relayed.jsonl')),
          },
        }
      : {}),
  });

  // One object at a time, as S3's asynchronous invocations of one small function mostly are.
  let intakeQueue: Promise<unknown> = Promise.resolve();
  deliver = (event) => {
    if (event.Records[0]?.s3.bucket.name !== INTAKE_BUCKET) return;
    const record = asAwsRecord(event.Records[0], clock.now());
    intakeQueue = inFlight.track(intakeQueue.then(() => invokeIntake(stack, { Records: [record] }, logger)));
  };

  const scheduler = new Scheduler(
    SERVE_SCHEDULES,
    clock,
    layout.schedules,
    jobOf(stack, options.onRatesChecked),
    logger,
    saveClock,
  );
  const api: Server = createHttpApi({
    api: stack.functions.api!,
    tokens,
    now: () => clock.now(),
    logger,
    health: () => ({ now: clock.now().toISOString() }),
    track: (work) => inFlight.track(work),
  });
  await new Promise<void>((resolve, reject) => {
    api.once('error', reject);
    api.listen(options.port, '127.0.0.1', () => resolve());
  });

  if (options.tenantFile) {
    const body = await readFile(options.tenantFile);
    const Key = `${options.tenantId ?? 'demo'}/tenant.json`;
    await s3.client.send(
      new PutObjectCommand({ Bucket: INTAKE_BUCKET, Key, Body: body, ContentType: 'application/json' }),
    );
  }
  await inFlight.drain();
  await scheduler.start();
  logger.info('serve started', { clock: clock.describe() });

  let stopped: Promise<void> | undefined;
  return {
    apiUrl: `http://127.0.0.1:${portOf(api)}`,
    s3Endpoint: s3.url,
    buckets: { intake: INTAKE_BUCKET, documents: DOCUMENTS_BUCKET },
    layout,
    clock,
    scheduler,
    stack,
    tokens,
    idle: () => inFlight.drain(),
    stop() {
      stopped ??= (async () => {
        const closed = new Promise((resolve) => api.close(resolve));
        api.closeIdleConnections();
        // The scheduler learns it is stopping first (a failed run is then left for catch-up),
        // then a sweep in flight stops after its escalation steps in flight.
        const schedulerStopped = scheduler.stop();
        stack.interruptLaunches();
        await schedulerStopped;
        await inFlight.drain();
        await closed;
        await s3.stop();
        // Events s3rver reported while closing.
        await inFlight.drain();
        await saveClock();
        transport?.close();
        await stack.stop();
        logger.info('serve stopped', {});
        await logger.close();
      })();
      return stopped;
    },
  };
}

/** S3's asynchronous invoke retries a failed event twice; intake is idempotent, so a retry is safe. */
async function invokeIntake(stack: EmbeddedStack, event: S3Event, logger: FileLogger): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await stack.functions.intake!(event);
      return;
    } catch (error) {
      logger.error('intake event failed', { attempt, error: (error as Error).name });
    }
  }
}
