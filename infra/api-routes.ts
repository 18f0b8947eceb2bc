/**
 * The HTTP API's routes, one list for the CDK API (infra/aws/constructs/dossier-api.ts) and the
 * embedded server (infra/local/serve): a route added here is deployed on AWS and answered by
 * `recouvrement serve` alike, both through functions/api/handler.ts. No CDK import, so the CLI
 * can load it at run time. Every route needs a creditor token, except those marked `auth: 'none'`
 * (no authorizer on AWS, no token in `serve`; they read nothing of a tenant).
 */
export const API_ROUTES: ReadonlyArray<{
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  auth?: 'none';
}> = [
  { method: 'GET', path: '/dossiers/{dossierId}' },
  { method: 'GET', path: '/dossiers/{dossierId}/timeline' },
  { method: 'POST', path: '/dossiers/{dossierId}/payments' },
  { method: 'POST', path: '/dossiers/{dossierId}/disputes' },
  { method: 'POST', path: '/dossiers/{dossierId}/opt-outs' },
  { method: 'GET', path: '/tasks' },
  { method: 'POST', path: '/tasks/{taskId}/outcome' },
  { method: 'POST', path: '/dossiers/{dossierId}/registered-letters/{letterRef}/posting' },
  { method: 'POST', path: '/dossiers/{dossierId}/registered-letters/{letterRef}/receipt' },
  { method: 'POST', path: '/dossiers/{dossierId}/resume' },
  // Court and enforcement events (issue 12, docs/legal.md §10).
  { method: 'POST', path: '/dossiers/{dossierId}/court-events' },
  // The judicial review (issue 12): the creditor's decision, the debtor's insolvency proceedings.
  { method: 'POST', path: '/dossiers/{dossierId}/judicial-decision' },
  { method: 'POST', path: '/dossiers/{dossierId}/insolvency' },
  // The client API of issue 11 (functions/api/routes/).
  { method: 'POST', path: '/invoices' },
  { method: 'GET', path: '/dossiers' },
  { method: 'GET', path: '/dossiers/{dossierId}/documents' },
  { method: 'GET', path: '/documents/{documentId}' },
  { method: 'POST', path: '/claims/quote' },
  { method: 'GET', path: '/health', auth: 'none' },
  { method: 'GET', path: '/openapi.json', auth: 'none' },
];
