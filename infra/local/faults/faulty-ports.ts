import type {
  BlobStore,
  EscalationInput,
  EscalationLauncher,
  EscalationPage,
  Messenger,
  RegisteredMail,
} from '../../../shared/use-cases/ports';
import { type FaultSource as FaultPlan, type FaultTarget, InjectedFault } from './fault-plan';

/**
 * Wrappers around the ports, never edits inside an adapter: each call of a chosen method draws
 * its fate from the plan. A failure throws before the real call; a time-out makes the real call,
 * then throws as if the answer had been lost. Like the AWS SDK around every real call, the wrapper
 * retries an injected fault up to `plan.attempts` times; what is left reaches the pipeline.
 */
export async function withFault<T>(
  plan: FaultPlan,
  target: FaultTarget,
  method: string,
  args: unknown,
  call: () => Promise<T>,
): Promise<T> {
  let fault: InjectedFault | undefined;
  for (let attempt = 0; attempt < plan.attempts; attempt++) {
    const outcome = plan.draw(target, method, args);
    if (outcome === 'pass') return call();
    if (outcome === 'timeout') {
      // The request reached the service: its effect stands, whatever it answered.
      await call().catch(() => undefined);
    }
    fault = new InjectedFault(target, outcome === 'timeout', method);
  }
  plan.escaped(target);
  throw fault;
}

/** Every method the predicate selects goes through the plan; the rest, and properties, pass. */
function proxied<T extends object>(
  port: T,
  plan: FaultPlan,
  targetOf: (method: string) => FaultTarget | undefined,
): T {
  return new Proxy(port, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const target = targetOf(property);
      if (!target) return value.bind(object);
      return (...args: unknown[]) =>
        withFault(plan, target, property, args, () => value.apply(object, args) as Promise<unknown>);
    },
  });
}

/** The table's writes: creations, conditional updates, timeline events, claims, tasks, lookups. */
const REPOSITORY_WRITES = new Set([
  'createDossier',
  'saveDossier',
  'claimInvoiceNumber',
  // The intake's batches of claims and dossiers (transactions where the store has them).
  'claimInvoiceNumbers',
  'storeDossiers',
  'appendEvent',
  // An escalation page's claims (transactions where the store has them) and its 'done' marks.
  'appendEvents',
  'putEvents',
  'markEventDone',
  'markEventsDone',
  'putTask',
  'putTenant',
  'putMessageRef',
]);

export function faultyRepository<T extends object>(repository: T, plan: FaultPlan): T {
  return proxied(repository, plan, (method) =>
    REPOSITORY_WRITES.has(method) ? 'dynamodb-writes' : undefined,
  );
}

export function faultyBlobs<T extends BlobStore>(blobs: T, plan: FaultPlan): T {
  return proxied(blobs, plan, (method) =>
    method === 'get' || method === 'getStream' || method === 'put' ? 'blobs' : undefined,
  );
}

const MESSENGER_TARGETS: Record<string, FaultTarget> = {
  sendEmail: 'email',
  sendSms: 'sms',
  sendLetter: 'letters',
};

export function faultyMessenger<T extends Messenger>(messenger: T, plan: FaultPlan): T {
  return proxied(messenger, plan, (method) => MESSENGER_TARGETS[method]);
}

export function faultyRegisteredMail<T extends RegisteredMail>(mail: T, plan: FaultPlan): T {
  return proxied(mail, plan, (method) => (method === 'post' ? 'registered-mail' : undefined));
}

/**
 * StartExecution, one call per dossier as SfnEscalationLauncher makes them: the steps whose start
 * went through run (a timed-out start ran, and its retry runs it again, as on AWS); those whose
 * every attempt failed are named in the error, after the others ran, so the sweep's page fails
 * and those dossiers, still due, wait for the next sweep.
 */
export function faultyLauncher(launcher: EscalationLauncher, plan: FaultPlan): EscalationLauncher {
  return {
    async start(inputs: EscalationInput[]) {
      const started: EscalationInput[] = [];
      const refused: EscalationInput[] = [];
      for (const input of inputs) {
        let ok = false;
        for (let attempt = 0; attempt < plan.attempts && !ok; attempt++) {
          const outcome = plan.draw('start-execution', 'start', input);
          if (outcome !== 'fail') started.push(input);
          ok = outcome === 'pass';
        }
        if (!ok) {
          plan.escaped('start-execution');
          refused.push(input);
        }
      }
      await launcher.start(started);
      if (refused.length > 0) throw startError(refused.length);
    },
    // One StartExecution per page: a refused page leaves all its dossiers due for the next sweep.
    async startPages(pages: EscalationPage[]) {
      const started: EscalationPage[] = [];
      let refused = 0;
      for (const page of pages) {
        let ok = false;
        for (let attempt = 0; attempt < plan.attempts && !ok; attempt++) {
          const outcome = plan.draw('start-execution', 'startPages', page);
          if (outcome !== 'fail') started.push(page);
          ok = outcome === 'pass';
        }
        if (!ok) {
          plan.escaped('start-execution');
          refused += page.dossiers.length;
        }
      }
      await launcher.startPages(started);
      if (refused > 0) throw startError(refused);
    },
  };
}

/** Named as SfnEscalationLauncher names it once the SDK gave up: the sweep's Retry knows it. */
function startError(refused: number): InjectedFault {
  const fault = new InjectedFault('start-execution', false, `${refused} escalation steps not started`);
  fault.name = 'EscalationStartError';
  return fault;
}
