import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json, problem, problemFromError } from '../../shared/adapters/http/problem';
import { checkWebhookSignature } from '../../shared/adapters/http/webhook-signature';
import { ValidationError } from '../../shared/domain/errors';
import { parseInput } from '../../shared/use-cases/parse-input';
import type {
  DossierRepository,
  Logger,
  ProcessedEvents,
  TenantDirectory,
} from '../../shared/use-cases/ports';
import {
  handleProviderEvent,
  providerEventSchema,
} from '../../shared/use-cases/registered-letters/handle-provider-event';

export interface WebhookDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  logger: Logger;
  processed: ProcessedEvents;
  /** The shared key the provider signs with (the secret's `webhookSecret`, cached per container). */
  webhookSecret: () => Promise<string>;
}

/**
 * `POST /webhooks/registered-mail`: the provider's postings and receipts. No Cognito token (the
 * provider has none): the signature is the authentication. The RAW body, as API Gateway received
 * it, is what is verified (webhook-signature.ts), before any parsing; an unsigned, tampered or
 * stale (replayed after 5 minutes) delivery gets 401 and changes nothing. Within the window, a
 * replay is answered `duplicate` by its event id. Nothing of the body is logged.
 */
export function makeHandler(deps: WebhookDeps, now: () => Date = () => new Date()) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(async (event) => {
    try {
      const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      const headers = event.headers ?? {};
      const check = checkWebhookSignature({
        secret: await deps.webhookSecret(),
        rawBody: raw,
        timestamp: headers['x-webhook-timestamp'],
        signature: headers['x-webhook-signature'],
        now: now(),
      });
      if (check !== 'valid') {
        deps.logger.warn('registered-mail webhook refused', { check });
        return problem(401, 'Unauthorized', {
          detail:
            check === 'stale' ? 'timestamp outside the 5-minute window' : 'missing or invalid signature',
        });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ValidationError('(body)', 'not valid JSON');
      }
      const providerEvent = parseInput(providerEventSchema, payload);
      return json(200, await handleProviderEvent(deps, providerEvent, now().toISOString()));
    } catch (error) {
      return problemFromError(error, deps.logger);
    }
  });
}
