import type { z } from 'zod';
import { ValidationError } from '../domain/errors';

/**
 * Validates an input with its zod schema; the first issue becomes a ValidationError naming
 * the field by its path ("payment.amountCents"), which the API turns into a 400 problem+json
 * and a state machine into a named, non-retried error.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
  throw new ValidationError(path || '(body)', issue.message);
}
