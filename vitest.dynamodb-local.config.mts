import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/**
 * The integration tests again, on DynamoDB Local (AWS's emulator) instead of dynalite:
 * `npm run test:dynamodb-local` (needs Java 17+ and the devDependency amplify-dynamodb-simulator).
 * The same files, unchanged: their store comes from infra/local/dynamo.ts, which reads
 * RECOUVREMENT_STORE. docs/reliability.md, "A second store", says what they prove and what differed.
 */
export const DYNAMODB_LOCAL_TESTS = [
  'test/integration/**/*.test.ts',
  'test/adapters/idempotency-keys.test.ts',
  'test/adapters/fault-injection.test.ts',
  'test/use-cases/**/*.test.ts',
  'test/personal-data/**/*.test.ts',
  'test/workflows/**/*.test.ts',
];

// Spread, not mergeConfig: mergeConfig concatenates arrays (the base's include would stay).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: DYNAMODB_LOCAL_TESTS,
    env: { RECOUVREMENT_STORE: 'dynamodb-local' },
    // One emulator for the run (test/support/dynamodb-local-setup.ts).
    globalSetup: ['test/support/dynamodb-local-setup.ts'],
    // Not .ci/results.json: the main suite's count stays its own.
    reporters: ['default', ['json', { outputFile: '.ci/dynamodb-local-results.json' }]],
  },
});
