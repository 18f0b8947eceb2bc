import * as z from 'zod';
import { RecouvrementError } from '../../domain/errors';
import type { RegisteredLetter, RegisteredMail } from '../../use-cases/ports';

/** The registered-mail provider refused the letter or could not be reached: the step fails and retries. */
export class RegisteredMailError extends RecouvrementError {}

/**
 * The provider could not be reached or failed on its side (5xx): worth trying again in a few
 * seconds, which the escalation's Retry does by this name. A refusal (4xx) stays a
 * RegisteredMailError: trying again would be refused again.
 */
export class RegisteredMailUnavailable extends RegisteredMailError {}

export interface HttpRegisteredMailOptions {
  /** Provider API base URL, e.g. https://api.provider.example/v1 (REGISTERED_MAIL_URL). */
  baseUrl: string;
  /**
   * Bearer token, or how to get it: on AWS, from the Secrets Manager secret named by
   * REGISTERED_MAIL_SECRET_NAME, read at run time and cached (never in the environment).
   */
  apiKey: string | (() => Promise<string>);
  fetch?: typeof fetch;
}

const postedSchema = z.object({ trackingRef: z.string().min(1).max(64) });

/**
 * Integration point for an LRAR / registered e-mail provider ("lettre recommandée en ligne"):
 * it prints, posts and tracks the letter. This adapter speaks a minimal HTTP contract
 * (POST {baseUrl}/letters, Idempotency-Key header, JSON body with the PDF in base64,
 * answer `{ "trackingRef": "..." }`); a real provider's API is mapped here. Anything but a
 * 2xx with a tracking reference throws: a formal notice is never recorded as posted without
 * the provider's reference. Postings and receipts come back through the provider's webhook
 * (functions/registered-mail-webhook: signed events → handleProviderEvent).
 */
export class HttpRegisteredMail implements RegisteredMail {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpRegisteredMailOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async post(letter: RegisteredLetter): Promise<{ trackingRef: string }> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/letters`;
    const apiKey =
      typeof this.options.apiKey === 'string' ? this.options.apiKey : await this.options.apiKey();
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': letter.idempotencyKey,
        },
        body: JSON.stringify({
          clientReference: letter.idempotencyKey,
          kind: 'lrar',
          recipient: { name: letter.recipientName, address: letter.recipientAddress },
          document: { contentType: 'application/pdf', base64: Buffer.from(letter.pdf).toString('base64') },
          ...(letter.documentKey ? { documentKey: letter.documentKey } : {}),
        }),
      });
    } catch (error) {
      throw new RegisteredMailUnavailable('registered-mail provider unreachable', { cause: error });
    }
    if (response.status >= 500)
      throw new RegisteredMailUnavailable(`registered-mail provider answered ${response.status}`);
    if (!response.ok) throw new RegisteredMailError(`registered-mail provider answered ${response.status}`);
    const parsed = postedSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new RegisteredMailError('registered-mail provider gave no tracking reference');
    return { trackingRef: parsed.data.trackingRef };
  }
}
