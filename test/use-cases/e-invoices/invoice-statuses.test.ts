import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../functions/api/handler';
import { PLATFORM_HOLD } from '../../../shared/use-cases/e-invoice-status/status-targets';
import { intakeObject } from '../../../shared/use-cases/intake/intake-object';
import { answer, apiEvent } from '../../support/api-events';
import { aTenant } from '../../support/builders';
import { expectDocumentedAnswer } from '../../support/documented-response';
import { useDynalite } from '../../support/dynalite';
import { MemoryBlobStore, pipelineOn, type TestPipeline } from '../../support/recording-ports';

let deps: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/e-invoices/${name}`, import.meta.url));
const IMPORTED = '2026-11-02T08:00:00.000Z';
const FEED_AT = '2026-11-30T08:00:00.000Z';

/** A tenant with the UBL, CII and Factur-X fixtures imported on 2 November. */
async function tenantWithInvoices() {
  const tenantId = `tenant-status-${++counter}`;
  await deps.repository.putTenant(aTenant(tenantId, { siren: '404833048' }));
  const blobs = new MemoryBlobStore();
  const drop = async (name: string, body: string | Uint8Array, at: string) => {
    const key = `${tenantId}/${name}`;
    await blobs.put('intake', key, body);
    return intakeObject({ ...deps, blobs }, { bucket: 'intake', key, receivedAt: at });
  };
  for (const name of ['ubl-invoice.xml', 'cii-invoice.xml', 'factur-x-invoice.pdf'])
    await drop(name, fixture(name), IMPORTED);
  const rejects = (name: string) =>
    new TextDecoder().decode(blobs.objects.get(`intake/${tenantId}/invoice-statuses/${name}.rejects.csv`));
  return { tenantId, drop, rejects };
}

const FEED = [
  'invoice_number;status;date;reason;amount',
  'FX-2026-0100;200;2026-09-10;;',
  'UBL-2026-0042;Refusée;2026-11-20;QUALITE;',
  'CII-2026-0311;208;2026-11-20;;',
  'FX-2026-0100;Paiement transmis;2026-11-25;;',
  'FX-2026-0100;212;2026-11-28;;3 600,00',
  'CII-2026-0311;209;2026-11-26;;',
  // Reported: out of order (before the 210 above), an unknown code, an unknown invoice, a status after the final one.
  'UBL-2026-0042;200;2026-09-15;;',
  'CII-2026-0311;299;2026-11-27;;',
  'NOPE-1;210;2026-11-27;;',
  'FX-2026-0100;210;2026-11-29;;',
].join('\r\n');

describe('e-invoice platform statuses (CDAR)', () => {
  it('a status feed dropped into intake: refused → disputed, suspended then completed, transmitted → promise, cashed → paid', async () => {
    const { tenantId, drop, rejects } = await tenantWithInvoices();
    const outcome = await drop('invoice-statuses/feed.csv', FEED, FEED_AT);
    expect(outcome).toMatchObject({
      kind: 'invoice-statuses',
      report: { rows: 10, applied: 6, alreadyApplied: 0 },
      rejectsKey: `${tenantId}/invoice-statuses/feed.csv.rejects.csv`,
    });
    expect(rejects('feed.csv').split('\r\n').slice(1, -1)).toEqual([
      '8;UBL-2026-0042;date;out of order: the invoice already has status 210 dated 2026-11-20',
      '9;CII-2026-0311;status;unknown status: not a CDAR lifecycle code or label',
      '10;NOPE-1;invoice_number;not an invoice of this tenant',
      '11;FX-2026-0100;status;after Encaissée (212), the final status: not applied',
    ]);

    const refused = await deps.repository.getDossier(tenantId, 'DOS-CLI-UBL-7');
    expect(refused!.status).toBe('disputed');
    const paid = await deps.repository.getDossier(tenantId, 'DOS-CLI-FX-3');
    expect(paid).toMatchObject({ status: 'paid' });
    expect(paid!.invoices[0]!.lifecycle).toEqual([
      { code: 200, date: '2026-09-10' },
      { code: 211, date: '2026-11-25' },
      { code: 212, date: '2026-11-28' },
    ]);
    const timeline = await deps.repository.listTimeline(tenantId, 'DOS-CLI-FX-3');
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['promise-made', 'payment-received', 'dossier-paid', 'e-invoice-status']),
    );
    // Suspended, then completed: held off the sweep, then back on it.
    const resumed = await deps.repository.getDossier(tenantId, 'DOS-380129866');
    expect(resumed!.parked).toBeUndefined();
    expect((await deps.repository.listTimeline(tenantId, 'DOS-380129866')).map((e) => e.type)).toContain(
      'escalation-resumed',
    );

    // The same feed again changes nothing.
    const again = await drop('invoice-statuses/feed-again.csv', FEED, FEED_AT);
    expect(again).toMatchObject({ report: { applied: 0, alreadyApplied: 6 } });
    expect((await deps.repository.getDossier(tenantId, 'DOS-CLI-FX-3'))!.version).toBe(paid!.version);
  });

  it('POST /invoice-statuses: a suspension holds the dossier off the sweep; a bad message is reported, the others applied', async () => {
    const { tenantId } = await tenantWithInvoices();
    const api = makeHandler(
      { repository: deps.repository, tenants: deps.repository, logger: deps.logger },
      () => new Date(FEED_AT),
    );
    const event = apiEvent('POST /invoice-statuses', {
      tenantId,
      body: {
        statuses: [
          { invoice_number: 'CII-2026-0311', status: 208, date: '2026-11-29' },
          { invoice_number: 'UBL-2026-0042', status: 'En litige', date: '2026-12-24' },
          // More than the balance (3 600,00): the money may have come by bank statement already.
          { invoice_number: 'FX-2026-0100', status: 212, date: '2026-11-29', amount: '99 999,00' },
        ],
      },
    });
    const result = answer(await api(event, {} as Context));
    expectDocumentedAnswer(event.routeKey, result.status, result.body);
    expect(result.body).toMatchObject({
      applied: 1,
      rejected: [
        {
          row: 2,
          invoiceNumber: 'UBL-2026-0042',
          field: 'date',
          reason: 'after the day it was received (2026-11-30)',
        },
        {
          row: 3,
          invoiceNumber: 'FX-2026-0100',
          field: 'amount',
          reason: expect.stringContaining('more than the invoice'),
        },
      ],
    });
    expect(await deps.repository.getDossier(tenantId, 'DOS-380129866')).toMatchObject({
      status: 'open',
      parked: { on: '2026-11-30', errorKind: PLATFORM_HOLD },
    });

    const bad = answer(
      await api(apiEvent('POST /invoice-statuses', { tenantId, body: { statuses: [] } }), {} as Context),
    );
    expect(bad.status).toBe(400);
  });

  it('POST /invoices with a Factur-X PDF body imports it like the drop does', async () => {
    const tenantId = `tenant-status-${++counter}`;
    await deps.repository.putTenant(aTenant(tenantId, { siren: '404833048' }));
    const documents = new MemoryBlobStore();
    const api = makeHandler(
      {
        repository: deps.repository,
        tenants: deps.repository,
        logger: deps.logger,
        documents,
        documentsBucket: 'documents',
      },
      () => new Date(FEED_AT),
    );
    // The PDF's bytes as API Gateway hands a binary body: base64, isBase64Encoded.
    const event = {
      ...apiEvent('POST /invoices', {
        tenantId,
        body: '',
        base64: true,
        headers: { 'content-type': 'application/pdf' },
      }),
      body: fixture('factur-x-invoice.pdf').toString('base64'),
    };
    const result = answer(await api(event, {} as Context));
    expect(result).toMatchObject({ status: 200, body: { format: 'factur-x', accepted: 1 } });
    const kept = documents.objects.get(`documents/${tenantId}/DOS-CLI-FX-3/invoices/FX-2026-0100.pdf`)!;
    expect(Buffer.from(kept).equals(fixture('factur-x-invoice.pdf'))).toBe(true);
    const broken = apiEvent('POST /invoices', {
      tenantId,
      body: fixture('xxe.xml').toString('utf8'),
      headers: { 'content-type': 'application/xml' },
    });
    const refused = answer(await api(broken, {} as Context));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('DOCTYPE');
  });
});
