/**
 * Ports: what the use cases need from the outside world. AWS adapters
 * (DynamoDB, S3, SES, SNS, Step Functions) and their local twins implement them.
 * Split by area under ports/ (one concern per file); importers keep importing from here.
 */
export type * from './ports/dossiers';
export type * from './ports/messages';
export type * from './ports/platform';
export type * from './ports/tenants';
