import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClaimIo, run as claim } from '../../infra/local/commands/claim';
import { type RatesIo, run as rates } from '../../infra/local/commands/rates';

function io(now = '2026-11-30T09:00:00.000Z'): RatesIo & ClaimIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    now: () => new Date(now),
    readStdin: async () => '',
    out: () => out,
    err: () => err,
  };
}

const SOURCE = 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000000000';
const ADD_H2 = [
  'add',
  '--period',
  '2026-H2',
  '--legal-individual',
  '6,5',
  '--legal-other',
  '2.5',
  '--ecb',
  '2.15',
  '--source',
  SOURCE,
];

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'rates-cmd-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

describe('recouvrement rates', () => {
  it('check: the current half-year is missing (exit 1), then covered once added (exit 0)', async () => {
    const before = io();
    expect(await rates(['check', '--data', data], before)).toBe(1);
    expect(before.out()).toContain(
      'Rates: 2026-H2 is not published in the table: interest computed to 30/06/2026 (add it: recouvrement rates add --period 2026-H2',
    );

    const added = io();
    expect(await rates([...ADD_H2, '--data', data], added)).toBe(0);
    expect(added.out()).toContain(`2026-H2 added to ${join(data, 'rates.json')}`);
    const file = JSON.parse(await readFile(join(data, 'rates.json'), 'utf8'));
    expect(file.entries).toEqual([
      {
        period: '2026-H2',
        legalIndividualPercent: 6.5,
        legalOtherPercent: 2.5,
        ecbPercent: 2.15,
        source: SOURCE,
        addedAt: '2026-11-30T09:00:00.000Z',
      },
    ]);

    const after = io();
    expect(await rates(['check', '--data', data], after)).toBe(0);
    expect(after.out()).toContain('Rates: 2026-H2 is in the table.');
  });

  it('list: the effective table says which half-years come from the overrides', async () => {
    await rates([...ADD_H2, '--data', data], io());
    const listed = io();
    expect(await rates(['list', '--data', data], listed)).toBe(0);
    const lines = listed.out().split('\n');
    expect(lines.find((l) => l.startsWith('2026-H2'))).toMatch(
      /6\.50 % +2\.50 % +2\.15 % +override +override added/,
    );
    expect(lines.find((l) => l.startsWith('2026-H1'))).toMatch(/6\.67 % +2\.62 % +2\.15 % +packaged/);
  });

  it.each([
    [['--legal-individual', 'six'], '--legal-individual'],
    [['--ecb', '21.5'], '--ecb'],
    [['--period', '2026-2'], '--period'],
    [['--source', 'arrêté de juin'], '--source'],
  ])('refuses a malformed value naming the option (%o), exit 2, nothing written', async (patch, option) => {
    const args = [...ADD_H2];
    args[args.indexOf(patch[0]!) + 1] = patch[1]!;
    const console = io();
    expect(await rates([...args, '--data', data], console)).toBe(2);
    expect(console.err()).toContain(`rates: ${option}:`);
    await expect(readFile(join(data, 'rates.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses an add without its source, and a second add of the same half-year without --replace', async () => {
    const noSource = io();
    expect(await rates([...ADD_H2.slice(0, -2), '--data', data], noSource)).toBe(2);
    expect(noSource.err()).toContain('--source: required');
    expect(await rates([...ADD_H2, '--data', data], io())).toBe(0);
    const twice = io();
    expect(await rates([...ADD_H2, '--data', data], twice)).toBe(2);
    expect(twice.err()).toContain('already overridden');
    expect(await rates([...ADD_H2, '--replace', '--data', data], io())).toBe(0);
  });

  it('claim reads the same overrides: interest computed to asOf once the half-year is added', async () => {
    const input = JSON.stringify({
      asOf: '2026-11-30',
      creditor: { type: 'professional' },
      debtor: { type: 'professional' },
      invoices: [{ number: 'F1', amountCents: 120_000, issueDate: '2026-02-01', dueDate: '2026-03-03' }],
    });
    const path = join(data, 'claim.json');
    await writeFile(path, input);
    const before = io();
    expect(await claim([path, '--data', data], before)).toBe(0);
    expect(JSON.parse(before.out())).toMatchObject({
      interestComputedThrough: '2026-06-30',
      missingRatePeriods: ['2026-H2'],
    });

    await rates([...ADD_H2, '--data', data], io());
    const after = io();
    expect(await claim([path, '--data', data], after)).toBe(0);
    expect(JSON.parse(after.out())).toMatchObject({
      interestComputedThrough: '2026-11-30',
      missingRatePeriods: [],
    });
  });
});
