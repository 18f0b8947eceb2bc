import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import { ConflictError, UnprocessableError } from '../../../shared/domain/errors';
import { invoicePrescription } from '../../../shared/domain/legal/dossier-claim';
import {
  type Acknowledgment,
  acknowledgmentSchema,
  recordAcknowledgment,
} from '../../../shared/use-cases/events/record-acknowledgment';
import {
  type Mediation,
  mediationSchema,
  recordMediation,
} from '../../../shared/use-cases/events/record-mediation';
import { parseInput } from '../../../shared/use-cases/parse-input';
import { aDossier, anInvoice } from '../../support/builders';
import { useDynalite } from '../../support/dynalite';
import { pipelineOn, type TestPipeline } from '../../support/recording-ports';

let deps: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

// Today's real date: a commercial invoice due 15 Jan 2022 prescribes on 15 Jan 2027 (C.com. L110-4).
const NOW = '2026-11-30T10:00:00.000Z';

async function setup(): Promise<Dossier> {
  const dossier = aDossier({
    tenantId: `tenant-presc-${++counter}`,
    invoices: [
      anInvoice({
        number: 'F-OLD',
        issueDate: '2021-12-15',
        dueDate: '2022-01-15',
        prescriptionDate: '2027-01-15',
      }),
      anInvoice({
        number: 'F-NEW',
        issueDate: '2026-01-10',
        dueDate: '2026-02-10',
        prescriptionDate: '2031-02-10',
      }),
    ],
    prescriptionDate: '2027-01-15',
    nextPrescriptionCheckOn: '2026-12-16',
    prescriptionWarnings: [90],
  });
  await deps.repository.createDossier(dossier);
  return dossier;
}

const acknowledge = (dossier: Dossier, ack: Acknowledgment, receivedAt = NOW) =>
  recordAcknowledgment(deps, {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    acknowledgment: parseInput(acknowledgmentSchema('2026-11-30'), ack),
    receivedAt,
    source: 'api',
  });
const mediate = (dossier: Dossier, mediation: Mediation) =>
  recordMediation(deps, {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    mediation: parseInput(mediationSchema('2026-11-30'), mediation),
    receivedAt: NOW,
    source: 'api',
  });
const stored = async (dossier: Dossier) =>
  (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;

describe('acknowledgment of debt (C.civ. 2240)', () => {
  it('starts a new 5-year period on its day: the dossier deadline and the nightly check move', async () => {
    // Prepare
    const dossier = await setup();
    // Act
    const outcome = await acknowledge(dossier, { acknowledgmentId: 'RDD-1', date: '2026-11-20' });
    // Assess: both invoices acknowledged: 15 Jan 2027 and 10 Feb 2031 → 20 Nov 2031; the
    // watch looks again 90 days before it (the first warning).
    expect(outcome).toEqual({
      dossierId: dossier.dossierId,
      duplicate: false,
      previousPrescriptionDate: '2027-01-15',
      prescriptionDate: '2031-11-20',
      nextPrescriptionCheckOn: '2031-08-22',
    });
    const saved = await stored(dossier);
    expect(saved.invoices.map((i) => [i.number, i.prescriptionDate])).toEqual([
      ['F-OLD', '2031-11-20'],
      ['F-NEW', '2031-11-20'],
    ]);
    // Warnings sent for the old deadline do not count for the new one.
    expect(saved.prescriptionWarnings).toEqual([]);
    const [event] = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(event).toMatchObject({
      eventId: '2026-11-20#ACK#RDD-1',
      type: 'debt-acknowledged',
      day: '2026-11-20',
      actor: 'debtor',
      source: 'api',
      idempotencyKey: 'RDD-1',
    });
  });

  it('on one invoice moves only that invoice, and the nightly watch computes the same date from the timeline', async () => {
    const dossier = await setup();
    const outcome = await acknowledge(dossier, {
      acknowledgmentId: 'RDD-2',
      date: '2026-11-20',
      invoices: ['F-OLD'],
    });
    expect(outcome.prescriptionDate).toBe('2031-02-10');
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    // What scan-prescription computes each night for the invoice: the acknowledgment is in it.
    const [old, recent] = (await stored(dossier)).invoices;
    expect(invoicePrescription(old!, 'professional', timeline, '2026-12-01').deadline).toBe('2031-11-20');
    expect(invoicePrescription(recent!, 'professional', timeline, '2026-12-01').deadline).toBe('2031-02-10');
  });

  it('sent twice changes nothing; the same id with another date is a conflict', async () => {
    const dossier = await setup();
    await acknowledge(dossier, { acknowledgmentId: 'RDD-3', date: '2026-11-20' });
    const again = await acknowledge(dossier, { acknowledgmentId: 'RDD-3', date: '2026-11-20' });
    expect(again.duplicate).toBe(true);
    expect(again.prescriptionDate).toBe('2031-11-20');
    expect(await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).toHaveLength(1);
    await expect(acknowledge(dossier, { acknowledgmentId: 'RDD-3', date: '2026-11-21' })).rejects.toThrow(
      ConflictError,
    );
  });

  it('refuses an invoice the dossier does not hold and a date in the future', async () => {
    const dossier = await setup();
    await expect(
      acknowledge(dossier, { acknowledgmentId: 'RDD-4', date: '2026-11-20', invoices: ['F-NOPE'] }),
    ).rejects.toThrow(UnprocessableError);
    expect(() =>
      parseInput(acknowledgmentSchema('2026-11-30'), { acknowledgmentId: 'x', date: '2026-12-01' }),
    ).toThrow('date: must not be after 2026-11-30');
  });
});

describe('mediation and conciliation (C.civ. 2238)', () => {
  it('suspends the period while it runs, then leaves at least 6 months after its end', async () => {
    const dossier = await setup();
    // 1 Oct 2026: 106 days were left before 15 Jan 2027. Still running today: the earliest
    // possible deadline is today + max(106 days, 6 months) = 30 May 2027.
    const running = await mediate(dossier, {
      mediationId: 'MED-1',
      kind: 'mediation',
      startedOn: '2026-10-01',
    });
    expect(running).toMatchObject({ previousPrescriptionDate: '2027-01-15', prescriptionDate: '2027-05-30' });
    // Ended 25 Nov 2026: 25 Nov + 6 months (more than the 106 days left) = 25 May 2027.
    const ended = await mediate(dossier, {
      mediationId: 'MED-1',
      kind: 'mediation',
      startedOn: '2026-10-01',
      endedOn: '2026-11-25',
    });
    expect(ended).toEqual({
      dossierId: dossier.dossierId,
      duplicate: false,
      previousPrescriptionDate: '2027-05-30',
      prescriptionDate: '2027-05-25',
      // The 90-day warning before the new deadline.
      nextPrescriptionCheckOn: '2027-02-24',
    });
    const types = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).map(
      (e) => e.type,
    );
    expect(types).toEqual(['mediation-started', 'mediation-ended']);
  });

  it('a conciliation on one invoice suspends only that one: the other keeps the earliest deadline', async () => {
    const dossier = await setup();
    const outcome = await mediate(dossier, {
      mediationId: 'CONC-1',
      kind: 'conciliation',
      startedOn: '2026-11-01',
      invoices: ['F-NEW'],
    });
    // F-NEW suspended on 1 Nov 2026 with 1562 days left: the clock has not run since, so its
    // deadline moves by the 29 days of suspension to date. F-OLD untouched keeps the earliest.
    expect(outcome.prescriptionDate).toBe('2027-01-15');
    const saved = await stored(dossier);
    expect(saved.invoices.map((i) => [i.number, i.prescriptionDate])).toEqual([
      ['F-OLD', '2027-01-15'],
      ['F-NEW', '2031-03-11'],
    ]);
  });

  it('refuses an end before the start, naming the field', () => {
    expect(() =>
      parseInput(mediationSchema('2026-11-30'), {
        mediationId: 'M',
        kind: 'mediation',
        startedOn: '2026-11-02',
        endedOn: '2026-11-01',
      }),
    ).toThrow('endedOn: must not be before startedOn');
  });
});

describe('acknowledgments and mediations in a dossier-events file', () => {
  it('applies them through the same use cases, source file; a replayed file changes nothing', async () => {
    const { ingestDossierEvents } = await import(
      '../../../shared/use-cases/dossier-events/ingest-dossier-events'
    );
    const dossier = await setup();
    const file = [
      'type;event_id;dossier;invoice;date;reason',
      `mediation-start;MED-F1;${dossier.dossierId};;01/10/2026;conciliation`,
      `mediation-end;MED-F1;${dossier.dossierId};;25/11/2026;`,
      `acknowledgment;RDD-F1;${dossier.dossierId};F-NEW;28/11/2026;`,
      `acknowledgment;RDD-F2;${dossier.dossierId};F-NOPE;28/11/2026;`,
    ].join('\r\n');
    const ingest = () =>
      ingestDossierEvents(deps, {
        tenantId: dossier.tenantId,
        key: `${dossier.tenantId}/dossier-events/2026-11-30.csv`,
        body: new TextEncoder().encode(file),
        receivedAt: NOW,
      });
    const report = await ingest();
    expect(report.applied).toBe(3);
    expect(report.rejected).toEqual([
      {
        row: 5,
        invoiceNumber: 'F-NOPE',
        field: 'event',
        reason: 'invoices: not invoices of this dossier: F-NOPE',
      },
    ]);
    const saved = await stored(dossier);
    // F-OLD: conciliation 1 Oct → 25 Nov 2026, then 6 months: 25 May 2027. F-NEW: acknowledged 28 Nov 2026.
    expect(saved.invoices.map((i) => [i.number, i.prescriptionDate])).toEqual([
      ['F-OLD', '2027-05-25'],
      ['F-NEW', '2031-11-28'],
    ]);
    expect(saved.prescriptionDate).toBe('2027-05-25');
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.map((e) => [e.type, e.source])).toEqual([
      ['mediation-started', 'file'],
      ['mediation-ended', 'file'],
      ['debt-acknowledged', 'file'],
    ]);
    await ingest();
    expect(await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).toHaveLength(3);
  });
});
