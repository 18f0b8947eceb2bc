import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** `demo --json` is for scripts: stdout must parse as JSON, progress goes to stderr. */
describe('demo --json', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('prints only JSON on stdout (progress on stderr), piped as a script would read it', async () => {
    out = await mkdtemp(join(tmpdir(), 'demo-json-'));
    const { stdout, stderr } = await run(
      process.execPath,
      ['bin/recouvrement.mjs', 'demo', '--json', '--days', '8', '--out', out],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as { intake: unknown[]; summary: unknown };
    expect(report.intake.length).toBeGreaterThan(0);
    expect(report.summary).toBeDefined();
    expect(stderr).toMatch(/Simulating 100%/);
  }, 120_000);
});
