import { z } from 'zod';

/**
 * Which DynamoDB the embedded stack and the integration tests talk to. dynalite is the default
 * everywhere (in process, fast); DynamoDB Local (AWS's own emulator, Java) is asked for with
 * RECOUVREMENT_STORE=dynamodb-local, to show that what passes on dynalite holds there
 * (docs/reliability.md, "A second store"); RECOUVREMENT_DYNAMODB_ENDPOINT points at one already
 * running (left running at the end).
 */
export type LocalStoreKind = 'dynalite' | 'dynamodb-local';

const StoreEnv = z.object({
  RECOUVREMENT_STORE: z
    .enum(['dynalite', 'dynamodb-local'], {
      error: 'RECOUVREMENT_STORE must be dynalite (the default) or dynamodb-local',
    })
    .default('dynalite'),
  RECOUVREMENT_DYNAMODB_ENDPOINT: z.url({ error: 'RECOUVREMENT_DYNAMODB_ENDPOINT must be a URL' }).optional(),
});

/** The choice of the environment, read once: a wrong value fails at start, naming the variable. */
export const LOCAL_STORE_ENV: { store: LocalStoreKind; endpoint?: string } = (() => {
  const parsed = StoreEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return {
    store: parsed.data.RECOUVREMENT_STORE,
    ...(parsed.data.RECOUVREMENT_DYNAMODB_ENDPOINT
      ? { endpoint: parsed.data.RECOUVREMENT_DYNAMODB_ENDPOINT }
      : {}),
  };
})();
