import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../../shared/adapters/dynamodb/table-schema';

const string = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * The one table, built from TABLE_SCHEMA so the embedded stack (dynalite) and AWS
 * create exactly the same keys and indexes. On demand (the load is two daily
 * sweeps and bursts of intake), PITR, customer-managed key, and protected from
 * deletion: it is the source of truth of every dossier and its timeline.
 */
export function dossierTable(scope: Construct, id: string, encryptionKey: kms.IKey): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    partitionKey: string(TABLE_SCHEMA.partitionKey),
    sortKey: string(TABLE_SCHEMA.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    // Idempotency keys expire (shared/use-cases/client-api/idempotency.ts); no other item has it.
    timeToLiveAttribute: TABLE_SCHEMA.timeToLiveAttribute,
  });
  for (const index of TABLE_SCHEMA.globalIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: string(index.partitionKey),
      sortKey: string(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}

/** ARNs of the table and each of its indexes, named one by one (no `index/*` wildcard). */
export function tableAndIndexArns(table: dynamodb.ITable): string[] {
  return [
    table.tableArn,
    ...TABLE_SCHEMA.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
  ];
}
