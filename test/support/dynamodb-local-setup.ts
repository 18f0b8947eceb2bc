import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local';

/**
 * vitest global setup of `npm run test:dynamodb-local`: ONE DynamoDB Local for the whole run
 * (a JVM takes seconds to start), handed to the test workers by RECOUVREMENT_DYNAMODB_ENDPOINT.
 * Each store a test starts gets a database of its own on it (infra/local/dynamo.ts). The
 * teardown ends the JVM, also when tests failed; a crashed run ends it too (dynamodb-local.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  // An emulator already running (RECOUVREMENT_DYNAMODB_ENDPOINT) is used as it is.
  if (process.env.RECOUVREMENT_DYNAMODB_ENDPOINT) return async () => {};
  const emulator: DynamoDbLocal = await startDynamoDbLocal();
  process.env.RECOUVREMENT_DYNAMODB_ENDPOINT = emulator.endpoint;
  return async () => {
    delete process.env.RECOUVREMENT_DYNAMODB_ENDPOINT;
    await emulator.stop();
  };
}
