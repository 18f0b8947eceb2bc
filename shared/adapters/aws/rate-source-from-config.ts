import { NotFoundError } from '../../domain/errors';
import type { BlobStore, Logger, RateSource } from '../../use-cases/ports';
import type { LambdaConfig } from '../config';
import { OverlayRateSource } from '../rates/overlay-rate-source';
import { S3BlobStore } from './s3-blob-store';

/**
 * The operators' rate overrides on AWS: one object, `rates/overrides.json`, in the config bucket
 * (CONFIG_BUCKET), the same file `recouvrement rates add` writes locally. Functions may read
 * `rates/*` only. No object yet means no overrides; without CONFIG_BUCKET (a stack older than
 * the bucket) the packaged table alone is used.
 */
export const RATES_PREFIX = 'rates/';
export const RATES_OVERRIDES_KEY = `${RATES_PREFIX}overrides.json`;

export function rateSourceFromConfig(
  config: Pick<LambdaConfig, 'CONFIG_BUCKET'>,
  logger: Logger,
  blobs: BlobStore = new S3BlobStore(),
): RateSource {
  const bucket = config.CONFIG_BUCKET;
  return new OverlayRateSource(async () => {
    if (!bucket) return undefined;
    try {
      return new TextDecoder().decode(await blobs.get(bucket, RATES_OVERRIDES_KEY));
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }, logger);
}
