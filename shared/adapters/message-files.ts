import { createHash } from 'node:crypto';
// The browser entry: same classes, without mime-types/mime-db (130 KB) that our own context makes useless.
import { type EnvironmentContext, Mailbox, MIMEMessage } from 'mimetext/browser';
import type { EmailMessage } from '../use-cases/ports';

/**
 * How outgoing messages become files: the .eml evidence of an e-mail, SMS
 * segment counts, safe file names and hashes. Shared by the AWS messenger
 * (evidence in S3) and the outbox messenger (local folder), so both write
 * the same bytes for the same message.
 */

const CRLF = '\r\n';

// RFC 5322 wants CRLF whatever the OS; mimetext's node entry would use os.EOL.
const mimeContext: EnvironmentContext = {
  toBase64: (value) => Buffer.from(value, 'utf8').toString('base64'),
  toBase64WebSafe: (value) => Buffer.from(value, 'utf8').toString('base64url'),
  eol: CRLF,
  validateContentType: (value) => value,
};

export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** One path segment from an id or key: no separators, no "..", nothing a file system or a URL would reinterpret. */
export function safeSegment(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe.length > 0 ? safe : '_';
}

/** Where the evidence of a message lives in the documents bucket: `<tenant>/<dossier>/<kind>/<key>.<ext>`. */
export function documentKey(
  message: { tenantId: string; dossierId: string; idempotencyKey: string },
  kind: 'email' | 'letters',
  extension: 'eml' | 'pdf',
): string {
  return [
    safeSegment(message.tenantId),
    safeSegment(message.dossierId),
    kind,
    `${safeSegment(message.idempotencyKey)}.${extension}`,
  ].join('/');
}

/** RFC 5322 date-time of an instant, in UTC. */
function mailDate(at: string): string {
  return new Date(at).toUTCString().replace(/GMT$/, '+0000');
}

/** Base64 body wrapped at 76 characters (RFC 2045): lines stay far below SMTP's 998 limit. */
function base64Body(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);
}

/**
 * RFC 2047 encoded words, folded: one long `=?utf-8?B?…?=` (mimetext's default) breaks
 * the header line limit on long subjects. A line holding encoded words may not exceed
 * 76 characters (RFC 2047 §2): 39 bytes make a 64-character word, and the first line,
 * "Subject: " included, stays at 73.
 */
const HEADER_WORD_BYTES = 39;

function encodeHeaderWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    if (Buffer.byteLength(chunk + char, 'utf8') > HEADER_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/**
 * The .eml of an e-mail, byte-identical for the same message: Date is the
 * message's instant, Message-ID and MIME boundaries derive from the
 * idempotency key, so a retried step overwrites its evidence with the same bytes.
 */
export function buildEml(message: EmailMessage): string {
  const digest = sha256Hex(message.idempotencyKey);
  const mime = new MIMEMessage(mimeContext);
  mime.boundaries = { mixed: `mixed-${digest.slice(0, 24)}`, alt: `alt-${digest.slice(0, 24)}`, related: '' };
  const from = mime.setSender(message.from);
  mime.setTo(message.to);
  if (message.replyTo) mime.setHeader('Reply-To', new Mailbox(message.replyTo));
  mime.setHeader('Date', mailDate(message.at));
  mime.setHeader('Message-ID', `<${digest.slice(0, 32)}@${from.getAddrDomain() || 'recouvrement.invalid'}>`);
  mime.setSubject(message.subject);
  const subject = mime.headers.fields.find((field) => field.name === 'Subject');
  if (subject) subject.dump = (value) => (typeof value === 'string' ? encodeHeaderWords(value) : '');
  mime.setHeader('X-Recouvrement-Key', message.idempotencyKey);
  mime.addMessage({ contentType: 'text/plain', encoding: 'base64', data: base64Body(message.text) });
  mime.addMessage({ contentType: 'text/html', encoding: 'base64', data: base64Body(message.html) });
  return `${mime.asRaw()}${CRLF}`;
}

/** SMS parts the operator bills (GSM-7 or UCS-2): counted in the domain, where templates are checked. */
export { smsSegments } from '../domain/messages/sms';
