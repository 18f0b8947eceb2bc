import { describe, expect, it } from 'vitest';
import { DEFAULT_B2B_SCENARIO, DEFAULT_B2C_SCENARIO } from '../../shared/domain/scenario';
import {
  B2B_RECURRENT,
  BUILT_IN_SCENARIOS,
  chooseScenario,
  resolveScenario,
} from '../../shared/domain/scenario-catalog';
import { parseScenario, scenarioSchema } from '../../shared/domain/scenario-schema';
import { segmentOf, withSettledLadder } from '../../shared/domain/segment';

describe('debtor segments from payment history', () => {
  it('new customer, then good payer late once, then recurrent late payer', () => {
    expect(segmentOf(undefined)).toBe('new-customer');
    const paidOnFirstReminder = withSettledLadder(undefined, 1);
    expect(paidOnFirstReminder).toEqual({ settledLadders: 1, lateLadders: 0 });
    expect(segmentOf(paidOnFirstReminder)).toBe('good-payer-late-once');
    const lateOnce = withSettledLadder(paidOnFirstReminder, 4);
    expect(segmentOf(lateOnce)).toBe('good-payer-late-once');
    expect(segmentOf(withSettledLadder(lateOnce, 2))).toBe('recurrent-late-payer');
  });
});

describe('scenario per debtor type and segment', () => {
  it('defaults: the issue-2 ladders for new customers, variants for the other segments', () => {
    expect(chooseScenario('professional', 'new-customer')).toBe(DEFAULT_B2B_SCENARIO);
    expect(chooseScenario('consumer', 'new-customer')).toBe(DEFAULT_B2C_SCENARIO);
    expect(chooseScenario('professional', 'recurrent-late-payer').id).toBe('fr-b2b-recurrent');
    expect(chooseScenario('consumer', 'good-payer-late-once').id).toBe('fr-b2c-good-payer');
    expect(chooseScenario('non-professional-legal-person', 'new-customer')).toBe(DEFAULT_B2B_SCENARIO);
  });

  it('a recurrent late payer gets no courtesy message and reaches the notice sooner', () => {
    expect(B2B_RECURRENT.levels.map((level) => level.id)).not.toContain('courtesy');
    const notice = (id: string) =>
      resolveScenario(id).levels.find((l) => l.kind === 'formal-notice')!.offsetDays;
    expect(notice('fr-b2b-recurrent')).toBeLessThan(notice('fr-b2b-default'));
    expect(notice('fr-b2b-good-payer')).toBeGreaterThan(notice('fr-b2b-default'));
  });

  it('a tenant maps a segment to its own validated scenario', () => {
    const custom = parseScenario({
      ...DEFAULT_B2B_SCENARIO,
      id: 'acme-b2b-short',
      name: 'ACME',
      levels: DEFAULT_B2B_SCENARIO.levels.filter((level) => level.id !== 'call'),
    });
    const settings = {
      scenarios: [custom],
      scenarioBySegment: { 'b2b:new-customer': 'acme-b2b-short' } as const,
    };
    expect(chooseScenario('professional', 'new-customer', settings)).toEqual(custom);
    expect(resolveScenario('acme-b2b-short', settings).levels).toHaveLength(5);
    expect(() => resolveScenario('acme-b2b-short')).toThrow(/unknown scenario/);
  });

  it('every built-in scenario passes the schema', () => {
    for (const scenario of Object.values(BUILT_IN_SCENARIOS))
      expect(scenarioSchema.safeParse(scenario).success).toBe(true);
  });
});

describe('scenario schema: any configured ladder stays lawful', () => {
  const base = { ...DEFAULT_B2B_SCENARIO, id: 'tenant-ladder' };
  const problem = (value: unknown) => {
    const result = scenarioSchema.safeParse(value);
    return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
  };

  it('refuses a formal notice as the first level', () => {
    expect(problem({ ...base, levels: base.levels.filter((l) => l.kind !== 'reminder') })).toMatch(
      /first contact/,
    );
  });

  it('refuses a judicial review without a formal notice before it', () => {
    expect(problem({ ...base, levels: base.levels.filter((l) => l.kind !== 'formal-notice') })).toMatch(
      /formal notice before/,
    );
  });

  it('refuses a notice without deadline or not by letter, and decreasing offsets', () => {
    const noDeadline = base.levels.map((l) =>
      l.kind === 'formal-notice' ? { ...l, paymentDeadlineDays: undefined } : l,
    );
    expect(problem({ ...base, levels: noDeadline })).toMatch(/required for a formal notice/);
    const byEmail = base.levels.map((l) => (l.kind === 'formal-notice' ? { ...l, channels: ['email'] } : l));
    expect(problem({ ...base, levels: byEmail })).toMatch(/is a letter/);
    const backwards = base.levels.map((l, i) => (i === 2 ? { ...l, offsetDays: -10 } : l));
    expect(problem({ ...base, levels: backwards })).toMatch(/offsets must increase/);
  });

  it('refuses the 40 EUR indemnity from consumers (C.com. L441-10, D441-5)', () => {
    expect(problem({ ...DEFAULT_B2C_SCENARIO, id: 'x-b2c', claimsRecoveryIndemnity: true })).toMatch(
      /indemnity/,
    );
  });
});
