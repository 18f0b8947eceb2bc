import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { answer, apiEvent } from '../support/api-events';
import { aTenant } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';
import { buildPortfolio, TENANT } from './portfolio';

let repository: DynamoDossierRepository;
useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 4);
});

async function getKpis(query: Record<string, string>) {
  const handler = makeHandler(
    { repository, logger: new RecordingLogger() },
    () => new Date('2026-11-30T10:00:00.000Z'),
  );
  const result = answer(await handler(apiEvent('GET /kpis', { tenantId: TENANT, query }), {} as never));
  return result;
}

describe('KPIs from the aggregates kept as events are written', () => {
  it('gives the known answer of a hand-built timeline for every KPI, retried events counted once', async () => {
    await buildPortfolio(repository, TENANT);
    const { status, body } = await getKpis({ from: '2026-11-01', to: '2026-11-30' });
    expect(status).toBe(200);
    expectDocumentedAnswer('GET /kpis', status, body);
    expect(body.entrusted).toEqual({ cents: 380_000, invoices: 4, dossiers: 3 });
    expect(body.recovered).toEqual({ cents: 160_000, payments: 2, paidDossiers: 1 });
    expect(body.recoveryRate).toBe(0.4211);
    // Countback from 2,200 € outstanding on 30 Nov: 28 and 29 Nov hold nothing, 28 Nov 300 €,
    // then 1,900 € of the 3,500 € entrusted on 2 Nov: 28 whole days + 1900/3500.
    expect(body.dso).toEqual({ days: 28.5, method: 'countback', outstandingCents: 220_000, complete: true });
    expect(body.delay).toEqual({ invoices: 2, meanDays: 30, medianDays: 30 });
    expect(body.cost).toMatchObject({ totalCents: 2 * 1 + 8 + 750 + 250, shareOfRecovered: 0.0063 });
    expect(body.disputes).toEqual({ count: 1, rate: 0.3333 });
    expect(body.ageing).toEqual({
      asOf: '2026-11-30',
      totalCents: 220_000,
      buckets: [
        { bucket: 'not-due', cents: 20_000, invoices: 1 },
        { bucket: '0-30', cents: 0, invoices: 0 },
        { bucket: '31-60', cents: 0, invoices: 0 },
        { bucket: '61-90', cents: 200_000, invoices: 1 },
        { bucket: 'over-90', cents: 0, invoices: 0 },
      ],
    });
    expect(body.funnel).toEqual([{ level: 'reminder-2', dossiers: 1 }]);
    const trend = body.trend as { day: string; entrustedCents: number; recoveredCents: number }[];
    expect(trend.map((d) => d.day)).toEqual([
      '2026-11-02',
      '2026-11-05',
      '2026-11-10',
      '2026-11-12',
      '2026-11-15',
      '2026-11-20',
      '2026-11-25',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(trend.find((d) => d.day === '2026-11-02')?.entrustedCents).toBe(350_000);
  });

  it('counts only the days of the period asked for', async () => {
    const { body } = await getKpis({ from: '2026-11-21', to: '2026-11-30' });
    expect(body.entrusted).toEqual({ cents: 30_000, invoices: 1, dossiers: 1 });
    expect(body.recovered).toEqual({ cents: 10_000, payments: 1, paidDossiers: 0 });
    expect(body.funnel).toEqual([]);
    // The countback still walks back before the period, into what was entrusted on 2 November.
    expect(body.dso).toEqual({ days: 28.5, method: 'countback', outstandingCents: 220_000, complete: true });
    expect(body.delay).toEqual({ invoices: 0, meanDays: null, medianDays: null });
  });

  it("prices the actions with the tenant's unit costs, the defaults for the others", async () => {
    await repository.putTenant(aTenant(TENANT, { unitCosts: { sms: 10, registeredLetter: 900 } }));
    const handler = makeHandler(
      { repository, tenants: repository, logger: new RecordingLogger() },
      () => new Date('2026-11-30T10:00:00.000Z'),
    );
    const { body } = answer(
      await handler(apiEvent('GET /kpis', { tenantId: TENANT, query: { from: '2026-11-01' } }), {} as never),
    );
    expect(body.cost).toMatchObject({ totalCents: 2 * 1 + 10 + 900 + 250 });
  });

  it('refuses bad dates with a problem+json naming the field', async () => {
    const bad = await getKpis({ from: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toBe('application/problem+json');
    expect(bad.body).toMatchObject({ status: 400, field: 'from' });
    const reversed = await getKpis({ from: '2026-11-30', to: '2026-11-01' });
    expect(reversed.body).toMatchObject({ status: 400, field: 'from' });
    expect(String(reversed.body.detail)).toContain('from is after to');
    const long = await getKpis({ from: '2020-01-01', to: '2026-11-30' });
    expect(long.body).toMatchObject({ status: 400, field: 'to' });
  });
});
