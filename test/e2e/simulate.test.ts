import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Comparison, formatComparison } from '../../infra/local/simulate/comparison';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const ARGS = [
  'bin/recouvrement.mjs',
  'simulate',
  '--scenario',
  'examples/scenario-gentle.json',
  '--scenario',
  'examples/scenario-firm.json',
  '--days',
  '30',
  '--seed',
  '1',
];

const simulate = (...extra: string[]) =>
  run(process.execPath, [...ARGS, ...extra], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

/**
 * `recouvrement simulate` as a credit manager runs it: two ladders over the sample portfolio,
 * side by side, and the same text again for the same seed (two processes, so nothing a process
 * keeps between runs can hide a difference: the machine's clock, Math.random, a map's order).
 */
describe('recouvrement simulate', () => {
  let comparison: Comparison;

  it('gives the same output twice for one seed, in two processes', async () => {
    const first = await simulate('--json');
    const second = await simulate('--json');
    expect(second.stdout).toBe(first.stdout);
    // The timing is on stderr only.
    expect(first.stderr).toMatch(/2 ladder\(s\) × 30 days in [\d.]+ s/);
    comparison = JSON.parse(first.stdout) as Comparison;
  }, 300_000);

  it('prints both ladders side by side, one row per figure', () => {
    const text = formatComparison(comparison);
    const header = text.split('\n').find((line) => line.trimStart().startsWith('scenario-gentle'));
    expect(header).toMatch(/^\s+scenario-gentle\s+scenario-firm$/);
    for (const row of [
      'recovered',
      'mean delay, due date to payment',
      'cost: message fees',
      'messages: e-mail',
      'disputes',
      'complaints risk',
    ])
      expect(text).toMatch(new RegExp(`^${row}.*\\S\\s{3,}\\S.*$`, 'm'));
  });

  it('measures the same portfolio under each ladder: the firm one texts debtors, the gentle one never does', () => {
    const [gentle, firm] = comparison.outcomes;
    expect(comparison.outcomes.map((o) => o.label)).toEqual(['scenario-gentle', 'scenario-firm']);
    expect(gentle!.dossiers).toBe(firm!.dossiers);
    expect(gentle!.principalCents).toBe(firm!.principalCents);
    expect(gentle!.messages.sms).toBe(0);
    expect(firm!.messages.sms).toBeGreaterThan(0);
    expect(firm!.complaints.atLimit.channels).toBeGreaterThan(0);
    expect(gentle!.complaints.atLimit.channels).toBe(0);
    expect(gentle!.errors + firm!.errors).toBe(0);
  });

  it('refuses an unlawful scenario file before running anything, naming the field', async () => {
    const failed = await run(
      process.execPath,
      ['bin/recouvrement.mjs', 'simulate', '--scenario', 'samples/tenant.json', '--days', '5'],
      { cwd: ROOT },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toMatch(/^simulate: samples\/tenant\.json: (id|levels)/m);
  }, 60_000);
});
