import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { renderReport } from '../../infra/local/report/render-report';
import { inProcessApi, loadReportData, type ReportData } from '../../infra/local/report/report-source';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { KpiReport } from '../../shared/use-cases/kpis/compute-kpis';
import { HAS_CHROMIUM, launchChromium, plain } from '../dashboard/browser';
import { aDossier, anInvoice } from '../support/builders';
import { aCallTask } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';
import { buildPortfolio } from './portfolio';

const TENANT = 'report-tenant';
const NOW = '2026-11-30T10:00:00.000Z';
let repository: DynamoDossierRepository;
useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 4);
});

let data: ReportData;
let html: string;
let file: string;

/** What a reader sees for each figure of GET /kpis (French formats, written here independently). */
const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/[\u202f\u00a0]/g, ' ');
const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1).replace('.', ',')} %`);
const days = (d: number | null) => (d === null ? '—' : `${String(d).replace('.', ',')} j`);

beforeAll(async () => {
  await buildPortfolio(repository, TENANT);
  // A dossier in judicial review waiting for the creditor, and a call to make.
  const judicial = aDossier({
    tenantId: TENANT,
    dossierId: 'DOS-J',
    status: 'judicial',
    levelIndex: 5,
    invoices: [anInvoice({ number: 'J1', amountCents: 500_000 })],
  });
  await repository.createDossier(judicial);
  await repository.putTask({
    ...aCallTask(judicial, {
      taskId: '2026-11-20-judicial-review',
      kind: 'judicial-review',
      level: 'judicial-review',
      priority: 500_000,
    }),
    judicial: {
      path: 'injonction-de-payer',
      court: { kind: 'tribunal-de-commerce', country: 'FR', postalCode: '69003', city: 'Lyon' },
      amount: {
        currency: 'EUR',
        principalCents: 500_000,
        interestCents: 12_345,
        indemnityCents: 4_000,
        totalCents: 516_345,
      },
    } as never,
  });
  const called = aDossier({
    tenantId: TENANT,
    dossierId: 'DOS-K',
    invoices: [anInvoice({ number: 'K1', amountCents: 80_000, dueDate: '2026-11-01' })],
  });
  await repository.createDossier(called);
  await repository.putTask(aCallTask(called, { priority: 80_000 }));
  const handler = makeHandler({ repository, logger: new RecordingLogger() }, () => new Date(NOW));
  data = await loadReportData(
    inProcessApi(handler as never, TENANT, () => NOW),
    { from: '2026-11-01', to: '2026-11-30' },
  );
  html = await renderReport(data, NOW);
  file = join(await mkdtemp(join(tmpdir(), 'report-')), 'report.html');
  await writeFile(file, html);
});

describe('the HTML report', () => {
  it('needs nothing from the network: no script, stylesheet, font, image or link to fetch', () => {
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    // Every attribute that would make a browser fetch: none, except in-page anchors.
    const fetching = [
      ...html.matchAll(/\s(?:src|href|xlink:href|srcset|poster|action|data)\s*=\s*["']?([^"'\s>]*)/gi),
    ]
      .map((m) => m[1])
      .filter((target) => !target?.startsWith('#'));
    expect(fetching).toEqual([]);
    // The only URLs are XML namespace names, which nothing fetches.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
  });

  it('shows no personal data of the debtors', () => {
    expect(html).not.toMatch(/Dupont|dupont\.example|Lilas|\+336|06 12/);
  });

  it.skipIf(!HAS_CHROMIUM)(
    'shows, in a browser offline, three SVG charts and the figures of GET /kpis',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const fetched: string[] = [];
        await page.route('**/*', (route) => {
          fetched.push(route.request().url());
          return route.request().url().startsWith('file:') ? route.continue() : route.abort();
        });
        await page.goto(pathToFileURL(file).href);
        expect(fetched).toEqual([pathToFileURL(file).href]);
        expect(await page.locator('.chart svg').count()).toBe(3);
        expect(await page.locator('#ageing-chart svg .mark-rect path').count()).toBeGreaterThan(0);
        const k: KpiReport = data.kpis;
        const shown = async (key: string) => plain(await page.locator(`[data-kpi="${key}"]`).textContent());
        expect(await shown('recoveryRate')).toBe(rate(k.recoveryRate));
        expect(await shown('entrusted')).toBe(euros(k.entrusted.cents));
        expect(await shown('recovered')).toBe(euros(k.recovered.cents));
        expect(await shown('dso')).toBe(`${k.dso.complete ? '' : '≥ '}${days(k.dso.days)}`);
        expect(await shown('meanDelay')).toBe(days(k.delay.meanDays));
        expect(await shown('medianDelay')).toBe(days(k.delay.medianDays));
        expect(await shown('cost')).toBe(euros(k.cost.totalCents));
        expect(await shown('disputeRate')).toBe(rate(k.disputes.rate));
        expect(await shown('outstanding')).toBe(euros(k.ageing.totalCents));
        // The hand-built portfolio's known answers (kpi-aggregates.test.ts); the two dossiers added
        // here were never entrusted through intake, so the countback runs out: "at least".
        expect([await shown('recoveryRate'), await shown('medianDelay'), await shown('dso')]).toEqual([
          '42,1 %',
          '30 j',
          '≥ 730 j',
        ]);
        const ageingRows = await page.locator('#ageing tbody tr').allInnerTexts();
        expect(ageingRows.map((row) => plain(row).split('\t'))).toEqual(
          k.ageing.buckets.map((b) => [b.bucket, String(b.invoices), euros(b.cents)]),
        );
        expect((await page.locator('#funnel tbody tr').allInnerTexts()).map(plain)).toEqual(
          k.funnel.map((f) => `${f.level}\t${f.dossiers}`),
        );
        const reviews = (await page.locator('#judicial-reviews tbody tr').allInnerTexts()).map(plain);
        expect(reviews).toEqual([
          `DOS-J\t2026-03-18\tinjonction-de-payer\ttribunal-de-commerce, Lyon\t${euros(516_345)}`,
        ]);
        const calls = (await page.locator('#calls tbody tr').allInnerTexts()).map(plain);
        expect(calls).toEqual(
          data.calls.map(
            (c) =>
              `${c.dossierId}\t${c.level}\t${euros(c.outstandingCents)}\t${c.score}\t${euros(c.expectedCents)}`,
          ),
        );
        expect(calls).toHaveLength(1);
      } finally {
        await browser.close();
      }
    },
  );
});

afterAll(() => {});
