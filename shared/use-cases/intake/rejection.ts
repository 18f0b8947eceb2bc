import type { RejectedRow } from './debtor-intake';
import type { RowProblem } from './invoice-row';

/**
 * One reject per row, however many problems it has: the fields in one cell (`debtor_type,
 * amount`), and the reasons in another, each after its field when there are several.
 */
export function rejectionOf(row: number, invoiceNumber: string, problems: RowProblem[]): RejectedRow {
  const fields = [...new Set(problems.map((problem) => problem.field))];
  const reason =
    problems.length === 1
      ? problems[0]!.reason
      : problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
  return { row, invoiceNumber, field: fields.join(', '), reason };
}
