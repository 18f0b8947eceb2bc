import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'recouvrement-blobs-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('FolderBlobStore', () => {
  it('writes <root>/<bucket>/<key>, creating folders, and returns the SHA-256 of the bytes', async () => {
    const store = new FolderBlobStore(root);

    const stored = await store.put(
      'documents',
      'tenant-a/DOS-1/letters/k.pdf',
      'Échéance',
      'application/pdf',
    );

    expect(stored).toEqual({
      key: 'tenant-a/DOS-1/letters/k.pdf',
      sha256: createHash('sha256').update('Échéance', 'utf8').digest('hex'),
    });
    const path = join(root, 'documents', 'tenant-a', 'DOS-1', 'letters', 'k.pdf');
    expect(await readFile(path, 'utf8')).toBe('Échéance');
    expect(await filesUnder(root)).toEqual([path]);
  });

  it('reads back what it wrote, bytes for bytes, and overwrites on a second put', async () => {
    const store = new FolderBlobStore(root);
    const bytes = new Uint8Array([0, 255, 128, 10, 13]);
    await store.put('b', 'k', 'first', 'text/plain');
    await store.put('b', 'k', bytes, 'application/octet-stream');

    expect(await store.get('b', 'k')).toEqual(bytes);
  });

  it('reports a missing object as NotFoundError', async () => {
    await expect(new FolderBlobStore(root).get('b', 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ['b', '../escape'],
    ['b', 'a/../../escape'],
    ['b', '/etc/passwd'],
    ['b', ''],
    ['b', '.'],
    ['..', 'k'],
    ['a/b', 'k'],
    ['', 'k'],
  ])('refuses bucket %j key %j that would leave the bucket folder', async (bucket, key) => {
    const store = new FolderBlobStore(root);
    await expect(store.put(bucket, key, 'x', 'text/plain')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.get(bucket, key)).rejects.toBeInstanceOf(ValidationError);
  });

  it('accepts ".." that stays inside the bucket, as S3 would store it', async () => {
    const store = new FolderBlobStore(root);
    await store.put('b', 'a/../k', 'x', 'text/plain');
    expect(await readFile(join(root, 'b', 'k'), 'utf8')).toBe('x');
  });

  it('never shows half a file: concurrent puts of one key leave one whole body and no temporary file', async () => {
    const store = new FolderBlobStore(root);
    const bodies = Array.from({ length: 20 }, (_, i) => String(i).repeat(50_000));

    await Promise.all(bodies.map((body) => store.put('b', 'same', body, 'text/plain')));

    const content = await readFile(join(root, 'b', 'same'), 'utf8');
    expect(bodies).toContain(content);
    expect(await filesUnder(root)).toEqual([join(root, 'b', 'same')]);
  });
});
