import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * What `serve` keeps in its `--data` folder, in one place so the server, the `token` command and
 * the docs name the same files. Everything a restart needs is here; nothing else is written.
 */
export function dataLayout(root: string) {
  const base = resolve(root);
  return {
    root: base,
    /** dynalite's LevelDB store: the DynamoDB table. */
    dynamodb: join(base, 'dynamodb'),
    /** s3rver's folder: the intake and documents buckets. */
    s3: join(base, 's3'),
    /** E-mails (.eml), SMS, letters, call tasks, registered mail: the embedded providers' outbox. */
    outbox: join(base, 'outbox'),
    logs: join(base, 'logs', 'pipeline.jsonl'),
    /** The ES256 key the local API's tokens are signed with (private: mode 0600). */
    signingKey: join(base, 'auth', 'signing-key.json'),
    /** Last run of each schedule, for the catch-up at start-up. */
    schedules: join(base, 'schedules.json'),
    /** Where an accelerated clock stopped, so simulated time never runs backwards across restarts. */
    clock: join(base, 'clock.json'),
  };
}

export type DataLayout = ReturnType<typeof dataLayout>;

export async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Write-then-rename: a crash mid-write leaves the previous state, never half a file. */
export async function writeJson(path: string, value: unknown, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode });
  await rename(temporary, path);
}
