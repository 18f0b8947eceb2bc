import { DeleteObjectsCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentEraser } from '../../use-cases/personal-data/debtor-documents';

/**
 * Erasure in the documents bucket. The bucket is versioned (a rewrite never loses evidence), so a
 * plain DELETE would only hide the object behind a marker: every version and marker of the key
 * is deleted (s3:ListBucketVersions, s3:DeleteObjectVersion), which is what RGPD art. 17 asks.
 */
export class S3DocumentEraser implements DocumentEraser {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async delete(key: string): Promise<void> {
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: key,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      // The prefix also matches longer keys ("a.pdf" and "a.pdf.bak"): only this key's versions go.
      const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((v) => v.Key === key && v.VersionId)
        .map((v) => ({ Key: key, VersionId: v.VersionId! }));
      if (versions.length > 0)
        await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: versions, Quiet: true } }),
        );
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
  }
}
