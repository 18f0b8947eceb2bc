/**
 * The one table's key schema, shared by the CDK stack and the embedded stack so
 * both create exactly the same table. Every key value is built in ./keys.ts.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalIndexes: [
    /** Sparse, sharded: dossiers with a next action, by day (overdue sweep). */
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Sparse, sharded: dossiers with a coming prescription check, by day (prescription sweep). */
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Per tenant listings: dossiers, open tasks by priority. */
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
  /**
   * DynamoDB TTL (epoch seconds): AWS deletes an item some time after it, within days, so a
   * reader must still treat an item past it as gone. Only idempotency keys carry it.
   */
  timeToLiveAttribute: 'expiresAt',
} as const;

/** Shards of the sweep indexes: spreads one day's due dossiers over partitions (docs/scaling.md). */
export const DEFAULT_SHARD_COUNT = 16;
