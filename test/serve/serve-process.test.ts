import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeDir, tempDataDir } from './support';

const CLI = join(ROOT, 'bin', 'recouvrement.mjs');

/** Starts `recouvrement serve` on free ports and resolves with its banner once it is ready. */
function startServe(
  dataDir: string,
): Promise<{ child: ChildProcess; banner: string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--s3-port', '0', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Stop with')) resolve({ child, banner: output, exit });
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    void exit.then((code) => reject(new Error(`serve exited ${code} before it was ready:\n${output}`)));
  });
}

let dataDir: string | undefined;
afterAll(() => removeDir(dataDir));

describe('recouvrement serve as a process', () => {
  it('prints where it listens, answers with a token from `recouvrement token`, and exits 0 on SIGTERM', async () => {
    dataDir = await tempDataDir();
    const { child, banner, exit } = await startServe(dataDir);
    try {
      const api = /API +(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(api).toBeDefined();
      expect(banner).toMatch(/S3 endpoint +http:\/\/127\.0\.0\.1:\d+ +buckets: intake, documents/);
      expect(banner).toContain(dataDir);
      expect(banner).toMatch(/overdue sweep +next \d{4}-\d\d-\d\d 06:00 Europe\/Paris/);
      expect(banner).toMatch(/prescription sweep +next \d{4}-\d\d-\d\d 02:00 Europe\/Paris/);
      // The daily rates check, said at start too: covered, or what is missing and until when interest runs.
      expect(banner).toMatch(
        /Rates: (\d{4}-H[12] is in the table|[\d\-H, ]+ (is|are) not published in the table: interest computed to \d\d\/\d\d\/\d{4})/,
      );
      expect((await fetch(`${api}/health`)).status).toBe(200);

      const { stdout } = await promisify(execFile)(
        process.execPath,
        [CLI, 'token', 'acme', '--ttl', '10m', '--data', dataDir],
        { cwd: ROOT },
      );
      const token = stdout.trim();
      expect(token.split('.')).toHaveLength(3);
      const withToken = await fetch(`${api}/dossiers/nope`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(withToken.status).toBe(404);
      const without = await fetch(`${api}/dossiers/nope`);
      expect(without.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });
});
