import 'aws-sdk-client-mock-vitest/extend';
import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { NotFoundError } from '../../shared/domain/errors';

const client = new S3Client({ region: 'eu-west-3' });
const s3 = mockClient(client);

afterEach(() => {
  s3.reset();
});

/** What an SDK stream body offers; the store only calls transformToByteArray. */
function body(bytes: Uint8Array) {
  return { transformToByteArray: async () => bytes } as never;
}

describe('S3BlobStore', () => {
  it('puts the bytes with their content type and SHA-256 checksum, and returns the hex digest', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const store = new S3BlobStore(client);
    const text = 'Date: Mon, 23 Nov 2026\r\n\r\nBonjour é';
    const digest = createHash('sha256').update(Buffer.from(text, 'utf8')).digest();

    // Act
    const stored = await store.put('documents', 'tenant-a/DOS-1/email/k.eml', text, 'message/rfc822');

    // Assess
    expect(stored).toEqual({ key: 'tenant-a/DOS-1/email/k.eml', sha256: digest.toString('hex') });
    expect(s3).toReceiveCommandTimes(PutObjectCommand, 1);
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toEqual({
      Bucket: 'documents',
      Key: 'tenant-a/DOS-1/email/k.eml',
      Body: expect.any(Uint8Array),
      ContentType: 'message/rfc822',
      ChecksumSHA256: digest.toString('base64'),
    });
    expect(Buffer.from(input?.Body as Uint8Array).toString('utf8')).toBe(text);
    expect(input?.ServerSideEncryption).toBeUndefined();
  });

  it('puts binary bodies unchanged', async () => {
    s3.on(PutObjectCommand).resolves({});
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80]);

    const stored = await new S3BlobStore(client).put('documents', 'a.pdf', pdf, 'application/pdf');

    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body).toEqual(pdf);
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(s3).toReceiveCommandWith(PutObjectCommand, { ContentType: 'application/pdf' });
  });

  it('lets a failed put through (the step retries and overwrites the same bytes)', async () => {
    s3.on(PutObjectCommand).rejects(new Error('SlowDown'));
    await expect(new S3BlobStore(client).put('documents', 'a', 'x', 'text/plain')).rejects.toThrow(
      'SlowDown',
    );
  });

  it('gets the bytes of an object', async () => {
    s3.on(GetObjectCommand, { Bucket: 'intake', Key: 'tenant-a/invoices.csv' }).resolves({
      Body: body(new Uint8Array(Buffer.from('number;amount\n', 'utf8'))),
    });

    const bytes = await new S3BlobStore(client).get('intake', 'tenant-a/invoices.csv');

    expect(Buffer.from(bytes).toString('utf8')).toBe('number;amount\n');
    expect(s3).toReceiveCommandWith(GetObjectCommand, { Bucket: 'intake', Key: 'tenant-a/invoices.csv' });
  });

  it('maps NoSuchKey to NotFoundError, with the SDK error as cause', async () => {
    const missing = new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    s3.on(GetObjectCommand).rejects(missing);

    const error = await new S3BlobStore(client).get('intake', 'nope.csv').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).cause).toBe(missing);
  });

  it('maps an object without body to NotFoundError', async () => {
    s3.on(GetObjectCommand).resolves({});
    await expect(new S3BlobStore(client).get('intake', 'empty')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('does not hide other errors (access denied is not "not found")', async () => {
    const denied = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      message: 'Access Denied',
      $metadata: {},
    });
    s3.on(GetObjectCommand).rejects(denied);

    const error = await new S3BlobStore(client).get('intake', 'x').catch((e: unknown) => e);

    expect(error).toBe(denied);
    expect(error).not.toBeInstanceOf(NotFoundError);
  });

  it('builds its own client from a configuration (local S3 server)', () => {
    const store = new S3BlobStore({
      region: 'eu-west-3',
      forcePathStyle: true,
      endpoint: 'http://127.0.0.1:4569',
    });
    expect(store.client).toBeInstanceOf(S3Client);
    expect(store.client).not.toBe(client);
    expect(store.client.config.forcePathStyle).toBe(true);
  });
});
