import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOutbox } from '../../infra/local/demo/summary';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DynamoSentMessages } from '../../shared/adapters/dynamodb/sent-messages';
import { OutboxMessenger } from '../../shared/adapters/local/outbox-messenger';
import { RecordedMessenger } from '../../shared/adapters/recorded-messenger';
import { noteAndAlertCreditor } from '../../shared/use-cases/judicial/step/court-deadline-event';
import type { EmailMessage, Messenger } from '../../shared/use-cases/ports';
import { aDossier, aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';

/**
 * A creditor alert (court deadline, prescription warning) noted on the timeline, then e-mailed:
 * a step that fails between the two is retried, and the creditor is told once — not never (the
 * chaos run without retries lost DOS-C101's court-title e-mail so), not twice.
 */
let repository: DynamoDossierRepository;
const dynamo = useDynalite((started) => {
  repository = new DynamoDossierRepository(started.client, started.tableName, 2);
});
let outDir: string;
let tenantId: string;
let run = 0;

beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-alert-once-'));
  tenantId = `alert-${++run}`;
  await repository.putTenant(aTenant(tenantId));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The messenger of the embedded stack, whose first e-mail fails or whose answer is lost. */
function messenger(fault: 'refused' | 'answer-lost' | 'none'): Messenger {
  const real = new RecordedMessenger(
    new OutboxMessenger(outDir),
    new DynamoSentMessages(dynamo().client, dynamo().tableName),
  );
  let first = fault !== 'none';
  return {
    sendLetter: (m) => real.sendLetter(m),
    announceCall: (m) => real.announceCall(m),
    sendSms: (m) => real.sendSms(m),
    async sendEmail(message: EmailMessage) {
      if (!first) return real.sendEmail(message);
      first = false;
      if (fault === 'answer-lost') await real.sendEmail(message);
      throw new Error(fault === 'refused' ? 'TooManyRequestsException' : 'TimeoutError');
    },
  };
}

const ENTRY = {
  eventId: '2026-03-16#COURT-TITLE#mandate',
  legalBasis: ['CPCE L122-1'],
  note: 'enforceable title: mandate a commissaire de justice',
};
const ALERT = {
  level: 'court-title',
  template: 'creditor-court-deadline',
  subject: 'Titre exécutoire obtenu — dossier DOS-A1',
  paragraphs: ['Mandatez un commissaire de justice (CPCE L122-1).'],
};

async function alertTwice(fault: 'refused' | 'answer-lost' | 'none') {
  const dossier = aDossier({ tenantId, dossierId: 'DOS-A1' });
  const deps = {
    repository,
    tenants: repository,
    messenger: messenger(fault),
    logger: new RecordingLogger(),
    senderEmail: 'relances@recouvrement.example',
  };
  const at = '2026-03-16T02:00:00.000Z';
  await noteAndAlertCreditor(deps, dossier, '2026-03-16', at, ENTRY, ALERT).catch(() => undefined);
  // The judicial step retried (the next sweep): same event id, same alert.
  await noteAndAlertCreditor(deps, dossier, '2026-03-16', at, ENTRY, ALERT);
}

describe('a creditor alert whose step failed between the note and the e-mail', () => {
  it('is e-mailed on the retry when the first e-mail failed (not lost)', async () => {
    await alertTwice('refused');

    const lines = (await readOutbox(outDir)).filter((line) => line.level === 'court-title');
    expect(lines).toHaveLength(1);
    const mail = await simpleParser(await readFile(join(outDir, lines[0]!.file)));
    expect(mail.subject).toBe('Titre exécutoire obtenu — dossier DOS-A1');
    expect(mail.headers.get('x-recouvrement-key')).toBe(`${tenantId}#DOS-A1#${ENTRY.eventId}`);
    const event = await repository.getEvent(tenantId, 'DOS-A1', ENTRY.eventId);
    expect(event?.state).toBe('done');
  });

  it('is not e-mailed twice when the first one went out and its answer was lost', async () => {
    await alertTwice('answer-lost');

    expect((await readOutbox(outDir)).filter((line) => line.level === 'court-title')).toHaveLength(1);
    expect((await repository.getEvent(tenantId, 'DOS-A1', ENTRY.eventId))?.state).toBe('done');
  });

  it('a step replayed after a told alert sends nothing', async () => {
    await alertTwice('none');

    expect((await readOutbox(outDir)).filter((line) => line.level === 'court-title')).toHaveLength(1);
  });
});
