import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as z from 'zod';
import type { Scenario } from '../../../shared/domain/scenario';
import type { ScenarioSettings } from '../../../shared/domain/scenario-catalog';
import { scenarioSchema } from '../../../shared/domain/scenario-schema';
import type { SegmentKey } from '../../../shared/domain/segment';

/**
 * One column of the what-if: the ladders a creditor considers, as `tenant.json`'s `scenarios`
 * would hold them. A file holds one scenario (shared/domain/scenario-schema.ts) or an array of
 * them (one for professionals, one for consumers); the debtor types it leaves out keep the
 * built-in ladders, and the comparison says so.
 */
export interface LadderChoice {
  /** The file's name without `.json`: the column's title. */
  label: string;
  scenarios: Scenario[];
  /** What the tenant profile maps: every segment of the debtor types the file's ladders cover. */
  settings: Required<ScenarioSettings>;
  covers: { b2b: boolean; b2c: boolean };
}

export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ScenarioFileError';
  }
}

const ladderListSchema = z.array(scenarioSchema).min(1).max(20);
const SEGMENTS = ['new-customer', 'good-payer-late-once', 'recurrent-late-payer'] as const;

/** Reads and validates a scenario file; the error names the file and the field at fault. */
export async function loadScenarioFile(path: string): Promise<LadderChoice> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioFileError(path, '', code === 'ENOENT' ? 'no such file' : 'not valid JSON');
  }
  // One schema per shape, so the issue's path points into the file as written.
  const parsed = (Array.isArray(json) ? ladderListSchema : scenarioSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioFileError(path, issue.path.join('.'), issue.message);
  }
  const scenarios = (Array.isArray(parsed.data) ? parsed.data : [parsed.data]) as Scenario[];
  const scenarioBySegment: Partial<Record<SegmentKey, string>> = {};
  for (const [index, scenario] of scenarios.entries()) {
    // tenant.json's rule (register-tenant.ts): a b2c segment takes a ladder meant for consumers, a b2b one not.
    const kind = scenario.debtorTypes.includes('consumer') ? 'b2c' : 'b2b';
    if (scenarioBySegment[`${kind}:new-customer`])
      throw new ScenarioFileError(
        path,
        Array.isArray(parsed.data) ? `${index}.debtorTypes` : 'debtorTypes',
        `a second ladder for ${kind === 'b2c' ? 'consumers' : 'professionals'}`,
      );
    for (const segment of SEGMENTS) scenarioBySegment[`${kind}:${segment}`] = scenario.id;
  }
  if (new Set(scenarios.map((s) => s.id)).size !== scenarios.length)
    throw new ScenarioFileError(path, 'id', 'two ladders with the same id');
  return {
    label: basename(path).replace(/\.json$/i, ''),
    scenarios,
    settings: { scenarios, scenarioBySegment },
    covers: {
      b2b: Boolean(scenarioBySegment['b2b:new-customer']),
      b2c: Boolean(scenarioBySegment['b2c:new-customer']),
    },
  };
}
