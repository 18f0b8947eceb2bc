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
  // The dossier lifecycle (issue 13): disputes that end, promises to pay, closure.
  { method: 'POST', path: '/dossiers/{dossierId}/disputes/{disputeId}/resolution' },
  { method: 'POST', path: '/dossiers/{dossierId}/promises' },
  { method: 'POST', path: '/dossiers/{dossierId}/closure' },
  // Limitation-period events and bank statements (issue 13, docs/legal.md §1).
  { method: 'POST', path: '/dossiers/{dossierId}/acknowledgments' },
  { method: 'POST', path: '/dossiers/{dossierId}/mediations' },
  { method: 'POST', path: '/bank-statements' },
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
  // Payment plans (issue 13, docs/legal.md §14).
  { method: 'POST', path: '/dossiers/{dossierId}/payment-plan' },
  { method: 'GET', path: '/dossiers/{dossierId}/payment-plan' },
  { method: 'DELETE', path: '/dossiers/{dossierId}/payment-plan' },
  // The client API of issue 11 (functions/api/routes/).
  { method: 'POST', path: '/invoices' },
  // E-invoice platforms' lifecycle statuses (issue 17): refused, disputed, suspended, paid.
  { method: 'POST', path: '/invoice-statuses' },
  { method: 'GET', path: '/dossiers' },
  { method: 'GET', path: '/dossiers/{dossierId}/documents' },
  { method: 'GET', path: '/documents/{documentId}' },
  { method: 'POST', path: '/claims/quote' },
  // KPIs per tenant and period (issue 14, docs/kpis.md).
  { method: 'GET', path: '/kpis' },
  // The debtor's personal data (issue 15, docs/personal-data.md): export and erasure.
  { method: 'GET', path: '/debtors/{debtorId}/export' },
  { method: 'DELETE', path: '/debtors/{debtorId}/personal-data' },
  { method: 'GET', path: '/health', auth: 'none' },
  { method: 'GET', path: '/openapi.json', auth: 'none' },
];
