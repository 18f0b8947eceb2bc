import { Template } from 'aws-cdk-lib/assertions';
import { buildRecouvrementApp, type RecouvrementApp } from '../../infra/aws/app-builder';

/** Bundling skipped: the templates are complete, only the asset contents are missing. */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

export interface SynthesizedApp extends RecouvrementApp {
  statefulTemplate: Template;
  statelessTemplate: Template;
}

/** The whole app, synthesized once (cdk-nag runs as part of it and throws on a finding). */
export function synthesizeApp(context: Record<string, unknown> = {}): SynthesizedApp {
  const built = buildRecouvrementApp({ ...SKIP_BUNDLING, ...context });
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }
>;

/** Resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** `{ "Fn::GetAtt": [logicalId, "Arn"] }`, as the template references a resource's ARN. */
export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
