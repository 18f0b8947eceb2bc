import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson } from '../../infra/local/serve/data-folder';
import { type RunningServer, startServer } from '../../infra/local/serve/server';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';
import { parisDate, parisInstant, parisTime } from '../../shared/domain/calendar';
import { invoicesCsv, putThroughS3, registerTenant, removeDir, tempDataDir, until } from './support';

let dataDir: string | undefined;
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

async function outboxLines(outbox: string): Promise<OutboxIndexLine[] | undefined> {
  const text = await readFile(join(outbox, 'outbox.jsonl'), 'utf8').catch(() => '');
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxIndexLine);
  return lines.length > 0 ? lines : undefined;
}

describe('serve with an accelerated clock', () => {
  it('runs the 06:00 overdue sweep on simulated time and sends the first reminders at 08:00', async () => {
    dataDir = await tempDataDir();
    // Four simulated hours per real second, from 05:30 on a Monday: the next mornings pass in seconds.
    server = await startServer({
      dataDir,
      port: 0,
      s3Port: 0,
      clockFactor: 14_400,
      clockStart: new Date(parisInstant('2026-01-05', 5, 30)),
    });
    await registerTenant(server, 'acme');
    await putThroughS3(server, 'acme/invoices.csv', invoicesCsv('F'));
    await server.idle();
    expect(await outboxLines(server.layout.outbox)).toBeUndefined();

    const lines = await until(async () => {
      const found = await outboxLines(server!.layout.outbox);
      return found && found.filter((line) => line.channel === 'email').length >= 2 ? found : undefined;
    });
    const emails = lines.filter((line) => line.channel === 'email');
    expect(new Set(emails.map((line) => line.dossierId)).size).toBe(2);
    // Sent as of the contact window's opening (08:00 Paris) on a simulated morning of that week
    // (the level and day are the scenario's), never on the machine's date.
    for (const line of emails) {
      expect(parisTime(line.at)).toMatchObject({ hour: 8, minute: 0 });
      expect(parisDate(line.at) >= '2026-01-05' && parisDate(line.at) <= '2026-01-09').toBe(true);
    }
    const files = await readdir(join(server.layout.outbox, 'email'));
    expect(files.filter((file) => file.endsWith('.eml'))).toHaveLength(emails.length);
    const state = await readJson<Record<string, string>>(server.layout.schedules);
    expect((state?.['overdue-sweep'] ?? '') >= parisInstant('2026-01-05', 6)).toBe(true);
  });
});
