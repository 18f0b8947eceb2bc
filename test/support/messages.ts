import type {
  CallMessage,
  EmailMessage,
  LetterMessage,
  MessageMeta,
  SmsMessage,
} from '../../shared/use-cases/ports';

/** Outgoing messages as the escalation step builds them; every field overridable. */
export function aMeta(overrides: Partial<MessageMeta> = {}): MessageMeta {
  return {
    at: '2026-11-23T07:00:00.000Z',
    tenantId: 'tenant-a',
    dossierId: 'DOS-CLI-001',
    debtorId: 'CLI-001',
    level: 'reminder-1',
    template: 'reminder-1',
    idempotencyKey: 'tenant-a#DOS-CLI-001#2026-11-23#reminder-1#email',
    ...overrides,
  };
}

export function anEmail(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    ...aMeta(),
    to: 'compta@dupont.example',
    from: 'Atelier Martin <recouvrement@martin.example>',
    replyTo: 'contentieux@martin.example',
    subject: 'Rappel — 1\u202f200,00\u00a0€ restent dus',
    text: 'Madame, Monsieur,\nLa facture F-2026-001 reste impayée.',
    html: '<p>Madame, Monsieur,</p><p>La facture F-2026-001 reste impayée.</p>',
    ...overrides,
  };
}

export function anSms(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return {
    ...aMeta({ idempotencyKey: 'tenant-a#DOS-CLI-001#2026-11-23#reminder-1#sms' }),
    to: '+33612345678',
    text: 'Atelier Martin : 1 200,00 EUR restent impayes (ref DOS-CLI-001).',
    ...overrides,
  };
}

export function aLetter(overrides: Partial<LetterMessage> = {}): LetterMessage {
  return {
    ...aMeta({
      level: 'formal-notice',
      template: 'formal-notice',
      idempotencyKey: 'tenant-a#DOS-CLI-001#2026-11-23#formal-notice#letter',
    }),
    recipientName: 'Menuiserie Dupont SARL',
    recipientAddress: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
    pdf: new Uint8Array(Buffer.from('%PDF-1.7\nnot really a pdf\n%%EOF\n', 'latin1')),
    registered: true,
    ...overrides,
  };
}

export function aCall(overrides: Partial<CallMessage> = {}): CallMessage {
  return {
    ...aMeta({
      level: 'call',
      template: 'call',
      idempotencyKey: 'tenant-a#DOS-CLI-001#2026-11-23#call#call',
    }),
    priority: 120_000,
    summary: 'Appeler le débiteur : 1 facture, 1 200,00 EUR',
    ...overrides,
  };
}
