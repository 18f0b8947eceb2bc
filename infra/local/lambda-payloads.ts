/**
 * What a Lambda receives when the embedded stack calls it: a JSON round-trip of its payload, and
 * the S3 notification an intake upload raises. Apart from embedded-stack.ts so the wiring reads
 * as wiring, and the shape AWS delivers is kept in one place.
 */
import type { S3Event } from 'aws-lambda';
import type { LocalFunction } from './asl-runner';

/** A Lambda's view of its payload: JSON in, JSON out, so nothing passes locally that AWS would not carry. */
export function asLambda(handler: (event: never, context: never) => Promise<unknown>): LocalFunction {
  return async (payload) => {
    const result = await handler(JSON.parse(JSON.stringify(payload ?? null)) as never, {} as never);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  };
}

export function s3Event(bucket: string, key: string, size: number, at: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-3',
        eventTime: at,
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'intake',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          // S3 URL-encodes keys in events, spaces as '+'.
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: '',
            sequencer: '0',
          },
        },
      },
    ],
  };
}
