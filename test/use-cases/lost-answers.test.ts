import { describe, expect, it } from 'vitest';
import type { FaultOutcome, FaultSource } from '../../infra/local/faults/fault-plan';
import { faultyRepository } from '../../infra/local/faults/faulty-ports';
import { recordCourtEvent } from '../../shared/use-cases/judicial/record-court-event';
import { anInvoice } from '../support/builders';
import { aJudicialState } from '../support/court-events';
import { storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * A write that took effect but whose answer was lost, retried as the AWS SDK retries a time-out,
 * must not make a use case take its own write for somebody else's: found by the chaos run
 * (docs/reliability.md), where a court event answered "duplicate" was never applied and the
 * dossier's court calendar stopped there.
 */
let deps: TestPipeline;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo, { shardCount: 1 });
});

/** The next write's first attempt times out after taking effect; everything after passes. */
function timeoutOnce(): FaultSource {
  const outcomes: FaultOutcome[] = ['timeout'];
  return { attempts: 3, draw: () => outcomes.shift() ?? 'pass', escaped: () => {} };
}

describe('a court event whose claim was written but whose answer was lost', () => {
  it('is applied (the stage moves), not answered as a duplicate of itself', async () => {
    const dossier = await storedDossier(deps.repository, 'lost-court', {
      invoices: [anInvoice({ number: 'F-1', issueDate: '2025-10-03', dueDate: '2025-11-03' })],
      status: 'judicial',
      judicial: aJudicialState(),
    });
    const repository = faultyRepository(deps.repository, timeoutOnce());

    const outcome = await recordCourtEvent(
      { repository, tenants: deps.repository, logger: deps.logger },
      {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        event: { eventId: 'req-1', kind: 'request-filed', date: '2026-01-12' },
        receivedAt: '2026-01-12T15:00:00.000Z',
      },
    );

    expect(outcome).toMatchObject({ stage: 'request-filed', duplicate: false });
    expect((await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))?.judicial?.stage).toBe(
      'request-filed',
    );
    const [event] = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).filter(
      (e) => e.type === 'court-event',
    );
    expect(event?.state).toBe('done');
  });
});
