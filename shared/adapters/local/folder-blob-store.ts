import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { BlobStore } from '../../use-cases/ports';
import { sha256Hex, toBytes } from '../message-files';

let writeCounter = 0;

/** BlobStore over a folder, the embedded twin of S3: `<root>/<bucket>/<key>`. */
export class FolderBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /**
   * S3 keys may contain "..": here they must not climb out of the bucket's folder. Public for
   * the erasure (folder-document-eraser.ts), which deletes by the same rule.
   */
  pathOf(bucket: string, key: string): string {
    const bucketDir = resolve(this.root, bucket);
    const path = resolve(bucketDir, key);
    const inBucket = relative(bucketDir, path);
    const inRoot = relative(this.root, bucketDir);
    const escapes = (part: string) =>
      part === '' || part === '..' || part.startsWith(`..${sep}`) || isAbsolute(part);
    if (escapes(inRoot) || inRoot.includes(sep) || escapes(inBucket))
      throw new ValidationError('key', `not a key inside bucket ${bucket}`);
    return path;
  }

  async get(bucket: string, key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(bucket, key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundError(`no object ${bucket}/${key}`, { cause: error });
      throw error;
    }
  }

  /** The file in chunks of 64 KB, as S3 streams a GetObject body. */
  async getStream(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
    const path = this.pathOf(bucket, key);
    try {
      await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundError(`no object ${bucket}/${key}`, { cause: error });
      throw error;
    }
    return createReadStream(path, { highWaterMark: 64 * 1024 });
  }

  /** Write-then-rename, so a reader never sees half a file (S3 PUTs are atomic too). */
  async put(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    _contentType: string,
  ): Promise<{ key: string; sha256: string }> {
    const path = this.pathOf(bucket, key);
    const bytes = toBytes(body);
    await mkdir(dirname(path), { recursive: true });
    writeCounter += 1;
    const temporary = `${path}.${process.pid}-${writeCounter}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return { key, sha256: sha256Hex(bytes) };
  }
}
