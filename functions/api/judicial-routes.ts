import { json } from '../../shared/adapters/http/problem';
import { parisDate } from '../../shared/domain/calendar';
import { insolvencySchema, recordInsolvency } from '../../shared/use-cases/judicial/record-insolvency';
import {
  judicialDecisionSchema,
  recordJudicialDecision,
} from '../../shared/use-cases/judicial/record-judicial-decision';
import { parseInput } from '../../shared/use-cases/parse-input';
import { body, dossierId, type Route } from './request';

/**
 * The judicial review's routes (docs/legal.md §10): the creditor's decision on the recommendation,
 * and the debtor's insolvency proceedings (which turn the recommendation into a write-off).
 */
export const JUDICIAL_ROUTES = {
  'POST /dossiers/{dossierId}/judicial-decision': async (deps, tenantId, event, now) => {
    const decision = parseInput(judicialDecisionSchema(parisDate(now)), body(event));
    return json(
      200,
      await recordJudicialDecision(deps, {
        tenantId,
        dossierId: dossierId(event),
        decision,
        receivedAt: now,
      }),
    );
  },
  'POST /dossiers/{dossierId}/insolvency': async (deps, tenantId, event, now) => {
    const insolvency = parseInput(insolvencySchema(parisDate(now)), body(event));
    return json(
      200,
      await recordInsolvency(deps, { tenantId, dossierId: dossierId(event), insolvency, receivedAt: now }),
    );
  },
} satisfies Record<string, Route>;
