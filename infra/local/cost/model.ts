import type { Usage } from './meter';
import { PRICES, type Price, type PriceName, priceOf } from './prices';

/**
 * Memory of each function as infra/aws/stateless/*.ts and stateless-stack.ts configure it (PipelineFunction:
 * 512 MB default, 1024 for intake, escalation-act and judicial-scan). Kept in step by hand: change both.
 */
export const LAMBDA_MEMORY_MB: Record<string, number> = {
  intake: 1024,
  'escalation-decide': 512,
  'escalation-act': 1024,
  'escalation-record': 512,
  'escalation-failed': 512,
  'dispatch-due': 512,
  'prescription-scan': 512,
  'judicial-scan': 512,
  'judicial-court-file': 1024, // renders the court file's PDF, as escalation-act its letters
  api: 512,
};

/** Assumptions the counts cannot give; each is printed with the bill and explained in docs/cost.md. */
export const ASSUMPTIONS = {
  /**
   * Wall time one StartExecution costs dispatch-due on AWS: ~30 ms each, 20 in flight
   * (SfnEscalationLauncher); one per page of due dossiers (STEP_PAGE_SIZE), not per dossier.
   */
  startExecutionMs: 1.5,
  /** Express bills memory in 64 MB steps; our executions carry a few KB of state. */
  expressMemoryMb: 64,
  /** Lambda platform log records per invocation (START, END, REPORT in JSON format), bytes each. */
  platformLogBytesPerInvocation: 3 * 230,
  /** Step Functions log level ALL without execution data: ~2 events per transition, bytes each. */
  sfnLogBytesPerTransition: 2 * 300,
  /** X-Ray default sampling: 5 % of requests, plus the 1/s reservoir while the sweeps run (~20 min a day). */
  xraySampleRate: 0.05,
  xrayReservoirTracesPerDay: 1200,
  /** Sizes of the documents AwsMessenger keeps in S3: an .eml, a letter's PDF. */
  emlBytes: 6 * 1024,
  letterPdfBytes: 40 * 1024,
  /** Documents stay (evidence); over the period they accumulate, so on average half is stored. */
  documentsStoredFraction: 0.5,
  daysPerMonth: 30.44,
};

/** The sweep state machines and functions run per group of shards per day, whatever the number of dossiers. */
const PER_DAY_MACHINES = new Set(['overdue-sweep', 'prescription-sweep', 'judicial-sweep']);
const PER_DAY_FUNCTIONS = new Set(['dispatch-due', 'prescription-scan', 'judicial-scan']);

export interface RunCounts {
  usage: Usage;
  /** Dossiers in the measured run and the simulated days it covered. */
  dossiers: number;
  days: number;
  /** Bytes of the table at the end of the run (sum of item sizes), for storage. */
  tableBytes?: number;
}

export interface BillLine {
  service: string;
  item: string;
  units: number;
  price: PriceName;
  usd: number;
  /** Message fees (SES, SMS, post) are shown apart from infrastructure. */
  kind: 'infrastructure' | 'messages';
}

export interface Bill {
  dossiers: number;
  months: number;
  escalationType: 'EXPRESS' | 'STANDARD';
  lines: BillLine[];
  infrastructureUsd: number;
  messagesUsd: number;
  /** Infrastructure only, per 1,000 dossier-months: the issue's target is ≤ 0.25. */
  infraUsdPer1000DossierMonths: number;
  messagesUsdPer1000DossierMonths: number;
}

/**
 * Prices a measured run scaled to `dossiers` over `months`: per-dossier units scale with
 * dossiers × time, per-day units (the sweeps' own executions and shard tasks) with time only.
 * The escalation step is priced as Express or as Standard from the same counts.
 */
export function priceRun(
  run: RunCounts,
  target: { dossiers: number; months: number; escalationType: 'EXPRESS' | 'STANDARD' },
  prices: Record<PriceName, Price> = PRICES,
): Bill {
  const { usage } = run;
  const perDay = (target.months * ASSUMPTIONS.daysPerMonth) / run.days;
  const perDossier = perDay * (target.dossiers / run.dossiers);
  const lines: BillLine[] = [];
  const add = (
    service: string,
    item: string,
    units: number,
    price: PriceName,
    kind: BillLine['kind'] = 'infrastructure',
  ) => lines.push({ service, item, units, price, usd: priceOf(price, units, prices), kind });

  // Step Functions.
  let transitions = 0;
  for (const [machine, e] of Object.entries(usage.executions)) {
    const scale = PER_DAY_MACHINES.has(machine) ? perDay : perDossier;
    transitions += e.transitions * scale;
    if (machine === 'escalation' && target.escalationType === 'EXPRESS') {
      const averageMs = e.count ? e.durationMs / e.count : 0;
      const billedSeconds = (Math.ceil(averageMs / 100) * 100) / 1000;
      add('Step Functions', 'escalation executions (Express requests)', e.count * scale, 'sfnExpressRequest');
      add(
        'Step Functions',
        'escalation duration (Express GB-s)',
        e.count * scale * billedSeconds * (ASSUMPTIONS.expressMemoryMb / 1024),
        'sfnExpressGbSecond',
      );
    } else if (machine === 'judicial-step') {
      // Express on AWS (constructs/judicial-step.ts): billed per request; a few steps a day.
      add(
        'Step Functions',
        'judicial-step executions (Express requests)',
        e.count * scale,
        'sfnExpressRequest',
      );
    } else {
      add(
        'Step Functions',
        `${machine} state transitions (Standard)`,
        e.transitions * scale,
        'sfnStandardTransition',
      );
    }
  }

  // Lambda.
  let invocations = 0;
  let requests = 0;
  let gbSeconds = 0;
  for (const [name, f] of Object.entries(usage.lambda)) {
    const countScale = PER_DAY_FUNCTIONS.has(name) ? perDay : perDossier;
    invocations += f.invocations * countScale;
    requests += f.invocations * countScale;
    // dispatch-due waits for the steps embedded; on AWS it only starts them.
    const ms =
      name === 'dispatch-due'
        ? Math.max(0, f.billedMs - usage.launcher.waitedMs) +
          usage.launcher.executions * ASSUMPTIONS.startExecutionMs
        : f.billedMs;
    gbSeconds += (ms / 1000) * ((LAMBDA_MEMORY_MB[name] ?? 512) / 1024) * perDossier;
  }
  add('Lambda', 'requests', requests, 'lambdaRequest');
  add('Lambda', 'duration (GB-s, arm64)', gbSeconds, 'lambdaArmGbSecond');

  // DynamoDB.
  add('DynamoDB', 'write request units', usage.dynamo.wru * perDossier, 'dynamoWriteRequestUnit');
  add('DynamoDB', 'read request units', usage.dynamo.rru * perDossier, 'dynamoReadRequestUnit');
  if (run.tableBytes !== undefined) {
    const gb = (run.tableBytes * (target.dossiers / run.dossiers)) / 1024 ** 3;
    add('DynamoDB', 'storage (GB-month, end-of-run size)', gb * target.months, 'dynamoStorageGbMonth');
  }

  // S3.
  // Embedded, the outbox keeps e-mails and letters as files; on AWS the messenger puts each .eml and PDF in S3.
  const m = usage.messages;
  const documents = m.email + m.letter + m.registeredLetter;
  add('S3', 'PUT requests', (usage.s3.put + documents) * perDossier, 's3Put');
  add('S3', 'GET requests', usage.s3.get * perDossier, 's3Get');
  const documentBytes =
    m.email * ASSUMPTIONS.emlBytes + (m.letter + m.registeredLetter) * ASSUMPTIONS.letterPdfBytes;
  const storedGb =
    ((usage.s3.putBytes + documentBytes) * perDossier * ASSUMPTIONS.documentsStoredFraction) / 1024 ** 3;
  add('S3', 'storage (GB-month, documents)', storedGb, 's3StorageGbMonth');

  // Observability.
  const logBytes =
    usage.logBytes * perDossier +
    invocations * ASSUMPTIONS.platformLogBytesPerInvocation +
    transitions * ASSUMPTIONS.sfnLogBytesPerTransition;
  add('CloudWatch Logs', 'ingestion (GB)', logBytes / 1024 ** 3, 'cloudwatchLogsIngestGb');
  const escalations = (usage.executions.escalation?.count ?? 0) * perDossier;
  const direct =
    ((usage.lambda.intake?.invocations ?? 0) + (usage.lambda.api?.invocations ?? 0)) * perDossier;
  const traces =
    ASSUMPTIONS.xraySampleRate * (escalations + direct) +
    ASSUMPTIONS.xrayReservoirTracesPerDay * target.months * ASSUMPTIONS.daysPerMonth;
  add('X-Ray', 'traces recorded', traces, 'xrayTraceRecorded');

  // Message fees, apart.
  add('SES', 'e-mails', m.email * perDossier, 'sesEmail', 'messages');
  add(
    'SNS / End User Messaging',
    'SMS parts (France)',
    m.smsSegments * perDossier,
    'snsSmsFrance',
    'messages',
  );
  add('Post (assumption)', 'simple letters', m.letter * perDossier, 'letterSimple', 'messages');
  add(
    'Post (assumption)',
    'registered letters (LRAR)',
    m.registeredLetter * perDossier,
    'letterRegistered',
    'messages',
  );

  const sum = (kind: BillLine['kind']) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.usd, 0);
  const dossierMonths = target.dossiers * target.months;
  const infrastructureUsd = sum('infrastructure');
  const messagesUsd = sum('messages');
  return {
    dossiers: target.dossiers,
    months: target.months,
    escalationType: target.escalationType,
    lines,
    infrastructureUsd,
    messagesUsd,
    infraUsdPer1000DossierMonths: (1000 * infrastructureUsd) / dossierMonths,
    messagesUsdPer1000DossierMonths: (1000 * messagesUsd) / dossierMonths,
  };
}

/** The bill as a terminal table, by service, with the per 1,000 dossier-months figures. */
export function formatBill(bill: Bill): string {
  const usd = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4));
  const units = (v: number) => (v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
  const rows = bill.lines
    .filter((l) => l.units > 0)
    .map((l) => [l.service, l.item, units(l.units), usd(l.usd)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 8));
  const line = (r: string[]) =>
    r.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [
    line(['service', 'item', 'units', 'USD']),
    ...rows.map(line),
    '',
    `Infrastructure: ${usd(bill.infrastructureUsd)} USD (${bill.infraUsdPer1000DossierMonths.toFixed(4)} USD per 1,000 dossier-months, escalation ${bill.escalationType})`,
    `Message fees:   ${usd(bill.messagesUsd)} USD (${bill.messagesUsdPer1000DossierMonths.toFixed(2)} USD per 1,000 dossier-months: SES, SMS, post)`,
  ].join('\n');
}
