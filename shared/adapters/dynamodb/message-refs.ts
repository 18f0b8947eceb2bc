import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MessageRef } from '../../use-cases/ports';
import { ENTITY } from './entity-names';
import { strip } from './item-codec';
import { keys } from './keys';

/**
 * Which dossier a provider's message belongs to, by the provider's id (an SMS delivery status
 * names nothing else) or a registered letter's tracking ref; ids only (docs/data-model.md, pattern 15).
 */

export async function putMessageRef(
  doc: DynamoDBDocumentClient,
  tableName: string,
  ref: MessageRef,
): Promise<void> {
  // Plain put: a retried send that got a new provider id adds its own item; the same id rewrites the same one.
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.messageRef(ref.messageId), entity: ENTITY.messageRef, ...ref },
    }),
  );
}

export async function getMessageRef(
  doc: DynamoDBDocumentClient,
  tableName: string,
  messageId: string,
): Promise<MessageRef | undefined> {
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.messageRef(messageId) }));
  return out.Item ? strip<MessageRef>(out.Item) : undefined;
}
