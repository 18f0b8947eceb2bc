import { describe, expect, it } from 'vitest';
import { listDossiers } from '../../shared/use-cases/client-api/list-dossiers';
import { dossierIdOf } from '../../shared/use-cases/intake/dossier-id';
import { ingestInvoices } from '../../shared/use-cases/intake/ingest-invoices';
import { aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/** Dossier ids free of the debtor's ref when the tenant asks for keyed ids (docs/personal-data.md, "Dossier ids"). */
const KEY = 'k'.repeat(32);
const keyed = (tenantId: string) => ({ tenantId, dossierIds: 'keyed' as const, dossierIdKey: KEY });

describe('dossierIdOf', () => {
  it('keeps the readable DOS-<ref> by default', () => {
    expect(dossierIdOf({ tenantId: 't' }, 'C101')).toBe('DOS-C101');
  });

  it('keyed: stable, per tenant, and carries nothing of the ref', () => {
    const id = dossierIdOf(keyed('t'), 'DUPONT Jean');
    expect(id).toMatch(/^DOS-K[0-9a-f]{20}$/);
    expect(dossierIdOf(keyed('t'), 'DUPONT Jean')).toBe(id);
    expect(dossierIdOf(keyed('u'), 'DUPONT Jean')).not.toBe(id);
    expect(dossierIdOf({ ...keyed('t'), dossierIdKey: 'x'.repeat(32) }, 'DUPONT Jean')).not.toBe(id);
    expect(id.toLowerCase()).not.toContain('dupont');
  });

  it('keyed without a secret of 32 characters fails loudly', () => {
    expect(() => dossierIdOf({ tenantId: 't', dossierIds: 'keyed', dossierIdKey: 'short' }, 'A')).toThrow(
      /dossierIdKey/,
    );
  });
});

describe('intake with keyed ids', () => {
  let deps: TestPipeline;
  useDynalite((dynamo) => {
    deps = pipelineOn(dynamo);
  });

  it("lands two files of one debtor in one dossier whose id is not the debtor's name", async () => {
    const tenantId = 'tenant-keyed';
    await deps.repository.putTenant(aTenant(tenantId, keyed(tenantId)));
    const header =
      'invoice_number,debtor_ref,debtor_type,debtor_name,debtor_email,address_line1,postal_code,city,country,amount,issue_date,due_date';
    const row = (n: string) =>
      `${n},DUPONT Jean,consumer,Jean Dupont,jean@dupont.example,12 rue des Lilas,69003,Lyon,FR,100,2026-10-01,2026-10-31`;
    const at = '2026-11-30T08:00:00.000Z';
    await Promise.all([
      ingestInvoices(deps, {
        tenantId,
        key: `${tenantId}/a.csv`,
        body: `${header}\n${row('F-1')}`,
        receivedAt: at,
      }),
      ingestInvoices(deps, {
        tenantId,
        key: `${tenantId}/b.csv`,
        body: `${header}\n${row('F-2')}`,
        receivedAt: at,
      }),
    ]);
    const dossiers = await deps.repository.listDossiers(tenantId);
    expect(dossiers.map((d) => d.dossierId)).toEqual([dossierIdOf(keyed(tenantId), 'DUPONT Jean')]);
    expect(dossiers[0]!.invoices.map((i) => i.number).sort()).toEqual(['F-1', 'F-2']);
  });

  it('finds a keyed dossier by its debtor ref (GET /dossiers?debtorRef=), and the one created before the switch', async () => {
    const tenantId = 'tenant-switched';
    const header =
      'invoice_number,debtor_ref,debtor_type,debtor_name,debtor_email,address_line1,postal_code,city,country,amount,issue_date,due_date';
    const row = (n: string, ref: string) =>
      `${n},${ref},consumer,Jean Dupont,jean@dupont.example,12 rue des Lilas,69003,Lyon,FR,100,2026-10-01,2026-10-31`;
    const at = '2026-11-30T08:00:00.000Z';
    await deps.repository.putTenant(aTenant(tenantId));
    await ingestInvoices(deps, {
      tenantId,
      key: `${tenantId}/a.csv`,
      body: `${header}\n${row('F-1', 'OLD1')}`,
      receivedAt: at,
    });
    await deps.repository.putTenant(aTenant(tenantId, keyed(tenantId)));
    await ingestInvoices(deps, {
      tenantId,
      key: `${tenantId}/b.csv`,
      body: `${header}\n${row('F-2', 'DUPONT Jean')}`,
      receivedAt: at,
    });
    const list = (debtorRef: string) =>
      listDossiers(deps, {
        tenantId,
        query: { sort: 'dossierId', limit: 50, debtorRef },
        today: '2026-11-30',
      });
    expect((await list('DUPONT Jean')).items.map((s) => s.dossierId)).toEqual([
      dossierIdOf(keyed(tenantId), 'DUPONT Jean'),
    ]);
    expect((await list('OLD1')).items.map((s) => s.dossierId)).toEqual(['DOS-OLD1']);
    expect((await list('NOBODY')).items).toEqual([]);
  });
});
