import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { buildOpenApiDocument } from '../../functions/api/openapi/openapi-document';
import type {
  callOutcomeResultSchema,
  disputeOutcomeSchema,
  letterPostingOutcomeSchema,
  letterReceiptOutcomeSchema,
  optOutOutcomeSchema,
  paymentOutcomeSchema,
  resumeOutcomeSchema,
} from '../../functions/api/openapi/write-outcome-schemas';
import type { CallOutcomeResult } from '../../shared/use-cases/events/record-call-outcome';
import type { recordDispute } from '../../shared/use-cases/events/record-dispute';
import type { recordOptOut } from '../../shared/use-cases/events/record-opt-out';
import type { PaymentOutcome } from '../../shared/use-cases/events/record-payment';
import type { ResumeOutcome } from '../../shared/use-cases/events/resume-dossier';
import type { PostingOutcome } from '../../shared/use-cases/registered-letters/record-letter-posting';
import type { LetterReceiptOutcome } from '../../shared/use-cases/registered-letters/record-letter-receipt';

/**
 * The write routes' answers as the OpenAPI document publishes them. Each schema must be its use
 * case's return type exactly (checked by the compiler below: `npx tsc` fails on a drift), and the
 * routes' real answers are checked against them in their own tests (test/support/documented-response.ts).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const inSync: [
  Same<z.output<typeof paymentOutcomeSchema>, PaymentOutcome>,
  Same<z.output<typeof disputeOutcomeSchema>, Returned<typeof recordDispute>>,
  Same<z.output<typeof optOutOutcomeSchema>, Returned<typeof recordOptOut>>,
  Same<z.output<typeof callOutcomeResultSchema>, CallOutcomeResult>,
  Same<z.output<typeof letterPostingOutcomeSchema>, PostingOutcome>,
  Same<z.output<typeof letterReceiptOutcomeSchema>, LetterReceiptOutcome>,
  Same<z.output<typeof resumeOutcomeSchema>, ResumeOutcome>,
] = [true, true, true, true, true, true, true];

const ROUTES: Record<string, string> = {
  'POST /dossiers/{dossierId}/payments': 'PaymentOutcome',
  'POST /dossiers/{dossierId}/disputes': 'DisputeOutcome',
  'POST /dossiers/{dossierId}/opt-outs': 'OptOutOutcome',
  'POST /tasks/{taskId}/outcome': 'CallOutcomeResult',
  'POST /dossiers/{dossierId}/registered-letters/{letterRef}/posting': 'LetterPostingOutcome',
  'POST /dossiers/{dossierId}/registered-letters/{letterRef}/receipt': 'LetterReceiptOutcome',
  'POST /dossiers/{dossierId}/resume': 'ResumeOutcome',
};

type Schema = {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: unknown;
};

describe('the write routes in the OpenAPI document', () => {
  const document = buildOpenApiDocument() as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>
    >;
    components: { schemas: Record<string, Schema> };
  };

  it('match their use cases’ return types (compile-time check)', () => {
    expect(inSync.every(Boolean)).toBe(true);
  });

  it('name every field of the answer, all required, and no other', () => {
    for (const [routeKey, id] of Object.entries(ROUTES)) {
      const [method = '', path = ''] = routeKey.split(' ');
      const ok =
        document.paths[path]?.[method.toLowerCase()]?.responses['200']?.content['application/json']?.schema;
      expect(ok, routeKey).toEqual({ $ref: `#/components/schemas/${id}` });
      const schema = document.components.schemas[id]!;
      expect(schema.additionalProperties, id).toBe(false);
      expect([...(schema.required ?? [])].sort(), id).toEqual(Object.keys(schema.properties ?? {}).sort());
    }
    expect(Object.keys(document.components.schemas.PaymentOutcome!.properties!)).toEqual([
      'dossierId',
      'appliedCents',
      'creditCents',
      'waivedCents',
      'outstandingCents',
      'status',
      'duplicate',
    ]);
  });
});
