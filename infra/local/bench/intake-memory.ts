import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDossierRepository } from '../../../shared/adapters/dynamodb/dossier-repository';
import { FolderBlobStore } from '../../../shared/adapters/local/folder-blob-store';
import { parisInstant } from '../../../shared/domain/calendar';
import { intakeObject } from '../../../shared/use-cases/intake/intake-object';
import { registerTenant } from '../../../shared/use-cases/intake/register-tenant';
import { startLocalDynamo } from '../dynamo';
import { type ChildMeasurement, measureInChild } from './child';
import { BENCH_TENANT, BENCH_TENANT_PROFILE, invoiceCsv } from './data';
import { seconds, silentLogger, withTempDir } from './support';

export interface IntakeMemoryOptions {
  rows: number;
  seed: number;
}

export interface IntakeMemoryResult {
  rows: number;
  accepted: number;
  dossiers: number;
  seconds: number;
}

/** What the child is given: where the table listens and where the file lies. */
interface ChildOptions {
  endpoint: string;
  tableName: string;
  root: string;
  key: string;
  rows: number;
}

const TODAY = '2026-01-05';
const BUCKET = 'intake';

/**
 * Child side: only the intake of one file, as the intake Lambda runs it (the object read as a
 * stream from the bucket, the real repository), against a table served by another process, so
 * the child's peak RSS is the intake's alone (the embedded stack's dynalite holds every item it
 * stores in memory, and would count in it).
 */
export async function intakeAlone(options: ChildOptions): Promise<IntakeMemoryResult> {
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // With transactions, as the Lambda's repository (repository-from-config.ts): the parent's store,
  // dynalite or DynamoDB Local, runs TransactWriteItems (infra/local/dynalite-transactions.mjs).
  const repository = new DynamoDossierRepository(client, options.tableName, 16, { transactions: true });
  const deps = {
    repository,
    tenants: repository,
    blobs: new FolderBlobStore(options.root),
    logger: silentLogger,
  };
  try {
    const began = performance.now();
    const outcome = await intakeObject(deps, {
      bucket: BUCKET,
      key: options.key,
      receivedAt: parisInstant(TODAY, 8, 30),
    });
    const elapsed = seconds(began);
    if (outcome.kind !== 'invoices') throw new Error(`the bench file was not ingested (${outcome.kind})`);
    if (outcome.report.accepted !== options.rows)
      throw new Error(`intake accepted ${outcome.report.accepted} of ${options.rows} rows`);
    return {
      rows: options.rows,
      accepted: outcome.report.accepted,
      dossiers: outcome.report.dossiers,
      seconds: elapsed,
    };
  } finally {
    client.destroy();
  }
}

/**
 * Parent side: dynalite in this process, the bench CSV written to a folder bucket, then the
 * intake in a child process whose peak RSS (ru_maxrss) is the figure held against the target.
 */
export async function measureIntakeMemory(
  options: IntakeMemoryOptions,
): Promise<ChildMeasurement<IntakeMemoryResult>> {
  return withTempDir('bench-intake-memory', async (root) => {
    const dynamo = await startLocalDynamo();
    try {
      const repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 16);
      await registerTenant(
        { repository, logger: silentLogger },
        { tenantId: BENCH_TENANT, body: JSON.stringify(BENCH_TENANT_PROFILE) },
      );
      const key = `${BENCH_TENANT}/${TODAY}/invoices.csv`;
      await mkdir(join(root, BUCKET, BENCH_TENANT, TODAY), { recursive: true });
      await writeFile(join(root, BUCKET, key), invoiceCsv(options.rows, options.seed, TODAY));
      const child: ChildOptions = {
        endpoint: dynamo.endpoint,
        tableName: dynamo.tableName,
        root,
        key,
        rows: options.rows,
      };
      return await measureInChild<IntakeMemoryResult>('intake-alone', child);
    } finally {
      await dynamo.stop();
    }
  });
}
