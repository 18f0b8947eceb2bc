import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxMessenger } from '../../shared/adapters/local/outbox-messenger';
import { buildEml } from '../../shared/adapters/message-files';
import { parseEml } from '../support/eml';
import { aCall, aLetter, anEmail, anSms } from '../support/messages';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'recouvrement-outbox-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function jsonLines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(folder, file), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const INDEX_FIELDS = [
  'at',
  'channel',
  'debtorId',
  'dossierId',
  'file',
  'key',
  'level',
  'template',
  'tenantId',
];
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('OutboxMessenger', () => {
  it('writes an e-mail as an .eml a mail client can read, and one index line', async () => {
    // Prepare
    const message = anEmail({ text: 'Bonjour,\nla facture F-2026-001 — 1\u202f200,00\u00a0€.' });

    // Act
    const receipt = await new OutboxMessenger(folder).sendEmail(message);

    // Assess
    const file = 'email/tenant-a_DOS-CLI-001_2026-11-23_reminder-1_email.eml';
    const eml = await readFile(join(folder, file), 'utf8');
    expect(eml).toBe(buildEml(message));
    expect(eml).not.toMatch(/[^\r]\n/);
    const parsed = parseEml(eml);
    expect(parsed.headers.get('subject')).toBe(message.subject);
    expect(parsed.headers.get('to')).toContain('compta@dupont.example');
    expect(parsed.headers.get('x-recouvrement-key')).toBe(message.idempotencyKey);
    expect(parsed.parts.map((part) => part.text)).toEqual([message.text, message.html]);
    expect(receipt).toEqual({
      channel: 'email',
      reference: file,
      document: { key: file, sha256: sha256(eml) },
    });

    const index = await jsonLines('outbox.jsonl');
    expect(index).toEqual([
      {
        at: '2026-11-23T07:00:00.000Z',
        channel: 'email',
        tenantId: 'tenant-a',
        dossierId: 'DOS-CLI-001',
        debtorId: 'CLI-001',
        level: 'reminder-1',
        template: 'reminder-1',
        file,
        key: message.idempotencyKey,
      },
    ]);
    expect(Object.keys(index[0] ?? {}).sort()).toEqual(INDEX_FIELDS);
  });

  it('appends an SMS to sms/sms.jsonl with its segment count', async () => {
    const message = anSms({ text: 'Votre échéance est dépassée' });

    const receipt = await new OutboxMessenger(folder).sendSms(message);

    expect(receipt).toEqual({ channel: 'sms', reference: 'sms/sms.jsonl' });
    expect(await jsonLines('sms/sms.jsonl')).toEqual([
      {
        at: message.at,
        to: '+33612345678',
        text: 'Votre échéance est dépassée',
        tenantId: 'tenant-a',
        dossierId: 'DOS-CLI-001',
        level: 'reminder-1',
        segments: 1,
      },
    ]);
    const [line] = await jsonLines('outbox.jsonl');
    expect(line).toMatchObject({ channel: 'sms', file: 'sms/sms.jsonl', key: message.idempotencyKey });
    expect(Object.keys(line ?? {}).sort()).toEqual(INDEX_FIELDS);
  });

  it('writes a letter PDF byte for byte', async () => {
    const letter = aLetter();

    const receipt = await new OutboxMessenger(folder).sendLetter(letter);

    const file = 'letters/tenant-a_DOS-CLI-001_2026-11-23_formal-notice_letter.pdf';
    expect(new Uint8Array(await readFile(join(folder, file)))).toEqual(letter.pdf);
    expect(receipt).toEqual({
      channel: 'letter',
      reference: file,
      document: { key: file, sha256: sha256(letter.pdf) },
    });
    expect(await jsonLines('outbox.jsonl')).toMatchObject([
      { channel: 'letter', file, level: 'formal-notice' },
    ]);
  });

  it('appends a call task to calls/calls.jsonl', async () => {
    const call = aCall();

    const receipt = await new OutboxMessenger(folder).announceCall(call);

    expect(receipt).toEqual({ channel: 'call', reference: 'calls/calls.jsonl' });
    expect(await jsonLines('calls/calls.jsonl')).toEqual([
      {
        at: call.at,
        tenantId: 'tenant-a',
        dossierId: 'DOS-CLI-001',
        debtorId: 'CLI-001',
        level: 'call',
        template: 'call',
        priority: 120_000,
        summary: call.summary,
        key: call.idempotencyKey,
      },
    ]);
    expect(await jsonLines('outbox.jsonl')).toMatchObject([{ channel: 'call', file: 'calls/calls.jsonl' }]);
  });

  it('a letter and a call task once per idempotency key, with the same receipt again', async () => {
    const outbox = new OutboxMessenger(folder);
    const letter = await outbox.sendLetter(aLetter());
    const call = await outbox.announceCall(aCall());

    const letterAgain = await outbox.sendLetter(aLetter({ pdf: new Uint8Array([1, 2, 3]) }));
    const callAgain = await outbox.announceCall(aCall({ summary: 'changed' }));

    expect(letterAgain).toEqual(letter);
    expect(callAgain).toEqual(call);
    expect(await jsonLines('outbox.jsonl')).toHaveLength(2);
    expect(await jsonLines('calls/calls.jsonl')).toHaveLength(1);
    expect(new Uint8Array(await readFile(join(folder, letter.reference)))).toEqual(aLetter().pdf);
  });

  it('an e-mail or SMS handed over twice goes out twice, as SES and SNS send it (RecordedMessenger refuses it)', async () => {
    const outbox = new OutboxMessenger(folder);
    const first = await outbox.sendEmail(anEmail());
    await outbox.sendSms(anSms());

    const again = await outbox.sendEmail(anEmail({ subject: 'sent again' }));
    await outbox.sendSms(anSms({ text: 'sent again' }));

    expect(again.reference).not.toBe(first.reference);
    expect(parseEml(await readFile(join(folder, again.reference), 'utf8')).headers.get('subject')).toBe(
      'sent again',
    );
    expect((await jsonLines('outbox.jsonl')).map((line) => line.channel)).toEqual([
      'email',
      'sms',
      'email',
      'sms',
    ]);
    expect(await jsonLines('sms/sms.jsonl')).toHaveLength(2);
  });

  it('remembers what was sent across a restart (new instance, same folder)', async () => {
    const first = await new OutboxMessenger(folder).sendLetter(aLetter());
    await new OutboxMessenger(folder).sendEmail(anEmail());

    const restarted = new OutboxMessenger(folder);
    const again = await restarted.sendLetter(aLetter({ pdf: new Uint8Array([1, 2, 3]) }));
    const email = await restarted.sendEmail(anEmail());

    expect(again).toEqual(first);
    // The second e-mail of one key gets its own file: the first is not overwritten.
    expect(email.reference).toBe('email/tenant-a_DOS-CLI-001_2026-11-23_reminder-1_email.2.eml');
    const index = await jsonLines('outbox.jsonl');
    expect(index.map((line) => line.channel)).toEqual(['letter', 'email', 'email']);
    expect(new Uint8Array(await readFile(join(folder, first.reference)))).toEqual(aLetter().pdf);
  });

  it('skips a line torn by a crash when it reloads the index', async () => {
    await new OutboxMessenger(folder).sendLetter(aLetter());
    await appendFile(join(folder, 'outbox.jsonl'), '{"at":"2026-11-23T07:00:00.000Z","chan');

    const receipt = await new OutboxMessenger(folder).sendLetter(aLetter());

    expect(receipt.reference).toBe('letters/tenant-a_DOS-CLI-001_2026-11-23_formal-notice_letter.pdf');
    const lines = (await readFile(join(folder, 'outbox.jsonl'), 'utf8')).split('\n');
    expect(lines.filter((line) => line.includes('"channel":"letter"'))).toHaveLength(1);
  });

  it('does not interleave concurrent sends, and one letter key sent concurrently is written once', async () => {
    // Prepare
    const outbox = new OutboxMessenger(folder);
    const longText = 'é'.repeat(20_000);
    const sends = Array.from({ length: 40 }, (_, i) => {
      const meta = { idempotencyKey: `key-${i}`, dossierId: `DOS-${i}` };
      switch (i % 4) {
        case 0:
          return outbox.sendEmail(anEmail({ ...meta, text: longText }));
        case 1:
          return outbox.sendSms(anSms({ ...meta, text: `${i} ${longText}` }));
        case 2:
          return outbox.sendLetter(aLetter(meta));
        default:
          return outbox.announceCall(aCall({ ...meta, summary: longText }));
      }
    });
    const duplicates = Array.from({ length: 10 }, () =>
      outbox.sendLetter(aLetter({ idempotencyKey: 'dup' })),
    );

    // Act
    await Promise.all([...sends, ...duplicates]);

    // Assess
    const index = await jsonLines('outbox.jsonl');
    expect(index).toHaveLength(41);
    expect(new Set(index.map((line) => line.key)).size).toBe(41);
    const sms = await jsonLines('sms/sms.jsonl');
    expect(sms).toHaveLength(10);
    expect(sms.filter((line) => String(line.text).endsWith(longText))).toHaveLength(10);
    expect(await jsonLines('calls/calls.jsonl')).toHaveLength(10);
  });

  it('reports a failed write and keeps serving the sends queued behind it', async () => {
    // A folder where the letter file should go makes that one write fail.
    const outbox = new OutboxMessenger(folder);
    await mkdir(join(folder, 'letters', 'tenant-a_DOS-CLI-001_2026-11-23_formal-notice_letter.pdf'), {
      recursive: true,
    });

    const [letter, email] = await Promise.allSettled([
      outbox.sendLetter(aLetter()),
      outbox.sendEmail(anEmail()),
    ]);

    expect(letter.status).toBe('rejected');
    expect(email.status).toBe('fulfilled');
    expect((await jsonLines('outbox.jsonl')).map((line) => line.channel)).toEqual(['email']);
  });

  it('writes nothing outside its folder, whatever the key', async () => {
    const outbox = new OutboxMessenger(folder);
    const receipt = await outbox.sendEmail(anEmail({ idempotencyKey: '../../../escape' }));

    expect(receipt.reference).toBe('email/__.._.._escape.eml');
    expect(await readFile(join(folder, receipt.reference), 'utf8')).toContain('escape');
    expect((await readdir(folder)).sort()).toEqual(['email', 'outbox.jsonl']);
  });
});
