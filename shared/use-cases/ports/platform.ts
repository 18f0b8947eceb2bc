/**
 * The platform the use cases run on: object storage, the escalation launcher, the rates, logs,
 * metrics and provider-event deduplication. Apart from the business ports: infrastructure only.
 */
import type { EffectiveRates } from '../../domain/legal/rate-overrides';

/** Object storage: S3 on AWS, a folder or a local S3 server embedded. */
export interface BlobStore {
  get(bucket: string, key: string): Promise<Uint8Array>;
  /** The object's bytes as they arrive (S3 GetObject's body): a large intake file never held whole. */
  getStream?(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>>;
  put(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType: string,
  ): Promise<{ key: string; sha256: string }>;
}

export interface EscalationInput {
  tenantId: string;
  dossierId: string;
  /** Instant the sweep runs for (UTC ISO): the step decides "as of" it, so a replay is deterministic. */
  asOf: string;
}

/** A dossier of a step page, by its keys only (the page's payload stays small). */
export interface DossierRef {
  tenantId: string;
  dossierId: string;
}

/**
 * One page of due dossiers, stepped by ONE execution of statemachines/escalation.asl.json
 * (1..stepPageSize dossiers, docs/scaling.md): decided, acted on and recorded together.
 */
export interface EscalationPage {
  asOf: string;
  /** The sweep shard the page came from: for the execution's name only. */
  shard?: number;
  dossiers: DossierRef[];
}

/** Starts workflow executions: Step Functions on AWS, the local ASL runner embedded. */
export interface EscalationLauncher {
  /** One execution per dossier (the judicial step's machine). */
  start(inputs: EscalationInput[]): Promise<void>;
  /** One execution per page of dossiers (the escalation step's machine). */
  startPages(pages: EscalationPage[]): Promise<void>;
}

/**
 * The rate table the pipeline computes interest with: the packaged data plus the half-years
 * operators added since (data/rates.json locally, `rates/overrides.json` in the config bucket
 * on AWS), the override winning per half-year (docs/legal.md §2, "Rates"). Cached per container.
 */
export interface RateSource {
  current(): Promise<EffectiveRates>;
}

export interface Logger {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

/**
 * Counters for alarms (CloudWatch embedded metric format on AWS): a count that must page a person,
 * with ids kept out of the dimensions (one alarm per metric, not per dossier).
 */
export interface Metrics {
  count(name: string, value?: number): void;
}

/** Events of a provider's webhook already processed, by the provider's event id (deduplication). */
export interface ProcessedEvents {
  has(source: string, eventId: string): Promise<boolean>;
  add(source: string, eventId: string, at: string): Promise<void>;
}
