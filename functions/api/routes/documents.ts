import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../../../shared/adapters/http/problem';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors';
import { findDocument, listDossierDocuments } from '../../../shared/use-cases/client-api/dossier-documents';
import { dossierId, type Route } from '../request';

/** `GET /dossiers/{dossierId}/documents`: what the timeline kept, with each document's SHA-256. */
export const getDossierDocuments: Route = async (deps, tenantId, event) =>
  json(200, await listDossierDocuments(deps, { tenantId, dossierId: dossierId(event) }));

/**
 * `GET /documents/{documentId}`: on AWS a 303 to a pre-signed S3 URL (with the link in the body
 * for clients that do not follow redirects), embedded the bytes with their content type. The
 * recorded SHA-256 goes along, so the client can check the evidence it got.
 */
export const getDocument: Route = async (
  deps,
  tenantId,
  event,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const documentId = event.pathParameters?.documentId;
  if (!documentId) throw new ValidationError('documentId', 'missing in the path');
  const { key, document } = await findDocument(deps, { tenantId, documentId });
  const store = deps.documentStore;
  if (!store) throw new NotFoundError(`document ${documentId} is not available here`);
  if (store.link) {
    const link = await store.link(key, document.contentType);
    const response = json(303, { ...document, ...link });
    return { ...response, headers: { 'content-type': 'application/json', location: link.url } };
  }
  const bytes = await store.read(key);
  return {
    statusCode: 200,
    headers: {
      'content-type': document.contentType,
      'content-disposition': `inline; filename="${document.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'x-document-sha256': document.sha256,
    },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
};
