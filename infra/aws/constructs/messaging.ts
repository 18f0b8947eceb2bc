import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MessagingProps {
  /** The verified SES identity: the sender address, or its domain. */
  sesIdentity: string;
  /** The From address every e-mail uses. */
  senderEmail: string;
}

/**
 * E-mail (SES v2) and SMS (SNS) for reminders and creditor alerts, and the
 * least privilege to send them: e-mail only as the project's sender, through
 * the project's configuration set.
 */
export class Messaging extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  private readonly identityArn: string;
  private readonly configurationSetArn: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MessagingProps,
  ) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'Emails', {
      reputationMetrics: true,
      // Debtors' names and amounts are personal data: never send them over a clear-text hop.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      // Never retry an address that bounced or complained: repeated contact can be harassment.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.sesIdentity,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** SendEmail as the sender identity, through the configuration set, From the sender address only. */
  grantSendEmail(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identityArn, this.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.props.senderEmail } },
      }),
    );
  }

  /**
   * Publish an SMS straight to a phone number. IAM has no resource for a phone
   * number, so the resource is `*`; the statement allows sns:Publish alone, in
   * the stack's region. It is a policy of its own so that the acknowledgment
   * of that `*` covers this statement and nothing else.
   */
  grantSendSms(role: iam.IRole): void {
    const policy = new iam.Policy(this, `SmsPublish${this.node.children.length}`, {
      statements: [
        new iam.PolicyStatement({
          actions: ['sns:Publish'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': Stack.of(this).region } },
        }),
      ],
    });
    policy.attachToRole(role);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish to a phone number (direct SMS) has no resource ARN; only sns:Publish, in this region.',
    });
  }
}
