import type { EventSource } from '../../domain/timeline';
import { applyInvoiceStatuses, type StatusFeedReport } from './apply-invoice-statuses';
import { parseStatusFeed, readStatusMessage, type StatusMessage, type StatusProblem } from './status-feed';
import type { StatusTargetDeps } from './status-targets';

/** Checks each raw message; the good ones in order, the bad ones reported with their line. */
export function readStatusMessages(rows: { row: number; values: Record<string, unknown> }[]): {
  messages: StatusMessage[];
  problems: StatusProblem[];
} {
  const messages: StatusMessage[] = [];
  const problems: StatusProblem[] = [];
  for (const { row, values } of rows) {
    const read = readStatusMessage(row, values);
    if (read.ok) messages.push(read.message);
    else problems.push(read.problem);
  }
  return { messages, problems };
}

/** A status feed file: parsed (unreadable → thrown), each message checked, then applied. */
export async function ingestStatusFeed(
  deps: StatusTargetDeps,
  input: { tenantId: string; key: string; text: string; receivedAt: string; source?: EventSource },
): Promise<StatusFeedReport> {
  const { messages, problems } = readStatusMessages(parseStatusFeed(input.key, input.text));
  return applyInvoiceStatuses(deps, {
    tenantId: input.tenantId,
    messages,
    problems,
    receivedAt: input.receivedAt,
    source: input.source ?? 'file',
  });
}
