import { describe, expect, it } from 'vitest';
import type { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { Dossier } from '../../shared/domain/dossier';
import { sendMonthlyStatements } from '../../shared/use-cases/statements/send-monthly-statements';
import { aDebtor, anInvoice, morningOf } from '../support/builders';
import { storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * The tenant's listing is a global index: on DynamoDB it is eventually consistent, so right after
 * a write it may still hold the dossier as it was. DynamoDB Local and dynalite update it at once,
 * so the lag is played here: the listing answers what it held before the change
 * (docs/reliability.md, "A second store").
 */
let deps: TestPipeline;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

/** The repository with a listing that has not caught up yet: the copies read before the change. */
function lagging(repository: DynamoDossierRepository, listed: Dossier[]): DynamoDossierRepository {
  return new Proxy(repository, {
    get(target, property, receiver) {
      if (property === 'listDossiers') return async () => listed;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const changes: [string, (d: Dossier) => Partial<Dossier>][] = [
  ['an e-mail opt-out', (d) => ({ debtor: { ...d.debtor, optOuts: ['email'] } })],
  ['a full payment', () => ({ status: 'paid' })],
];

describe('monthly statement read through a lagging index', () => {
  it.each(changes)('is not sent after %s the listing has not seen yet', async (_, change) => {
    const dossier = await storedDossier(deps.repository, `tenant-lag-${++counter}`, {
      debtor: aDebtor({ ref: 'LAG-1', statement: 'monthly' }),
      invoices: [anInvoice({ number: 'LAG-1-A', dueDate: '2026-02-20' })],
    });
    const before = await deps.repository.listDossiers(dossier.tenantId);
    expect(before).toHaveLength(1);
    await deps.repository.saveDossier({ ...dossier, ...change(dossier), version: dossier.version + 1 });

    const run = await sendMonthlyStatements(
      { ...deps, repository: lagging(deps.repository, before) },
      { tenantId: dossier.tenantId, asOf: morningOf('2026-02-02') },
    );

    expect(run.sent).toBe(0);
    expect(deps.messenger.sent.filter((s) => s.message.dossierId === dossier.dossierId)).toEqual([]);
  });

  it('is still sent when the change the listing lags behind keeps it wanted', async () => {
    const dossier = await storedDossier(deps.repository, `tenant-lag-${++counter}`, {
      debtor: aDebtor({ ref: 'LAG-2', statement: 'monthly' }),
      invoices: [anInvoice({ number: 'LAG-2-A', dueDate: '2026-02-20' })],
    });
    const before = await deps.repository.listDossiers(dossier.tenantId);
    // A change that leaves it wanted (a prescription warning recorded).
    await deps.repository.saveDossier({
      ...dossier,
      prescriptionWarnings: [90],
      version: dossier.version + 1,
    });

    const run = await sendMonthlyStatements(
      { ...deps, repository: lagging(deps.repository, before) },
      { tenantId: dossier.tenantId, asOf: morningOf('2026-02-02') },
    );

    expect(run.sent).toBe(1);
  });
});
