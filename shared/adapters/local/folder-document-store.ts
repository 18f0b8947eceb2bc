import { basename, dirname, resolve } from 'node:path';
import type { DocumentStore } from '../../use-cases/client-api/dossier-documents';
import { FolderBlobStore } from './folder-blob-store';

/**
 * The embedded run's documents: the outbox keeps each letter's PDF and each e-mail's .eml under
 * the key the timeline records (relative to the outbox). Read through FolderBlobStore, so a key
 * can never climb out of the outbox folder. No links: the API answers with the bytes.
 */
export class FolderDocumentStore implements DocumentStore {
  private readonly blobs: FolderBlobStore;
  private readonly folder: string;

  constructor(outbox: string) {
    const root = resolve(outbox);
    this.blobs = new FolderBlobStore(dirname(root));
    this.folder = basename(root);
  }

  read(key: string): Promise<Uint8Array> {
    return this.blobs.get(this.folder, key);
  }
}
