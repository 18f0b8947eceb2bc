/**
 * What goes out to debtors, courts and commissaires de justice: messages, letters, registered
 * mail and its receipts, the enforcement hand-off. Apart so each channel's adapter finds its
 * contract in one file.
 */
import type { LocalDate } from '../../domain/calendar';
import type { Channel, PostalAddress } from '../../domain/parties';

/** What every outgoing message carries for the outbox index and for idempotency. */
export interface MessageMeta {
  /** Instant of sending (UTC ISO): simulated in the embedded run. */
  at: string;
  tenantId: string;
  dossierId: string;
  debtorId: string;
  level: string;
  template: string;
  /** dossier + day + level + channel: the same key never yields two messages. */
  idempotencyKey: string;
}

export interface EmailMessage extends MessageMeta {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmsMessage extends MessageMeta {
  to: string;
  text: string;
}

export interface LetterMessage extends MessageMeta {
  recipientName: string;
  recipientAddress: PostalAddress;
  pdf: Uint8Array;
  /** Registered letter with acknowledgment (LRAR): the formal notice's evidence (C.civ. 1344). */
  registered: boolean;
}

export interface CallMessage extends MessageMeta {
  priority: number;
  summary: string;
}

export interface SentReceipt {
  channel: Channel;
  /** Provider message id (SES, SNS) or the outbox file written. */
  reference: string;
  document?: { key: string; sha256: string };
}

export interface Messenger {
  sendEmail(message: EmailMessage): Promise<SentReceipt>;
  sendSms(message: SmsMessage): Promise<SentReceipt>;
  sendLetter(message: LetterMessage): Promise<SentReceipt>;
  /** Call tasks go to the agents' queue; the outbox records them too. */
  announceCall(message: CallMessage): Promise<SentReceipt>;
}

/** Content of a letter; the renderer lays it out as a PDF. */
export interface LetterContent {
  language: 'fr' | 'en';
  sender: { name: string; address: PostalAddress; lines?: string[] };
  recipient: { name: string; address: PostalAddress };
  place: string;
  date: LocalDate;
  reference: string;
  title: string;
  /** "Lettre recommandée avec accusé de réception" etc. */
  mention?: string;
  paragraphs: string[];
  table?: { headers: string[]; rows: string[][]; totals?: string[] };
  closing: string[];
}

export interface LetterRenderer {
  render(content: LetterContent): Promise<Uint8Array>;
}

/** A letter handed to a registered-mail service: the PDF is already stored as evidence. */
export interface RegisteredLetter {
  tenantId: string;
  dossierId: string;
  /** dossier + day + level + channel: a provider that sees it twice posts once. */
  idempotencyKey: string;
  /** Day the letter is handed over (Paris). */
  day: LocalDate;
  /** Instant of the step that sends it (UTC ISO; simulated in the embedded run). */
  at?: string;
  level?: string;
  recipientName: string;
  recipientAddress: PostalAddress;
  pdf: Uint8Array;
  /** Where the PDF is kept (documents bucket or outbox), for the provider's own records. */
  documentKey?: string;
}

/**
 * What the registered-mail service says later: delivered (avis de réception signed) or
 * returned (pli avisé et non réclamé, refused, address unknown), with the day it happened.
 */
export interface DeliveryReceipt {
  tenantId: string;
  dossierId: string;
  trackingRef: string;
  status: 'delivered' | 'returned';
  /** Day of delivery, or of first presentation for a returned letter (Paris). */
  day: LocalDate;
  /** Instant the receipt was issued (UTC ISO). */
  at: string;
  /** e.g. "pli avisé et non réclamé". */
  reason?: string;
}

/**
 * Registered sending (LRAR, or a registered e-mail service, C.civ. 1344: the proof of the formal
 * notice). `post` returns the tracking reference; receipts come back later, through the
 * recordDeliveryReceipt use case (a webhook on AWS, simulated days in the embedded run).
 */
export interface RegisteredMail {
  post(letter: RegisteredLetter): Promise<{ trackingRef: string }>;
}

/**
 * The hand-off of an enforcement mandate to a commissaire de justice (CPCE L122-1): the title and
 * the court file's bundle key. E-mail through the messenger (SES on AWS, the outbox embedded).
 */
export interface EnforcementHandOff {
  handOff(message: EnforcementHandOffMessage): Promise<SentReceipt>;
}

export interface EnforcementHandOffMessage {
  at: string;
  tenantId: string;
  dossierId: string;
  debtorId: string;
  /** The commissaire de justice's office e-mail (professional, not the debtor's). */
  to: string;
  /** dossier + court event id: the same mandate never hands off twice. */
  idempotencyKey: string;
  subject: string;
  text: string;
}
