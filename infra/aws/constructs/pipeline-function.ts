import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  BUNDLED_FONT_DIR,
  FONT_PACKAGE,
  LETTER_FONT_FILES,
  PACKAGE_FONT_DIR,
} from '../../../shared/adapters/pdf/letter-fonts';
import { tableAndIndexArns } from './dossier-table';
import { sdkExternals, sdkPlacementOf } from './sdk-placement';
import type { SharedBucket } from './secure-bucket';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Lambda entries, `functions/<name>/index.ts`, each exporting `handler`. */
export type FunctionName =
  | 'intake'
  | 'escalation-decide'
  | 'escalation-act'
  | 'escalation-record'
  | 'escalation-failed'
  | 'registered-mail-webhook'
  | 'dispatch-due'
  | 'prescription-scan'
  | 'judicial-scan'
  | 'judicial-read-stage'
  | 'judicial-court-file'
  | 'judicial-watch'
  | 'judicial-act'
  | 'judicial-record'
  | 'delivery-feedback'
  | 'monthly-statements'
  | 'retention-scan'
  | 'api';

export interface PipelineFunctionProps {
  name: FunctionName;
  description: string;
  /**
   * Force the AWS SDK's placement (DeployConfig.bundleAwsSdk): true bundles the lockfile's, false
   * uses the runtime's; unset, the function's measured choice (sdk-placement.ts).
   */
  bundleAwsSdk?: boolean | undefined;
  /** 512 MB by default; 1024 for CPU-bound work (CSV parsing, PDF rendering): Lambda CPU scales with memory. */
  memorySize?: 512 | 1024;
  timeout: Duration;
  environment: Record<string, string>;
  /** Reserved concurrency (DeployConfig.stepReservedConcurrency for the escalation functions). */
  reservedConcurrentExecutions?: number;
  /** The function renders letters: the font files go beside the bundle (letterFontCommands). */
  letterFonts?: boolean;
}

/**
 * Shell commands that copy the letter fonts into `<bundle>/fonts/`, where the bundled renderer
 * looks first (shared/adapters/pdf/letter-fonts.ts). Files rather than an esbuild loader: two
 * TTFs inlined would add 1.9 MB of base64 to a bundle kept under 300 KB, and parse at every
 * cold start instead of being read at the first letter.
 */
export function letterFontCommands(inputDir: string, outputDir: string): string[] {
  const from = `${inputDir}/node_modules/${FONT_PACKAGE}/${PACKAGE_FONT_DIR}`;
  const to = `${outputDir}/${BUNDLED_FONT_DIR}`;
  return [
    `mkdir -p "${to}"`,
    ...Object.values(LETTER_FONT_FILES).map((file) => `cp "${from}/${file}" "${to}/${file}"`),
  ];
}

/**
 * One Lambda of the pipeline with the project's defaults: Node.js 22 on ARM
 * (cheaper per ms), X-Ray, JSON logs in its own log group with a retention, and
 * its own role with no managed policy, so every permission is one the stack
 * grants on purpose (bindTable, grantObjects).
 *
 * Bundled as ESM (`module` before `main`, so the SDK's and pdf-lib's ES builds are tree-shaken),
 * minified, with the AWS SDK v3 bundled or the nodejs22.x runtime's, as measured per function
 * (sdk-placement.ts) unless the deploy forces one (bundleAwsSdk). The banner gives CommonJS
 * dependencies a `require` inside the ESM bundle.
 */
export class PipelineFunction extends nodejs.NodejsFunction {
  private readonly keysUsed = new Set<kms.IKey>();
  private readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Recouvrement ${props.name} function`,
    });
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      // Logs carry ids, never personal data; three months covers incident analysis.
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: `${REPO_ROOT}functions/${props.name}/index.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'recouvrement',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        // Errors are matched by class name (Step Functions Retry on "ConflictError", the API's
        // problem mapping): minification must not rename classes.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK bundled (tree-shaken) or the nodejs22.x runtime's, whichever this function's
        // cold start favours (sdk-placement.ts, docs/scaling.md "Cold start").
        externalModules: sdkExternals(sdkPlacementOf(props.name, props.bundleAwsSdk)),
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        forceDockerBundling: false,
        ...(props.letterFonts
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: letterFontCommands,
              },
            }
          : {}),
      },
    });
    this.executionRole = role;

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the project targets and tests (design.md; middy 6, bundles built for node22); moving to 24 is a planned, tested change, not a default.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions. SMS publish, the other `*`, is in a policy of its own.',
    });
  }

  /**
   * Item-level access to the table and its named indexes (only the calls the
   * DynamoDB adapter makes), and use of the table's key. Its batch calls are granted apart, to the
   * functions that make them (table-batches.ts).
   */
  bindTable(table: dynamodb.ITable, key: kms.IKey, access: 'read' | 'readWrite'): void {
    const read = ['dynamodb:GetItem', 'dynamodb:Query'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === 'read' ? read : [...read, ...write],
        resources: tableAndIndexArns(table),
      }),
    );
    this.useKey(key);
  }

  /**
   * Objects of one bucket: read, write, or both (no list, no delete). Object
   * keys are per tenant and per upload, unknown at deploy time, hence `<bucket>/*`.
   */
  grantObjects(shared: SharedBucket, key: kms.IKey, access: 'read' | 'write' | 'readWrite'): void {
    const actions = [
      ...(access === 'write' ? [] : ['s3:GetObject']),
      ...(access === 'read' ? [] : ['s3:PutObject']),
    ];
    this.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [`${shared.arn}/*`] }));
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${shared.arnExportName}/*]`,
      reason: `Object keys are chosen per tenant and per upload at run time; the grant is ${actions.join(', ')} on this one bucket.`,
    });
    this.useKey(key);
  }

  /**
   * Read-only access to one prefix of a bucket (the config bucket's `rates/`), nothing else of
   * it. List is granted on that prefix only, so a missing object answers 404 (no overrides yet)
   * rather than 403 (which the adapter would have to take for a failure).
   */
  grantReadPrefix(shared: SharedBucket, key: kms.IKey, prefix: string): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`${shared.arn}/${prefix}*`] }),
    );
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [shared.arn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${shared.arnExportName}/${prefix}*]`,
      reason: `Operators add objects under ${prefix} at run time (rate overrides); the grant is s3:GetObject on that prefix of this one bucket.`,
    });
    this.useKey(key);
  }

  private useKey(key: kms.IKey): void {
    if (this.keysUsed.has(key)) return;
    this.keysUsed.add(key);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [key.keyArn],
      }),
    );
  }
}
