import { describe, expect, it } from 'vitest';
import { bundleRows } from '../../infra/local/bench/bundle-report';
import type { BuildFigure, BundlesResult } from '../../infra/local/bench/bundles';

const build = (kb: number, ms: number): BuildFigure => ({
  bytes: kb * 1024,
  initMs: ms,
  processMs: ms + 40,
  heaviest: [],
});
const limits = { bytes: 300 * 1024, initMs: 100 };

describe('cold-start rows of the bench report', () => {
  it('shows both builds and judges the one deployed', () => {
    const result: BundlesResult = {
      keepNames: true,
      runs: 5,
      bundles: [
        { name: 'escalation-decide', runtime: build(150, 240), bundled: build(290, 90), chosen: 'bundled' },
        {
          name: 'intake',
          runtime: build(560, 180),
          bundled: {
            ...build(900, 120),
            heaviest: [
              { module: 'pdf-lib', bytes: 239 * 1024 },
              { module: '@smithy/core', bytes: 149 * 1024 },
              { module: 'zod', bytes: 100 * 1024 },
            ],
          },
          chosen: 'bundled',
        },
        { name: 'api', runtime: build(200, 95), bundled: build(600, 80), chosen: 'runtime' },
      ],
    };

    const rows = bundleRows(result, limits);

    expect(rows[0]![0]).toBe('cold start (median of 5)');
    expect(rows[1]).toEqual([
      '  escalation-decide',
      '150 KB / 240 ms  |  290 KB / 90 ms  → bundled',
      '',
      'ok',
      '',
    ]);
    expect(rows[2]![1]).toBe(
      '560 KB / 180 ms  |  900 KB / 120 ms  → bundled (pdf-lib 239 KB, @smithy/core 149 KB)',
    );
    expect(rows[2]![3]).toBe('MISSED');
    expect(rows[3]![3]).toBe('ok');
  });

  it('reports a function whose build or import failed, keeping the others', () => {
    const none = build(0, 0);
    const rows = bundleRows(
      {
        keepNames: false,
        runs: 3,
        bundles: [
          {
            name: 'api',
            runtime: none,
            bundled: none,
            chosen: 'bundled',
            error: 'Error: missing environment variable X',
          },
          { name: 'intake', runtime: build(100, 50), bundled: build(200, 40), chosen: 'bundled' },
        ],
      },
      limits,
    );

    expect(rows[1]).toEqual(['  api', 'failed: Error: missing environment variable X', '', 'MISSED', '']);
    expect(rows[2]![3]).toBe('ok');
    expect(rows.at(-1)![0]).toBe('  keepNames');
  });
});
