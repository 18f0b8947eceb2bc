import * as z from 'zod';

/** Reads a secret's string by name: Secrets Manager on AWS (secrets-manager-reader.ts), a stub in tests. */
export interface SecretReader {
  read(secretName: string): Promise<string>;
}

/**
 * The provider's secret, one JSON document (README, deploy checklist):
 * `{"apiKey": "...", "webhookSecret": "..."}` — the bearer token of its API, and the key its
 * webhook signs events with.
 */
const secretSchema = z.object({ apiKey: z.string().min(1), webhookSecret: z.string().min(16) });
export type RegisteredMailSecret = z.infer<typeof secretSchema>;

/** Re-read now and then, so a rotated key reaches warm containers without a redeploy. */
const CACHE_MS = 10 * 60_000;

/**
 * The registered-mail secret, read once per container and kept CACHE_MS: a formal notice or a
 * webhook call costs no Secrets Manager request after the first. A failed read is not cached
 * (the next call tries again). Neither the value nor the secret's content appears in an error.
 */
export class CachedRegisteredMailSecret {
  private cached: { value: Promise<RegisteredMailSecret>; readAt: number } | undefined;

  constructor(
    private readonly reader: SecretReader,
    private readonly secretName: string,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<RegisteredMailSecret> {
    if (this.cached && this.now() - this.cached.readAt < CACHE_MS) return this.cached.value;
    const value = this.load();
    this.cached = { value, readAt: this.now() };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = undefined;
    });
    return value;
  }

  private async load(): Promise<RegisteredMailSecret> {
    const text = await this.reader.read(this.secretName);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`secret ${this.secretName} is not JSON`);
    }
    const parsed = secretSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `secret ${this.secretName} lacks ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
      );
    return parsed.data;
  }
}
