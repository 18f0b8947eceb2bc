import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, type SynthesizedApp, synthesizeApp } from './fixture';

/**
 * The repository's batch calls (shared/adapters/dynamodb/batch-requests.ts) are granted to the
 * functions that make them, and to no other: without the grant, AWS denies the call at run time
 * while every local run (dynalite checks no IAM) passes.
 * - intake: store-debtor-groups.ts calls getDossiers and findInvoiceClaims (BatchGetItem) and
 *   putEvents (BatchWriteItem);
 * - api: list-tasks.ts calls getDossiers (GET /tasks), erase-personal-data.ts putEvents;
 * - retention-scan: erase-personal-data.ts putEvents;
 * - escalation act and record: act-on-page.ts and record-page.ts read their page's dossiers with
 *   getDossiersByRef (BatchGetItem, step-page-reads.ts).
 */
const EXPECTED: Record<string, string[]> = {
  intake: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
  api: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
  retentionScan: ['dynamodb:BatchWriteItem'],
  act: ['dynamodb:BatchGetItem'],
  record: ['dynamodb:BatchGetItem'],
};
const BATCH = ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

describe('DynamoDB batch grants', () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthesizeApp();
  });

  /** The batch actions each function's role is allowed, with the resources they are allowed on. */
  function batchGrants(): Map<string, { actions: Set<string>; resources: unknown[] }> {
    const policies = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::IAM::Policy'));
    const functions = resourcesOfType(app.statelessTemplate, 'AWS::Lambda::Function');
    const grants = new Map<string, { actions: Set<string>; resources: unknown[] }>();
    for (const [name, fn] of Object.entries(app.stateless.functions)) {
      const fnId = app.stateless.getLogicalId(fn.node.defaultChild as CfnFunction);
      const role = functions[fnId]?.Properties?.['Role'] as { 'Fn::GetAtt': [string, string] };
      const actions = new Set<string>();
      const resources: unknown[] = [];
      for (const policy of policies) {
        const roles = (policy.Properties?.['Roles'] ?? []) as { Ref?: string }[];
        if (!roles.some((ref) => ref.Ref === role['Fn::GetAtt'][0])) continue;
        const statements =
          (policy.Properties?.['PolicyDocument'] as { Statement: Statement[] } | undefined)?.Statement ?? [];
        for (const statement of statements) {
          const batch = [statement.Action].flat().filter((action) => BATCH.includes(action));
          if (statement.Effect !== 'Allow' || batch.length === 0) continue;
          for (const action of batch) actions.add(action);
          resources.push(statement.Resource);
        }
      }
      grants.set(name, { actions, resources });
    }
    return grants;
  }

  it('grants BatchGetItem and BatchWriteItem exactly to the functions whose repository calls use them', () => {
    const grants = batchGrants();
    expect(grants.size).toBeGreaterThan(10);
    for (const [name, { actions }] of grants) {
      expect([...actions].sort(), name).toEqual(EXPECTED[name] ?? []);
    }
  });

  it('grants them on the table itself, never on a wildcard', () => {
    for (const [name, { resources }] of batchGrants()) {
      for (const resource of resources) {
        const text = JSON.stringify(resource);
        expect(text, name).not.toContain('*');
        expect(text, name).not.toContain('/index/');
        expect(Array.isArray(resource) ? resource : [resource], name).toHaveLength(1);
      }
    }
  });
});
