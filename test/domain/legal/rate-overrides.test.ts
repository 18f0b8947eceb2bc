import { describe, expect, it } from 'vitest';
import { OverlayRateSource, RATES_CACHE_MS } from '../../../shared/adapters/rates/overlay-rate-source';
import { ValidationError } from '../../../shared/domain/errors';
import { parseClaimInput } from '../../../shared/domain/legal/claim-input';
import { claimStatement } from '../../../shared/domain/legal/claim-statement';
import { rateCoverage } from '../../../shared/domain/legal/rate-coverage';
import {
  applyRateOverrides,
  parseRateOverride,
  parseRateOverrides,
  withRateOverride,
} from '../../../shared/domain/legal/rate-overrides';
import { DEFAULT_RATES, ecbRefiRatePpm, legalRatePpm } from '../../../shared/domain/legal/rates';
import { RATES_2026_H2 } from '../../support/rates';
import { RecordingLogger } from '../../support/recording-ports';

const h2 = RATES_2026_H2;

function fieldOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('rate overrides (docs/legal.md §2, "Rates")', () => {
  it('wins over the packaged value of the same half-year, and fills a missing one', () => {
    const h1 = { ...h2, period: '2026-H1' as const, legalOtherPercent: 9.99, ecbPercent: 3 };
    const { table, overridden } = applyRateOverrides(DEFAULT_RATES, { entries: [h1, h2] });

    expect(overridden).toEqual(['2026-H1', '2026-H2']);
    expect(legalRatePpm('2026-03-01', 'other', table)).toBe(99_900);
    expect(ecbRefiRatePpm('2026-03-01', table)).toBe(30_000);
    expect(legalRatePpm('2026-08-01', 'individual', table)).toBe(65_000);
    // Other half-years untouched; the packaged table itself unchanged.
    expect(legalRatePpm('2025-08-01', 'other', table)).toBe(27_600);
    expect(legalRatePpm('2026-03-01', 'other', DEFAULT_RATES)).toBe(26_200);
    expect(table.legalInterestRate.entries.filter((e) => e.period === '2026-H1')).toHaveLength(1);
  });

  it('makes the claim compute to asOf once the half-year is added', () => {
    const input = parseClaimInput({
      asOf: '2026-11-30',
      creditor: { type: 'professional' },
      debtor: { type: 'professional' },
      invoices: [{ number: 'F1', amountCents: 120_000, issueDate: '2026-02-01', dueDate: '2026-03-03' }],
    });
    const without = claimStatement(input);
    const withH2 = claimStatement(input, applyRateOverrides(DEFAULT_RATES, { entries: [h2] }).table);

    expect(without).toMatchObject({ interestComputedThrough: '2026-06-30', missingRatePeriods: ['2026-H2'] });
    expect(without.totals.interestCents).toBe(4753);
    expect(withH2).toMatchObject({ interestComputedThrough: '2026-11-30', missingRatePeriods: [] });
    expect(withH2.totals.interestCents).toBe(4753 + 6112);
  });

  it.each([
    [{ ...h2, ecbPercent: 'abc' }, 'ecbPercent'],
    [{ ...h2, legalIndividualPercent: 66.5 }, 'legalIndividualPercent'],
    [{ ...h2, legalOtherPercent: -1 }, 'legalOtherPercent'],
    [{ ...h2, legalOtherPercent: 2.123456 }, 'legalOtherPercent'],
    [{ ...h2, period: '2026-H3' }, 'period'],
    [{ ...h2, source: 'the newspaper' }, 'source'],
    [{ ...h2, source: undefined }, 'source'],
  ])('refuses a malformed override, naming the field (%o → %s)', (raw, field) => {
    expect(fieldOf(() => parseRateOverride(raw))).toBe(field);
    expect(fieldOf(() => parseRateOverrides({ entries: [raw] }))).toBe(`entries.0.${field}`);
  });

  it('refuses a second entry for the same half-year unless replacing', () => {
    expect(fieldOf(() => parseRateOverrides({ entries: [h2, h2] }))).toBe('entries.1.period');
    const once = withRateOverride({ entries: [] }, h2);
    expect(fieldOf(() => withRateOverride(once, { ...h2, ecbPercent: 2 }))).toBe('period');
    expect(withRateOverride(once, { ...h2, ecbPercent: 2 }, true).entries).toEqual([
      { ...h2, ecbPercent: 2 },
    ]);
  });
});

describe('rate coverage (the daily check)', () => {
  it('reports the current half-year missing and the last covered day', () => {
    expect(rateCoverage(DEFAULT_RATES, '2026-11-30')).toEqual({
      period: '2026-H2',
      covered: false,
      knownThrough: '2026-06-30',
      missing: ['2026-H2'],
    });
    // A month later, the next half-year too: the gap keeps growing until someone adds them.
    expect(rateCoverage(DEFAULT_RATES, '2027-01-04')).toMatchObject({
      knownThrough: '2026-06-30',
      missing: ['2026-H2', '2027-H1'],
    });
    expect(rateCoverage(DEFAULT_RATES, '2026-05-10')).toMatchObject({ covered: true, missing: [] });
    const added = applyRateOverrides(DEFAULT_RATES, { entries: [h2] }).table;
    expect(rateCoverage(added, '2026-11-30')).toMatchObject({ covered: true, knownThrough: '2026-11-30' });
  });
});

describe('OverlayRateSource', () => {
  it('reads the overrides once per cache period per container', async () => {
    let now = 0;
    let reads = 0;
    const source = new OverlayRateSource(
      async () => {
        reads++;
        return JSON.stringify({ entries: [h2] });
      },
      new RecordingLogger(),
      { now: () => now },
    );
    expect((await source.current()).overridden).toEqual(['2026-H2']);
    now += RATES_CACHE_MS - 1;
    await source.current();
    expect(reads).toBe(1);
    now += 1;
    await source.current();
    expect(reads).toBe(2);
  });

  it('keeps the table it read last when a later read fails (bucket unreachable), and retries', async () => {
    let now = 0;
    let fail = false;
    const logger = new RecordingLogger();
    const source = new OverlayRateSource(
      async () => {
        if (fail) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        return JSON.stringify({ entries: [h2] });
      },
      logger,
      { now: () => now },
    );
    await source.current();
    fail = true;
    now += RATES_CACHE_MS;
    expect((await source.current()).overridden).toEqual(['2026-H2']);
    expect(logger.entries[0]).toMatchObject({ message: 'rate overrides unreadable: previous rates used' });
    fail = false;
    expect((await source.current()).overridden).toEqual(['2026-H2']);
  });

  it('falls back to the packaged table on a bad overrides file, and says which field', async () => {
    const logger = new RecordingLogger();
    const source = new OverlayRateSource(
      async () => JSON.stringify({ entries: [{ ...h2, ecbPercent: '2,15' }] }),
      logger,
    );
    expect((await source.current()).table).toBe(DEFAULT_RATES);
    expect(logger.entries).toEqual([
      {
        level: 'error',
        message: 'rate overrides unreadable: packaged rates used',
        attributes: { errorKind: 'ValidationError', field: 'entries.0.ecbPercent' },
      },
    ]);
  });
});
