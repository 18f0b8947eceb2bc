import { describe, expect, it } from 'vitest';
import {
  DEFAULT_B2B_SCENARIO,
  DEFAULT_B2C_SCENARIO,
  getScenario,
  type Scenario,
  scenarioFor,
} from '../../shared/domain/scenario';

function ladder(scenario: Scenario) {
  return scenario.levels.map((l) => ({
    id: l.id,
    offsetDays: l.offsetDays,
    channels: l.channels,
    kind: l.kind,
    ...(l.paymentDeadlineDays !== undefined ? { deadline: l.paymentDeadlineDays } : {}),
  }));
}

describe('default B2B scenario (issue 2)', () => {
  it('is the ladder the issue asks for: D−3, D+1, D+8, D+15, D+22 (8 days), D+35', () => {
    expect(ladder(DEFAULT_B2B_SCENARIO)).toEqual([
      { id: 'courtesy', offsetDays: -3, channels: ['email'], kind: 'reminder' },
      { id: 'reminder-1', offsetDays: 1, channels: ['email'], kind: 'reminder' },
      { id: 'reminder-2', offsetDays: 8, channels: ['email', 'sms'], kind: 'reminder' },
      { id: 'call', offsetDays: 15, channels: ['call'], kind: 'reminder' },
      { id: 'formal-notice', offsetDays: 22, channels: ['letter'], kind: 'formal-notice', deadline: 8 },
      { id: 'judicial-review', offsetDays: 35, channels: [], kind: 'judicial-review' },
    ]);
  });

  it('claims the 40 EUR recovery indemnity (professional debtors only, C.com. L441-10)', () => {
    expect(DEFAULT_B2B_SCENARIO.claimsRecoveryIndemnity).toBe(true);
    expect(DEFAULT_B2B_SCENARIO.debtorTypes).not.toContain('consumer');
  });

  it('raises the tone as it climbs', () => {
    expect(DEFAULT_B2B_SCENARIO.levels.map((l) => l.tone)).toEqual([
      'courteous',
      'courteous',
      'firm',
      'firm',
      'formal',
      'formal',
    ]);
  });
});

describe('default B2C scenario', () => {
  it('never claims the 40 EUR indemnity from a consumer and gives a longer notice deadline', () => {
    expect(DEFAULT_B2C_SCENARIO.claimsRecoveryIndemnity).toBe(false);
    expect(DEFAULT_B2C_SCENARIO.debtorTypes).toEqual(['consumer']);
    const notice = DEFAULT_B2C_SCENARIO.levels.find((l) => l.kind === 'formal-notice');
    expect(notice?.paymentDeadlineDays).toBe(15);
  });

  it('is simpler: no call task, ends with judicial review', () => {
    expect(DEFAULT_B2C_SCENARIO.levels.flatMap((l) => l.channels)).not.toContain('call');
    expect(DEFAULT_B2C_SCENARIO.levels.length).toBeLessThan(DEFAULT_B2B_SCENARIO.levels.length);
    expect(DEFAULT_B2C_SCENARIO.levels.at(-1)?.kind).toBe('judicial-review');
  });
});

describe.each([DEFAULT_B2B_SCENARIO, DEFAULT_B2C_SCENARIO])('scenario $id invariants', (scenario) => {
  it('has strictly increasing offsets and unique level ids', () => {
    const offsets = scenario.levels.map((l) => l.offsetDays);
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThan(offsets[i - 1]!);
    expect(new Set(scenario.levels.map((l) => l.id)).size).toBe(scenario.levels.length);
  });

  it('has a reminder before the formal notice, and the formal notice before judicial review', () => {
    const kinds = scenario.levels.map((l) => l.kind);
    expect(kinds[0]).toBe('reminder');
    expect(kinds.indexOf('formal-notice')).toBeLessThan(kinds.indexOf('judicial-review'));
    expect(kinds.indexOf('judicial-review')).toBe(kinds.length - 1);
  });

  it('is found by id', () => {
    expect(getScenario(scenario.id)).toBe(scenario);
  });
});

describe('scenarioFor', () => {
  it('picks the ladder by debtor type', () => {
    expect(scenarioFor('consumer')).toBe(DEFAULT_B2C_SCENARIO);
    expect(scenarioFor('professional')).toBe(DEFAULT_B2B_SCENARIO);
    expect(scenarioFor('non-professional-legal-person')).toBe(DEFAULT_B2B_SCENARIO);
  });

  it('refuses an unknown scenario id', () => {
    expect(() => getScenario('nope')).toThrow(/unknown scenario/);
  });
});
