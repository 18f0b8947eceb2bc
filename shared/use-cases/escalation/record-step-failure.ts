import { parisDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import { changeDossier } from '../events/change-dossier';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, Metrics, TenantDirectory } from '../ports';
import type { FailureInput } from './step-inputs';

/** Failed steps in a row before a dossier is parked, unless the tenant or the deployment says otherwise. */
export const DEFAULT_STUCK_AFTER_FAILURES = 3;

/** The metric an alarm watches (infra/aws/constructs/alarms.ts): one per dossier parked. */
export const DOSSIER_STUCK_METRIC = 'DossierStuck';

export interface FailureOutcome {
  failures: number;
  parked: boolean;
}

export interface FailureDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  logger: Logger;
  metrics: Metrics;
  /** The deployment's threshold (STUCK_AFTER_FAILURES); a tenant's `stuckAfterFailures` wins. */
  stuckAfterFailures: number;
}

/**
 * The escalation step failed after its retries (the ASL's Catch calls this before its Fail state).
 * A step that fails today fails again tomorrow for the same reason (a template without a mention,
 * a missing rate, a provider refusing the address), and the dossier's legal calendar stands still
 * without anybody noticing. So:
 * 1. count the failure, once per Paris day (a re-run sweep is not a second failure);
 * 2. at the threshold, park the dossier: it leaves the sweep index (repository: no `DUE` key while
 *    `parked`), a `stuck-dossier` task names the error's kind for a person, the timeline says why
 *    the ladder stopped, and the DossierStuck metric fires the alarm. `POST /dossiers/{id}/resume`
 *    puts it back (resume-dossier.ts). A successful step clears the count (record-step.ts).
 * Only ids and the error's kind are logged or stored: never the message.
 */
export async function recordStepFailure(deps: FailureDeps, input: FailureInput): Promise<FailureOutcome> {
  const { tenantId, dossierId, asOf, errorKind } = input;
  const day = parisDate(asOf);
  const tenant = await findTenant(deps.tenants, tenantId);
  const threshold = tenant?.stuckAfterFailures ?? deps.stuckAfterFailures;
  if (!(await deps.repository.getDossier(tenantId, dossierId))) return { failures: 0, parked: false };

  const { after, before } = await changeDossier(deps.repository, input, (dossier) => {
    if (dossier.status !== 'open' || dossier.parked || dossier.failedSteps?.lastOn === day) return undefined;
    const failures = (dossier.failedSteps?.count ?? 0) + 1;
    const updated: Dossier = {
      ...dossier,
      failedSteps: { count: failures, lastOn: day, errorKind },
      updatedAt: asOf,
    };
    return failures >= threshold ? { ...updated, parked: { on: day, errorKind, failures } } : updated;
  });
  const current = after ?? before;
  const failures = current.failedSteps?.count ?? 0;
  deps.logger.warn('escalation step failed', { tenantId, dossierId, errorKind, failures, threshold });
  // Parked today: (re)write the task and the event, so a crash after the save is finished by the retry.
  if (!current.parked || current.parked.on !== day) return { failures, parked: Boolean(current.parked) };
  const taskId = `${day}-stuck`;
  const outstanding = dossierOutstandingCents(current);
  if (!(await deps.repository.getTask(tenantId, dossierId, taskId)))
    await deps.repository.putTask({
      tenantId,
      dossierId,
      taskId,
      createdAt: asOf,
      dueOn: day,
      priority: outstanding,
      level: current.levelIndex >= 0 ? `level-${current.levelIndex}` : 'none',
      status: 'open',
      kind: 'stuck-dossier',
      outstandingCents: outstanding,
      errorKind: current.parked.errorKind,
      failures,
    });
  await deps.repository.appendEvent({
    tenantId,
    dossierId,
    eventId: `${day}#PARKED`,
    type: 'escalation-parked',
    at: asOf,
    day,
    actor: 'pipeline',
    note: `escalation stopped after ${failures} failed steps in a row (${errorKind}); waits for a person to resume it`,
  });
  if (after?.parked && !before.parked) {
    deps.metrics.count(DOSSIER_STUCK_METRIC);
    deps.logger.error('dossier parked after repeated failures', { tenantId, dossierId, errorKind, failures });
  }
  return { failures, parked: true };
}
