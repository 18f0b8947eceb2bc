import { LocalRegisteredMail } from '../../../shared/adapters/local/local-registered-mail';
import { OverlayRateSource } from '../../../shared/adapters/rates/overlay-rate-source';
import { RecouvrementError } from '../../../shared/domain/errors';
import type { PipelineDeps } from '../../../shared/use-cases/escalation/deps';
import type { MemoryDossierRepository } from '../../support/memory-repository';
import { JsonLetterRenderer, RecordingMessenger } from '../../support/recording-ports';

/** The ports the lifecycle runner (lifecycle-run.ts) gives the use cases, and how it tells a refusal from a defect. */

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** What the driven use cases need: no launcher (the runner steps the dossier itself), no documents bucket. */
export type LifecycleDeps = Omit<PipelineDeps, 'launcher' | 'documents' | 'documentsBucket'> & {
  messenger: RecordingMessenger;
  letters: JsonLetterRenderer;
};

export function pipeline(repository: MemoryDossierRepository): LifecycleDeps {
  return {
    repository,
    tenants: repository,
    messenger: new RecordingMessenger(),
    letters: new JsonLetterRenderer(),
    registeredMail: new LocalRegisteredMail(),
    logger: silentLogger,
    shardCount: 1,
    dispatchBatch: 100,
    senderEmail: 'relances@recouvrement.example',
    rates: new OverlayRateSource(async () => undefined, silentLogger),
  };
}

/** A history's event the runner itself finds meaningless (no dispute to resolve, no e-mail to bounce). */
export class RefusedEvent extends RecouvrementError {}

/** A use case's refusal (409, 422, 404) is an answer, not a defect; anything else fails the property. */
export async function attempt(
  run: () => Promise<void>,
): Promise<{ outcome: 'applied' | 'refused'; reason?: string }> {
  try {
    await run();
    return { outcome: 'applied' };
  } catch (error) {
    if (error instanceof RecouvrementError)
      return { outcome: 'refused', reason: `${error.name}: ${error.message}` };
    throw error;
  }
}
