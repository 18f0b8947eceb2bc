import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DossierTaskList } from '../../use-cases/personal-data/debtor-documents';
import type { CallTask } from '../../use-cases/ports';
import { strip } from './item-codec';
import { keys } from './keys';

/** A dossier's tasks, every status: its partition's `TASK#` items (export and erasure of a debtor's data). */
export class DynamoDossierTasks implements DossierTaskList {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async listDossierTasks(tenantId: string, dossierId: string): Promise<CallTask[]> {
    const { PK, SK } = keys.task(tenantId, dossierId, '');
    const tasks: CallTask[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :task)',
          ExpressionAttributeValues: { ':pk': PK, ':task': SK },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      tasks.push(...(out.Items ?? []).map((item) => strip<CallTask>(item)));
      start = out.LastEvaluatedKey;
    } while (start);
    return tasks;
  }
}
