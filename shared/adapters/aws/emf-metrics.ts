import type { Metrics } from '../../use-cases/ports';

export const METRICS_NAMESPACE = 'Recouvrement';

/**
 * Counters as CloudWatch embedded metric format (EMF): one JSON line on stdout that CloudWatch
 * Logs turns into a metric, no PutMetricData call, no extra permission. Written straight to
 * stdout (as Powertools does), not through console.log, which the Lambda runtime's JSON log
 * format would wrap in an envelope that is no longer EMF. One dimension, the service, so one
 * alarm watches the metric; tenant and dossier ids are in the log line beside it, not in metrics.
 */
export class EmfMetrics implements Metrics {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
    private readonly service = 'recouvrement',
    private readonly now: () => number = Date.now,
  ) {}

  count(name: string, value = 1): void {
    const document = {
      _aws: {
        Timestamp: this.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['service']],
            Metrics: [{ Name: name, Unit: 'Count' }],
          },
        ],
      },
      service: this.service,
      [name]: value,
    };
    this.write(`${JSON.stringify(document)}\n`);
  }
}
