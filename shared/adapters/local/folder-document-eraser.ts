import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DocumentEraser } from '../../use-cases/personal-data/debtor-documents';
import { FolderBlobStore } from './folder-blob-store';

/**
 * Erasure in the embedded run: a document's key is in the outbox (letters, e-mails) or in the
 * documents bucket's folder (court files, e-invoices), as FolderDocumentStore reads them; the file
 * goes from both. Paths are checked by FolderBlobStore's rule, so a key never climbs out.
 */
export class FolderDocumentEraser implements DocumentEraser {
  private readonly places: { store: FolderBlobStore; bucket: string }[];

  constructor(outbox: string, bucketsRoot: string, documentsBucket: string) {
    const root = resolve(outbox);
    this.places = [
      { store: new FolderBlobStore(resolve(root, '..')), bucket: root.split(/[\\/]/).at(-1)! },
      { store: new FolderBlobStore(bucketsRoot), bucket: documentsBucket },
    ];
  }

  async delete(key: string): Promise<void> {
    for (const { store, bucket } of this.places) await rm(store.pathOf(bucket, key), { force: true });
  }
}
