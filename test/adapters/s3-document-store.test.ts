import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3DocumentStore } from '../../shared/adapters/aws/s3-document-store';

/**
 * GET /documents/{id} on AWS answers with a pre-signed GET URL. Signing is local (SigV4 over the
 * request, no call to S3), so the URL a client would follow can be checked here as S3 reads it.
 */
describe('S3DocumentStore.link', () => {
  const client = new S3Client({
    region: 'eu-west-3',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example' },
  });
  const now = new Date('2026-11-30T10:00:00Z');
  const store = new S3DocumentStore(client, 'recouvrement-documents', () => now);

  it('signs a 5-minute GET of that key only, with the content type the client will get', async () => {
    const { url, expiresAt } = await store.link('acme/DOS-C101/letters/notice.pdf', 'application/pdf');
    const signed = new URL(url);
    expect(signed.protocol).toBe('https:');
    expect(signed.hostname).toBe('recouvrement-documents.s3.eu-west-3.amazonaws.com');
    expect(decodeURIComponent(signed.pathname)).toBe('/acme/DOS-C101/letters/notice.pdf');
    expect(signed.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(signed.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIAEXAMPLE\/\d{8}\/eu-west-3\/s3\/aws4_request$/,
    );
    expect(signed.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(expiresAt).toBe('2026-11-30T10:05:00.000Z');
  });
});
