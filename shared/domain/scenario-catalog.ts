import type { DebtorType } from './parties';
import {
  DEFAULT_B2B_SCENARIO,
  DEFAULT_B2C_SCENARIO,
  SCENARIOS,
  type Scenario,
  type ScenarioLevel,
} from './scenario';
import { type DebtorSegment, type SegmentKey, segmentKey } from './segment';

/** A ladder like `base` with other offsets (by level id) and another id and name. */
function variant(base: Scenario, id: string, name: string, offsets: Record<string, number>): Scenario {
  return {
    ...base,
    id,
    name,
    levels: base.levels.map(
      (level): ScenarioLevel => ({ ...level, offsetDays: offsets[level.id] ?? level.offsetDays }),
    ),
  };
}

function withoutLevel(scenario: Scenario, levelId: string): Scenario {
  return { ...scenario, levels: scenario.levels.filter((level) => level.id !== levelId) };
}

/** A good payer late once: the same steps, more time between them (a reminder usually suffices). */
export const B2B_GOOD_PAYER = variant(DEFAULT_B2B_SCENARIO, 'fr-b2b-good-payer', 'Relance B2B bon payeur', {
  'reminder-1': 3,
  'reminder-2': 12,
  call: 20,
  'formal-notice': 30,
  'judicial-review': 45,
});

/** A recurrent late payer: no courtesy message, a quicker crescendo to the formal notice. */
export const B2B_RECURRENT = withoutLevel(
  variant(DEFAULT_B2B_SCENARIO, 'fr-b2b-recurrent', 'Relance B2B retards répétés', {
    'reminder-1': 1,
    'reminder-2': 5,
    call: 8,
    'formal-notice': 12,
    'judicial-review': 25,
  }),
  'courtesy',
);

export const B2C_GOOD_PAYER = variant(
  DEFAULT_B2C_SCENARIO,
  'fr-b2c-good-payer',
  'Relance particuliers bon payeur',
  {
    'reminder-1': 5,
    'reminder-2': 15,
    'formal-notice': 35,
    'judicial-review': 60,
  },
);

/** Consumers keep the 2-day spacing and the 15-day notice deadline even when often late. */
export const B2C_RECURRENT = variant(
  DEFAULT_B2C_SCENARIO,
  'fr-b2c-recurrent',
  'Relance particuliers retards répétés',
  {
    'reminder-1': 2,
    'reminder-2': 8,
    'formal-notice': 20,
    'judicial-review': 40,
  },
);

export const BUILT_IN_SCENARIOS: Record<string, Scenario> = {
  ...SCENARIOS,
  [B2B_GOOD_PAYER.id]: B2B_GOOD_PAYER,
  [B2B_RECURRENT.id]: B2B_RECURRENT,
  [B2C_GOOD_PAYER.id]: B2C_GOOD_PAYER,
  [B2C_RECURRENT.id]: B2C_RECURRENT,
};

/** The defaults per debtor type and segment; a tenant may map any key to its own scenario. */
export const DEFAULT_SCENARIO_BY_SEGMENT: Record<SegmentKey, string> = {
  'b2b:new-customer': DEFAULT_B2B_SCENARIO.id,
  'b2b:good-payer-late-once': B2B_GOOD_PAYER.id,
  'b2b:recurrent-late-payer': B2B_RECURRENT.id,
  'b2c:new-customer': DEFAULT_B2C_SCENARIO.id,
  'b2c:good-payer-late-once': B2C_GOOD_PAYER.id,
  'b2c:recurrent-late-payer': B2C_RECURRENT.id,
};

/** A tenant's scenarios (validated at registration) and its choice per segment. */
export interface ScenarioSettings {
  scenarios?: Scenario[];
  scenarioBySegment?: Partial<Record<SegmentKey, string>>;
}

export function resolveScenario(id: string, settings: ScenarioSettings = {}): Scenario {
  const scenario = settings.scenarios?.find((s) => s.id === id) ?? BUILT_IN_SCENARIOS[id];
  if (!scenario) throw new Error(`unknown scenario ${id}`);
  return scenario;
}

export function chooseScenario(
  debtorType: DebtorType,
  segment: DebtorSegment,
  settings: ScenarioSettings = {},
): Scenario {
  const key = segmentKey(debtorType, segment);
  return resolveScenario(settings.scenarioBySegment?.[key] ?? DEFAULT_SCENARIO_BY_SEGMENT[key], settings);
}
