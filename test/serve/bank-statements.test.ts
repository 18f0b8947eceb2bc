import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../infra/local/serve/s3-endpoint';
import { type RunningServer, startServer } from '../../infra/local/serve/server';
import { camt053 } from '../use-cases/bank-statements/camt-fixture';
import { call, invoicesCsv, putThroughS3, registerTenant, removeDir, tempDataDir, until } from './support';

/**
 * Bank statements against `serve` (real handler, s3rver, dynalite on disk): a camt.053 put in
 * the intake bucket with the AWS SDK under `<tenant>/statements/`, and the Windows-1252 CSV posted
 * to the API as raw bytes (the route takes a file, not JSON).
 */
const CLOCK_START = new Date('2026-11-30T09:00:00Z');
let dataDir: string;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 1, clockStart: CLOCK_START });
  await registerTenant(server, 'tenant-bank');
  await putThroughS3(server, 'tenant-bank/2026-11-30/invoices.csv', invoicesCsv('BK'));
  await server.idle();
  token = await server.tokens.sign('tenant-bank', '1h');
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

describe('serve: bank statements', () => {
  it('a camt.053 dropped under statements/ records the transfer and writes its report beside it', async () => {
    await putThroughS3(
      server,
      'tenant-bank/statements/2026-11-30.xml',
      camt053([{ ref: 'S1', amount: '1250.00', ustrd: ['FACTURE BK-3'], payer: 'SAS EXEMPLE DEUX' }]),
    );
    await server.idle();
    const dossier = await until(async () => {
      const found = await server.stack.repository.getDossier('tenant-bank', 'DOS-BKC2');
      return found?.status === 'paid' ? found : undefined;
    });
    expect(dossier.payments?.[0]).toMatchObject({ amountCents: 125_000, date: '2026-11-30' });
    // The report as a person fetches it from the bucket (aws s3 cp), through the local S3 endpoint.
    const client = localS3Client(server.s3Endpoint);
    try {
      const object = await client.send(
        new GetObjectCommand({
          Bucket: server.buckets.intake,
          Key: 'tenant-bank/statements/2026-11-30.xml.report.csv',
        }),
      );
      const report = await object.Body!.transformToString('utf-8');
      expect(report).toContain(';matched;2026-11-30;1250,00;EUR;invoice;DOS-BKC2;BK-3;');
    } finally {
      client.destroy();
    }
  });

  it('POST /bank-statements takes the Windows-1252 CSV as application/octet-stream', async () => {
    const csv = Buffer.from(
      'Date;Montant;Référence;Payeur\r\n30/11/2026;180,00;Règlement BK-1;SARL Exemple Un\r\n',
      'latin1',
    );
    const result = await call(server, '/bank-statements', {
      token,
      method: 'POST',
      body: csv,
      contentType: 'application/octet-stream',
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ format: 'csv', recorded: 1 });
    const refused = await call(server, '/dossiers/DOS-BKC1/payments', {
      token,
      method: 'POST',
      body: csv,
      contentType: 'application/octet-stream',
    });
    expect(refused.status).toBe(415);
  });
});
