import * as z from 'zod';
import { json } from '../../../shared/adapters/http/problem';
import { courtEventSchema } from '../../../shared/use-cases/judicial/court-event-input';
import { recordCourtEvent } from '../../../shared/use-cases/judicial/record-court-event';
import { parseInput } from '../../../shared/use-cases/parse-input';
import { body, dossierId, type Route } from '../request';

/** POST /dossiers/{id}/court-events: a court or enforcement event (docs/legal.md §10). */
export const COURT_EVENT_ROUTES: Record<string, Route> = {
  'POST /dossiers/{dossierId}/court-events': async (deps, tenantId, event, now) => {
    const courtEvent = parseInput(courtEventSchema, body(event));
    return json(
      200,
      await recordCourtEvent(deps, {
        tenantId,
        dossierId: dossierId(event),
        event: courtEvent,
        receivedAt: now,
      }),
    );
  },
};

export const courtEventOutcomeSchema = z
  .object({
    dossierId: z.string(),
    stage: z.string().describe('The judicial stage after the event (judicial-state.ts)'),
    deadlines: z
      .array(
        z.object({
          kind: z.enum(['service', 'opposition', 'small-claims-answer', 'title-limitation']),
          date: z.string().describe('Last day (Paris) the act may be done'),
          article: z.string(),
          alerted: z.array(z.number().int()).describe('Alerts already sent, by days-before'),
        }),
      )
      .describe('The court deadlines the daily judicial sweep watches'),
    nextCheckOn: z.string().nullable().describe('Next day the judicial sweep looks at the dossier'),
    duplicate: z.boolean().describe('The same eventId with the same content was recorded before'),
  })
  .meta({ id: 'CourtEventOutcome' });
