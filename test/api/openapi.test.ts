import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/handler';
import { buildOpenApiDocument } from '../../functions/api/openapi/openapi-document';
import { PUBLIC_ROUTES } from '../../functions/api/routes/public';
import { API_ROUTES } from '../../infra/api-routes';

/**
 * The OpenAPI document is generated from the routes' zod schemas; an OpenAPI validator library
 * checks it against the OpenAPI 3.1 schema, and every route the API deploys (infra/api-routes.ts)
 * or routes (handler.ts) must be in it, so a route added later cannot be left undocumented.
 */
type Operation = {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const document = buildOpenApiDocument();
const paths = document.paths as Record<string, Record<string, Operation>>;
const operation = (routeKey: string): Operation | undefined => {
  const [method = '', path = ''] = routeKey.split(' ');
  return paths[path]?.[method.toLowerCase()];
};

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('fails validation when broken (the validator is live)', async () => {
    const broken = { ...document, paths: { '/x': { get: { responses: { '200': { content: 'nope' } } } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('documents every deployed route and every routed key, and nothing else', () => {
    const deployed = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    const routed = [...Object.keys(ROUTES), ...Object.keys(PUBLIC_ROUTES)];
    for (const routeKey of new Set([...deployed, ...routed]))
      expect(operation(routeKey), `${routeKey} is not in the OpenAPI document`).toBeDefined();
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual([...new Set(deployed)].sort());
    expect([...new Set(routed)].sort()).toEqual([...new Set(deployed)].sort());
  });

  it('marks the public routes public and gives every other one the problem+json errors', () => {
    for (const route of API_ROUTES) {
      const op = operation(`${route.method} ${route.path}`)!;
      if (route.auth === 'none') {
        expect(op.security).toEqual([]);
        continue;
      }
      expect(op.security).toBeUndefined();
      for (const status of ['400', '401', '404', '413', '415'])
        expect(Object.keys(op.responses[status]?.content ?? {})).toEqual(['application/problem+json']);
      for (const name of route.path.match(/\{(\w+)\}/g) ?? [])
        expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
    }
  });

  it('describes the requests from the zod schemas the routes parse with', () => {
    const invoices = operation('POST /invoices')!;
    expect(invoices.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
    const text = JSON.stringify(document);
    for (const column of ['invoice_number', 'debtor_ref', 'amount_cents', 'due_date'])
      expect(text).toContain(column);
    const list = operation('GET /dossiers')!;
    expect(list.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'status',
        'level',
        'debtorRef',
        'minDaysOverdue',
        'prescriptionBefore',
        'sort',
        'limit',
        'cursor',
      ]),
    );
    expect(JSON.stringify(operation('POST /claims/quote')!.requestBody)).toContain('minimumCourtClaimCents');
    expect(JSON.stringify(operation('POST /dossiers/{dossierId}/payments')!.requestBody)).toContain(
      'amountCents',
    );
  });
});
