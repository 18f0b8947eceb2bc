import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../functions/api/routes/public';
import { API_ROUTES } from '../../infra/api-routes';

/**
 * `recouvrement openapi` exports the document GET /openapi.json serves (on AWS as under `serve`),
 * for a client generator or a release pipeline: it must be that very document, and valid.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'recouvrement.mjs');
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [CLI, 'openapi', ...args], { cwd: ROOT });

let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

async function served(): Promise<unknown> {
  const answer = await PUBLIC_ROUTES['GET /openapi.json']!(
    { routeKey: 'GET /openapi.json' } as APIGatewayProxyEventV2,
    new Date().toISOString(),
  );
  return JSON.parse(String((answer as { body: string }).body));
}

describe('recouvrement openapi', () => {
  it('prints the document GET /openapi.json serves, and it validates as OpenAPI 3.1', async () => {
    const { stdout } = await run([]);
    const document = JSON.parse(stdout) as { openapi: string; paths: Record<string, unknown> };
    expect(document).toEqual(await served());
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    for (const route of API_ROUTES) expect(Object.keys(document.paths)).toContain(route.path);
  }, 30_000);

  it('writes it to --out, and refuses an unknown option with exit code 2', async () => {
    dir = await mkdtemp(join(tmpdir(), 'recouvrement-openapi-'));
    const out = join(dir, 'openapi.json');
    const { stdout } = await run(['--out', out]);
    expect(stdout).toBe('');
    const written = JSON.parse(await readFile(out, 'utf8')) as { openapi: string };
    expect(written).toEqual(await served());
    expect((await new Validator().validate(written)).valid).toBe(true);
    await expect(run(['--yaml'])).rejects.toMatchObject({ code: 2 });
  }, 30_000);
});
