import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerIndex } from '../../infra/local/demo/debtor-behaviour';
import { loadScenarioFile } from '../../infra/local/simulate/scenario-file';
import { DEFAULT_B2B_SCENARIO } from '../../shared/domain/scenario';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recouvrement-scenario-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fileWith(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadScenarioFile', () => {
  it('maps each example ladder to every segment of its debtor types', async () => {
    const choice = await loadScenarioFile(join(ROOT, 'examples', 'scenario-firm.json'));
    expect(choice.label).toBe('scenario-firm');
    expect(choice.covers).toEqual({ b2b: true, b2c: true });
    expect(choice.settings.scenarioBySegment).toEqual({
      'b2b:new-customer': 'firm-b2b',
      'b2b:good-payer-late-once': 'firm-b2b',
      'b2b:recurrent-late-payer': 'firm-b2b',
      'b2c:new-customer': 'firm-b2c',
      'b2c:good-payer-late-once': 'firm-b2c',
      'b2c:recurrent-late-payer': 'firm-b2c',
    });
  });

  it('takes a single scenario, leaving the other debtor type to the built-in ladders', async () => {
    const choice = await loadScenarioFile(
      await fileWith('b2b-only.json', { ...DEFAULT_B2B_SCENARIO, id: 'mine' }),
    );
    expect(choice.covers).toEqual({ b2b: true, b2c: false });
  });

  it('refuses an unlawful ladder, naming the file and the field', async () => {
    const levels = DEFAULT_B2B_SCENARIO.levels.map((level) =>
      level.kind === 'formal-notice' ? { ...level, channels: ['email'] } : level,
    );
    const path = await fileWith('unlawful.json', [{ ...DEFAULT_B2B_SCENARIO, levels }]);
    await expect(loadScenarioFile(path)).rejects.toThrow(
      `${path}: 0.levels.4.channels: a formal notice is a letter`,
    );
  });

  it('refuses two ladders for one debtor type, broken JSON and a missing file', async () => {
    const two = await fileWith('two.json', [
      { ...DEFAULT_B2B_SCENARIO, id: 'one' },
      { ...DEFAULT_B2B_SCENARIO, id: 'two' },
    ]);
    await expect(loadScenarioFile(two)).rejects.toThrow('1.debtorTypes: a second ladder for professionals');
    await expect(loadScenarioFile(await fileWith('broken.json', '{"id":'))).rejects.toThrow('not valid JSON');
    await expect(loadScenarioFile(join(dir, 'absent.json'))).rejects.toThrow('no such file');
  });
});

describe('triggerIndex: where a debtor reacts in any lawful ladder', () => {
  it('finds the level by id, else by its part: reminders after the due date, the formal notice', () => {
    const levels = DEFAULT_B2B_SCENARIO.levels.map((level, i) => ({ ...level, id: `level-${i}` }));
    expect(triggerIndex(DEFAULT_B2B_SCENARIO.levels, 'reminder-2')).toBe(2);
    // courtesy (-3) is before the due date; the call is no written reminder.
    expect(triggerIndex(levels, 'reminder-1')).toBe(1);
    expect(triggerIndex(levels, 'reminder-2')).toBe(2);
    expect(triggerIndex(levels, 'formal-notice')).toBe(4);
    expect(triggerIndex(levels.slice(0, 2), 'reminder-2')).toBe(-1);
    expect(triggerIndex(levels, '')).toBe(-1);
  });
});
