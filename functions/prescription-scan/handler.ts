import middy from '@middy/core';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { sweepPageInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { SweepPageResult } from '../../shared/use-cases/sweeps/dispatch-due';
import { scanPrescription } from '../../shared/use-cases/sweeps/scan-prescription';

/** Task `ScanPrescriptionPage` of the prescription sweep: warns, marks time-barred claims, stops them. */
export function makeHandler(
  deps: Pick<
    PipelineDeps,
    'repository' | 'tenants' | 'messenger' | 'logger' | 'dispatchBatch' | 'senderEmail' | 'rates'
  >,
) {
  return middy<unknown, SweepPageResult>().handler((event) =>
    scanPrescription(deps, parseInput(sweepPageInputSchema, event)),
  );
}
