import middy from '@middy/core';
import * as z from 'zod';
import { parseInput } from '../../shared/use-cases/parse-input';
import {
  type StatementDeps,
  sendMonthlyStatementsForAllTenants,
} from '../../shared/use-cases/statements/send-monthly-statements';

/** The schedule's input: its scheduled time, so a late or retried run still serves its own day. */
const inputSchema = z.object({ asOf: z.iso.datetime({ offset: true }) });

/** Daily at 09:00 Europe/Paris (EventBridge Scheduler → this Lambda): acts on the month's first working day only. */
export function makeHandler(deps: StatementDeps) {
  return middy<unknown, Awaited<ReturnType<typeof sendMonthlyStatementsForAllTenants>>>().handler((event) =>
    sendMonthlyStatementsForAllTenants(deps, parseInput(inputSchema, event)),
  );
}
