/**
 * An error's name travels on through the escalation's ASL state (`errorKind`, `$.error.Error`) and
 * into the logs and the dossier's failure count, so only a class-like name passes
 * (`RegisteredMailError`, `States.Timeout`): never a message, which may quote the dossier's personal
 * data (a name, an address). Anything else is reduced to `unknown`.
 */
const CLASS_LIKE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export const UNKNOWN_ERROR_NAME = 'unknown';

export function safeErrorName(value: unknown): string {
  return typeof value === 'string' && CLASS_LIKE_NAME.test(value) ? value : UNKNOWN_ERROR_NAME;
}
