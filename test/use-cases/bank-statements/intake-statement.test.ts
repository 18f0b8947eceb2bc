import { describe, expect, it } from 'vitest';
import { intakeObject } from '../../../shared/use-cases/intake/intake-object';
import { aDebtor, aDossier, anInvoice } from '../../support/builders';
import { useDynalite } from '../../support/dynalite';
import { MemoryBlobStore, pipelineOn, type TestPipeline } from '../../support/recording-ports';
import { camt053 } from './camt-fixture';

let deps: TestPipeline;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

describe('a bank statement dropped in the intake bucket under <tenant>/statements/', () => {
  it('is imported, its report written beside it as French Excel reads it, and the report is never re-read', async () => {
    const tenantId = 'tenant-drop-statement';
    await deps.repository.createDossier(
      aDossier({
        tenantId,
        debtor: aDebtor({ ref: 'CLI-001' }),
        invoices: [anInvoice({ number: 'F-9', amountCents: 50_000, dueDate: '2026-10-01' })],
      }),
    );
    const blobs = new MemoryBlobStore();
    const key = `${tenantId}/statements/releve-2026-11-30.xml`;
    await blobs.put('intake', key, camt053([{ ref: 'E1', amount: '500.00', ustrd: ['F-9'] }]));
    const intake = { repository: deps.repository, tenants: deps.tenants, blobs, logger: deps.logger };
    const outcome = await intakeObject(intake, {
      bucket: 'intake',
      key,
      receivedAt: '2026-11-30T21:00:00.000Z',
    });
    expect(outcome).toMatchObject({ kind: 'bank-statement', reportKey: `${key}.report.csv` });
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await blobs.get('intake', `${key}.report.csv`),
    );
    expect(csv).toMatch(/^\uFEFFposition;outcome;/);
    expect(csv).toContain('Ntry 1;matched;2026-11-30;500,00;EUR;invoice;DOS-CLI-001;F-9;500,00;0,00;');
    const again = await intakeObject(intake, {
      bucket: 'intake',
      key: `${key}.report.csv`,
      receivedAt: '2026-11-30T21:00:01.000Z',
    });
    expect(again).toMatchObject({ kind: 'ignored' });
  });

  it('an XXE attempt gets an .error.json saying why, and nothing is recorded', async () => {
    const blobs = new MemoryBlobStore();
    const key = 'tenant-drop-xxe/statements/evil.xml';
    await blobs.put(
      'intake',
      key,
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
    );
    const intake = { repository: deps.repository, tenants: deps.tenants, blobs, logger: deps.logger };
    const outcome = await intakeObject(intake, {
      bucket: 'intake',
      key,
      receivedAt: '2026-11-30T21:00:00.000Z',
    });
    expect(outcome).toMatchObject({ kind: 'unreadable', errorKey: `${key}.error.json` });
    const error = JSON.parse(new TextDecoder().decode(await blobs.get('intake', `${key}.error.json`)));
    expect(error.reason).toContain('DOCTYPE');
    expect(JSON.stringify(error)).not.toContain('passwd');
  });
});
