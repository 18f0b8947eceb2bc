import * as z from 'zod';
import { problemSchema } from './response-schemas';
import { ROUTE_DOCS, type RouteDoc } from './route-docs';

/**
 * The OpenAPI 3.1 document of the client API, generated from the routes' zod schemas with zod's
 * own JSON Schema generator (OpenAPI 3.1 schemas are JSON Schema 2020-12): requests as the
 * routes accept them (`io: input`), answers as they are sent (`io: output`), every error as
 * RFC 9457 problem+json. Built once per process, on the first GET /openapi.json.
 */
type Json = Record<string, unknown>;

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: `field` names the input at fault',
  401: 'No valid bearer token',
  404: 'Not found (also for an id of another tenant)',
  409: 'Conflict (a concurrent write, a closed dossier, an Idempotency-Key reused with another body)',
  413: 'The body exceeds 1 MB',
  415: 'The body is not application/json',
  422: 'Well-formed but not acceptable (the field and the reason are given)',
  500: 'Internal error (no detail)',
};

class SchemaCollector {
  readonly components: Record<string, Json> = {};

  /** JSON Schema of a zod schema; named parts (`.meta({ id })`) go to components.schemas. */
  schema(schema: z.ZodType, io: 'input' | 'output'): Json {
    const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    const { $schema: _dialect, $defs, ...rest } = generated;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, Json>))
      this.components[id] ??= this.rewrite(definition);
    return this.rewrite(rest);
  }

  private rewrite(value: Json): Json {
    return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  }
}

function parametersOf(path: string, doc: RouteDoc, schemas: SchemaCollector): Json[] {
  const inPath = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = doc.query ? schemas.schema(doc.query, 'input') : undefined;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const inQuery = Object.entries((query?.properties ?? {}) as Record<string, Json>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
  const headers = doc.idempotencyKey
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'The same key and body within the tenant return the first answer (header Idempotent-Replayed: true); the same key with another body is a 409. A key is honoured 24 hours, then free again.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      ]
    : [];
  return [...inPath, ...inQuery, ...headers];
}

function operationOf(routeKey: string, doc: RouteDoc, schemas: SchemaCollector): Json {
  const [, path = ''] = routeKey.split(' ');
  const problem = {
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const statuses = doc.auth === false ? [500] : [400, 401, 404, 413, 415, 500, ...(doc.errors ?? [])];
  const errors = Object.fromEntries(
    [...new Set(statuses)]
      .sort()
      .map((status) => [String(status), { description: ERROR_TEXT[status], ...problem }]),
  );
  const ok = doc.ok.binary
    ? {
        description: doc.ok.description,
        content: {
          'application/octet-stream': {
            schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          },
        },
      }
    : {
        description: doc.ok.description,
        content: { 'application/json': { schema: schemas.schema(doc.ok.schema ?? z.unknown(), 'output') } },
      };
  const redirect = doc.ok.binary
    ? { '303': { description: 'On AWS: See Other, `Location` is a pre-signed S3 URL valid 5 minutes' } }
    : {};
  const parameters = parametersOf(path, doc, schemas);
  return {
    operationId: routeKey.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, ''),
    summary: doc.summary,
    tags: [doc.tag],
    ...(doc.auth === false ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.schema(doc.body, 'input') } },
          },
        }
      : {}),
    ...(doc.rawBody
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              Object.entries(doc.rawBody).map(([type, description]) => [
                type,
                { schema: { type: 'string', contentMediaType: type, description } },
              ]),
            ),
          },
        }
      : {}),
    responses: { [String(doc.ok.status)]: ok, ...redirect, ...errors },
  };
}

export function buildOpenApiDocument(docs: Record<string, RouteDoc> = ROUTE_DOCS): Json {
  const schemas = new SchemaCollector();
  schemas.schema(problemSchema, 'output');
  const paths: Record<string, Json> = {};
  for (const [routeKey, doc] of Object.entries(docs)) {
    const [method = '', path = ''] = routeKey.split(' ');
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationOf(routeKey, doc, schemas) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Recouvrement client API',
      version: '1.0.0',
      description:
        'Dossiers, invoices, documents and events of a creditor (tenant). The tenant comes from the token (Cognito ID token claim `custom:tenantId`, or `recouvrement token` locally), never from the path or the body. Amounts are integer cents.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: schemas.components,
    },
  };
}

let cached: Json | undefined;

export function openApiDocument(): Json {
  cached ??= buildOpenApiDocument();
  return cached;
}
