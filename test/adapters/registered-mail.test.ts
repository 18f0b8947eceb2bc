import { describe, expect, it, vi } from 'vitest';
import { HttpRegisteredMail, RegisteredMailError } from '../../shared/adapters/http/http-registered-mail';
import { addWorkingDays, LocalRegisteredMail } from '../../shared/adapters/local/local-registered-mail';
import type { RegisteredLetter } from '../../shared/use-cases/ports';

function aLetter(overrides: Partial<RegisteredLetter> = {}): RegisteredLetter {
  return {
    tenantId: 'tenant-a',
    dossierId: 'DOS-CLI-001',
    idempotencyKey: 'tenant-a#DOS-CLI-001#2026-03-25#ACT#formal-notice#letter',
    day: '2026-03-25',
    recipientName: 'Menuiserie Dupont SARL',
    recipientAddress: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
    pdf: new Uint8Array([37, 80, 68, 70]),
    ...overrides,
  };
}

describe('LocalRegisteredMail', () => {
  it('delivers 2 working days after posting, skipping weekends and holidays', async () => {
    expect(addWorkingDays('2026-03-25', 2)).toBe('2026-03-27'); // Wednesday → Friday
    expect(addWorkingDays('2026-03-26', 2)).toBe('2026-03-30'); // Thursday → Monday
    expect(addWorkingDays('2026-04-30', 2)).toBe('2026-05-05'); // 1 May holiday, then the weekend
    const mail = new LocalRegisteredMail();
    const { trackingRef } = await mail.post(aLetter());
    expect((await mail.post(aLetter())).trackingRef).toBe(trackingRef);
    expect(await mail.receiptsDue('2026-03-26')).toEqual([]);
    const [receipt] = await mail.receiptsDue('2026-03-27');
    expect(receipt).toMatchObject({
      trackingRef,
      status: 'delivered',
      day: '2026-03-27',
      dossierId: 'DOS-CLI-001',
    });
    expect(await mail.receiptsDue('2026-04-30')).toEqual([]);
  });

  it('returns an unclaimed letter 15 days after its first presentation', async () => {
    const mail = new LocalRegisteredMail({ unclaimed: () => true });
    await mail.post(aLetter());
    expect(await mail.receiptsDue('2026-04-10')).toEqual([]);
    const [receipt] = await mail.receiptsDue('2026-04-11');
    expect(receipt).toMatchObject({
      status: 'returned',
      day: '2026-03-27',
      reason: 'pli avisé et non réclamé',
    });
  });
});

describe('HttpRegisteredMail', () => {
  it('posts the PDF once per idempotency key and returns the provider tracking reference', async () => {
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockResolvedValue(new Response(JSON.stringify({ trackingRef: '1A 234 567 8901 2' }), { status: 201 }));
    const mail = new HttpRegisteredMail({ baseUrl: 'https://lrar.example/v1/', apiKey: 'k', fetch });
    expect(await mail.post(aLetter({ documentKey: 'tenant-a/DOS-CLI-001/letters/x.pdf' }))).toEqual({
      trackingRef: '1A 234 567 8901 2',
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://lrar.example/v1/letters');
    expect(init?.method).toBe('POST');
    const headers = (init?.headers ?? {}) as Record<string, string>;
    expect(headers['idempotency-key']).toBe(aLetter().idempotencyKey);
    expect(headers.authorization).toBe('Bearer k');
    const body = JSON.parse(String(init?.body));
    expect(body.document.base64).toBe(Buffer.from(aLetter().pdf).toString('base64'));
    expect(body.documentKey).toBe('tenant-a/DOS-CLI-001/letters/x.pdf');
  });

  it.each([
    ['an error status', new Response('nope', { status: 503 }), /answered 503/],
    ['no tracking reference', new Response('{}', { status: 200 }), /no tracking reference/],
  ])('never reports a letter as posted on %s', async (_case, response, message) => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(response);
    const mail = new HttpRegisteredMail({ baseUrl: 'https://lrar.example', apiKey: 'k', fetch });
    await expect(mail.post(aLetter())).rejects.toThrow(message);
  });

  it('fails when the provider is unreachable', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockRejectedValue(new TypeError('fetch failed'));
    const mail = new HttpRegisteredMail({ baseUrl: 'https://lrar.example', apiKey: 'k', fetch });
    await expect(mail.post(aLetter())).rejects.toBeInstanceOf(RegisteredMailError);
  });

  it.each([
    ['a 503', 503, 'RegisteredMailUnavailable'],
    ['a 422 (a refusal)', 422, 'RegisteredMailError'],
  ])('names %s so the escalation retries only what may pass next time', async (_case, status, name) => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(new Response('nope', { status }));
    const mail = new HttpRegisteredMail({ baseUrl: 'https://lrar.example', apiKey: 'k', fetch });
    await expect(mail.post(aLetter())).rejects.toMatchObject({ name });
    const unreachable = new HttpRegisteredMail({
      baseUrl: 'https://lrar.example',
      apiKey: 'k',
      fetch: vi.fn<typeof globalThis.fetch>().mockRejectedValue(new TypeError('fetch failed')),
    });
    await expect(unreachable.post(aLetter())).rejects.toMatchObject({ name: 'RegisteredMailUnavailable' });
  });

  it('reads its key when it posts, from a function (the Secrets Manager secret on AWS)', async () => {
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockResolvedValue(new Response(JSON.stringify({ trackingRef: '1A00042' }), { status: 201 }));
    const apiKey = vi.fn(async () => 'from-the-secret');
    const mail = new HttpRegisteredMail({ baseUrl: 'https://lrar.example', apiKey, fetch });
    expect(apiKey).not.toHaveBeenCalled();
    await mail.post(aLetter());
    const headers = fetch.mock.calls[0]![1]!.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer from-the-secret');
  });
});
