import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStore } from '../../use-cases/client-api/dossier-documents';
import { S3BlobStore } from './s3-blob-store';

/** Long enough to start a download, short enough that a leaked link soon stops working. */
const LINK_SECONDS = 300;

/**
 * The documents bucket for the client API: `GET /documents/{id}` answers with a pre-signed GET
 * URL (the bytes never pass through the Lambda, whose response is capped at 6 MB), signed with
 * the function's role, which may read that bucket and decrypt with its key (and nothing else).
 */
export class S3DocumentStore implements DocumentStore {
  private readonly blobs: S3BlobStore;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.blobs = new S3BlobStore(client);
  }

  read(key: string): Promise<Uint8Array> {
    return this.blobs.get(this.bucket, key);
  }

  async link(key: string, contentType: string): Promise<{ url: string; expiresAt: string }> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentType: contentType });
    const url = await getSignedUrl(this.client, command, { expiresIn: LINK_SECONDS });
    return { url, expiresAt: new Date(this.now().getTime() + LINK_SECONDS * 1000).toISOString() };
  }
}
