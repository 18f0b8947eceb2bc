import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { PipelineFunction } from './pipeline-function';

/**
 * The repository's batch calls (shared/adapters/dynamodb/batch-requests.ts), granted only to the
 * functions whose use cases make them, beyond `bindTable`'s item-level calls:
 * - `get`: BatchGetItem, for `getDossiers` and `findInvoiceClaims` (intake's groups of debtors,
 *   the API's task list);
 * - `write`: BatchWriteItem, for `putEvents` (intake's timeline events; erasure has its own grant).
 * On the table's ARN only: batch calls address the table, never an index.
 */
export function grantTableBatches(
  fn: PipelineFunction,
  table: dynamodb.ITable,
  calls: ReadonlyArray<'get' | 'write'>,
): void {
  const actions = calls.map((call) => (call === 'get' ? 'dynamodb:BatchGetItem' : 'dynamodb:BatchWriteItem'));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
}
