import 'aws-sdk-client-mock-vitest/extend';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';

const client = new S3Client({ region: 'eu-west-3' });
const s3 = mockClient(client);

afterEach(() => {
  s3.reset();
});

async function collect(stream: AsyncIterable<Uint8Array>): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

describe('an intake object read as a stream', () => {
  it('S3: hands over GetObject’s body as it arrives, never transformed to one array', async () => {
    // Prepare
    const parts = [Buffer.from('invoice_number;'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a])];
    s3.on(GetObjectCommand).resolves({ Body: Readable.from(parts) as never });

    // Act
    const read = await collect(await new S3BlobStore(client).getStream('intake', 'acme/a.csv'));

    // Assess
    expect(s3).toReceiveCommandWith(GetObjectCommand, { Bucket: 'intake', Key: 'acme/a.csv' });
    expect(read).toEqual({ bytes: Buffer.concat(parts), chunks: 3 });
  });

  it('S3: a missing key is a NotFoundError', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no', $metadata: {} }));
    await expect(new S3BlobStore(client).getStream('intake', 'acme/none.csv')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('folder: the file in 64 KB chunks, a missing one a NotFoundError, a key outside the bucket refused', async () => {
    const root = await mkdtemp(join(tmpdir(), 'blob-streams-'));
    try {
      const store = new FolderBlobStore(root);
      const body = new Uint8Array(200 * 1024).map((_, index) => index % 251);
      await store.put('intake', 'acme/big.csv', body, 'text/csv');
      const read = await collect(await store.getStream('intake', 'acme/big.csv'));
      expect(read.bytes.equals(Buffer.from(body))).toBe(true);
      expect(read.chunks).toBe(4);
      await expect(store.getStream('intake', 'acme/none.csv')).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.getStream('intake', '../other/x.csv')).rejects.toBeInstanceOf(ValidationError);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
