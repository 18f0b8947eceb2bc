import { parisDate } from '../../domain/calendar';
import type { PipelineDeps } from '../escalation/deps';
import type { EscalationLauncher } from '../ports';
import type { SweepPageInput, SweepPageResult } from './dispatch-due';
import { selectedShards, walkShards } from './shard-walk';

export type JudicialSweepDeps = Pick<PipelineDeps, 'repository' | 'logger' | 'dispatchBatch'> & {
  /** Starts one judicial step (statemachines/judicial-step.asl.json) per dossier. */
  launcher: EscalationLauncher;
};

const QUERY_PAGE = 500;

/**
 * One task of the daily judicial sweep, for one shard or a group (docs/legal.md §10): reads the dossiers
 * whose judicial day has come (a court file to build, a court deadline or its alert, a follow-up,
 * a claim to declare) and starts one judicial step for each, as the overdue sweep starts
 * escalation steps, up to `dispatchBatch` per task, then hands back a cursor. The step does the
 * work; each step is idempotent per (dossier, day), and moves the dossier's day past today.
 */
export async function scanJudicial(deps: JudicialSweepDeps, input: SweepPageInput): Promise<SweepPageResult> {
  const day = parisDate(input.asOf);
  const { processed, cursor } = await walkShards(
    input,
    input.cursor,
    deps.dispatchBatch,
    QUERY_PAGE,
    (shard, limit, key) => deps.repository.queryJudicialChecks(shard, day, limit, key),
    (items) =>
      deps.launcher.start(
        items.map((item) => ({ tenantId: item.tenantId, dossierId: item.dossierId, asOf: input.asOf })),
      ),
  );
  deps.logger.info('judicial steps dispatched', {
    shards: selectedShards(input),
    day,
    processed,
    more: Boolean(cursor),
  });
  return { processed, cursor };
}
