import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import { ValidationError } from '../../../shared/domain/errors';
import { closeDossier, closureSchema } from '../../../shared/use-cases/events/close-dossier';
import { promiseSchema, recordPromise } from '../../../shared/use-cases/events/record-promise';
import { disputeResolutionSchema, resolveDispute } from '../../../shared/use-cases/events/resolve-dispute';
import { parseInput } from '../../../shared/use-cases/parse-input';
import { body, dossierId, type Route } from '../request';

/** The dossier lifecycle's routes (docs/data-model.md, "Lifecycle events"): disputes that end, promises, closure. */
export const LIFECYCLE_ROUTES: Record<string, Route> = {
  'POST /dossiers/{dossierId}/disputes/{disputeId}/resolution': async (deps, tenantId, event, now) => {
    const disputeId = event.pathParameters?.disputeId;
    if (!disputeId) throw new ValidationError('disputeId', 'missing in the path');
    const resolution = parseInput(disputeResolutionSchema, body(event));
    return json(
      200,
      await resolveDispute(deps, {
        tenantId,
        dossierId: dossierId(event),
        disputeId,
        resolution,
        receivedAt: now,
      }),
    );
  },
  'POST /dossiers/{dossierId}/promises': async (deps, tenantId, event, now) => {
    const promise = parseInput(promiseSchema(parisDate(now)), body(event));
    return json(
      200,
      await recordPromise(deps, { tenantId, dossierId: dossierId(event), promise, receivedAt: now }),
    );
  },
  'POST /dossiers/{dossierId}/closure': async (deps, tenantId, event, now) => {
    const closure = parseInput(closureSchema, body(event));
    return json(
      200,
      await closeDossier(deps, { tenantId, dossierId: dossierId(event), closure, receivedAt: now }),
    );
  },
};
