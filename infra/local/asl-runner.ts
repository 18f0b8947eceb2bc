import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { StateMachine } from 'aws-local-stepfunctions';

/** The part of aws-local-stepfunctions' event log the embedded stack reads (the type is not exported). */
export interface ExecutionEvent {
  type: string;
  state?: { name: string };
  Error?: string;
}

/** A Lambda handler as the embedded stack calls it: the payload in, the result out. */
export type LocalFunction = (payload: unknown) => Promise<unknown>;

/** What one finished execution cost: what Step Functions bills (state transitions, duration). */
export interface ExecutionRecord {
  machine: string;
  /** States entered, Map iterations' inner states included: Standard bills each transition. */
  transitions: number;
  durationMs: number;
  failed: boolean;
}

/** Told of every execution when set (the cost meter); executions are then traced, which costs a little. */
export type ExecutionObserver = (record: ExecutionRecord) => void;

const STATEMACHINES = join(import.meta.dirname, '..', '..', 'statemachines');
const LOCAL_ARN = 'arn:aws:lambda:eu-west-3:000000000000:function:';

/** `EscalationDecideFunctionArn` → `escalation-decide`: the placeholder names the functions/ folder. */
export function functionFolderOf(placeholder: string): string {
  return placeholder
    .replace(/FunctionArn$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * Reads `statemachines/<name>.asl.json` and fills its `${...}` placeholders the way CDK's
 * definitionSubstitutions does on AWS: function ARNs (a local ARN naming the folder) and values.
 */
export function loadDefinition(
  name: string,
  values: Record<string, string | number>,
): Record<string, unknown> {
  const text = readFileSync(join(STATEMACHINES, `${name}.asl.json`), 'utf8');
  const filled = text.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, key: string) => {
    if (key in values) return String(values[key]);
    if (key.endsWith('FunctionArn')) return `${LOCAL_ARN}${functionFolderOf(key)}`;
    throw new Error(`${name}.asl.json: no value for placeholder \${${key}}`);
  });
  return JSON.parse(filled);
}

interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  States?: Record<string, AslState>;
  Iterator?: { States: Record<string, AslState> };
  ItemProcessor?: { States: Record<string, AslState> };
  Branches?: { States: Record<string, AslState> }[];
}

/** States of one type, nested Map and Parallel included: aws-local-stepfunctions keys overrides by state name. */
function statesOfType(states: Record<string, AslState>, type: string): [string, AslState][] {
  const found: [string, AslState][] = [];
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === type) found.push([name, state]);
    const nested = [
      state.ItemProcessor?.States,
      state.Iterator?.States,
      ...(state.Branches ?? []).map((b) => b.States),
    ];
    for (const inner of nested) if (inner) found.push(...statesOfType(inner, type));
  }
  return found;
}

export function taskStates(states: Record<string, AslState>): [string, AslState][] {
  return statesOfType(states, 'Task');
}

/**
 * Runs a state machine definition with every Task mapped to an in-process function: the map is
 * built from the ASL itself (a `lambda:invoke` task's FunctionName names the functions/ folder),
 * so adding a Task without its local function fails at once instead of calling real AWS.
 */
export class LocalStateMachine {
  private readonly machine: StateMachine;
  private readonly handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  private readonly retryIntervals: Record<string, number> = {};
  private readonly waits: Record<string, number> = {};

  constructor(
    readonly name: string,
    definition: Record<string, unknown>,
    functions: Record<string, LocalFunction>,
    private readonly observer?: ExecutionObserver,
  ) {
    // Validated once here; the library would validate again for every Map iteration (it builds a
    // machine per item with the root's options), which cost a quarter of the demo's CPU.
    const { isValid, errors } = aslValidator(structuredClone(definition), {
      checkArn: true,
      checkPaths: true,
    });
    if (!isValid) throw new Error(`${name}: invalid ASL: ${JSON.stringify(errors)}`);
    // biome-ignore lint/suspicious/noExplicitAny: the library's definition type is its own JSON shape.
    this.machine = new StateMachine(definition as any, { validationOptions: { noValidate: true } });
    for (const [stateName, state] of taskStates(definition.States as Record<string, AslState>)) {
      if (state.Resource !== 'arn:aws:states:::lambda:invoke')
        throw new Error(`${name}: task ${stateName} uses ${state.Resource}, which has no local twin`);
      const folder = state.Parameters?.FunctionName?.replace(LOCAL_ARN, '') ?? '';
      const fn = functions[folder];
      if (!fn)
        throw new Error(`${name}: task ${stateName} calls ${folder}, which is not in the embedded stack`);
      // lambda:invoke hands the task {FunctionName, Payload} and expects {Payload} back.
      this.handlers[stateName] = async (input) => ({
        Payload: await fn((input as { Payload: unknown }).Payload),
      });
      // Retries wait 0 s locally: the simulated clock, not the wall clock, drives time here.
      this.retryIntervals[stateName] = 0;
    }
    // Waits last 0 s too: the sweep's hold for the contact window is in its input (holdSeconds),
    // which the steps add to asOf; the simulated clock never sleeps.
    for (const [stateName] of statesOfType(definition.States as Record<string, AslState>, 'Wait'))
      this.waits[stateName] = 0;
  }

  /** Runs to the end and returns the output; throws the execution's error (a Fail state included). */
  async run(input: unknown): Promise<unknown> {
    if (!this.observer) return this.settled(this.start(input)).result;
    const began = performance.now();
    const traced = await this.trace(input);
    this.observer({
      machine: this.name,
      transitions: traced.statesEntered.length,
      durationMs: performance.now() - began,
      failed: Boolean(traced.error),
    });
    if (traced.error) throw traced.error;
    return traced.output;
  }

  /**
   * Runs to the end and also returns the names of the states entered, in order (tests assert
   * the path a workflow took). Tracing is opt-in: the demo runs thousands of executions.
   */
  async trace(
    input: unknown,
  ): Promise<{ output: unknown; error?: Error; statesEntered: string[]; events: ExecutionEvent[] }> {
    const execution = this.settled(this.start(input));
    const events: ExecutionEvent[] = [];
    const collecting = (async () => {
      for await (const event of execution.eventLogs) events.push(event as ExecutionEvent);
    })();
    let output: unknown;
    let error: Error | undefined;
    try {
      output = await execution.result;
    } catch (caught) {
      error = caught as Error;
    }
    await collecting;
    const statesEntered = events.flatMap((e) => (e.type === 'StateEntered' && e.state ? [e.state.name] : []));
    return { output, statesEntered, events, ...(error ? { error } : {}) };
  }

  /**
   * An execution ends when every task it started has returned. aws-local-stepfunctions settles
   * a failed Map or Parallel at once and only aborts its other branches between states: a branch
   * already inside its task (an e-mail being sent) went on after the execution had failed, and
   * its retries even started new attempts. The next simulated day could then begin while that
   * branch was still sending and recording, and read its claim half done (docs/reliability.md).
   * Here the result waits for those tasks, and a task may not start once its execution ended.
   */
  private settled(execution: ReturnType<LocalStateMachine['start']>) {
    const result = execution.result.then(
      async (output) => {
        await execution.tasks.drain();
        return output;
      },
      async (error: unknown) => {
        await execution.tasks.drain();
        throw error;
      },
    );
    return { ...execution, result };
  }

  private start(input: unknown) {
    const tasks = new TasksInFlight();
    const handlers = Object.fromEntries(
      Object.entries(this.handlers).map(([state, handler]) => [state, tasks.track(state, handler)]),
    );
    const execution = this.machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        retryIntervalOverrides: this.retryIntervals,
        waitTimeOverrides: this.waits,
      },
    });
    return { ...execution, tasks };
  }
}

/** Thrown to a task that would start after its execution ended (a retry of an aborted branch). */
export class ExecutionEndedError extends Error {
  override name = 'ExecutionEndedError';
}

/** The task invocations of one execution still running, so the execution can wait for them. */
class TasksInFlight {
  private readonly running = new Set<Promise<unknown>>();
  private ended = false;

  track(state: string, handler: (input: unknown) => Promise<unknown>): (input: unknown) => Promise<unknown> {
    return (input) => {
      if (this.ended) return Promise.reject(new ExecutionEndedError(`${state}: its execution has ended`));
      const call = handler(input);
      this.running.add(call);
      const forget = () => this.running.delete(call);
      call.then(forget, forget);
      return call;
    };
  }

  /** Waits for every task started, including those a failed branch left running; then no task may start. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    this.ended = true;
  }
}
