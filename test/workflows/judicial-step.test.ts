import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import { claimDeclarationWatch } from '../../shared/domain/judicial/claim-declaration';
import type { JudicialState } from '../../shared/domain/judicial/judicial-state';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { aJudicialState } from '../support/court-events';
import { useDynalite } from '../support/dynalite';
import { dossierDueForReview, recordJudicialReview } from '../support/judicial-review';
import { judicialSweepOn } from '../support/judicial-step';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * statemachines/judicial-step.asl.json run by aws-local-stepfunctions on the real handlers and
 * dynalite: the path each stage takes through the machine (states entered, in order), what it
 * leaves behind, and that the same day's second run does nothing.
 */
let deps: TestPipeline;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo, { shardCount: 1 });
});

const at = (day: string) => `${day}T02:00:00.000Z`;

async function inCourt(judicial: Partial<JudicialState>, overrides: Partial<Dossier> = {}): Promise<Dossier> {
  const tenant = aTenant(`tenant-step-${++counter}`);
  await deps.repository.putTenant(tenant);
  const dossier = aDossier({
    tenantId: tenant.tenantId,
    dossierId: `DOS-STEP-${counter}`,
    debtor: aDebtor({ siren: '732829320' }),
    invoices: [anInvoice()],
    status: 'judicial',
    judicial: aJudicialState(judicial),
    ...overrides,
  });
  expect(await deps.repository.createDossier(dossier)).toBe(true);
  return dossier;
}

async function step(dossier: Dossier, day: string) {
  const run = await judicialSweepOn(deps).machine.trace({
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    asOf: at(day),
  });
  expect(run.error).toBeUndefined();
  return run.statesEntered;
}

const reload = async (dossier: Dossier) =>
  (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
const tasksOf = async (dossier: Dossier) =>
  (await deps.repository.listOpenTasks(dossier.tenantId)).filter((t) => t.dossierId === dossier.dossierId);
/** The creditor's alert e-mails about one dossier, by level. */
const alerts = (dossier: Dossier) =>
  deps.messenger.sent
    .filter((s) => s.channel === 'email' && s.message.dossierId === dossier.dossierId)
    .map((s) => s.message.level);

describe('judicial-step.asl.json', () => {
  it('an order to serve: WatchService alerts 30 days before (CPC 1411); the same day again does nothing', async () => {
    const dossier = await inCourt({
      stage: 'order-issued',
      events: { 'request-filed': '2026-01-12', 'order-issued': '2026-02-02' },
      deadlines: [{ kind: 'service', date: '2026-08-02', article: 'CPC 1411', alerted: [] }],
      nextCheckOn: '2026-07-03',
    });
    expect(await step(dossier, '2026-07-03')).toEqual([
      'ReadStage',
      'JudicialStage',
      'WatchService',
      'RecordStep',
      'Done',
    ]);
    expect((await reload(dossier)).judicial?.nextCheckOn).toBe('2026-07-26');
    expect(await step(dossier, '2026-07-03')).toEqual(['ReadStage', 'JudicialStage', 'NothingDue']);
    expect(alerts(dossier)).toEqual(['court-service-30']);
  });

  it('the opposition window ended: WatchOpposition, then RequestEnforceableFormula (CPC 1416, 1422)', async () => {
    const dossier = await inCourt({
      stage: 'order-served',
      events: { 'order-issued': '2026-01-12', 'order-served': '2026-01-20' },
      deadlines: [{ kind: 'opposition', date: '2026-02-20', article: 'CPC 1416', alerted: [] }],
      nextCheckOn: '2026-02-21',
    });
    expect(await step(dossier, '2026-02-20')).toEqual(['ReadStage', 'JudicialStage', 'NothingDue']);
    expect(await step(dossier, '2026-02-21')).toEqual([
      'ReadStage',
      'JudicialStage',
      'WatchOpposition',
      'OppositionWindow',
      'RequestEnforceableFormula',
      'RecordStep',
      'Done',
    ]);
    expect((await tasksOf(dossier)).map((t) => [t.kind, t.level])).toEqual([
      ['enforceable-formula', 'CPC 1422'],
    ]);
    expect((await reload(dossier)).judicial?.nextCheckOn).toBeUndefined();
  });

  it('an opposition: ContestedPath keeps one lawyer task and tells the creditor once (CPC 1417)', async () => {
    const dossier = await inCourt({
      stage: 'opposition',
      events: { 'order-served': '2026-01-20', 'opposition-received': '2026-02-02' },
      followUpOn: '2026-02-02',
    });
    expect(await step(dossier, '2026-02-03')).toEqual([
      'ReadStage',
      'JudicialStage',
      'ContestedPath',
      'RecordStep',
      'Done',
    ]);
    expect((await tasksOf(dossier)).map((t) => t.kind)).toEqual(['lawyer']);
    expect((await reload(dossier)).judicial?.followUpOn).toBeUndefined();
    expect(await step(dossier, '2026-02-04')).toEqual(['ReadStage', 'JudicialStage', 'NothingDue']);
    expect(alerts(dossier)).toEqual(['court-opposition']);
  });

  it('a small-claims agreement is a title: EnforcementHandOff asks for the mandate (CPCE L125-1, L122-1)', async () => {
    const dossier = await inCourt({
      stage: 'small-claims-agreed',
      recommendation: { ...aJudicialState().recommendation, path: 'petites-creances' },
      events: { 'small-claims-invited': '2026-03-01', 'small-claims-agreed': '2026-03-12' },
      followUpOn: '2026-03-12',
    });
    expect(await step(dossier, '2026-03-13')).toEqual([
      'ReadStage',
      'JudicialStage',
      'EnforcementHandOff',
      'RecordStep',
      'Done',
    ]);
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.map((e) => [e.eventId, e.legalBasis])).toEqual([
      ['2026-03-12#COURT-TITLE#mandate', ['CPCE L125-1', 'CPCE L122-1']],
    ]);
    expect(alerts(dossier)).toEqual(['court-title']);
  });

  it('enforcement without news for 3 months: WatchEnforcementActs asks for it, then 3 months on', async () => {
    const dossier = await inCourt({
      stage: 'enforcement',
      events: { 'enforceable-formula': '2026-03-01', 'enforcement-mandate': '2026-03-05' },
      followUpOn: '2026-06-05',
    });
    expect(await step(dossier, '2026-06-05')).toContain('WatchEnforcementActs');
    expect((await reload(dossier)).judicial?.followUpOn).toBe('2026-09-05');
    expect(alerts(dossier)).toEqual(['court-enforcement-follow-up']);
  });

  it('a court file the data cannot make: a task lists what is missing, once, and the step comes back tomorrow', async () => {
    // A company creditor without its SIREN (CPC 54 3° b) and a debtor's SIREN cut short (C.com. R123-237).
    const tenant = aTenant(`tenant-step-${++counter}`);
    const debtor = aDebtor();
    const reviewed = await recordJudicialReview(
      deps,
      await dossierDueForReview(deps, tenant, { debtor, invoices: [anInvoice({ amountCents: 800_000 })] }),
    );
    await deps.repository.saveDossier({
      ...reviewed,
      debtor: { ...debtor, siren: '7328' },
      judicial: {
        ...reviewed.judicial!,
        decision: { kind: 'file', decidedOn: '2026-04-09', by: 'creditor' },
        nextCheckOn: '2026-04-09',
      },
      version: reviewed.version + 1,
    });
    expect(await step(reviewed, '2026-04-10')).toEqual([
      'ReadStage',
      'JudicialStage',
      'BuildCourtFile',
      'CourtFileComplete',
      'AskForMissingData',
      'RecordStep',
      'Done',
    ]);
    const dataTasks = async () => (await tasksOf(reviewed)).filter((t) => t.kind === 'court-file-data');
    const [task] = await dataTasks();
    expect(task).toMatchObject({ kind: 'court-file-data', taskId: '2026-04-09-court-file-data' });
    expect(task?.missing?.join(' ')).toMatch(
      /creditor's SIREN.*CPC 54 3° b.*debtor's SIREN, when given, of 9 digits/,
    );
    expect((await reload(reviewed)).judicial?.nextCheckOn).toBe('2026-04-11');
    await step(reviewed, '2026-04-11');
    expect(await dataTasks()).toHaveLength(1);
    const traces = (await deps.repository.listTimeline(reviewed.tenantId, reviewed.dossierId)).filter((e) =>
      e.eventId.includes('COURT-FILE-INCOMPLETE'),
    );
    expect(traces).toHaveLength(1);
    expect(deps.logger.text()).not.toContain(debtor.name);
  });

  it('insolvency: WatchClaimDeclaration alerts before the 2 months (C.com. R622-24) and stops once the task is closed', async () => {
    const insolvency = {
      kind: 'receivership' as const,
      openedOn: '2026-05-04',
      publishedOn: '2026-05-12',
    };
    const watch = claimDeclarationWatch(insolvency)!;
    expect(watch).toMatchObject({ declareBy: '2026-07-12', nextCheckOn: '2026-06-12' });
    const dossier = await inCourt(
      {},
      { status: 'open', debtor: { ...aDebtor(), insolvency }, claimDeclaration: watch },
    );
    expect(await step(dossier, '2026-06-12')).toEqual([
      'ReadStage',
      'JudicialStage',
      'WatchClaimDeclaration',
      'RecordStep',
      'Done',
    ]);
    expect((await reload(dossier)).claimDeclaration).toMatchObject({
      alerted: [30],
      nextCheckOn: '2026-07-05',
    });
    await deps.repository.putTask({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      taskId: watch.taskId,
      createdAt: at('2026-05-13'),
      dueOn: '2026-07-12',
      priority: 0,
      level: 'C.com. L622-24',
      status: 'done',
      kind: 'claim-declaration',
      outstandingCents: 0,
    });
    await step(dossier, '2026-07-05');
    expect((await reload(dossier)).claimDeclaration?.nextCheckOn).toBeUndefined();
    expect(alerts(dossier)).toEqual(['claim-declaration-30']);
  });

  it('a declaration and a court check due the same day: the declaration first, the court check stays due', async () => {
    const insolvency = { kind: 'safeguard' as const, openedOn: '2026-06-01', publishedOn: '2026-06-02' };
    const dossier = await inCourt(
      {
        stage: 'order-issued',
        events: { 'order-issued': '2026-02-02' },
        deadlines: [{ kind: 'service', date: '2026-08-02', article: 'CPC 1411', alerted: [] }],
        nextCheckOn: '2026-07-03',
      },
      { debtor: { ...aDebtor(), insolvency }, claimDeclaration: claimDeclarationWatch(insolvency)! },
    );
    expect(await step(dossier, '2026-07-03')).toContain('WatchClaimDeclaration');
    expect((await reload(dossier)).judicial?.nextCheckOn).toBe('2026-07-03');
    expect(await step(dossier, '2026-07-04')).toContain('WatchService');
  });

  it('a task that keeps failing ends in StepFailed; the dossier keeps its day for tomorrow', async () => {
    const run = await judicialSweepOn(deps).machine.trace({
      tenantId: 'nobody',
      dossierId: 'DOS-GONE',
      asOf: at('2026-02-21'),
    });
    expect(run.statesEntered).toEqual(['ReadStage', 'StepFailed']);
    expect(String(run.error)).toMatch(/A task of the judicial step failed after its retries/);
  });
});
