import { createHmac, timingSafeEqual } from 'node:crypto';

/** Replays older (or newer: clock skew) than this are refused, whatever their signature. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type SignatureCheck = 'valid' | 'unsigned' | 'stale' | 'mismatch';

/**
 * The provider signs each delivery: `x-webhook-timestamp` (Unix seconds) and
 * `x-webhook-signature: sha256=<hex>`, the HMAC-SHA256, with the shared secret, of
 * `<timestamp>.<raw body>`. The raw bytes as received, never a re-serialised JSON (key order and
 * spacing would change the digest); the timestamp inside the signed text, so a replayer cannot
 * refresh it; compared in constant time, so the comparison leaks nothing of the expected value.
 */
export function signWebhook(secret: string, timestamp: string, rawBody: Uint8Array): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

export function checkWebhookSignature(input: {
  secret: string;
  rawBody: Uint8Array;
  timestamp: string | undefined;
  signature: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return 'unsigned';
  if (!/^\d{1,12}$/.test(timestamp)) return 'unsigned';
  const skew = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (skew > (input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) return 'stale';
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length) return 'mismatch';
  return timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}
