import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import { RecordingLogger } from '../support/recording-ports';

/** The monthly-statements function as the 09:00 schedule invokes it: every tenant, first working day only. */
const ROOT = join(import.meta.dirname, '..', '..');
let stack: EmbeddedStack;
let outDir: string;

const HEADER =
  'invoice_number,debtor_ref,debtor_type,debtor_name,debtor_email,debtor_phone,address_line1,postal_code,city,country,amount,issue_date,due_date,statement';

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-statements-'));
  stack = await startEmbeddedStack({ outDir, logger: new RecordingLogger(), shardCount: 2 });
  const tenant = await readFile(join(ROOT, 'samples', 'tenant.json'));
  for (const tenantId of ['alpha', 'beta']) {
    await stack.putIntakeObject(`${tenantId}/tenant.json`, tenant, '2026-01-10T09:00:00.000Z');
    await stack.putIntakeObject(
      `${tenantId}/jan.csv`,
      [
        HEADER,
        `F-${tenantId}-1,D-1,professional,SARL Relevé,compta@releve.example,,1 rue A,75001,Paris,FR,500,2026-01-01,2026-03-31,monthly`,
        `F-${tenantId}-2,D-2,professional,SARL Sans Relevé,compta@sans.example,,2 rue B,75002,Paris,FR,300,2026-01-01,2026-03-31,`,
      ].join('\n'),
      '2026-01-10T09:00:00.000Z',
    );
  }
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

const statements = async () => (await readOutbox(outDir)).filter((line) => line.template === 'statement');

describe('monthly-statements function', () => {
  it('does nothing on a day that is not the first working day of the month', async () => {
    // 2 February 2026 is the first working day (1 February is a Sunday); the 3rd is not.
    expect(await stack.functions['monthly-statements']!({ asOf: '2026-02-03T08:00:00.000Z' })).toMatchObject({
      tenants: 0,
      sent: 0,
    });
    expect(await statements()).toEqual([]);
  });

  it('e-mails every tenant’s statements to the debtors who asked, once', async () => {
    const first = await stack.functions['monthly-statements']!({ asOf: '2026-02-02T08:00:00.000Z' });
    expect(first).toMatchObject({ day: '2026-02-02', tenants: 2, sent: 2, failedTenants: 0 });
    const again = await stack.functions['monthly-statements']!({ asOf: '2026-02-02T08:00:00.000Z' });
    expect(again).toMatchObject({ tenants: 2, sent: 0 });
    const sent = await statements();
    expect(sent.map((line) => `${line.tenantId}/${line.dossierId}`).sort()).toEqual([
      'alpha/DOS-D-1',
      'beta/DOS-D-1',
    ]);
  });

  it('refuses an input without its scheduled time', async () => {
    await expect(stack.functions['monthly-statements']!({})).rejects.toMatchObject({ field: 'asOf' });
  });
});
