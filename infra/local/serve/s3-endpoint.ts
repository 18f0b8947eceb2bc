import type { Server } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import S3rver from 's3rver';

/** s3rver's fixed credentials: what the AWS CLI / SDK must sign with against the local endpoint. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Endpoint {
  url: string;
  port: number;
  /** An S3 client for the local endpoint, configured as s3rver needs it (toolchain notes). */
  client: S3Client;
  stop(): Promise<void>;
}

/** The SDK settings s3rver needs: path-style URLs, and no streamed checksums (else chunk framing is stored). */
export function localS3Client(url: string): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'eu-west-3',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** S3 URL-encodes keys in its event notifications, spaces as '+'; s3rver sends them raw. */
function encodedKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}

/**
 * s3rver's record, made the shape S3 itself sends the intake Lambda: encoded key, the bucket's
 * ARN, this deployment's region, and the server's clock as eventTime (intake's "now").
 */
export function asAwsRecord(record: S3EventRecord, eventTime: Date): S3EventRecord {
  const bucket = record.s3.bucket.name;
  return {
    ...record,
    eventVersion: '2.1',
    awsRegion: 'eu-west-3',
    eventTime: eventTime.toISOString(),
    s3: {
      ...record.s3,
      configurationId: 'intake',
      bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${bucket}` },
      object: {
        ...record.s3.object,
        key: encodedKey(record.s3.object.key),
        eTag: record.s3.object.eTag ?? '',
      },
    },
  };
}

/**
 * A maintained S3 server (s3rver) on 127.0.0.1 with the buckets in `directory`. Every
 * ObjectCreated it reports is handed to `onObjectCreated`, one S3 event per object, as the
 * bucket notification invokes the intake Lambda on AWS.
 */
export async function startS3Endpoint(options: {
  directory: string;
  port: number;
  buckets: string[];
  onObjectCreated(event: S3Event): void;
}): Promise<S3Endpoint> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  server.on('event', (event: S3Event) => {
    for (const record of event.Records ?? [])
      if (record.eventName?.startsWith('ObjectCreated:')) options.onObjectCreated({ Records: [record] });
  });
  const address = await server.run();
  const url = `http://127.0.0.1:${address.port}`;
  const client = localS3Client(url);
  return {
    url,
    port: address.port,
    client,
    async stop() {
      client.destroy();
      const closing = server.close();
      (server.httpServer as Server | undefined)?.closeAllConnections();
      await closing;
    },
  };
}
