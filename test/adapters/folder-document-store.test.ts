import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store';
import { FolderDocumentStore } from '../../shared/adapters/local/folder-document-store';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';

/**
 * The embedded documents: the outbox's letters and e-mails, then what the pipeline wrote into the
 * documents bucket (the court file), each read by the key the timeline recorded.
 */
let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'documents-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('FolderDocumentStore', () => {
  it('reads the outbox first, then the documents bucket; a key in neither is not found', async () => {
    const outbox = new FolderBlobStore(join(out, '..'));
    const folder = out.split('/').at(-1)!;
    await outbox.put(folder, 'letters/notice.pdf', 'notice', 'application/pdf');
    const buckets = new FolderBlobStore(join(out, 'buckets'));
    await buckets.put('documents', 't/D-1/court/2026-04-10/bundle.zip', 'zip', 'application/zip');
    const store = new FolderDocumentStore(out, { blobs: buckets, name: 'documents' });
    expect(new TextDecoder().decode(await store.read('letters/notice.pdf'))).toBe('notice');
    expect(new TextDecoder().decode(await store.read('t/D-1/court/2026-04-10/bundle.zip'))).toBe('zip');
    await expect(store.read('t/D-1/court/missing.pdf')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.read('../escape.pdf')).rejects.toBeInstanceOf(ValidationError);
    // Without a bucket, the outbox alone (as before the court file).
    await expect(
      new FolderDocumentStore(out).read('t/D-1/court/2026-04-10/bundle.zip'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
