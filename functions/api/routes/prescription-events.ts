import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import {
  acknowledgmentSchema,
  recordAcknowledgment,
} from '../../../shared/use-cases/events/record-acknowledgment';
import { mediationSchema, recordMediation } from '../../../shared/use-cases/events/record-mediation';
import { parseInput } from '../../../shared/use-cases/parse-input';
import { body, dossierId, type Route } from '../request';
import { postBankStatement } from './bank-statements';

/**
 * Events that move the limitation period (docs/legal.md §1: C.civ. 2240, 2238) and the bank
 * statements whose credits become payments (issue 13).
 */
export const PRESCRIPTION_EVENT_ROUTES: Record<string, Route> = {
  'POST /dossiers/{dossierId}/acknowledgments': async (deps, tenantId, event, now) => {
    const acknowledgment = parseInput(acknowledgmentSchema(parisDate(now)), body(event));
    return json(
      200,
      await recordAcknowledgment(deps, {
        tenantId,
        dossierId: dossierId(event),
        acknowledgment,
        receivedAt: now,
        source: 'api',
      }),
    );
  },
  'POST /dossiers/{dossierId}/mediations': async (deps, tenantId, event, now) => {
    const mediation = parseInput(mediationSchema(parisDate(now)), body(event));
    return json(
      200,
      await recordMediation(deps, {
        tenantId,
        dossierId: dossierId(event),
        mediation,
        receivedAt: now,
        source: 'api',
      }),
    );
  },
  'POST /bank-statements': postBankStatement,
};
