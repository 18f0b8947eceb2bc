import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { makeHandler } from '../../functions/api/handler';
import type {
  insolvencyOutcomeSchema,
  judicialDecisionOutcomeSchema,
} from '../../functions/api/openapi/judicial-schemas';
import type { Dossier } from '../../shared/domain/dossier';
import type { InsolvencyOutcome } from '../../shared/use-cases/judicial/record-insolvency';
import type { JudicialDecisionOutcome } from '../../shared/use-cases/judicial/record-judicial-decision';
import type { TenantProfile } from '../../shared/use-cases/ports';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, anInvoice, aTenant } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { useDynalite } from '../support/dynalite';
import { dossierDueForReview, REVIEW_DAY, recordJudicialReview } from '../support/judicial-review';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * The judicial review end to end on dynalite: the record step stores the recommendation on the
 * dossier, in the review task and on the timeline (or files it automatically below the tenant's
 * amount), then the creditor decides through POST /dossiers/{id}/judicial-decision.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inSync: [
  Same<z.output<typeof judicialDecisionOutcomeSchema>, JudicialDecisionOutcome>,
  Same<z.output<typeof insolvencyOutcomeSchema>, InsolvencyOutcome>,
] = [true, true];

const NOW = '2026-04-09T09:00:00.000Z';
const TODAY = '2026-04-09';

let deps: TestPipeline;
let api: ReturnType<typeof makeHandler>;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
  api = makeHandler(deps, () => new Date(NOW));
});

/** A dossier at the formal notice's level (index 4), a fresh tenant of its own. */
const setup = (overrides: Partial<Dossier> = {}, tenant: Partial<TenantProfile> = {}) =>
  dossierDueForReview(deps, aTenant(`tenant-judicial-${++counter}`, tenant), overrides);

const review = (dossier: Dossier) => recordJudicialReview(deps, dossier);

async function call(e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

const decide = (tenantId: string, id: string, body: unknown) =>
  call(
    apiEvent('POST /dossiers/{dossierId}/judicial-decision', {
      tenantId,
      pathParameters: { dossierId: id },
      body,
    }),
  );

describe('the judicial review (record step)', () => {
  it('stores the recommendation on the dossier and shows it in the task and on the timeline', async () => {
    expect(inSync.every(Boolean)).toBe(true);
    const dossier = await setup({ invoices: [anInvoice({ amountCents: 800_000 })] });
    const saved = await review(dossier);

    expect(saved.status).toBe('judicial');
    const judicial = saved.judicial!;
    expect(judicial.stage).toBe('review');
    expect(judicial.decision).toBeUndefined();
    expect(judicial.events).toEqual({});
    expect(judicial.deadlines).toEqual([]);
    expect(judicial.recommendation).toMatchObject({
      path: 'injonction-de-payer',
      court: { kind: 'tribunal-de-commerce', country: 'FR', postalCode: '69003', city: 'Lyon' },
      reviewedOn: REVIEW_DAY,
      amount: { principalCents: 800_000, indemnityCents: 4_000, computedThrough: REVIEW_DAY },
    });
    const amount = judicial.recommendation.amount;
    expect(amount.interestCents).toBeGreaterThan(0);
    expect(amount.totalCents).toBe(800_000 + amount.interestCents + 4_000);

    const [task] = await deps.repository.listOpenTasks(dossier.tenantId);
    expect(task).toMatchObject({
      kind: 'judicial-review',
      status: 'open',
      judicial: { path: 'injonction-de-payer', court: { kind: 'tribunal-de-commerce' }, amount },
    });
    const listed = await call(
      apiEvent('GET /tasks', { tenantId: dossier.tenantId, query: { kind: 'judicial-review' } }),
    );
    expect(listed.body.items?.[0]).toMatchObject({ judicial: { path: 'injonction-de-payer', amount } });

    const flagged = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).find(
      (e) => e.type === 'judicial-review-flagged',
    );
    expect(flagged?.judicial).toMatchObject({ path: 'injonction-de-payer', amount });
  });

  it('files automatically (by auto) a court path below the tenant amount, not one above', async () => {
    const small = await setup({}, { judicial: { autoFileBelowCents: 200_000 } });
    const filed = (await review(small)).judicial!;
    expect(filed.recommendation.path).toBe('petites-creances');
    expect(filed.decision).toEqual({ kind: 'file', decidedOn: REVIEW_DAY, by: 'auto' });
    expect(filed.stage).toBe('review');
    expect(filed.nextCheckOn).toBe(REVIEW_DAY);
    expect(await deps.repository.listOpenTasks(small.tenantId)).toEqual([]);

    const large = await setup(
      { invoices: [anInvoice({ amountCents: 800_000 })] },
      { judicial: { autoFileBelowCents: 200_000 } },
    );
    expect((await review(large)).judicial!.decision).toBeUndefined();
  });

  it("writes off below the tenant's threshold", async () => {
    const dossier = await setup({}, { judicial: { writeOffBelowCents: 500_000 } });
    expect((await review(dossier)).judicial!.recommendation.path).toBe('write-off');
  });
});

describe('POST /dossiers/{dossierId}/judicial-decision', () => {
  it('file: keeps the review stage for the court file, idempotent on decisionId; another id is a 409', async () => {
    const dossier = await review(await setup());
    const body = { decisionId: 'dec-1', kind: 'file', note: 'go' };
    const first = await decide(dossier.tenantId, dossier.dossierId, body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      dossierId: dossier.dossierId,
      decision: 'file',
      stage: 'review',
      nextCheckOn: TODAY,
      duplicate: false,
    });
    const again = await decide(dossier.tenantId, dossier.dossierId, body);
    expect(again.body).toMatchObject({ duplicate: true, decision: 'file' });
    expect((await decide(dossier.tenantId, dossier.dossierId, { ...body, note: 'other' })).status).toBe(409);
    expect(
      (await decide(dossier.tenantId, dossier.dossierId, { decisionId: 'dec-2', kind: 'lawyer' })).status,
    ).toBe(409);
    const saved = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(saved?.judicial?.decision).toEqual({
      kind: 'file',
      decidedOn: TODAY,
      by: 'creditor',
      decisionId: 'dec-1',
      note: 'go',
    });
    // The review task is done; the decision is on the timeline once.
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([]);
    const decisions = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).filter(
      (e) => e.type === 'judicial-decision',
    );
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ actor: 'creditor', judicial: { decision: 'file' } });
  });

  it('lawyer: stage lawyer and a lawyer task with the recommendation', async () => {
    const dossier = await review(await setup());
    const res = await decide(dossier.tenantId, dossier.dossierId, { decisionId: 'L', kind: 'lawyer' });
    expect(res.body).toMatchObject({ stage: 'lawyer', nextCheckOn: null });
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([
      expect.objectContaining({ kind: 'lawyer', judicial: expect.objectContaining({ decision: 'lawyer' }) }),
    ]);
  });

  it('write-off: stage written-off, status stays judicial, a written-off event with the amounts', async () => {
    const dossier = await review(await setup());
    const res = await decide(dossier.tenantId, dossier.dossierId, { decisionId: 'W', kind: 'write-off' });
    expect(res.body).toMatchObject({ stage: 'written-off', decision: 'write-off' });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(saved.status).toBe('judicial');
    const event = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).find(
      (e) => e.type === 'written-off',
    );
    const amount = saved.judicial!.recommendation.amount;
    expect(event).toMatchObject({
      amountCents: amount.totalCents,
      judicial: { amount },
      invoiceNumbers: ['F-2026-001'],
    });
    expect(event?.note).toContain(`principal ${amount.principalCents}`);
  });

  it('wait: stage waiting until the day, which must be within 6 months; a later decision cuts it short', async () => {
    const dossier = await review(await setup());
    const tooLate = await decide(dossier.tenantId, dossier.dossierId, {
      decisionId: 'W1',
      kind: 'wait',
      until: '2026-10-10',
    });
    expect(tooLate.status).toBe(400);
    expect(
      (await decide(dossier.tenantId, dossier.dossierId, { decisionId: 'W1', kind: 'wait' })).status,
    ).toBe(400);
    const res = await decide(dossier.tenantId, dossier.dossierId, {
      decisionId: 'W1',
      kind: 'wait',
      until: '2026-06-01',
    });
    expect(res.body).toMatchObject({ stage: 'waiting', nextCheckOn: '2026-06-01', duplicate: false });
    const filed = await decide(dossier.tenantId, dossier.dossierId, { decisionId: 'F1', kind: 'file' });
    expect(filed.body).toMatchObject({ stage: 'review', decision: 'file', nextCheckOn: TODAY });
  });

  it('400 on a bad body, 404 for another tenant, 409 when the dossier is not in judicial review', async () => {
    const dossier = await review(await setup());
    expect((await decide(dossier.tenantId, dossier.dossierId, { decisionId: 'x', kind: 'sue' })).status).toBe(
      400,
    );
    expect(
      (
        await decide(dossier.tenantId, dossier.dossierId, {
          decisionId: 'x',
          kind: 'file',
          until: '2026-05-01',
        })
      ).status,
    ).toBe(400);
    expect((await decide('tenant-other', dossier.dossierId, { decisionId: 'x', kind: 'file' })).status).toBe(
      404,
    );
    const open = await setup({ dossierId: 'DOS-OPEN' });
    expect((await decide(open.tenantId, open.dossierId, { decisionId: 'x', kind: 'file' })).status).toBe(409);
  });
});

describe('POST /dossiers/{dossierId}/insolvency', () => {
  it('records the proceedings and turns a dossier in review into a write-off', async () => {
    const dossier = await review(await setup({ debtor: aDebtor() }));
    expect(dossier.judicial?.recommendation.path).toBe('petites-creances');
    const body = { kind: 'receivership', openedOn: '2026-04-01', publishedOn: '2026-04-08' };
    const res = await call(
      apiEvent('POST /dossiers/{dossierId}/insolvency', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
        body,
      }),
    );
    expect(res.body).toEqual({
      dossierId: dossier.dossierId,
      declareBy: '2026-06-08',
      recommendation: 'write-off',
      duplicate: false,
    });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(saved.debtor.insolvency).toEqual(body);
    expect(saved.judicial?.recommendation.reasons[0]?.article).toContain('L622-21');
    // The claim's declaration to the mandataire: a task due on the last day, watched by the judicial step.
    expect(saved.claimDeclaration).toMatchObject({ declareBy: '2026-06-08', nextCheckOn: '2026-05-09' });
    const tasks = (await deps.repository.listOpenTasks(dossier.tenantId)).filter(
      (t) => t.kind === 'claim-declaration',
    );
    expect(tasks.map((t) => [t.dossierId, t.dueOn, t.level])).toEqual([
      [dossier.dossierId, '2026-06-08', 'C.com. L622-24'],
    ]);
    const again = await call(
      apiEvent('POST /dossiers/{dossierId}/insolvency', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
        body,
      }),
    );
    expect(again.body).toMatchObject({ duplicate: true });
  });

  it('takes a dossier still in the amicable ladder off the overdue sweep (C.com. L622-21)', async () => {
    const dossier = await setup({ debtor: aDebtor() });
    expect(dossier.nextActionOn).toBeDefined();
    const res = await call(
      apiEvent('POST /dossiers/{dossierId}/insolvency', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
        body: { kind: 'liquidation', openedOn: '2026-04-01' },
      }),
    );
    expect(res.body).toMatchObject({ recommendation: null, duplicate: false });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(saved.status).toBe('open');
    expect(saved.nextActionOn).toBeUndefined();
  });
});
