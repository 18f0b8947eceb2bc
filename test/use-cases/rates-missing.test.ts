import { describe, expect, it } from 'vitest';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import { OverlayRateSource } from '../../shared/adapters/rates/overlay-rate-source';
import type { Dossier } from '../../shared/domain/dossier';
import type { EscalationAction } from '../../shared/domain/escalation';
import { performAction } from '../../shared/use-cases/escalation/perform-action';
import { RATES_MISSING_MESSAGE } from '../../shared/use-cases/sweeps/check-rates';
import { scanPrescription } from '../../shared/use-cases/sweeps/scan-prescription';
import { aDebtor, morningOf } from '../support/builders';
import { storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { extractPdfText, flatText } from '../support/pdf-text';
import { RATES_2026_H2 } from '../support/rates';
import {
  JsonLetterRenderer,
  pipelineOn,
  RecordingLogger,
  RecordingMessenger,
  type TestPipeline,
} from '../support/recording-ports';

/**
 * Today (2026-11-30) the packaged table has no 2026-H2 rates: a published rate is always behind
 * the calendar. The ladder must go on: the formal notice is sent, its interest stops on
 * 30/06/2026 and it says so; the nightly sweep reports the gap (docs/legal.md §2, "Rates").
 */
let deps: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

/** Fresh recording ports per test; `rates` from an overrides file's text (none: packaged only). */
function pipeline(overrides?: string): TestPipeline {
  const logger = new RecordingLogger();
  return {
    ...deps,
    messenger: new RecordingMessenger(),
    letters: new JsonLetterRenderer(),
    logger,
    rates: new OverlayRateSource(async () => overrides, logger),
  };
}

const TODAY = '2026-11-30';
const H2_2026 = JSON.stringify({ entries: [RATES_2026_H2] });

const setup = (overrides: Partial<Dossier> = {}): Promise<Dossier> =>
  storedDossier(deps.repository, `tenant-rates-${++counter}`, overrides);

const notice = (channel: EscalationAction['channel']): EscalationAction => ({
  level: 'formal-notice',
  levelKind: 'formal-notice',
  channel,
  template: 'formal-notice',
  tone: 'formal',
  day: TODAY,
  paymentDeadlineDays: 8,
});

async function sendNotice(
  deps: Parameters<typeof performAction>[0],
  dossier: Dossier,
  channel: EscalationAction['channel'] = 'letter',
) {
  return performAction(deps, {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    asOf: morningOf(TODAY),
    action: notice(channel),
  });
}

describe('formal notice while the current half-year has no published rate', () => {
  it('is sent, claims principal, penalties to 30/06/2026 and the indemnity, and says "sauf à parfaire"', async () => {
    const run = { ...pipeline(), letters: new PdfLetterRenderer() };
    const dossier = await setup();

    expect(await sendNotice(run, dossier)).toMatchObject({ status: 'sent', channel: 'letter' });

    const sent = run.messenger.of('letter').at(-1)!;
    if (sent.channel !== 'letter') throw new Error('expected a letter');
    const text = flatText(await extractPdfText(sent.message.pdf));
    expect(text).toContain('intérêts arrêtés au 30/06/2026, sauf à parfaire');
    // 1 200,00 EUR due 3 Mar 2026: 119 days (4 Mar – 30 Jun) at 12.15 % (ECB 2.15 + 10) = 47,53;
    // + 40,00 indemnity (C.com. D441-5), nothing after 30 June.
    expect(text).toContain('47,53');
    expect(text).toContain('Total 1 200,00 € 47,53 € 40,00 € 1 287,53 €');
    const event = await deps.repository.getEvent(
      dossier.tenantId,
      dossier.dossierId,
      `${TODAY}#ACT#formal-notice#letter`,
    );
    expect(event?.state).toBe('done');
  });

  it('computes to the day and says nothing more once an operator added the half-year', async () => {
    const run = pipeline(H2_2026);
    const dossier = await setup();

    await sendNotice(run, dossier);

    const content = run.letters.rendered.at(-1)!;
    const all = [...content.paragraphs, ...content.closing].join(' ');
    expect(all).not.toContain('sauf à parfaire');
    // 47,53 to 30 June, then 153 days (1 Jul – 30 Nov) at 12.15 % = 61,12: 108,65 EUR.
    expect(content.table!.totals![3]).toBe('108,65\u00a0€');
  });

  it('by e-mail in English: interest computed to the last covered day, subject to adjustment', async () => {
    const dossier = await setup({ debtor: aDebtor({ language: 'en' }) });

    const run = pipeline();
    expect(await sendNotice(run, dossier, 'email')).toMatchObject({ status: 'sent' });

    const email = run.messenger.of('email').at(-1)!;
    if (email.channel !== 'email') throw new Error('expected an e-mail');
    expect(email.message.text).toContain(
      'Interest computed to 2026-06-30, subject to adjustment (sauf à parfaire)',
    );
    expect(email.message.html).toContain('Interest computed to 2026-06-30');
    // The e-mail claims what the letter would: principal + penalties + indemnity, itemised.
    expect(email.message.subject).toContain('EUR 1,287.53');
    expect(email.message.text).toContain(
      'EUR 1,287.53 (principal EUR 1,200.00, late penalties EUR 47.53, indemnity EUR 40.00)',
    );
  });
});

describe('the nightly check of the rate table (prescription sweep)', () => {
  it('logs the missing half-year once a night (shard 0), with periods and dates only', async () => {
    const run = pipeline();
    await scanPrescription(run, { shard: 0, asOf: morningOf(TODAY), cursor: null });
    await scanPrescription(run, { shard: 1, asOf: morningOf(TODAY), cursor: null });

    const found = run.logger.entries.filter((e) => e.message === RATES_MISSING_MESSAGE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      level: 'warn',
      attributes: { period: '2026-H2', missingPeriods: ['2026-H2'], interestComputedThrough: '2026-06-30' },
    });
  });

  it('is quiet when the overrides cover the half-year', async () => {
    const run = pipeline(H2_2026);
    await scanPrescription(run, { shard: 0, asOf: morningOf(TODAY), cursor: null });
    expect(run.logger.entries.filter((e) => e.message === RATES_MISSING_MESSAGE)).toEqual([]);
  });
});
