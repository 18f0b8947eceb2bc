import { basename, dirname, resolve } from 'node:path';
import { NotFoundError } from '../../domain/errors';
import type { DocumentStore } from '../../use-cases/client-api/dossier-documents';
import type { BlobStore } from '../../use-cases/ports';
import { FolderBlobStore } from './folder-blob-store';

/**
 * The embedded run's documents: the outbox keeps each letter's PDF and each e-mail's .eml under
 * the key the timeline records (relative to the outbox). Read through FolderBlobStore, so a key
 * can never climb out of the outbox folder. No links: the API answers with the bytes.
 * What the pipeline writes itself (the court file, build-court-file.ts) is in the documents
 * bucket, as on AWS: a key the outbox does not have is read there, when a bucket is given.
 */
export class FolderDocumentStore implements DocumentStore {
  private readonly blobs: FolderBlobStore;
  private readonly folder: string;

  constructor(
    outbox: string,
    private readonly bucket?: { blobs: BlobStore; name: string },
  ) {
    const root = resolve(outbox);
    this.blobs = new FolderBlobStore(dirname(root));
    this.folder = basename(root);
  }

  async read(key: string): Promise<Uint8Array> {
    try {
      return await this.blobs.get(this.folder, key);
    } catch (error) {
      if (!(error instanceof NotFoundError) || !this.bucket) throw error;
      return this.bucket.blobs.get(this.bucket.name, key);
    }
  }
}
