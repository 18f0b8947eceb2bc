import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** The static dashboard (plain HTML, CSS and JS modules, no build step): the repo's `dashboard/` folder. */
const DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/', import.meta.url));

/**
 * The dashboard on AWS: a private bucket read by CloudFront alone (origin access control), the
 * files deployed from `dashboard/` with a `config.json` naming the API, and the same security
 * headers `recouvrement serve` sends (infra/local/serve/dashboard-files.ts). The files hold no
 * data: the page asks for a Cognito ID token and reads everything through the API with it.
 */
export class DashboardSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = Stack.of(this).region;
    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Code, not personal data: S3-managed keys let CloudFront's OAC read without a KMS grant.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Redeployable from the repo at any time: nothing to keep.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Recouvrement dashboard: CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            // The API (config.json) and the documents' pre-signed S3 links it redirects to.
            `connect-src 'self' https://*.execute-api.${region}.amazonaws.com https://*.s3.${region}.amazonaws.com`,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Recouvrement dashboard (static files; data through the API with a token)',
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
    });
    this.acknowledge();
  }

  /** `https://<id>.cloudfront.net`: the origin the API's CORS allows. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads `dashboard/` and a `config.json` with the API's URL (a deploy-time value), then
   * invalidates the distribution so a new release is seen at once. Offline synth packages the
   * folder as an asset; nothing is fetched.
   */
  deploy(apiUrl: string): s3deploy.BucketDeployment {
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [
        s3deploy.Source.asset(DASHBOARD_DIR, { exclude: ['config.json'] }),
        s3deploy.Source.jsonData('config.json', { apiBaseUrl: apiUrl }),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    this.acknowledgeDeploymentHandler();
    return deployment;
  }

  private acknowledge(): void {
    const reasons: Record<string, string> = {
      'AwsSolutions-S1':
        'The bucket holds only the dashboard’s public static code (no data, no token) and is read by CloudFront alone (OAC); every data access goes through the API, whose access log names the route and the caller.',
      'AwsSolutions-CFR1':
        'No geographic restriction: creditors and their agents sign in from anywhere; the page holds no data and the API authenticates every request (Cognito).',
      'AwsSolutions-CFR2':
        'No WAF in front of static code that holds no data: the API it calls is throttled at its stage (50 req/s, burst 100) and needs a Cognito token on every data route; a WAF web ACL costs more than this distribution.',
      'AwsSolutions-CFR3':
        'No access log of the static files (the same public code for everyone); data requests are logged by the API’s access log (route, status, subject), which is what an audit reads.',
      'AwsSolutions-CFR4':
        'The default *.cloudfront.net certificate: CloudFront then accepts TLSv1 from old clients whatever the security policy; a custom domain with an ACM certificate (TLSv1.2_2021, set here) removes it.',
    };
    for (const [id, reason] of Object.entries(reasons)) {
      const target = id === 'AwsSolutions-S1' ? this.bucket : this.distribution;
      Validations.of(target).acknowledge({ id, reason });
    }
  }

  /** CDK's singleton function that copies the files at deploy time (no data passes through it). */
  private acknowledgeDeploymentHandler(): void {
    const handler = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error('the BucketDeployment handler was not found: CDK renamed it?');
    const stack = Stack.of(this);
    // As cdk-nag names them: an unresolved region is <AWS::Region>, the bucket by its logical id.
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const reasons: Record<string, string> = {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'CDK-managed deploy-time copier of the dashboard files; the managed policy only lets it write its own logs.',
      'AwsSolutions-IAM5[Action::s3:GetObject*]':
        'CDK-managed: reads the dashboard asset (a zip of static code) from the CDK assets bucket.',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'CDK-managed: reads the CDK assets bucket’s location.',
      'AwsSolutions-IAM5[Action::s3:List*]': 'CDK-managed: lists the dashboard bucket to prune old files.',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]':
        'CDK-managed: removes the dashboard files a release no longer has (prune).',
      'AwsSolutions-IAM5[Action::s3:Abort*]': 'CDK-managed: aborts its own failed multipart uploads.',
      'AwsSolutions-IAM5[Resource::*]':
        'CDK-managed: creates the CloudFront invalidation after each release.',
      'AwsSolutions-L1': 'CDK pins the runtime of its BucketDeployment handler; it runs only at deploy time.',
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`]:
        'CDK-managed: reads the dashboard asset from the bootstrap assets bucket.',
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]:
        'CDK-managed: writes and prunes the dashboard files, in the dashboard bucket only.',
    };
    for (const [id, reason] of Object.entries(reasons)) Validations.of(handler).acknowledge({ id, reason });
  }
}
