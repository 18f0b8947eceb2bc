import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../infra/local/cost/meter';
import { LAMBDA_MEMORY_MB, priceRun, type RunCounts } from '../../infra/local/cost/model';
import { PRICES, type Price, priceOf } from '../../infra/local/cost/prices';

/** A run of 10 dossiers over 30 days with round unit counts, to check the arithmetic by hand. */
function knownRun(): RunCounts {
  const usage = emptyUsage();
  usage.executions.escalation = { count: 100, transitions: 600, durationMs: 100 * 250, failed: 0 };
  usage.executions['overdue-sweep'] = { count: 30, transitions: 3000, durationMs: 0, failed: 0 };
  usage.lambda['escalation-decide'] = { invocations: 100, billedMs: 100 * 40 };
  usage.dynamo.wru = 1000;
  usage.dynamo.rru = 2000;
  usage.s3.put = 50;
  usage.s3.get = 10;
  usage.messages.email = 80;
  usage.messages.registeredLetter = 2;
  return { usage, dossiers: 10, days: 30 };
}

describe('cost model', () => {
  it('prices a unit count with its table entry', () => {
    // Prepare
    const table = { ...PRICES, lambdaRequest: { ...PRICES.lambdaRequest, usd: 0.2, per: 1_000_000 } };
    // Act
    const usd = priceOf('lambdaRequest', 5_000_000, table);
    // Assess
    expect(usd).toBeCloseTo(1.0, 10);
  });

  it('scales per-dossier units with dossiers and time, per-day units with time only', () => {
    // Prepare: a month of 30.44 days for 1,000 dossiers = 100 × the dossiers, 30.44/30 the days.
    const run = knownRun();
    const time = 30.44 / 30;
    // Act
    const bill = priceRun(run, { dossiers: 1000, months: 1, escalationType: 'EXPRESS' });
    const line = (item: string) => bill.lines.find((l) => l.item.startsWith(item))!;
    // Assess
    expect(line('write request units').units).toBeCloseTo(1000 * 100 * time, 6);
    expect(line('read request units').usd).toBeCloseTo(
      (2000 * 100 * time * PRICES.dynamoReadRequestUnit.usd) / 1e6,
      10,
    );
    expect(line('overdue-sweep state transitions').units).toBeCloseTo(3000 * time, 6);
    expect(line('escalation executions').units).toBeCloseTo(100 * 100 * time, 6);
    // 250 ms a step is billed 300 ms at 64 MB.
    expect(line('escalation duration').units).toBeCloseTo(100 * 100 * time * 0.3 * (64 / 1024), 6);
    const decideGbS = 100 * 0.04 * (LAMBDA_MEMORY_MB['escalation-decide']! / 1024) * 100 * time;
    expect(line('duration (GB-s').units).toBeCloseTo(decideGbS, 6);
  });

  it('prices the escalation step by transitions when it is Standard, and keeps message fees apart', () => {
    // Prepare
    const run = knownRun();
    // Act
    const standard = priceRun(run, { dossiers: 10, months: 30 / 30.44, escalationType: 'STANDARD' });
    // Assess
    const escalation = standard.lines.find((l) => l.item === 'escalation state transitions (Standard)')!;
    expect(escalation.units).toBeCloseTo(600, 6);
    expect(escalation.usd).toBeCloseTo(600 * 0.000025, 10);
    expect(standard.lines.some((l) => l.item.includes('Express'))).toBe(false);
    const messages = standard.lines.filter((l) => l.kind === 'messages').reduce((s, l) => s + l.usd, 0);
    expect(standard.messagesUsd).toBeCloseTo(messages, 10);
    expect(standard.messagesUsd).toBeCloseTo(80 * 0.0001 + 2 * PRICES.letterRegistered.usd, 6);
    const dossierMonths = 10 * (30 / 30.44);
    expect(standard.infraUsdPer1000DossierMonths).toBeCloseTo(
      (1000 * standard.infrastructureUsd) / dossierMonths,
      10,
    );
  });
});

describe('price table', () => {
  it('gives every entry a value, a unit, a source, a retrieval date and a confidence', () => {
    for (const [name, price] of Object.entries(PRICES) as [string, Price][]) {
      expect(price.usd, name).toBeGreaterThan(0);
      expect(price.per, name).toBeGreaterThan(0);
      expect(price.unit.length, name).toBeGreaterThan(3);
      expect(price.source, name).toMatch(/^https:\/\//);
      expect(price.retrieved, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['high', 'medium', 'low'], name).toContain(price.confidence);
    }
  });
});
