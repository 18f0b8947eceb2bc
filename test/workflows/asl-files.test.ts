import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { functionFolderOf, loadDefinition, taskStates } from '../../infra/local/asl-runner';

const DIR = join(import.meta.dirname, '..', '..', 'statemachines');
const FILES = readdirSync(DIR).filter((file) => file.endsWith('.asl.json'));
const FUNCTIONS = readdirSync(join(import.meta.dirname, '..', '..', 'functions'));

describe('statemachines/*.asl.json', () => {
  it('holds the six workflows', () => {
    expect(FILES.sort()).toEqual([
      'escalation.asl.json',
      'judicial-step.asl.json',
      'judicial-sweep.asl.json',
      'overdue-sweep.asl.json',
      'prescription-sweep.asl.json',
      'retention-sweep.asl.json',
    ]);
  });

  for (const file of FILES) {
    const name = file.replace('.asl.json', '');
    const text = readFileSync(join(DIR, file), 'utf8');

    it(`${name}: valid ASL once its placeholders are filled (asl-validator, paths and ARNs checked)`, () => {
      const definition = loadDefinition(name, { LastShard: 15, ShardsPerTask: 4 });
      const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
      expect(result.errors).toEqual([]);
      expect(result.isValid).toBe(true);
    });

    it(`${name}: JSONPath only and inline Map only (what aws-local-stepfunctions runs)`, () => {
      expect(text).not.toMatch(/JSONata|"Assign"|"DISTRIBUTED"|"QueryLanguage"/);
      const modes = [...text.matchAll(/"Mode":\s*"(\w+)"/g)].map((m) => m[1]);
      expect(modes.every((mode) => mode === 'INLINE')).toBe(true);
    });

    it(`${name}: every function placeholder names a functions/ folder`, () => {
      const placeholders = [...text.matchAll(/\$\{(\w+FunctionArn)\}/g)].map((m) => m[1]!);
      expect(placeholders.length).toBeGreaterThan(0);
      for (const placeholder of placeholders) expect(FUNCTIONS).toContain(functionFolderOf(placeholder));
    });

    it(`${name}: every Task is a Lambda invoke with Retry (Catch on the step's own tasks)`, () => {
      const definition = loadDefinition(name, { LastShard: 15, ShardsPerTask: 4 });
      const tasks = taskStates(definition.States as never);
      expect(tasks.length).toBeGreaterThan(0);
      for (const [, state] of tasks) {
        expect(state.Resource).toBe('arn:aws:states:::lambda:invoke');
        expect((state as { Retry?: unknown[] }).Retry?.length).toBeGreaterThan(0);
        // An explicit timeout: without one a page task's limit is the runner's default (60 s locally),
        // shorter than the Lambda's own; with one, a stuck invocation fails into the Catch.
        expect((state as { TimeoutSeconds?: number }).TimeoutSeconds).toBeGreaterThanOrEqual(60);
      }
    });
  }

  it('escalation: a page fits in one Express execution (5 minutes), failure path included', () => {
    const states = loadDefinition('escalation', {}).States as Record<string, { TimeoutSeconds?: number }>;
    const limit = (...names: string[]) => names.reduce((sum, name) => sum + states[name]!.TimeoutSeconds!, 0);
    expect(limit('DecidePage', 'ActOnPage', 'RecordPage')).toBeLessThanOrEqual(300);
    expect(limit('DecidePage', 'ActOnPage', 'RecordPageFailure')).toBeLessThanOrEqual(300);
  });

  it('an unknown placeholder fails loudly instead of reaching AWS unfilled', () => {
    expect(() => loadDefinition('overdue-sweep', {})).toThrow(/LastShard/);
  });
});
