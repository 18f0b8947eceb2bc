import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../infra/local/serve/s3-endpoint';
import { SmtpMessenger, smtpTransport } from '../../infra/local/serve/smtp-messenger';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';
import { parisInstant } from '../../shared/domain/calendar';
import type { EmailMessage, Messenger, SentReceipt } from '../../shared/use-cases/ports';
import { type SmtpSink, startSmtpSink } from './smtp-sink';
import { ROOT, removeDir, TENANT_FILE, tempDataDir, until } from './support';

/**
 * `serve --smtp`: the reminders really leave by SMTP (nodemailer) to a real SMTP server started
 * here (smtp-server), and the message that arrives is read back with a real MIME parser
 * (mailparser): the debtor's accented name intact, the idempotency header, once per key.
 */
const CLI = join(ROOT, 'bin', 'recouvrement.mjs');
const USER = 'relay-user';
const PASSWORD = 'Pa55-w0rd-never-shown';
// UTF-8 beyond Latin-1's safe subset: an encoding slip anywhere on the way would mangle it.
const DEBTOR = 'SARL Hélène Müller & Fils — Œuvres';

const csv = [
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language;statement',
  `M-1;M1;professional;${DEBTOR};compta@muller.example;;3 rue de l'Église;75004;Paris;FR;640.00;EUR;2025-10-01;2025-11-01;commercial;fr;`,
  'M-2;M2;professional;SAS Deux;factures@deux.example;;2 rue B;69001;Lyon;FR;1250.00;EUR;2025-10-10;2025-11-10;commercial;fr;',
].join('\n');

let sink: SmtpSink | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await sink?.stop();
  for (const dir of dirs) await removeDir(dir);
});

function startServe(dataDir: string, smtpUrl: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      ...['--port', '0', '--s3-port', '0', '--data', dataDir, '--smtp', smtpUrl],
      ...['--tenant', TENANT_FILE, '--tenant-id', 'acme'],
      // Four simulated hours a second from 05:30 on a Monday: the 06:00 sweep sends at 08:00.
      ...['--clock', 'accelerated=14400', '--clock-start', parisInstant('2026-01-05', 5, 30)],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

async function outboxLines(dataDir: string): Promise<OutboxIndexLine[]> {
  const text = await readFile(join(dataDir, 'outbox', 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxIndexLine)
    .filter((line) => line.channel === 'email');
}

describe('serve --smtp', () => {
  it('relays the reminders to a real SMTP server, intact, once each, and never shows the password', async () => {
    sink = await startSmtpSink({ user: USER, pass: PASSWORD });
    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    const serve = startServe(dataDir, `smtp://${USER}:${PASSWORD}@127.0.0.1:${sink.port}`);
    let code: number | null;
    try {
      const banner = await until(async () =>
        serve.output().includes('Stop with') ? serve.output() : undefined,
      );
      expect(banner).toContain(`relayed to smtp://${USER}@127.0.0.1:${sink.port}`);
      const s3 = /S3 endpoint +(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      const client = localS3Client(s3!);
      try {
        await client.send(new PutObjectCommand({ Bucket: 'intake', Key: 'acme/invoices.csv', Body: csv }));
      } finally {
        client.destroy();
      }
      await until(async () => (sink!.received.length >= 2 ? true : undefined), 60_000);
    } finally {
      serve.child.kill('SIGTERM');
      code = await serve.exit;
    }
    expect(code).toBe(0);

    const mail = sink.received.find((m) => m.to.includes('compta@muller.example'));
    expect(mail, 'the reminder to the accented debtor').toBeDefined();
    expect(mail!.user).toBe(USER);
    expect(mail!.from).toMatch(/@/);
    const { parsed } = mail!;
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined).toBe(
      'compta@muller.example',
    );
    // The reminder templates greet "Madame, Monsieur": the accents and the euro sign must survive.
    expect(parsed.text).toContain('Malgré notre précédent rappel');
    expect(parsed.text).toContain('M-1 — échéance 01/11/2025 — 640,00');
    expect(parsed.text).toContain('€');
    expect(parsed.subject).toBeTruthy();
    const key = parsed.headers.get('x-recouvrement-key');
    expect(typeof key).toBe('string');
    expect(key).toContain('DOS-M1');
    // What left by SMTP is the evidence kept in the outbox, read back by the same parser.
    const line = (await outboxLines(dataDir)).find((l) => l.key === key)!;
    const kept = await simpleParser(await readFile(join(dataDir, 'outbox', line.file)));
    expect({ subject: parsed.subject, text: parsed.text, html: parsed.html }).toEqual({
      subject: kept.subject,
      text: kept.text,
      html: kept.html,
    });

    // Every e-mail of the outbox went out by SMTP, each key exactly once.
    const keys = sink.received.map((m) => String(m.parsed.headers.get('x-recouvrement-key')));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual((await outboxLines(dataDir)).map((l) => l.key).sort());

    // The password is in no output and no file a person reads or ships.
    expect(serve.output()).not.toContain(PASSWORD);
    const logs = await readFile(join(dataDir, 'logs', 'pipeline.jsonl'), 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(PASSWORD);
    expect(await readFile(join(dataDir, 'outbox', 'smtp', 'relayed.jsonl'), 'utf8')).not.toContain(PASSWORD);
  }, 90_000);

  it('sends a key once: a second relay of it, even after a restart, sends nothing', async () => {
    sink ??= await startSmtpSink({ user: USER, pass: PASSWORD });
    const before = sink.received.length;
    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    const evidence: string[] = [];
    const outbox = {
      sendEmail: async (message: EmailMessage): Promise<SentReceipt> => {
        evidence.push(message.idempotencyKey);
        return { channel: 'email', reference: message.idempotencyKey };
      },
    } as Messenger;
    const message: EmailMessage = {
      at: '2026-01-05T07:00:00.000Z',
      tenantId: 'acme',
      dossierId: 'DOS-X1',
      debtorId: 'X1',
      level: 'reminder-1',
      template: 'reminder-1',
      idempotencyKey: 'DOS-X1#2026-01-05#reminder-1#email',
      to: 'x1@debiteur.example',
      from: 'relances@acme.example',
      subject: 'Facture impayée — Hélène',
      text: `Bonjour ${DEBTOR},`,
      html: `<p>Bonjour ${DEBTOR},</p>`,
    };
    const log = join(dataDir, 'relayed.jsonl');
    const url = `smtp://${USER}:${PASSWORD}@127.0.0.1:${sink.port}`;

    const transport = await smtpTransport(url);
    const first = new SmtpMessenger(outbox, transport, log);
    await first.sendEmail(message);
    await first.sendEmail(message);
    transport.close();
    const again = await smtpTransport(url);
    await new SmtpMessenger(outbox, again, log).sendEmail(message);
    again.close();

    expect(sink.received.length - before).toBe(1);
    const received = sink.received.at(-1)!.parsed;
    expect(received.subject).toBe('Facture impayée — Hélène');
    expect(received.text).toContain(DEBTOR);
    expect(received.html).toContain(`<p>Bonjour ${DEBTOR},</p>`);
    expect(received.headers.get('x-recouvrement-key')).toBe(message.idempotencyKey);
    // The outbox still records each call: a retried step rewrites the same evidence.
    expect(evidence).toHaveLength(3);
    expect(await readFile(log, 'utf8')).not.toContain(PASSWORD);
  });

  it('names the SMTP server without its password', async () => {
    const { redactSmtpUrl } = await import('../../infra/local/serve/smtp-messenger');
    expect(redactSmtpUrl('smtps://me%40corp:s3cr%3At@mail.example:465')).toBe(
      'smtps://me@corp@mail.example:465',
    );
    expect(redactSmtpUrl('smtp://mail.example:25')).toBe('smtp://mail.example:25');
    expect(redactSmtpUrl('not a url :secret@')).not.toContain('secret');
  });
});
