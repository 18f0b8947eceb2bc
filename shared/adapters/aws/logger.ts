import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../../use-cases/ports';

/**
 * Structured JSON logs (CloudWatch) behind the Logger port. Callers pass ids and counts only:
 * no name, e-mail, phone or address ever reaches a log line (rule 7), which is why the port
 * takes attributes and not free text built from a dossier.
 */
export class LambdaLogger implements Logger {
  readonly powertools: PowertoolsLogger;

  constructor(serviceName = 'recouvrement') {
    this.powertools = new PowertoolsLogger({ serviceName });
  }

  debug(message: string, attributes: Record<string, unknown> = {}): void {
    this.powertools.debug(message, attributes);
  }
  info(message: string, attributes: Record<string, unknown> = {}): void {
    this.powertools.info(message, attributes);
  }
  warn(message: string, attributes: Record<string, unknown> = {}): void {
    this.powertools.warn(message, attributes);
  }
  error(message: string, attributes: Record<string, unknown> = {}): void {
    this.powertools.error(message, attributes);
  }
}
