import { expect } from 'vitest';
import { ROUTE_DOCS } from '../../functions/api/openapi/route-docs';

/**
 * Checks a route's success answer against the schema the OpenAPI document gives for it
 * (functions/api/openapi/route-docs.ts), so a use case that changes what it returns fails the
 * tests of its own route instead of silently leaving the published contract behind. Called from
 * the API tests' request helpers: every happy path those tests drive is checked. Error answers
 * are problem+json, checked elsewhere; a route documented without a JSON schema is skipped.
 */
export function expectDocumentedAnswer(routeKey: string, status: number | undefined, body: unknown): void {
  if (status === undefined || status < 200 || status > 299) return;
  const doc = ROUTE_DOCS[routeKey];
  expect(doc, `${routeKey} is not in the OpenAPI document`).toBeDefined();
  expect(status, `${routeKey}: another success status than documented`).toBe(doc?.ok.status);
  if (!doc?.ok.schema) return;
  const parsed = doc.ok.schema.safeParse(body);
  expect(
    parsed.success ? [] : parsed.error.issues,
    `${routeKey}: the answer breaks its documented schema`,
  ).toEqual([]);
  // zod drops the keys a plain object does not declare: a field the document does not name shows here.
  expect(parsed.data, `${routeKey}: the answer has a field its documented schema does not name`).toEqual(
    body,
  );
}
