import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The claim the API reads the tenant (creditor) from; the attribute is `tenantId`. */
export const TENANT_CLAIM = 'custom:tenantId';

/**
 * Creditors' users. The tenant id is set by an administrator when the user is
 * created and can be neither changed later (immutable) nor written by the app
 * client: it is the only thing that keeps one creditor out of another's
 * dossiers, so no user may choose it. No self sign-up for the same reason.
 */
export class TenantUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly apiClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      customAttributes: {
        tenantId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      // Users read personal data of debtors: password and second factor (TOTP, no SMS cost) required.
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus plan: compromised-credential and risky sign-in detection, enforced (cdk-nag COG3/COG8).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const standardAttributes = { email: true, fullname: true };
    this.apiClient = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      // The ID token carries custom:tenantId; the API's JWT authorizer checks its audience.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes(standardAttributes)
        .withCustomAttributes('tenantId'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes(standardAttributes),
    });
  }
}
