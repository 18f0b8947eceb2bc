import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { localS3Client } from '../../infra/local/serve/s3-endpoint';
import type { RunningServer } from '../../infra/local/serve/server';

export const ROOT = join(import.meta.dirname, '..', '..');
export const TENANT_FILE = join(ROOT, 'samples', 'tenant.json');

export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'recouvrement-serve-'));
}

export function removeDir(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language;statement';

/** Two debtors, three invoices, long overdue: the first overdue sweep owes each a reminder. */
export function invoicesCsv(prefix: string): string {
  return [
    HEADER,
    `${prefix}-1;${prefix}C1;professional;SARL Exemple Un;compta@un.example;;1 rue A;75001;Paris;FR;180.00;EUR;2025-10-01;2025-11-01;commercial;fr;`,
    `${prefix}-2;${prefix}C1;professional;SARL Exemple Un;compta@un.example;;1 rue A;75001;Paris;FR;420.50;EUR;2025-10-05;2025-11-05;commercial;fr;`,
    `${prefix}-3;${prefix}C2;professional;SAS Exemple Deux;factures@deux.example;;2 rue B;69001;Lyon;FR;1250.00;EUR;2025-10-10;2025-11-10;commercial;fr;`,
  ].join('\n');
}

/** A put through the local S3 endpoint with the AWS SDK, configured as the AWS CLI would be. */
export async function putThroughS3(server: RunningServer, key: string, body: string | Buffer): Promise<void> {
  const client = localS3Client(server.s3Endpoint);
  try {
    await client.send(new PutObjectCommand({ Bucket: server.buckets.intake, Key: key, Body: body }));
  } finally {
    client.destroy();
  }
}

export async function registerTenant(server: RunningServer, tenantId: string): Promise<void> {
  await putThroughS3(server, `${tenantId}/tenant.json`, await readFile(TENANT_FILE));
  await server.idle();
}

export async function call(
  server: RunningServer,
  path: string,
  init: { token?: string; method?: string; body?: string | Buffer; contentType?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; contentType: string | null }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await fetch(`${server.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
