import type { Route } from '../request';
import { postClaimQuote } from './claims';
import { getDocument, getDossierDocuments } from './documents';
import { getDossiers } from './dossiers-list';
import { postInvoices } from './invoices';

/** The client API's routes of issue 11, spread into the router's table (handler.ts). */
export const CLIENT_ROUTES: Record<string, Route> = {
  'POST /invoices': postInvoices,
  'GET /dossiers': getDossiers,
  'GET /dossiers/{dossierId}/documents': getDossierDocuments,
  'GET /documents/{documentId}': getDocument,
  'POST /claims/quote': postClaimQuote,
};
