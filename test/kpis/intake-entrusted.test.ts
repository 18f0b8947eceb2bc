import { describe, expect, it } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { ingestInvoices } from '../../shared/use-cases/intake/ingest-invoices';
import { aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';

/**
 * Intake counts what it stored in the KPI aggregates once per page of 100 debtors (one ADD per
 * day and shard, store-debtor-groups.ts), not once per dossier: the sums must be the same, and a
 * file delivered again must add nothing.
 */
const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;issue_date;due_date';
const row = (number: string, debtor: string, amount: number) =>
  `${number};${debtor};professional;SARL ${debtor};;;1 rue A;75001;Paris;FR;${amount};2026-02-01;2026-03-01`;
const RECEIVED = '2026-03-10T08:00:00.000Z';

let repository: DynamoDossierRepository;
useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 4, {
    transactions: dynamo.store === 'dynamodb-local',
  });
});

async function ingest(tenantId: string, body: string) {
  const deps = { repository, tenants: repository, logger: new RecordingLogger() };
  return ingestInvoices(deps, { tenantId, key: `${tenantId}/f.csv`, body, receivedAt: RECEIVED });
}

async function totals(tenantId: string) {
  const days = await repository.kpis.days(tenantId, '2026-03-01', '2026-03-31');
  const sum = (name: string) => days.reduce((total, day) => total + (day.counters[name] ?? 0), 0);
  return {
    dossiers: sum('entrustedDossiers'),
    invoices: sum('entrustedInvoices'),
    cents: sum('entrustedCents'),
  };
}

describe('KPIs of an intake counted per page', () => {
  it('counts every dossier and invoice of a 250-debtor file once, and nothing for its re-delivery', async () => {
    await repository.putTenant(aTenant('kpi-pages'));
    // 250 debtors: three pages; two invoices each, 10 € and 20 €.
    const rows = Array.from({ length: 250 }, (_, d) => [
      row(`F-${d}-a`, `D${d}`, 10),
      row(`F-${d}-b`, `D${d}`, 20),
    ]).flat();
    const body = `${HEADER}\n${rows.join('\n')}\n`;

    await ingest('kpi-pages', body);
    await ingest('kpi-pages', body);

    expect(await totals('kpi-pages')).toEqual({ dossiers: 250, invoices: 500, cents: 250 * 3000 });
  });

  it('counts invoices added to an existing dossier without counting the dossier again', async () => {
    await repository.putTenant(aTenant('kpi-added'));
    await ingest('kpi-added', `${HEADER}\n${row('F-1', 'D1', 10)}\n`);
    await ingest('kpi-added', `${HEADER}\n${row('F-2', 'D1', 10)}\n${row('F-3', 'D2', 10)}\n`);

    expect(await totals('kpi-added')).toEqual({ dossiers: 2, invoices: 3, cents: 3000 });
  });
});
