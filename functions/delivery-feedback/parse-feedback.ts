import { gunzipSync } from 'node:zlib';
import * as z from 'zod';
import type { DeliveryFailure } from '../../shared/use-cases/events/record-delivery-failure';

/**
 * The provider notifications the delivery-feedback function receives, reduced to what the use
 * case needs: ids and the kind of failure. Addresses and phone numbers in them are never kept.
 *
 * - SES (configuration-set event destination → SNS topic → Lambda): `eventType` Bounce or
 *   Complaint (identity notifications say `notificationType`), with the tags the sender set
 *   (`tenant`, `dossier`, `level`) and the `X-Recouvrement-Key` header in `mail.headers`.
 * - SNS SMS delivery status (CloudWatch Logs `sns/<region>/<account>/DirectPublishToPhoneNumber/Failure`
 *   → subscription filter → Lambda): `status` FAILURE and the SMS's `notification.messageId`.
 */

const header = z.object({ name: z.string(), value: z.string() });
const sesMail = z.looseObject({
  messageId: z.string().min(1),
  timestamp: z.string().optional(),
  headers: z.array(header).optional(),
  tags: z.record(z.string(), z.array(z.string())).optional(),
});
const sesBounce = z.looseObject({
  bounceType: z.string(),
  bounceSubType: z.string().optional(),
  feedbackId: z.string().min(1),
  timestamp: z.string(),
});
const sesComplaint = z.looseObject({
  feedbackId: z.string().min(1),
  timestamp: z.string(),
  complaintFeedbackType: z.string().optional(),
});
const sesNotification = z.looseObject({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: sesMail,
  bounce: sesBounce.optional(),
  complaint: sesComplaint.optional(),
});

const snsEvent = z.object({
  Records: z
    .array(
      z.looseObject({
        EventSource: z.literal('aws:sns'),
        Sns: z.looseObject({ MessageId: z.string(), Message: z.string(), Timestamp: z.string().optional() }),
      }),
    )
    .min(1),
});

const logsEvent = z.object({ awslogs: z.object({ data: z.string().min(1) }) });
const logsPayload = z.looseObject({
  messageType: z.string(),
  logEvents: z.array(z.looseObject({ id: z.string(), timestamp: z.number(), message: z.string() })),
});
const smsStatus = z.looseObject({
  notification: z.looseObject({ messageId: z.string().min(1), timestamp: z.string().optional() }),
  delivery: z.looseObject({ providerResponse: z.string().optional() }).optional(),
  status: z.string(),
});

export const feedbackEventSchema = z.union([snsEvent, logsEvent]);
export type FeedbackEvent = z.infer<typeof feedbackEventSchema>;

/** What one notification amounts to: a failure to record, or nothing to do (a delivery, a soft bounce). */
export type ParsedFeedback = { failure: DeliveryFailure } | { ignored: string };

/** SES tag values and the key header are ids only: `tenant#dossier#day#ACT#level#channel`. */
function fromKey(key: string | undefined) {
  const parts = key?.split('#') ?? [];
  const n = parts.length;
  if (n < 6 || parts[n - 3] !== 'ACT') return {};
  return {
    tenantId: parts.slice(0, n - 5).join('#'),
    dossierId: parts[n - 5]!,
    level: parts[n - 2]!,
    actionEventId: parts.slice(n - 4).join('#'),
  };
}

function instant(text: string | undefined, fallback: string): string {
  // SNS SMS status stamps read "2026-01-05 05:00:03.123" (UTC, with a space).
  const iso = text?.includes('T') ? text : text?.replace(' ', 'T').concat('Z');
  return iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString() : fallback;
}

/** One SES notification (the SNS message body). */
export function parseSesNotification(message: unknown, receivedAt: string): ParsedFeedback {
  const parsed = sesNotification.safeParse(message);
  if (!parsed.success) return { ignored: 'not an SES notification' };
  const { mail, bounce, complaint } = parsed.data;
  const type = parsed.data.eventType ?? parsed.data.notificationType;
  const tag = (name: string) => mail.tags?.[name]?.[0];
  const keyHeader = mail.headers?.find((h) => h.name.toLowerCase() === 'x-recouvrement-key')?.value;
  const fromHeader = fromKey(keyHeader);
  const ids = {
    messageId: mail.messageId,
    ...(fromHeader.tenantId
      ? fromHeader
      : {
          ...(tag('tenant') ? { tenantId: tag('tenant')! } : {}),
          ...(tag('dossier') ? { dossierId: tag('dossier')! } : {}),
          ...(tag('level') ? { level: tag('level')! } : {}),
        }),
  };
  if (type === 'Bounce' && bounce) {
    // A transient bounce (mailbox full, greylisting) is retried by SES itself: the address still works.
    if (bounce.bounceType !== 'Permanent') return { ignored: `${bounce.bounceType} bounce` };
    return {
      failure: {
        kind: 'bounce',
        feedbackId: bounce.feedbackId,
        occurredAt: instant(bounce.timestamp, receivedAt),
        detail: `${bounce.bounceType}/${bounce.bounceSubType ?? 'General'}`.replace(
          /[^A-Za-z0-9/_. -]/g,
          '_',
        ),
        ...ids,
      },
    };
  }
  if (type === 'Complaint' && complaint) {
    const feedbackType = complaint.complaintFeedbackType?.replace(/[^A-Za-z0-9/_. -]/g, '_');
    return {
      failure: {
        kind: 'complaint',
        feedbackId: complaint.feedbackId,
        occurredAt: instant(complaint.timestamp, receivedAt),
        ...(feedbackType ? { detail: feedbackType.slice(0, 80) } : {}),
        ...ids,
      },
    };
  }
  return { ignored: `SES ${type ?? 'unknown'} event` };
}

/** One SNS SMS delivery status log line. */
export function parseSmsStatus(message: string, receivedAt: string): ParsedFeedback {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { ignored: 'not JSON' };
  }
  const parsed = smsStatus.safeParse(json);
  if (!parsed.success) return { ignored: 'not an SMS delivery status' };
  if (parsed.data.status !== 'FAILURE') return { ignored: `SMS ${parsed.data.status}` };
  const { messageId, timestamp } = parsed.data.notification;
  return {
    failure: {
      kind: 'sms-failure',
      feedbackId: messageId,
      messageId,
      occurredAt: instant(timestamp, receivedAt),
    },
  };
}

/** Every notification an invocation carries, in order. */
export function parseFeedbackEvent(event: FeedbackEvent, receivedAt: string): ParsedFeedback[] {
  if ('Records' in event) {
    return event.Records.map((record) => {
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        return { ignored: 'SNS message is not JSON' };
      }
      return parseSesNotification(message, instant(record.Sns.Timestamp, receivedAt));
    });
  }
  const payload = logsPayload.parse(
    JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')),
  );
  if (payload.messageType !== 'DATA_MESSAGE') return [];
  return payload.logEvents.map((line) =>
    parseSmsStatus(line.message, new Date(line.timestamp).toISOString()),
  );
}
