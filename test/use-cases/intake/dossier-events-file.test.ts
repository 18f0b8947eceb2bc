import { describe, expect, it } from 'vitest';
import { DOSSIER_EVENT_TYPES } from '../../../shared/use-cases/dossier-events/event-registry';
import { row, useIntake } from './intake-harness';

/**
 * A dossier-events file dropped in the intake bucket, as French Excel saves it (Windows-1252, `;`,
 * amounts `1 234,56` with a no-break space, dates DD/MM/YYYY): the good rows applied through the
 * same use cases as the API, the bad ones reported beside the file with their line and field.
 */
const intake = useIntake();

const HEADER = 'Type;Dossier;Invoice;Date;Amount;Reason;Note;Event_ID';

/** Windows-1252 bytes of the text (every character here is in Latin-1). */
const excel = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');

async function tenantWithTwoDebtors(): Promise<string> {
  const tenantId = await intake.newTenant();
  const invoices = [
    'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;issue_date;due_date',
    row({ invoice_number: 'F-1', debtor_ref: 'D-1', amount: '1 000,00' }),
    row({ invoice_number: 'F-2', debtor_ref: 'D-1', amount: '200,00' }),
    row({ invoice_number: 'F-3', debtor_ref: 'D-2', amount: '1 234,56' }),
  ];
  const report = await intake.ingest(tenantId, 'factures.csv', invoices.join('\n'));
  expect(report.rejected).toEqual([]);
  return tenantId;
}

describe('dossier-events file', () => {
  it('applies the good rows and reports the bad one with its line and field', async () => {
    const tenantId = await tenantWithTwoDebtors();
    const file = excel([
      HEADER,
      'dispute;;F-2;;;defective;Porte voilée, dit Mme Léa Durand;EVT-1',
      'promise;;F-3;20/03/2026;1\u00a0234,56;;;EVT-2',
      'promise;;F-3;31/02/2026;100,00;;;EVT-3',
      'dispute-rejected;DOS-D-1;F-2;;;;;EVT-4',
      'refund;;F-1;;;;;EVT-5',
    ]);
    const key = `${tenantId}/dossier-events/2026-03-10.csv`;
    const outcome = await intake.drop(key, file);
    expect(outcome).toMatchObject({ kind: 'dossier-events', rejectsKey: `${key}.rejects.csv` });
    if (outcome.kind !== 'dossier-events') throw new Error('unreachable');
    expect(outcome.report).toMatchObject({ rows: 5, applied: 3 });
    expect(outcome.report.rejected).toEqual([
      {
        row: 4,
        invoiceNumber: 'F-3',
        field: 'date',
        reason: 'not a date (expected YYYY-MM-DD or DD/MM/YYYY)',
      },
      { row: 6, invoiceNumber: 'F-1', field: 'type', reason: expect.stringContaining('unknown event type') },
    ]);
    const report = new TextDecoder().decode(await intake.read(`${key}.rejects.csv`));
    expect(report).toContain('4;F-3;date;not a date');

    const repository = intake.deps().repository;
    const d1 = (await repository.getDossier(tenantId, 'DOS-D-1'))!;
    expect(d1.disputes).toEqual([
      expect.objectContaining({
        disputeId: 'EVT-1',
        invoices: ['F-2'],
        note: 'Porte voilée, dit Mme Léa Durand',
        resolution: expect.objectContaining({ outcome: 'rejected' }),
      }),
    ]);
    const d2 = (await repository.getDossier(tenantId, 'DOS-D-2'))!;
    expect(d2.promises).toEqual([
      expect.objectContaining({
        promiseId: 'EVT-2',
        promisedOn: '2026-03-20',
        amountCents: 123_456,
        source: 'file',
      }),
    ]);
    const events = await repository.listTimeline(tenantId, 'DOS-D-1');
    expect(events.filter((e) => e.source === 'file').map((e) => [e.type, e.idempotencyKey])).toEqual([
      ['dispute-opened', 'EVT-1'],
      ['dispute-resolved', 'EVT-1#resolution'],
    ]);
    expect(intake.deps().logger.text()).not.toContain('Durand');

    // The same file again: every good row is a replay and changes nothing.
    const versions = [d1.version, d2.version];
    const again = await intake.drop(key, file);
    if (again.kind !== 'dossier-events') throw new Error('unreachable');
    expect(again.report.applied).toBe(3);
    expect([
      (await repository.getDossier(tenantId, 'DOS-D-1'))!.version,
      (await repository.getDossier(tenantId, 'DOS-D-2'))!.version,
    ]).toEqual(versions);
    expect(await repository.listTimeline(tenantId, 'DOS-D-1')).toHaveLength(events.length);
  });

  it('reads JSON too, and refuses a CSV without the columns it needs', async () => {
    const tenantId = await tenantWithTwoDebtors();
    const json = JSON.stringify({
      events: [{ type: 'written-off', dossier: 'DOS-D-2', reason: 'debtor unreachable', event_id: 'WO-1' }],
    });
    const done = await intake.drop(`${tenantId}/dossier-events/batch.json`, json);
    expect(done).toMatchObject({ kind: 'dossier-events', report: { applied: 1, rejected: [] } });
    expect((await intake.deps().repository.getDossier(tenantId, 'DOS-D-2'))!.status).toBe('closed');
    // A new invoice for the written-off debtor opens a new ladder; the old invoice stays settled.
    const header =
      'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;issue_date;due_date';
    await intake.ingest(
      tenantId,
      'next.csv',
      [header, row({ invoice_number: 'F-9', debtor_ref: 'D-2' })].join('\n'),
      '2026-04-02T08:00:00.000Z',
    );
    const reopened = (await intake.deps().repository.getDossier(tenantId, 'DOS-D-2'))!;
    expect(reopened).toMatchObject({ status: 'open', levelIndex: -1, ladderStartedOn: '2026-04-02' });
    expect(reopened).not.toHaveProperty('closure');
    expect(reopened.invoices.map((inv) => [inv.number, inv.settledOn ?? null])).toEqual([
      ['F-3', '2026-03-10'],
      ['F-9', null],
    ]);
    const refused = await intake.drop(`${tenantId}/dossier-events/bad.csv`, 'type;amount\r\ndispute;1\r\n');
    expect(refused).toMatchObject({ kind: 'dossier-events', report: { refusal: { field: 'header' } } });
    expect(await intake.read(`${tenantId}/dossier-events/bad.csv.rejects.csv`)).toBeDefined();
  });

  it('knows the lifecycle types, each with the columns it needs', () => {
    expect(Object.keys(DOSSIER_EVENT_TYPES)).toEqual(
      expect.arrayContaining([
        'dispute',
        'dispute-upheld',
        'dispute-rejected',
        'dispute-partly-upheld',
        'promise',
        'paid',
        'settled',
        'written-off',
        'judicial',
      ]),
    );
    expect(DOSSIER_EVENT_TYPES.promise?.requires).toEqual(['date', 'amount']);
    expect(DOSSIER_EVENT_TYPES.settled?.requires).toEqual(['amount']);
  });
});
