import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../../infra/local/demo/run-demo';
import { readOutbox } from '../../infra/local/demo/summary';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';
import { addDays, parisDate, parisTime } from '../../shared/domain/calendar';
import { DEFAULT_CONTACT_POLICY, isRestDay } from '../../shared/domain/contact-policy';

/**
 * The contact rules of docs/legal.md §8 checked on what the demo actually sent (75 days on the
 * sample file), and idempotency checked by replaying every morning's sweeps.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
let once: OutboxIndexLine[];
let replayed: OutboxIndexLine[];
let onceResult: DemoResult;

async function demo(replaySweeps: boolean): Promise<OutboxIndexLine[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'recouvrement-rules-'));
  dirs.push(outDir);
  const result = await runDemo({
    invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
    tenantFile: join(ROOT, 'samples', 'tenant.json'),
    outDir,
    start: '2026-01-05',
    days: 75,
    seed: 42,
    replaySweeps,
  });
  if (!replaySweeps) onceResult = result;
  return readOutbox(outDir);
}

beforeAll(async () => {
  once = await demo(false);
  replayed = await demo(true);
});

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Messages to debtors: the creditor's own prescription alerts are internal mail. */
const toDebtors = (lines: OutboxIndexLine[]) =>
  lines.filter((line) => !line.template.startsWith('creditor-'));

/**
 * What a message is for decides which rules of docs/legal.md §8 it keeps (§14). Every message to a
 * debtor keeps the rest days and the hours (the tests above). A pressure contact (the ladder's
 * messages, the notice before a plan lapses) also keeps the spacing and the weekly limit. The
 * confirmation of a plan the debtor asked for, and the courtesy reminder before an instalment that
 * the plan announced, answer the debtor's own agreement: they do not wait for the spacing, but a
 * later pressure contact still counts them. A statement is sent on request and is no contact.
 */
type Purpose = 'pressure' | 'answer' | 'request';
const ANSWERS = new Set(['payment-plan-confirmation', 'payment-plan-reminder']);
function purpose(line: OutboxIndexLine): Purpose {
  if (line.template === 'statement') return 'request';
  return ANSWERS.has(line.template) ? 'answer' : 'pressure';
}

describe('contact rules on the demo outbox', () => {
  it('sends to debtors on working days only, never on a Sunday or a French public holiday', () => {
    const sent = toDebtors(once);
    expect(sent.length).toBeGreaterThan(50);
    for (const line of sent) expect(isRestDay(parisDate(line.at)), `${line.key} ${line.at}`).toBe(false);
  });

  it('sends inside 08:00-20:00 Europe/Paris', () => {
    for (const line of toDebtors(once)) {
      const { hour } = parisTime(line.at);
      expect(hour, line.key).toBeGreaterThanOrEqual(DEFAULT_CONTACT_POLICY.windowStartHour);
      expect(hour, line.key).toBeLessThan(DEFAULT_CONTACT_POLICY.windowEndHour);
    }
  });

  it('contacts a debtor on days at least 2 apart and at most 2 days in any 7', () => {
    const byDossier = new Map<string, { pressure: Set<string>; all: Set<string> }>();
    for (const line of toDebtors(once).filter((l) => purpose(l) !== 'request')) {
      const days = byDossier.get(line.dossierId) ?? { pressure: new Set<string>(), all: new Set<string>() };
      const day = parisDate(line.at);
      days.all.add(day);
      if (purpose(line) === 'pressure') days.pressure.add(day);
      byDossier.set(line.dossierId, days);
    }
    expect(byDossier.size).toBeGreaterThan(20);
    // The plan's messages are in the sample's run: the classification below is exercised.
    const templates = new Set(toDebtors(once).map((line) => line.template));
    expect(templates).toContain('payment-plan-confirmation');
    for (const [dossierId, { pressure, all }] of byDossier) {
      for (const day of pressure) {
        // A pressure contact counts every earlier contact, answers included (contactDays).
        const before = [...all].filter((d) => d < day).sort();
        const last = before.at(-1);
        if (last) expect(day >= addDays(last, 2), `${dossierId} ${last} → ${day}`).toBe(true);
        const window = before.filter((d) => d > addDays(day, -7));
        expect(window.length + 1, `${dossierId} around ${day}`).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe('opt-out', () => {
  it('a debtor who answered STOP gets no SMS or call afterwards, and the ladder goes on by other channels', () => {
    expect(onceResult.simulation.optOuts).toBe(1);
    const [dossierId, timeline] = Object.entries(onceResult.timelines).find(([, events]) =>
      events.some((event) => event.type === 'opt-out-recorded'),
    )!;
    const at = timeline.find((event) => event.type === 'opt-out-recorded')!.at;
    const after = once.filter((line) => line.dossierId === dossierId && line.at > at);
    expect(after.filter((line) => line.channel === 'sms' || line.channel === 'call')).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
  });
});

describe('replaying every morning', () => {
  it('sends nothing twice: the outbox is the same as with one run a day', () => {
    const keys = (lines: OutboxIndexLine[]) => lines.map((line) => line.key).sort();
    expect(new Set(keys(replayed)).size).toBe(replayed.length);
    expect(keys(replayed)).toEqual(keys(once));
  });
});
