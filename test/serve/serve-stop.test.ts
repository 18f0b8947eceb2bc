import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson } from '../../infra/local/serve/data-folder';
import { type RunningServer, startServer } from '../../infra/local/serve/server';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';
import { parisInstant } from '../../shared/domain/calendar';
import { putThroughS3, registerTenant, removeDir, tempDataDir, until } from './support';

/**
 * SIGTERM during the overdue sweep (serve's stop): the escalation steps in flight finish, the
 * sweep stops there instead of stepping every dossier, the run is not recorded as done, and
 * the next start's catch-up steps the dossiers left, each once.
 */
const DOSSIERS = 300;
const START = new Date(parisInstant('2026-01-05', 5, 50));
const SWEEP = parisInstant('2026-01-05', 6);
let dataDir: string | undefined;
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

function csv(): string {
  const header =
    'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language;statement';
  const rows = Array.from(
    { length: DOSSIERS },
    (_, i) =>
      `S-${i};S${i};professional;SARL Client ${i};compta${i}@client.example;;${i} rue A;75001;Paris;FR;${100 + i}.00;EUR;2025-10-01;2025-11-01;commercial;fr;`,
  );
  return [header, ...rows].join('\n');
}

async function emailKeys(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, 'outbox', 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxIndexLine)
    .filter((line) => line.channel === 'email')
    .map((line) => line.key);
}

const lastOverdueSweep = async (dir: string) =>
  (await readJson<Record<string, string>>(join(dir, 'schedules.json')))?.['overdue-sweep'];

describe('serve stopped during the overdue sweep', () => {
  it('stops after the steps in flight, and the next start finishes the sweep through catch-up', async () => {
    dataDir = await tempDataDir();
    // Real time at 05:50 on a Monday: the dossiers are imported before the 06:00 sweep.
    server = await startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 1, clockStart: START });
    await registerTenant(server, 'acme');
    await putThroughS3(server, 'acme/invoices.csv', csv());
    await server.idle();
    expect(await server.stack.repository.listDossiers('acme')).toHaveLength(DOSSIERS);
    await server.stop();

    // Fast: the sweep starts at 08:00 (its contact-window hold) in a few seconds.
    server = await startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 2_000, clockStart: START });
    // Polled often: the stop must land while the sweep is still stepping.
    const deadline = Date.now() + 60_000;
    while ((await emailKeys(dataDir)).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await server.stop();
    server = undefined;
    const sentBeforeStop = await emailKeys(dataDir);
    expect(sentBeforeStop.length).toBeGreaterThan(0);
    expect(sentBeforeStop.length).toBeLessThan(DOSSIERS);
    expect((await lastOverdueSweep(dataDir)) ?? '').not.toBe(SWEEP);
    const logs = await readFile(join(dataDir, 'logs', 'pipeline.jsonl'), 'utf8');
    expect(logs).toMatch(
      /"schedule run failed","schedule":"overdue-sweep".*"error":"LaunchesInterruptedError"/,
    );

    // The next start runs the unfinished 06:00 sweep again: every dossier gets its reminder, once.
    server = await startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 1, clockStart: START });
    const keys = await until(async () => {
      const found = await emailKeys(dataDir!);
      return found.length >= DOSSIERS ? found : undefined;
    }, 120_000);
    await until(async () => ((await lastOverdueSweep(dataDir!)) === SWEEP ? true : undefined));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(DOSSIERS);
    expect(keys).toEqual(expect.arrayContaining(sentBeforeStop));
  }, 240_000);
});
