import type { Node } from 'constructs';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import { DEFAULT_SHARDS_PER_TASK } from '../../shared/use-cases/sweeps/shard-walk';

/**
 * Deploy parameters, read from CDK context (`-c name=value` or cdk.json) with
 * defaults that let `cdk synth` run with no argument. They are checked here, at
 * synth time, so a bad value fails before CloudFormation sees it.
 */
export interface DeployConfig {
  /** From address of every e-mail; must belong to `sesIdentity`. */
  senderEmail: string;
  /** The verified SES identity (the sender address itself, or its domain) the functions may send as. */
  sesIdentity: string;
  /** Alphanumeric SMS sender id (max 11 characters), where the destination country allows one. */
  smsSenderId: string;
  /** Shards of the sweep indexes; changing it on a live table needs a re-index (docs/scaling.md). */
  shardCount: number;
  /**
   * Shards one sweep page task walks in turn (ShardsPerTask in the sweep ASLs): fewer tasks, so
   * fewer invocations and state transitions a day, at the price of fewer shards swept at once
   * (docs/scaling.md, the fixed daily cost).
   */
  shardsPerTask: number;
  /** Receives the alarm e-mails; none subscribed when empty. */
  alarmEmail: string | undefined;
  /** Dossiers one sweep page task dispatches before handing back a cursor. */
  dispatchBatch: number;
  /** Due dossiers per escalation execution (STEP_PAGE_SIZE, 1..100; docs/scaling.md). */
  stepPageSize: number;
  /**
   * Where every function's AWS SDK v3 comes from, forced for all: `true` bundles the lockfile's
   * (tree-shaken), `false` uses the one the nodejs22.x runtime ships. Unset (the default), each
   * function gets the placement its measured cold start favours (constructs/sdk-placement.ts).
   */
  bundleAwsSdk: boolean | undefined;
  /**
   * StartExecution calls one sweep page task keeps in flight: with 16 page tasks at once, the
   * sweep starts up to 16 × this many steps per call latency (docs/scaling.md, start rate).
   */
  startsInFlight: number;
  /**
   * Reserved concurrency of each escalation function (decide, act, record), or none. Caps what
   * one morning's steps can take from the account's concurrency, so the API and intake keep
   * theirs; unset by default, as a new account may have too little to reserve any.
   */
  stepReservedConcurrency: number | undefined;
  /**
   * The registered-mail (LRAR) provider, when there is one: its API's base URL
   * (`registeredMailUrl`) and the NAME of the Secrets Manager secret holding
   * `{"apiKey", "webhookSecret"}` (`registeredMailSecretName`); the key itself never enters
   * CloudFormation nor the environment. Both or neither: without, formal notices are posted by
   * hand (a `registered-letter` task) and no webhook route is deployed.
   */
  registeredMail: { url: string; secretName: string } | undefined;
  /** Failed escalation steps in a row before a dossier is parked for a person (a tenant may override). */
  stuckAfterFailures: number;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
// Secrets Manager names: letters, digits and /_+=.@- (no ARN: the stack builds it from region and account).
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// Same rule as SnsSmsSender: operators reject ids under 3 characters.
const SMS_SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;

function text(node: Node, name: string): string | undefined {
  const value: unknown = node.tryGetContext(name);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function integer(node: Node, name: string, fallback: number, min: number, max: number): number {
  const raw = text(node, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`context ${name} must be an integer from ${min} to ${max}, got ${raw}`);
  }
  return value;
}

export function readDeployConfig(node: Node): DeployConfig {
  const senderEmail = text(node, 'senderEmail') ?? 'noreply@example.com';
  if (!EMAIL.test(senderEmail))
    throw new Error(`context senderEmail is not an e-mail address: ${senderEmail}`);
  const sesIdentity = text(node, 'sesIdentity') ?? senderEmail;
  const senderDomain = senderEmail.slice(senderEmail.indexOf('@') + 1);
  if (sesIdentity !== senderEmail && !(DOMAIN.test(sesIdentity) && sesIdentity === senderDomain)) {
    throw new Error(
      `context sesIdentity must be senderEmail or its domain (${senderDomain}), got ${sesIdentity}`,
    );
  }
  const smsSenderId = text(node, 'smsSenderId') ?? 'Recouvrmt';
  if (!SMS_SENDER_ID.test(smsSenderId)) {
    throw new Error(`context smsSenderId must be 3-11 letters or digits with one letter, got ${smsSenderId}`);
  }
  const alarmEmail = text(node, 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    throw new Error(`context alarmEmail is not an e-mail address: ${alarmEmail}`);
  }
  return {
    registeredMail: readRegisteredMail(node),
    stuckAfterFailures: integer(node, 'stuckAfterFailures', 3, 1, 30),
    senderEmail,
    sesIdentity,
    smsSenderId,
    shardCount: integer(node, 'shardCount', DEFAULT_SHARD_COUNT, 1, 1000),
    shardsPerTask: integer(node, 'shardsPerTask', DEFAULT_SHARDS_PER_TASK, 1, 1000),
    alarmEmail,
    dispatchBatch: integer(node, 'dispatchBatch', 2_000, 1, 50_000),
    stepPageSize: integer(node, 'stepPageSize', 50, 1, 100),
    bundleAwsSdk:
      text(node, 'bundleAwsSdk') === undefined
        ? undefined
        : ['true', '1'].includes(text(node, 'bundleAwsSdk')!),
    startsInFlight: integer(node, 'startsInFlight', 20, 1, 500),
    stepReservedConcurrency:
      text(node, 'stepReservedConcurrency') === undefined
        ? undefined
        : integer(node, 'stepReservedConcurrency', 0, 1, 10_000),
  };
}

function readRegisteredMail(node: Node): DeployConfig['registeredMail'] {
  const url = text(node, 'registeredMailUrl');
  const secretName = text(node, 'registeredMailSecretName');
  if (url === undefined && secretName === undefined) return undefined;
  if (url === undefined || secretName === undefined)
    throw new Error(
      'context registeredMailUrl and registeredMailSecretName go together: set both or neither',
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`context registeredMailUrl is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:') throw new Error(`context registeredMailUrl must be https, got ${url}`);
  if (!SECRET_NAME.test(secretName) || secretName.startsWith('arn:'))
    throw new Error(`context registeredMailSecretName must be a secret name (not an ARN), got ${secretName}`);
  return { url, secretName };
}
