import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, aDossier, anInvoice } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';
import { camt053 } from '../use-cases/bank-statements/camt-fixture';

/** The routes of issue 13's legal events and bank statements, through the API handler on dynalite. */

const NOW = '2026-11-30T09:15:00.000Z';
let repository: DynamoDossierRepository;
const logger = new RecordingLogger();
let api: ReturnType<typeof makeHandler>;
let counter = 0;

useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, DEFAULT_SHARD_COUNT);
  api = makeHandler({ repository, logger }, () => new Date(NOW));
});

async function newTenant(): Promise<string> {
  const tenantId = `tenant-api-presc-${++counter}`;
  await repository.createDossier(
    aDossier({
      tenantId,
      debtor: aDebtor({ ref: 'CLI-001', name: 'Menuiserie Dupont SARL' }),
      invoices: [
        anInvoice({
          number: 'F-OLD',
          issueDate: '2021-12-15',
          dueDate: '2022-01-15',
          prescriptionDate: '2027-01-15',
        }),
      ],
      prescriptionDate: '2027-01-15',
    }),
  );
  return tenantId;
}

async function call(e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

describe('POST /dossiers/{id}/acknowledgments and /mediations', () => {
  it('moves the prescription date and shows it on the dossier', async () => {
    const tenantId = await newTenant();
    const ack = await call(
      apiEvent('POST /dossiers/{dossierId}/acknowledgments', {
        tenantId,
        pathParameters: { dossierId: 'DOS-CLI-001' },
        body: { acknowledgmentId: 'RDD-1', date: '2026-11-20' },
        at: NOW,
      }),
    );
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      previousPrescriptionDate: '2027-01-15',
      prescriptionDate: '2031-11-20',
    });
    const dossier = await call(
      apiEvent('GET /dossiers/{dossierId}', { tenantId, pathParameters: { dossierId: 'DOS-CLI-001' } }),
    );
    expect(dossier.body.prescriptionDate).toBe('2031-11-20');
  });

  it('answers 400 naming the field for a bad body', async () => {
    const tenantId = await newTenant();
    const result = await call(
      apiEvent('POST /dossiers/{dossierId}/mediations', {
        tenantId,
        pathParameters: { dossierId: 'DOS-CLI-001' },
        body: { mediationId: 'M-1', kind: 'arbitration', startedOn: '2026-11-01' },
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body.field).toBe('kind');
  });
});

describe('POST /bank-statements', () => {
  const statement = camt053([{ ref: 'E1', amount: '1200.00', ustrd: ['FACTURE F-OLD'] }]);

  it('takes a camt.053 as application/xml and answers the report', async () => {
    const tenantId = await newTenant();
    const result = await call(
      apiEvent('POST /bank-statements', {
        tenantId,
        body: statement,
        headers: { 'content-type': 'application/xml' },
      }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ format: 'camt.053', recorded: 1 });
    expect(String(result.body.reportCsv)).toContain(
      ';matched;2026-11-30;1200,00;EUR;invoice;DOS-CLI-001;F-OLD;',
    );
  });

  it('takes the Windows-1252 CSV as octet-stream, bytes untouched', async () => {
    const tenantId = await newTenant();
    const csv = Buffer.from(
      'date;montant;référence;payeur\r\n30/11/2026;1\u00a0200,00;Facture F-OLD;Société Dupont\r\n',
      'latin1',
    );
    expect(csv.includes(0xe9)).toBe(true);
    const event = apiEvent('POST /bank-statements', {
      tenantId,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const bytes = await call({ ...event, body: csv.toString('base64'), isBase64Encoded: true });
    expect(bytes.status).toBe(200);
    expect(bytes.body).toMatchObject({ recorded: 1 });
    expect(bytes.body).toMatchObject({ format: 'csv' });
  });

  it('refuses a DOCTYPE with a 400 problem, and a JSON-only route still refuses XML with 415', async () => {
    const tenantId = await newTenant();
    const xxe = statement.replace(
      '<Document',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document',
    );
    const refused = await call(
      apiEvent('POST /bank-statements', {
        tenantId,
        body: xxe,
        headers: { 'content-type': 'application/xml' },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.contentType).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ field: '(body)' });
    expect(String(refused.body.detail)).toContain('DOCTYPE');
    const elsewhere = await call(
      apiEvent('POST /dossiers/{dossierId}/acknowledgments', {
        tenantId,
        pathParameters: { dossierId: 'DOS-CLI-001' },
        body: statement,
        headers: { 'content-type': 'application/xml' },
      }),
    );
    expect(elsewhere.status).toBe(415);
  });
});
