import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { NotFoundError } from '../../domain/errors';
import type { BlobStore } from '../../use-cases/ports';
import { sha256Hex, toBytes } from '../message-files';

/**
 * BlobStore over S3. Takes a client or its configuration, so the embedded run
 * can point it at a local S3 server (`endpoint`, `forcePathStyle: true`,
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` for s3rver).
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;

  constructor(clientOrConfig: S3Client | S3ClientConfig = {}) {
    this.client = clientOrConfig instanceof S3Client ? clientOrConfig : new S3Client(clientOrConfig);
  }

  /** GetObject's body as it arrives (on Node a Readable, so an async iterable of Buffers). */
  async getStream(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!output.Body) throw new NotFoundError(`empty object ${bucket}/${key}`);
      return output.Body as unknown as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        throw new NotFoundError(`no object ${bucket}/${key}`, { cause: error });
      throw error;
    }
  }

  async get(bucket: string, key: string): Promise<Uint8Array> {
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!output.Body) throw new NotFoundError(`empty object ${bucket}/${key}`);
      return await output.Body.transformToByteArray();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        throw new NotFoundError(`no object ${bucket}/${key}`, { cause: error });
      throw error;
    }
  }

  /**
   * No ServerSideEncryption here: the documents bucket's default SSE-KMS key
   * applies, so the key is chosen in one place (infra) and the role needs no
   * say about it. The SHA-256 is computed locally and sent as ChecksumSHA256:
   * S3 rejects the upload if the bytes it got differ, and the hex digest we
   * return is the one the timeline records as the document's fingerprint.
   */
  async put(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType: string,
  ): Promise<{ key: string; sha256: string }> {
    const bytes = toBytes(body);
    const sha256 = sha256Hex(bytes);
    await this.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      }),
    );
    return { key, sha256 };
  }
}
