import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DashboardSite } from '../../infra/aws/constructs/dashboard-site';
import { SKIP_BUNDLING, type SynthesizedApp, synthesizeApp } from './fixture';

/** The dashboard's hosting on its own: a private bucket behind CloudFront (OAC), its files and config.json. */
describe('DashboardSite', () => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    app = new App({ context: SKIP_BUNDLING });
    const stack = new Stack(app, 'Site', { env: { region: 'eu-west-3' } });
    const site = new DashboardSite(stack, 'Dashboard');
    site.deploy('https://abc123.execute-api.eu-west-3.amazonaws.com/');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    template = Template.fromStack(stack);
  });

  it('keeps the bucket private: only CloudFront reads it, through an origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('sends the CSP the page was written for: its own scripts and styles only, the API to connect to', () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const csp = JSON.stringify(Object.values(policies)[0]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain('https://*.execute-api.eu-west-3.amazonaws.com');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('deploys the files and a config.json naming the API, then invalidates the cache', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as {
      Properties: { DistributionPaths: string[]; SourceObjectKeys: unknown[] };
    }[];
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.Properties.DistributionPaths).toEqual(['/*']);
    expect(deployments[0]!.Properties.SourceObjectKeys).toHaveLength(2);
    // The staged assets: the dashboard folder (without the local config.json) and the deploy's config.json.
    const staged = readdirSync(app.synth().directory, { recursive: true, encoding: 'utf8' });
    const configs = staged.filter((file) => basename(file) === 'config.json');
    const contents = configs.map((file) =>
      JSON.parse(readFileSync(join(app.synth().directory, file), 'utf8')),
    );
    expect(contents).toEqual([{ apiBaseUrl: 'https://abc123.execute-api.eu-west-3.amazonaws.com/' }]);
    expect(staged.some((file) => basename(file) === 'app.js')).toBe(true);
  });

  it('passes cdk-nag AwsSolutions, every finding fixed or acknowledged with its reason', () => {
    expect(() => app.synth()).not.toThrow();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });
});

/** In the app: the API lets the dashboard's origin call it, and the documents bucket serves its downloads. */
describe('the dashboard in the Recouvrement app', () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthesizeApp();
  });

  it("allows the distribution's origin, and no other, to call the API from a browser", () => {
    const [distribution] = Object.keys(app.statelessTemplate.findResources('AWS::CloudFront::Distribution'));
    app.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] }],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        AllowMethods: ['GET', 'POST'],
      },
    });
    app.statelessTemplate.hasOutput('DashboardUrl', Match.anyValue());
  });

  it("lets a browser read a document's pre-signed link: GET only, on the documents bucket only", () => {
    const buckets = Object.values(app.statefulTemplate.findResources('AWS::S3::Bucket')) as {
      Properties: { CorsConfiguration?: { CorsRules: { AllowedMethods: string[] }[] } };
    }[];
    const withCors = buckets.filter((bucket) => bucket.Properties.CorsConfiguration);
    expect(withCors).toHaveLength(1);
    expect(withCors[0]!.Properties.CorsConfiguration!.CorsRules.map((rule) => rule.AllowedMethods)).toEqual([
      ['GET'],
    ]);
  });
});
