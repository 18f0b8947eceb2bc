import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { addDays, type LocalDate } from '../../shared/domain/calendar';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aTenant, morningOf } from '../support/builders';
import { RecordingLogger } from '../support/recording-ports';

/**
 * The send/mark window: the provider accepted the message, then the step died before marking its
 * claim 'done'. The retry finds the claim 'pending' and must not send again. The embedded outbox
 * sends again as SES and SNS do (they take no idempotency key); the evidence of accepted sends
 * (sent-messages.ts, in the table) is what keeps it to one message. Checked as each reader sees
 * it: the .eml through a MIME parser, the SMS lines, the letters and the registered-mail postings.
 */
const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language';
const row = (debtor: string) =>
  `F-1;${debtor};professional;SARL ${debtor};compta@${debtor.toLowerCase()}.example;+33612345678;1 rue de la Paix;69002;Lyon;FR;1200,00;EUR;2026-02-01;2026-03-03;commercial;fr`;

/** `<dossierId>|<channel>`: the first 'done' mark of that channel's claim fails (the function crashed). */
const crashes = new Set<string>();
const crashed: string[] = [];

function crashingBeforeTheMark(repository: DynamoDossierRepository): DynamoDossierRepository {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        // The page's marks together (markEventsDone) fail with the crashing one among them; the
        // single mark that follows fails too, and only then is the crash spent.
        if (property === 'markEventsDone') {
          const marks = args[0] as TimelineEvent[];
          if (marks.some((event) => crashes.has(`${event.dossierId}|${event.channel}`)))
            return Promise.reject(new Error('the function crashed after the send'));
        }
        const event = args[0] as TimelineEvent;
        const key = `${event?.dossierId}|${event?.channel}`;
        if (property === 'markEventDone' && crashes.delete(key)) {
          crashed.push(`${key}|${event.level}`);
          return Promise.reject(new Error('the function crashed after the send'));
        }
        return value.apply(target, args);
      };
    },
  });
}

let stack: EmbeddedStack;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-send-mark-'));
  stack = await startEmbeddedStack({
    outDir,
    logger: new RecordingLogger(),
    shardCount: 2,
    hooks: { repository: crashingBeforeTheMark },
  });
  for (const [tenantId, debtor] of [
    ['window-email', 'E1'],
    ['window-sms', 'S1'],
    ['window-letter', 'L1'],
  ] as const) {
    await stack.repository.putTenant(aTenant(tenantId));
    await stack.putIntakeObject(
      `${tenantId}/f.csv`,
      `${HEADER}\n${row(debtor)}\n`,
      '2026-03-05T09:00:00.000Z',
    );
  }
  crashes.add('DOS-E1|email');
  crashes.add('DOS-S1|sms');
  crashes.add('DOS-L1|letter');
  // Every morning from reminder-1 (2026-03-06) past the formal notice, each sweep run twice: the
  // second is the retry of a failed step (as the next sweep, or a retried execution, would run it).
  for (let day: LocalDate = '2026-03-06'; day <= '2026-03-30'; day = addDays(day, 1)) {
    await stack.runOverdueSweep(morningOf(day));
    await stack.runOverdueSweep(morningOf(day));
  }
}, 120_000);

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** (level, channel) → how many went out, from the outbox index (the providers' view). */
async function sentBy(dossierId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const line of await readOutbox(outDir))
    if (line.dossierId === dossierId)
      counts[`${line.level} ${line.channel}`] = (counts[`${line.level} ${line.channel}`] ?? 0) + 1;
  return counts;
}

const LADDER = {
  'reminder-1 email': 1,
  'reminder-2 email': 1,
  'reminder-2 sms': 1,
  'call call': 1,
  'formal-notice letter': 1,
};

describe('a send whose done mark failed, retried: one message', () => {
  it('e-mail: one .eml, as a mail client parses it', async () => {
    expect(crashed).toContain('DOS-E1|email|reminder-1');
    expect(await sentBy('DOS-E1')).toEqual(LADDER);
    const files = (await readdir(join(outDir, 'email'))).filter((file) =>
      file.startsWith('window-email_DOS-E1_'),
    );
    const mails = await Promise.all(
      files.map(async (file) => simpleParser(await readFile(join(outDir, 'email', file)))),
    );
    const keys = mails.map((mail) => mail.headers.get('x-recouvrement-key'));
    expect(keys.filter((key) => String(key).includes('#reminder-1#email'))).toHaveLength(1);
    expect(new Set(keys).size).toBe(mails.length);
    const reminder = mails.find((mail) =>
      String(mail.headers.get('x-recouvrement-key')).includes('#reminder-1#'),
    );
    expect(reminder?.to && 'text' in reminder.to ? reminder.to.text : '').toBe('compta@e1.example');
  });

  it('SMS: one line in the SMS file', async () => {
    expect(crashed).toContain('DOS-S1|sms|reminder-2');
    expect(await sentBy('DOS-S1')).toEqual(LADDER);
    const sms = (await readFile(join(outDir, 'sms', 'sms.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line.includes('"DOS-S1"'));
    expect(sms).toHaveLength(1);
  });

  it('letter: one PDF and one registered posting', async () => {
    expect(crashed).toContain('DOS-L1|letter|formal-notice');
    expect(await sentBy('DOS-L1')).toEqual(LADDER);
    const letters = (await readdir(join(outDir, 'letters'))).filter((file) => file.includes('DOS-L1'));
    expect(letters).toHaveLength(1);
    const postings = (await readFile(join(outDir, 'registered', 'registered-mail.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line.includes('"posted"') && line.includes('"DOS-L1"'));
    expect(postings).toHaveLength(1);
  });

  it('every claim ends done', async () => {
    for (const [tenantId, dossierId] of [
      ['window-email', 'DOS-E1'],
      ['window-sms', 'DOS-S1'],
      ['window-letter', 'DOS-L1'],
    ]) {
      const actions = (await stack.repository.listTimeline(tenantId!, dossierId!)).filter(
        (event) => event.type === 'action-sent',
      );
      expect(actions.filter((event) => event.state !== 'done')).toEqual([]);
    }
  });
});
