import type { Channel, DebtorType } from './parties';

export type Tone = 'courteous' | 'firm' | 'formal';

/**
 * What a level does besides sending messages: a formal notice (mise en demeure) letter,
 * or the end of the amiable ladder where a human decides on court action.
 */
export type LevelKind = 'reminder' | 'formal-notice' | 'judicial-review';

export interface ScenarioLevel {
  id: string;
  /** Calendar days from the reference due date (negative: before it is due). */
  offsetDays: number;
  channels: Channel[];
  template: string;
  tone: Tone;
  kind: LevelKind;
  /** For a formal notice: days the debtor is given to pay (commonly 8 or 15, docs/legal.md §5). */
  paymentDeadlineDays?: number;
}

export interface Scenario {
  id: string;
  name: string;
  debtorTypes: DebtorType[];
  /** Whether the 40 EUR fixed recovery indemnity is claimed (C.com. L441-10 II, D441-5: professionals only). */
  claimsRecoveryIndemnity: boolean;
  levels: ScenarioLevel[];
}

/** Default French B2B ladder (issue 2): courtesy, reminders, call, formal notice, judicial review. */
export const DEFAULT_B2B_SCENARIO: Scenario = {
  id: 'fr-b2b-default',
  name: 'Relance B2B standard',
  debtorTypes: ['professional', 'non-professional-legal-person'],
  claimsRecoveryIndemnity: true,
  levels: [
    {
      id: 'courtesy',
      offsetDays: -3,
      channels: ['email'],
      template: 'courtesy',
      tone: 'courteous',
      kind: 'reminder',
    },
    {
      id: 'reminder-1',
      offsetDays: 1,
      channels: ['email'],
      template: 'reminder-1',
      tone: 'courteous',
      kind: 'reminder',
    },
    {
      id: 'reminder-2',
      offsetDays: 8,
      channels: ['email', 'sms'],
      template: 'reminder-2',
      tone: 'firm',
      kind: 'reminder',
    },
    { id: 'call', offsetDays: 15, channels: ['call'], template: 'call', tone: 'firm', kind: 'reminder' },
    {
      id: 'formal-notice',
      offsetDays: 22,
      channels: ['letter'],
      template: 'formal-notice',
      tone: 'formal',
      kind: 'formal-notice',
      paymentDeadlineDays: 8,
    },
    {
      id: 'judicial-review',
      offsetDays: 35,
      channels: [],
      template: 'judicial-review',
      tone: 'formal',
      kind: 'judicial-review',
    },
  ],
};

/**
 * Consumer ladder: gentler, no 40 EUR indemnity (L441-10 applies between professionals only;
 * amicable costs stay with the creditor, CPCE L111-8).
 */
export const DEFAULT_B2C_SCENARIO: Scenario = {
  id: 'fr-b2c-default',
  name: 'Relance particuliers',
  debtorTypes: ['consumer'],
  claimsRecoveryIndemnity: false,
  levels: [
    {
      id: 'courtesy',
      offsetDays: -3,
      channels: ['email'],
      template: 'courtesy',
      tone: 'courteous',
      kind: 'reminder',
    },
    {
      id: 'reminder-1',
      offsetDays: 3,
      channels: ['email'],
      template: 'reminder-1',
      tone: 'courteous',
      kind: 'reminder',
    },
    {
      id: 'reminder-2',
      offsetDays: 12,
      channels: ['email', 'sms'],
      template: 'reminder-2',
      tone: 'firm',
      kind: 'reminder',
    },
    {
      id: 'formal-notice',
      offsetDays: 30,
      channels: ['letter'],
      template: 'formal-notice',
      tone: 'formal',
      kind: 'formal-notice',
      paymentDeadlineDays: 15,
    },
    {
      id: 'judicial-review',
      offsetDays: 50,
      channels: [],
      template: 'judicial-review',
      tone: 'formal',
      kind: 'judicial-review',
    },
  ],
};

export const SCENARIOS: Record<string, Scenario> = {
  [DEFAULT_B2B_SCENARIO.id]: DEFAULT_B2B_SCENARIO,
  [DEFAULT_B2C_SCENARIO.id]: DEFAULT_B2C_SCENARIO,
};

export function scenarioFor(debtorType: DebtorType): Scenario {
  return debtorType === 'consumer' ? DEFAULT_B2C_SCENARIO : DEFAULT_B2B_SCENARIO;
}

export function getScenario(id: string): Scenario {
  const scenario = SCENARIOS[id];
  if (!scenario) throw new Error(`unknown scenario ${id}`);
  return scenario;
}
