import * as z from 'zod';
import { addDays, isLocalDate, type LocalDate, parisDate } from '../../domain/calendar';
import {
  CALL_OUTCOMES,
  type CallOutcome,
  type CallOutcomeRecord,
  MAX_PROMISE_DAYS,
  PHONE_CHANNELS,
} from '../../domain/call-outcome';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import type { CallTask, DossierRepository, Logger, TenantDirectory } from '../ports';
import { recordDispute } from './record-dispute';
import { recordPromise } from './record-promise';

/**
 * The agent's report on a call task. `today` is the Paris day the report arrives: a promise must
 * fall after it and within MAX_PROMISE_DAYS (a longer delay is a payment plan, not a promise).
 */
export function callOutcomeSchema(today: LocalDate) {
  return z
    .object({
      dossierId: z.string().trim().min(1).max(200),
      outcome: z.enum(CALL_OUTCOMES),
      promisedDate: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)').optional(),
      promisedAmountCents: z.number().int().positive().optional(),
      note: z.string().trim().max(500).optional(),
    })
    .superRefine((input, ctx) => {
      if (input.outcome !== 'promise-to-pay') {
        for (const field of ['promisedDate', 'promisedAmountCents'] as const)
          if (input[field] !== undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: 'only with outcome promise-to-pay' });
        return;
      }
      if (input.promisedDate === undefined)
        ctx.addIssue({ code: 'custom', path: ['promisedDate'], message: 'required for a promise to pay' });
      else if (input.promisedDate <= today)
        ctx.addIssue({ code: 'custom', path: ['promisedDate'], message: `must be after ${today}` });
      else if (input.promisedDate > addDays(today, MAX_PROMISE_DAYS))
        ctx.addIssue({
          code: 'custom',
          path: ['promisedDate'],
          message: `at most ${MAX_PROMISE_DAYS} days ahead (${addDays(today, MAX_PROMISE_DAYS)})`,
        });
    });
}
export type CallOutcomeInput = z.infer<ReturnType<typeof callOutcomeSchema>>;

export interface CallOutcomeResult {
  taskId: string;
  dossierId: string;
  outcome: CallOutcome;
  status: Dossier['status'];
  /** Next day the overdue sweep looks at the dossier (null: nothing scheduled). */
  nextActionOn: LocalDate | null;
  duplicate: boolean;
}

/**
 * Records what an agent reports after a call task, once per task (idempotent on task + outcome).
 * 1. load the call task, its dossier and the timeline (one Query of the dossier's partition);
 *    a task already done with the same outcome is a replay (`duplicate`), with another outcome
 *    a conflict;
 * 2. append the `call-outcome` event, or find the one a crashed attempt appended: the next
 *    escalation step reads it (a running promise holds the ladder, docs/legal.md §8 spirit);
 * 3. apply the outcome to the dossier: a promise moves the next action to the day after the
 *    promised date; a dispute opens one, as the disputes route does; a wrong number marks SMS
 *    and calls failing for the debtor; no answer and reached change nothing;
 * 4. mark the task done with the outcome: it leaves the open queue.
 * Each write is idempotent, and the task is closed last, so a retry finishes an interrupted report.
 */
export async function recordCallOutcome(
  deps: { repository: DossierRepository; logger: Logger; tenants?: TenantDirectory | undefined },
  input: { tenantId: string; taskId: string; report: CallOutcomeInput; receivedAt: string },
): Promise<CallOutcomeResult> {
  const { tenantId, taskId, report, receivedAt } = input;
  const { dossierId, outcome } = report;
  const read = await deps.repository.getDossierWithTimeline(tenantId, dossierId, taskId);
  const task = read?.task;
  if (!read || !task) throw new NotFoundError(`task ${taskId} not found for dossier ${dossierId}`);
  if (task.kind !== 'call') throw new ValidationError('taskId', `task ${taskId} is not a call task`);
  if (task.status === 'done') {
    if (task.outcome !== outcome)
      throw new ConflictError(`task ${taskId} was already reported as ${task.outcome ?? 'done'}`);
    return result(deps.repository, task, outcome, true, read.dossier);
  }

  await appendOutcomeEvent(deps.repository, task, report, receivedAt, read.timeline);
  const after = await applyToDossier(deps, task, report, receivedAt, read.dossier);
  await deps.repository.putTask({
    ...task,
    status: 'done',
    outcome,
    outcomeAt: receivedAt,
    ...(report.note ? { note: report.note } : {}),
  });
  // Ids and the outcome code only: the note and the debtor's details stay out of the logs.
  deps.logger.info('call outcome recorded', { tenantId, dossierId, taskId, outcome });
  return result(deps.repository, task, outcome, false, after);
}

/** `known`: the dossier as this report left it, when it knows it (else read, e.g. after a promise). */
async function result(
  repository: DossierRepository,
  task: CallTask,
  outcome: CallOutcome,
  duplicate: boolean,
  known?: Dossier,
): Promise<CallOutcomeResult> {
  const dossier = known ?? (await repository.getDossier(task.tenantId, task.dossierId));
  if (!dossier) throw new NotFoundError(`dossier ${task.dossierId} not found`);
  return {
    taskId: task.taskId,
    dossierId: task.dossierId,
    outcome,
    status: dossier.status,
    nextActionOn: dossier.nextActionOn ?? null,
    duplicate,
  };
}

/** One `call-outcome` event per task: a retry finds the one it appended, whatever the day. */
async function appendOutcomeEvent(
  repository: DossierRepository,
  task: CallTask,
  report: CallOutcomeInput,
  receivedAt: string,
  timeline: readonly TimelineEvent[],
): Promise<void> {
  const { tenantId, dossierId, taskId } = task;
  const earlier = timeline.find((event) => event.type === 'call-outcome' && event.call?.taskId === taskId);
  if (earlier) {
    if (earlier.call?.outcome !== report.outcome)
      throw new ConflictError(`task ${taskId} was already reported as ${earlier.call?.outcome}`);
    return;
  }
  const day = parisDate(receivedAt);
  const call: CallOutcomeRecord = {
    taskId,
    outcome: report.outcome,
    ...(report.promisedDate ? { promisedOn: report.promisedDate } : {}),
    ...(report.promisedAmountCents ? { promisedAmountCents: report.promisedAmountCents } : {}),
  };
  const event: TimelineEvent = {
    tenantId,
    dossierId,
    eventId: `${day}#CALL#${taskId}`,
    type: 'call-outcome',
    at: receivedAt,
    day,
    actor: 'agent',
    level: task.level,
    channel: 'call',
    // The outcome code, never the agent's note: the debtor's words stay off the evidence index.
    note: report.outcome,
    call,
  };
  await repository.appendEvent(event);
}

/**
 * The outcome's change, from the dossier `read` with the timeline (read again only after a
 * conflict); returns the dossier as left when known here, undefined when a promise or a dispute
 * changed it through its own use case.
 */
async function applyToDossier(
  deps: { repository: DossierRepository; logger: Logger; tenants?: TenantDirectory | undefined },
  task: CallTask,
  report: CallOutcomeInput,
  receivedAt: string,
  read: Dossier,
): Promise<Dossier | undefined> {
  const { tenantId, dossierId, taskId } = task;
  if (report.outcome === 'dispute') {
    await recordDispute(deps, {
      tenantId,
      dossierId,
      dispute: { disputeId: `CALL-${taskId}`, reason: 'other' },
      receivedAt,
      source: 'agent',
    });
    return undefined;
  }
  if (report.outcome === 'promise-to-pay') {
    // The same promise as through the API (record-promise.ts): the ladder waits to its date plus
    // the tenant's grace days, and a broken one resumes one level up. Only an open dossier waits.
    const dossier = read;
    if (dossier.status !== 'open' || !report.promisedDate) return dossier;
    const promise = {
      promiseId: `CALL-${taskId}`,
      date: report.promisedDate,
      amountCents: report.promisedAmountCents ?? Math.max(1, dossierOutstandingCents(dossier)),
    };
    await recordPromise(deps, { tenantId, dossierId, promise, receivedAt, source: 'agent' });
    return undefined;
  }
  if (report.outcome !== 'wrong-number') return read;
  for (let attempt = 0; ; attempt++) {
    const dossier = attempt === 0 ? read : await deps.repository.getDossier(tenantId, dossierId);
    if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
    const updated = withOutcome(dossier, report);
    if (!updated) return dossier;
    const saved = { ...updated, updatedAt: receivedAt, version: dossier.version + 1 };
    try {
      await deps.repository.saveDossier(saved);
      return saved;
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
  }
}

/** The dossier as the outcome leaves it; undefined when it already is (a retry writes nothing). */
function withOutcome(dossier: Dossier, report: CallOutcomeInput): Dossier | undefined {
  if (report.outcome === 'wrong-number') {
    const failing = dossier.debtor.failingChannels ?? [];
    const missing = PHONE_CHANNELS.filter((channel) => !failing.includes(channel));
    if (missing.length === 0) return undefined;
    return { ...dossier, debtor: { ...dossier.debtor, failingChannels: [...failing, ...missing] } };
  }
  return undefined;
}
