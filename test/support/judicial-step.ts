import { makeHandler as makeAct } from '../../functions/judicial-act/handler';
import { makeHandler as makeCourtFile } from '../../functions/judicial-court-file/handler';
import { makeHandler as makeReadStage } from '../../functions/judicial-read-stage/handler';
import { makeHandler as makeRecord } from '../../functions/judicial-record/handler';
import { makeHandler as makeWatch } from '../../functions/judicial-watch/handler';
import { type LocalFunction, LocalStateMachine, loadDefinition } from '../../infra/local/asl-runner';
import { LocalEscalationLauncher } from '../../infra/local/local-escalation-launcher';
import type { DocumentStore } from '../../shared/use-cases/client-api/dossier-documents';
import { scanJudicial } from '../../shared/use-cases/sweeps/scan-judicial';
import type { TestPipeline } from './recording-ports';

/** A handler as a Lambda sees it: JSON in, JSON out. */
function asLambda(handler: unknown): LocalFunction {
  const fn = handler as (event: unknown, context: unknown) => Promise<unknown>;
  return async (payload) =>
    JSON.parse(JSON.stringify((await fn(JSON.parse(JSON.stringify(payload)), {})) ?? null));
}

/**
 * The judicial sweep's page task over a test pipeline, its steps run by the real
 * statemachines/judicial-step.asl.json (aws-local-stepfunctions) on the real handlers. `failed`
 * counts the steps that ended in StepFailed (the launcher logs them, as on AWS, without throwing).
 */
export function judicialSweepOn(deps: TestPipeline, options: { documentStore?: DocumentStore } = {}) {
  const functions: Record<string, LocalFunction> = {
    'judicial-read-stage': asLambda(makeReadStage(deps)),
    'judicial-court-file': asLambda(
      makeCourtFile({ ...deps, ...(options.documentStore ? { documentStore: options.documentStore } : {}) }),
    ),
    'judicial-watch': asLambda(makeWatch(deps)),
    'judicial-act': asLambda(makeAct(deps)),
    'judicial-record': asLambda(makeRecord(deps)),
  };
  const machine = new LocalStateMachine('judicial-step', loadDefinition('judicial-step', {}), functions);
  const launcher = new LocalEscalationLauncher(deps.logger, 2);
  launcher.machine = machine;
  return {
    machine,
    stats: launcher.stats,
    sweep: (asOf: string, shard = 0) => scanJudicial({ ...deps, launcher }, { shard, asOf, cursor: null }),
  };
}
