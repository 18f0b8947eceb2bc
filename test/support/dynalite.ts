import { afterAll, beforeAll } from 'vitest';
import { type LocalDynamo, startLocalDynamo } from '../../infra/local/dynamo';

/**
 * dynalite for one test file: started before its tests, stopped after them. With
 * RECOUVREMENT_STORE=dynamodb-local (`npm run test:dynamodb-local`) the same file runs on a fresh
 * database of DynamoDB Local instead (infra/local/dynamo.ts, docs/reliability.md). `onStart` builds
 * what the file's tests share (a pipeline, a repository); the returned getter gives the running
 * store to the tests that need its client or table name.
 */
export function useDynalite(onStart: (dynamo: LocalDynamo) => void = () => {}): () => LocalDynamo {
  let dynamo: LocalDynamo | undefined;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    onStart(dynamo);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });
  return () => {
    if (!dynamo) throw new Error('dynalite is not started yet');
    return dynamo;
  };
}
