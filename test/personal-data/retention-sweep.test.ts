import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { Dossier } from '../../shared/domain/dossier';
import { ERASED } from '../../shared/domain/personal-data';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { RecordingLogger } from '../support/recording-ports';

/**
 * statemachines/retention-sweep.asl.json run embedded (aws-local-stepfunctions), its Tasks mapped
 * to functions/retention-scan/handler.ts on dynalite, as the 04:00 schedule runs it on AWS.
 * Today is 2026-11-30: 5 years back is 2021-11-30.
 */
const TODAY = '2026-11-30T03:00:00.000Z';
let stack: EmbeddedStack;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-retention-'));
  // dispatchBatch is not the page size here; the page loop is exercised by 3 tenants' dossiers.
  stack = await startEmbeddedStack({ outDir, logger: new RecordingLogger() });
  await stack.repository.putTenant(aTenant('ret-default'));
  await stack.repository.putTenant(aTenant('ret-short', { personalDataRetentionYears: 2 }));
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

async function dossier(tenantId: string, dossierId: string, overrides: Partial<Dossier>) {
  await stack.repository.createDossier(
    aDossier({
      tenantId,
      dossierId,
      debtor: aDebtor({ ref: dossierId, name: `Debtor ${dossierId}` }),
      invoices: [
        anInvoice({
          number: `F-${dossierId}`,
          amountCents: 50_000,
          paidCents: 50_000,
          settledOn: '2020-01-10',
        }),
      ],
      ...overrides,
    }),
  );
}

const closedOn = (on: string): Partial<Dossier> => ({
  status: 'closed',
  closure: { closureId: `C-${on}`, kind: 'written-off', on, reason: 'small', owedCents: 0, source: 'api' },
});

const nameOf = async (tenantId: string, id: string) =>
  (await stack.repository.getDossier(tenantId, id))!.debtor.name;

describe('retention-sweep.asl.json', () => {
  it("erases only the dossiers ended longer ago than their tenant's retention", async () => {
    await dossier('ret-default', 'D-OLD-PAID', {
      status: 'paid',
      payments: [
        {
          paymentId: 'P',
          date: '2020-01-10',
          amountCents: 50_000,
          currency: 'EUR',
          receivedAt: '2020-01-10T10:00:00Z',
          settledOn: '2020-01-10',
        },
      ],
    });
    await dossier('ret-default', 'D-OLD-CLOSED', closedOn('2021-11-29'));
    await dossier('ret-default', 'D-JUST-INSIDE', closedOn('2021-11-30'));
    await dossier('ret-default', 'D-RECENT', closedOn('2024-01-15'));
    await dossier('ret-default', 'D-OPEN', {
      status: 'open',
      createdAt: '2019-01-01T00:00:00Z',
      updatedAt: '2019-01-01T00:00:00Z',
    });
    await dossier('ret-short', 'D-SHORT', closedOn('2024-06-01'));
    await dossier('ret-short', 'D-SHORT-RECENT', closedOn('2025-06-01'));

    const result = await stack.runRetentionSweep(TODAY);
    expect(result).toBeDefined();

    expect(await nameOf('ret-default', 'D-OLD-PAID')).toBe(ERASED);
    expect(await nameOf('ret-default', 'D-OLD-CLOSED')).toBe(ERASED);
    expect(await nameOf('ret-default', 'D-JUST-INSIDE')).toBe('Debtor D-JUST-INSIDE');
    expect(await nameOf('ret-default', 'D-RECENT')).toBe('Debtor D-RECENT');
    expect(await nameOf('ret-default', 'D-OPEN')).toBe('Debtor D-OPEN');
    expect(await nameOf('ret-short', 'D-SHORT')).toBe(ERASED);
    expect(await nameOf('ret-short', 'D-SHORT-RECENT')).toBe('Debtor D-SHORT-RECENT');

    const timeline = await stack.repository.listTimeline('ret-default', 'D-OLD-CLOSED');
    expect(timeline.filter((e) => e.type === 'personal-data-erased')).toEqual([
      expect.objectContaining({ actor: 'pipeline', legalBasis: ['RGPD art. 5(1)(e)', 'C.civ. 2224'] }),
    ]);
    const erased = (await stack.repository.getDossier('ret-default', 'D-OLD-CLOSED'))!;
    expect(erased.personalDataErased).toEqual({ on: '2026-11-30', reason: 'retention' });
    expect(erased.invoices[0]).toMatchObject({ amountCents: 50_000, paidCents: 50_000 });

    // The sweep run again the same day (a retried schedule) changes nothing.
    await stack.runRetentionSweep(TODAY);
    expect(await stack.repository.getDossier('ret-default', 'D-OLD-CLOSED')).toEqual(erased);
  });
});
