/**
 * List prices, AWS region eu-west-3 (Paris), in USD, as this project's cost model uses them.
 *
 * WRITTEN WITHOUT NETWORK ACCESS: every value comes from the author's knowledge of the public
 * price pages at the date below, not from a fresh read. Each entry says how sure it is.
 * VERIFY BEFORE RELYING on any figure (the pricing pages or the AWS Price List API:
 * `aws pricing get-products --region us-east-1 --service-code AWSLambda --filters ...`).
 * Free tiers are left out on purpose: the model prices a steady production month.
 */
export interface Price {
  /** USD per `per` units of `unit`. */
  usd: number;
  per: number;
  unit: string;
  source: string;
  /** When the value was taken (ISO date). */
  retrieved: string;
  confidence: 'high' | 'medium' | 'low';
  note?: string;
}

export const PRICE_TABLE_DATE = '2026-01-15';
export const REGION = 'eu-west-3';

const retrieved = PRICE_TABLE_DATE;

export const PRICES = {
  sfnStandardTransition: {
    usd: 0.025,
    per: 1000,
    unit: 'state transition (Standard)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    retrieved,
    confidence: 'medium',
    note: 'us-east-1 is 0.025 per 1,000; some EU regions list slightly more.',
  },
  sfnExpressRequest: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'execution (Express request)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    retrieved,
    confidence: 'medium',
  },
  sfnExpressGbSecond: {
    usd: 0.00001667,
    per: 1,
    unit: 'GB-second (Express duration, first tier; billed in 64 MB and 100 ms steps)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    retrieved,
    confidence: 'medium',
    note: 'Tiered: lower beyond 1,000 GB-hours a month; the first tier is used (upper bound).',
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'Lambda request',
    source: 'https://aws.amazon.com/lambda/pricing/',
    retrieved,
    confidence: 'high',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'GB-second, arm64 (first 7.5 billion GB-s a month)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    retrieved,
    confidence: 'high',
  },
  dynamoWriteRequestUnit: {
    usd: 0.7425,
    per: 1_000_000,
    unit: 'write request unit (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    retrieved,
    confidence: 'medium',
    note: 'After the November 2024 cut (on-demand throughput -50 %): Paris was ~1.485 per million before.',
  },
  dynamoReadRequestUnit: {
    usd: 0.1485,
    per: 1_000_000,
    unit: 'read request unit (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    retrieved,
    confidence: 'medium',
    note: 'After the November 2024 cut (-50 %): Paris was ~0.297 per million before.',
  },
  dynamoStorageGbMonth: {
    usd: 0.306,
    per: 1,
    unit: 'GB-month of table storage (Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    retrieved,
    confidence: 'low',
  },
  s3Put: {
    usd: 0.0053,
    per: 1000,
    unit: 'S3 PUT/COPY/POST/LIST request (Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
    retrieved,
    confidence: 'medium',
  },
  s3Get: {
    usd: 0.00042,
    per: 1000,
    unit: 'S3 GET request (Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
    retrieved,
    confidence: 'medium',
  },
  s3StorageGbMonth: {
    usd: 0.024,
    per: 1,
    unit: 'GB-month S3 Standard (first 50 TB)',
    source: 'https://aws.amazon.com/s3/pricing/',
    retrieved,
    confidence: 'medium',
  },
  cloudwatchLogsIngestGb: {
    usd: 0.53,
    per: 1,
    unit: 'GB of CloudWatch Logs ingested (standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    retrieved,
    confidence: 'low',
    note: 'us-east-1 is 0.50 per GB; Paris a little more.',
  },
  xrayTraceRecorded: {
    usd: 5.0,
    per: 1_000_000,
    unit: 'X-Ray trace recorded',
    source: 'https://aws.amazon.com/xray/pricing/',
    retrieved,
    confidence: 'high',
  },
  sesEmail: {
    usd: 0.1,
    per: 1000,
    unit: 'e-mail sent (SES, outside EC2)',
    source: 'https://aws.amazon.com/ses/pricing/',
    retrieved,
    confidence: 'high',
  },
  snsSmsFrance: {
    usd: 0.0763,
    per: 1,
    unit: 'SMS part to a French number (transactional)',
    source: 'https://aws.amazon.com/end-user-messaging/pricing/',
    retrieved,
    confidence: 'low',
    note: 'Operator-dependent and revised often; read the per-country sheet.',
  },
  letterSimple: {
    usd: 1.7,
    per: 1,
    unit: 'simple letter, printed and posted by a hybrid-mail service (assumption)',
    source: 'https://www.laposte.fr/tarifs-postaux (assumption: lettre verte + print)',
    retrieved,
    confidence: 'low',
    note: 'ASSUMPTION, not an AWS price: depends on the postal provider chosen.',
  },
  letterRegistered: {
    usd: 8.2,
    per: 1,
    unit: 'registered letter with acknowledgment (LRAR), printed and posted (assumption)',
    source: 'https://www.laposte.fr/tarifs-postaux (assumption: R1 + AR, about 7.5 EUR)',
    retrieved,
    confidence: 'low',
    note: 'ASSUMPTION, not an AWS price: La Poste tariff plus the hybrid-mail fee, converted at ~1.09 USD/EUR.',
  },
} satisfies Record<string, Price>;

export type PriceName = keyof typeof PRICES;

/** USD for `units` of a priced item. */
export function priceOf(name: PriceName, units: number, table: Record<PriceName, Price> = PRICES): number {
  const price = table[name];
  return (units * price.usd) / price.per;
}
