import { ValidationError } from '../../domain/errors';
import {
  applyRateOverrides,
  type EffectiveRates,
  NO_OVERRIDES,
  parseRateOverrides,
  type RateOverrides,
} from '../../domain/legal/rate-overrides';
import { DEFAULT_RATES, type RateTable } from '../../domain/legal/rates';
import type { Logger, RateSource } from '../../use-cases/ports';

/** Re-read the overrides at most this often per container, like the tenant profile cache. */
export const RATES_CACHE_MS = 5 * 60_000;

export interface OverlayRateSourceOptions {
  /** The packaged table (shared/domain/legal/data/rates.json) unless a test gives another. */
  packaged?: RateTable;
  cacheMs?: number;
  now?: () => number;
}

/**
 * The packaged rate table with the operators' overrides on top (rate-overrides.ts merges them),
 * read through `readOverrides` (a file locally, the config bucket on AWS; undefined when there
 * is none) and cached for a few minutes per container: an added half-year reaches every function
 * within RATES_CACHE_MS without a deploy. An unreadable or invalid overrides file is logged (no
 * content, only the field at fault) and the packaged table used: interest then stops at the last
 * packaged half-year, which the letters state and the daily check reports, rather than every
 * formal notice failing on a typo (docs/legal.md §2, "Rates"). A read that fails (the bucket
 * unreachable) keeps the table this container read last, if any, and retries on the next call.
 */
export class OverlayRateSource implements RateSource {
  private cached: { rates: EffectiveRates; readAt: number } | undefined;
  private readonly packaged: RateTable;
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly readOverrides: () => Promise<string | undefined>,
    private readonly logger: Logger,
    options: OverlayRateSourceOptions = {},
  ) {
    this.packaged = options.packaged ?? DEFAULT_RATES;
    this.cacheMs = options.cacheMs ?? RATES_CACHE_MS;
    this.now = options.now ?? Date.now;
  }

  async current(): Promise<EffectiveRates> {
    const now = this.now();
    if (this.cached && now - this.cached.readAt < this.cacheMs) return this.cached.rates;
    let overrides: RateOverrides;
    try {
      const text = await this.readOverrides();
      overrides = text === undefined ? NO_OVERRIDES : parseRateOverrides(JSON.parse(text));
    } catch (error) {
      // A failed read (S3 unavailable) keeps what this container had; a bad file, the packaged table.
      const keep = this.cached && !(error instanceof ValidationError || error instanceof SyntaxError);
      this.logger.error(`rate overrides unreadable: ${keep ? 'previous' : 'packaged'} rates used`, {
        errorKind: (error as Error).name,
        field: (error as { field?: string }).field,
      });
      if (keep && this.cached) return this.cached.rates;
      overrides = NO_OVERRIDES;
    }
    const rates = applyRateOverrides(this.packaged, overrides);
    this.cached = { rates, readAt: now };
    return rates;
  }
}
