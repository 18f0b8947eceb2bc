/**
 * One error hierarchy for the whole project. Handlers map these to HTTP
 * (problem+json) or to Step Functions error names with `instanceof`, never by message.
 */
export class RecouvrementError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule of shape or content; `field` names the offending path (e.g. "invoices.0.dueDate"). */
export class ValidationError extends RecouvrementError {
  constructor(
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${field}: ${message}`, options);
  }
}

export class NotFoundError extends RecouvrementError {}

/**
 * Well-formed input the dossier cannot take (e.g. a payment in another currency than the
 * dossier's): HTTP 422. `field` names the offending input.
 */
export class UnprocessableError extends RecouvrementError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A conditional write lost a race or an idempotency key was reused with other content. */
export class ConflictError extends RecouvrementError {}

/** A legal computation lacks data it must not guess (e.g. no rate published for a period). */
export class LegalDataMissingError extends RecouvrementError {}
