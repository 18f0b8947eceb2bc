import type { FunctionName } from './pipeline-function';

/**
 * Where each function's AWS SDK v3 comes from:
 * - `bundled`: the lockfile's SDK inside the bundle (ESM `dist-es` builds, minified and
 *   tree-shaken to the clients and commands the function imports);
 * - `runtime`: left out (`@aws-sdk/*`, `@smithy/*` external), the copy the nodejs22.x runtime ships.
 */
export type SdkPlacement = 'bundled' | 'runtime';

/**
 * The choice per function, from `npm run bench -- --only bundles`: both builds of each function
 * imported cold in turns, median of 5 (figures in docs/scaling.md, "Cold start"). The runtime's
 * SDK is node resolving and compiling each `@aws-sdk/*` and `@smithy/*` package's whole CommonJS
 * build (every command and shape of a client); bundled, it is the commands used, in the one
 * file. Bundled, every function's init was 0.26–0.87 of the runtime SDK's (median 0.55), for
 * 360–610 KB more per bundle (a third of it zipped): the init is what a cold start waits on, the size
 * only what Lambda fetches once per container, so every function bundles it. The lockfile's SDK
 * is also the version the tests ran. A deploy can still force one placement for all (context
 * `bundleAwsSdk`, infra/aws/deploy-config.ts).
 */
export const SDK_PLACEMENT: Record<FunctionName, SdkPlacement> = {
  intake: 'bundled',
  'escalation-decide': 'bundled',
  'escalation-act': 'bundled',
  'escalation-record': 'bundled',
  'escalation-failed': 'bundled',
  'registered-mail-webhook': 'bundled',
  'dispatch-due': 'bundled',
  'prescription-scan': 'bundled',
  'judicial-scan': 'bundled',
  'judicial-read-stage': 'bundled',
  'judicial-court-file': 'bundled',
  'judicial-watch': 'bundled',
  'judicial-act': 'bundled',
  'judicial-record': 'bundled',
  'delivery-feedback': 'bundled',
  'monthly-statements': 'bundled',
  'retention-scan': 'bundled',
  api: 'bundled',
};

/** esbuild's externals for a placement: the runtime's SDK v3 is every `@aws-sdk/*` and `@smithy/*` package. */
export function sdkExternals(placement: SdkPlacement): string[] {
  return placement === 'runtime' ? ['@aws-sdk/*', '@smithy/*'] : [];
}

/** The placement of one function: the deploy's forced one if any, else the measured choice. */
export function sdkPlacementOf(name: string, forced?: boolean): SdkPlacement {
  if (forced !== undefined) return forced ? 'bundled' : 'runtime';
  return SDK_PLACEMENT[name as FunctionName] ?? 'runtime';
}
