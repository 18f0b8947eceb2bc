import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { DeployConfig } from '../deploy-config';
import type { PipelineFunction } from './pipeline-function';

/**
 * The provider's URL and the NAME of its secret, for the functions' environment (the contract of
 * shared/adapters/config.ts); empty without a provider (formal notices are then posted by hand).
 * The key itself is read from Secrets Manager at run time, never set here.
 */
export function registeredMailEnvironment(config: DeployConfig): Record<string, string> {
  return config.registeredMail
    ? {
        REGISTERED_MAIL_URL: config.registeredMail.url,
        REGISTERED_MAIL_SECRET_NAME: config.registeredMail.secretName,
      }
    : {};
}

/**
 * secretsmanager:GetSecretValue on the provider's secret, for the functions that post (escalation-act)
 * or verify webhooks. The secret is created by the operator (README, deploy checklist), outside the
 * stack: a redeploy never replaces it, and its value never passes through CloudFormation.
 */
export function grantRegisteredMailSecret(
  scope: Construct,
  config: DeployConfig,
  functions: PipelineFunction[],
): void {
  if (!config.registeredMail) return;
  const secret = secretsmanager.Secret.fromSecretNameV2(
    scope,
    'RegisteredMailSecret',
    config.registeredMail.secretName,
  );
  for (const fn of functions) secret.grantRead(fn);
}
