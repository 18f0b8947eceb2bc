import { parisDate } from '../../../shared/domain/calendar';
import { type RateCoverage, rateCoverage } from '../../../shared/domain/legal/rate-coverage';
import { shortDate } from '../../../shared/domain/messages/format';
import { describeCoverage } from '../../../shared/use-cases/sweeps/check-rates';
import { parisLabel } from '../serve/schedules';
import { type RunningServer, startServer } from '../serve/server';
import { parseClockOption } from '../serve/server-clock';
import { redactSmtpUrl } from '../serve/smtp-messenger';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement serve [--port 3000] [--s3-port 4569] [--data ./data]
                         [--tenant samples/tenant.json] [--tenant-id demo]
                         [--clock real|accelerated=N] [--clock-start 2026-01-05T05:00:00+01:00]
                         [--smtp smtp://user:pass@host:587]   (or env SMTP_URL)`;

function port(value: string | boolean | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 65_535 ? n : undefined;
}

/** The daily rates check in people's words, with the day as French Excel users read it. */
function ratesLine(coverage: RateCoverage): string {
  return describeCoverage(coverage, (day) => shortDate(day, 'fr'));
}

function banner(server: RunningServer, smtpUrl: string | undefined, rates: RateCoverage): string {
  const { layout } = server;
  const schedules = server.scheduler
    .nextRuns()
    .map((run) => `    ${run.schedule.label.padEnd(38)} next ${parisLabel(run.scheduledAt)}`);
  return [
    'recouvrement serve: the embedded stack is running',
    `  API          ${server.apiUrl}   (GET /health; other routes need: Authorization: Bearer $(recouvrement token <tenant> --data ${layout.root}))`,
    `  dashboard    ${server.apiUrl}/dashboard/   (sign in with the same token)`,
    `  S3 endpoint  ${server.s3Endpoint}   buckets: ${server.buckets.intake}, ${server.buckets.documents} (credentials S3RVER/S3RVER, path style)`,
    `  data         ${layout.root}   (table: dynamodb/, buckets: s3/, outbox: outbox/, logs: logs/pipeline.jsonl)`,
    `  e-mails      outbox/email/${smtpUrl ? `, relayed to ${redactSmtpUrl(smtpUrl)}` : ' (no --smtp)'}`,
    `  clock        ${server.clock.describe()}, now ${parisLabel(server.clock.now())}`,
    `  ${ratesLine(rates)}`,
    '  schedules',
    ...schedules,
    'Stop with Ctrl-C or kill -TERM: the work in flight finishes first (a sweep resumes at the next start).',
  ].join('\n');
}

/** `recouvrement serve`: runs until SIGINT/SIGTERM, then lets the work in flight finish and exits 0. */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      port: { type: 'string', default: '3000' },
      's3-port': { type: 'string', default: '4569' },
      data: { type: 'string', default: './data' },
      tenant: { type: 'string' },
      'tenant-id': { type: 'string', default: 'demo' },
      clock: { type: 'string', default: 'real' },
      'clock-start': { type: 'string' },
      smtp: { type: 'string' },
    },
    USAGE,
  );
  if (!values) return 2;
  const apiPort = port(values.port);
  const s3Port = port(values['s3-port']);
  const clock = parseClockOption(String(values.clock));
  const clockStart = values['clock-start'] ? new Date(String(values['clock-start'])) : undefined;
  if (
    apiPort === undefined ||
    s3Port === undefined ||
    !clock ||
    (clockStart && Number.isNaN(clockStart.getTime()))
  ) {
    process.stderr.write(
      `--port and --s3-port are 0..65535, --clock real or accelerated=N, --clock-start an ISO instant\n${USAGE}\n`,
    );
    return 2;
  }
  const smtpUrl = values.smtp ? String(values.smtp) : process.env.SMTP_URL;
  const server = await startServer({
    dataDir: String(values.data),
    port: apiPort,
    s3Port,
    ...(values.tenant ? { tenantFile: String(values.tenant), tenantId: String(values['tenant-id']) } : {}),
    clockFactor: clock.factor,
    ...(clockStart ? { clockStart } : {}),
    ...(smtpUrl ? { smtpUrl } : {}),
    onRatesChecked: (coverage) => {
      if (!coverage.covered)
        process.stdout.write(`prescription sweep, daily rates check: ${ratesLine(coverage)}\n`);
    },
  });
  const today = parisDate(server.clock.now());
  const rates = rateCoverage((await server.stack.deps.rates.current()).table, today);
  process.stdout.write(`${banner(server, smtpUrl, rates)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('stopping: finishing the work in flight…\n');
  await server.stop();
  process.stdout.write('stopped\n');
  return 0;
}
