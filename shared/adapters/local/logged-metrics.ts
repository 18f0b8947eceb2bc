import type { Logger, Metrics } from '../../use-cases/ports';

/** The embedded run's metrics: a log line where AWS would raise a CloudWatch metric (and its alarm). */
export class LoggedMetrics implements Metrics {
  constructor(private readonly logger: Logger) {}

  count(name: string, value = 1): void {
    this.logger.warn('metric', { metric: name, value });
  }
}
