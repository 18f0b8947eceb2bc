import { describe, expect, it } from 'vitest';
import { amount, escapeHtml, longDate, shortDate } from '../../shared/domain/messages/format';
import { buildMessageContext } from '../../shared/domain/messages/message-context';
import { renderEmail, renderLetterText, renderSms } from '../../shared/domain/messages/templates';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

const creditor = { name: 'Menuiserie Dupont & Fils SARL', email: 'compta@dupont.example' };

function context(language: 'fr' | 'en' = 'fr', name = 'Boulangerie Léa') {
  const dossier = aDossier({
    dossierId: 'DOS-CLIENT-000042',
    debtor: aDebtor({ name, language }),
    invoices: [
      anInvoice({ number: 'F-2', dueDate: '2026-03-20', amountCents: 50_000, paidCents: 10_000 }),
      anInvoice({ number: 'F-1', dueDate: '2026-03-03', amountCents: 1_234_567 }),
      anInvoice({ number: 'F-0', dueDate: '2026-02-01', amountCents: 9_900, paidCents: 9_900 }),
      anInvoice({ number: 'F-X', dueDate: '2020-02-01', amountCents: 7_700, prescribed: true }),
    ],
  });
  return buildMessageContext(dossier, creditor, '2026-03-25', 8);
}

/** GSM 03.38 basic alphabet (1 septet) and extension table (2 septets). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
function gsmSeptets(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else return undefined;
  }
  return septets;
}

describe('buildMessageContext', () => {
  it('lists the pursuable invoices oldest due first with what is left to pay, and the deadline', () => {
    const ctx = context();
    expect(ctx.invoices.map((i) => [i.number, i.outstandingCents])).toEqual([
      ['F-1', 1_234_567],
      ['F-2', 40_000],
    ]);
    expect(ctx.totalCents).toBe(1_274_567);
    expect(ctx.paymentDeadlineDays).toBe(8);
    expect(ctx.reference).toBe('DOS-CLIENT-000042');
  });

  it('has no payment deadline for a reminder', () => {
    const dossier = aDossier();
    expect(buildMessageContext(dossier, creditor, '2026-03-04')).not.toHaveProperty('paymentDeadlineDays');
  });
});

describe('format helpers', () => {
  it('writes dates and amounts per language', () => {
    expect(longDate('2026-04-01', 'fr')).toBe('1er avril 2026');
    expect(longDate('2026-08-15', 'fr')).toBe('15 août 2026');
    expect(longDate('2026-04-01', 'en')).toBe('1 April 2026');
    expect(shortDate('2026-04-01', 'fr')).toBe('01/04/2026');
    expect(shortDate('2026-04-01', 'en')).toBe('2026-04-01');
    expect(amount(1_234_567, 'fr')).toBe('12\u202f345,67\u00a0€');
    expect(amount(1_234_567, 'en')).toBe('EUR 12,345.67');
    expect(amount(-5, 'en')).toBe('-EUR 0.05');
  });

  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});

describe('renderEmail', () => {
  it('renders a French reminder with every invoice line and the total', () => {
    const email = renderEmail('reminder-1', context('fr'));
    expect(email.subject).toBe('Facture(s) impayée(s) — 12\u202f745,67\u00a0€');
    expect(email.text).toContain('Bonjour Boulangerie Léa,');
    expect(email.text).toContain('- F-1 — échéance 03/03/2026 — 12\u202f345,67\u00a0€');
    expect(email.text).toContain('- F-2 — échéance 20/03/2026 — 400,00\u00a0€');
    expect(email.text).not.toContain('F-0');
    expect(email.text).not.toContain('F-X');
    expect(email.text).toContain('Réf. DOS-CLIENT-000042');
    expect(email.html).toMatch(/^<!doctype html><html lang="fr">/);
  });

  it('renders the same reminder in English', () => {
    const email = renderEmail('reminder-1', context('en'));
    expect(email.subject).toBe('Unpaid invoice(s) — EUR 12,745.67');
    expect(email.text).toContain('Dear Boulangerie Léa,');
    expect(email.text).toContain('- F-1 — due 2026-03-03 — EUR 12,345.67');
    expect(email.html).toContain('<html lang="en">');
  });

  it('states the words "mise en demeure" and a deadline counted from receipt in a formal notice', () => {
    expect(renderEmail('formal-notice', context('fr')).text).toMatch(
      /mettons en demeure.*dans un délai de 8 jours à compter de la réception de la présente/s,
    );
    expect(renderEmail('formal-notice', context('en')).text).toContain('formal notice (mise en demeure)');
    expect(renderEmail('formal-notice', context('en')).text).toContain('within 8 days of receipt');
  });

  it('rises in tone from courtesy to formal notice', () => {
    const ctx = context('fr');
    expect(renderEmail('courtesy', ctx).subject).toMatch(/^Rappel/);
    expect(renderEmail('reminder-2', ctx).subject).toMatch(/^Second rappel/);
    expect(renderEmail('formal-notice', ctx).subject).toMatch(/^Mise en demeure/);
  });

  it('escapes a hostile debtor name in HTML and keeps it verbatim in text', () => {
    const name = `<script>alert("x")</script> & Co'`;
    const email = renderEmail('reminder-1', context('fr', name));
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;');
    expect(email.text).toContain(`Bonjour ${name},`);
    // The creditor's name (with "&") is escaped too, in the closing.
    expect(email.html).toContain('Menuiserie Dupont &amp; Fils SARL');
  });

  it('escapes an invoice number coming from a file', () => {
    const dossier = aDossier({ invoices: [anInvoice({ number: '<img src=x onerror=alert(1)>' })] });
    const email = renderEmail('reminder-1', buildMessageContext(dossier, creditor, '2026-03-04'));
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('falls back to the first reminder wording for a template without its own text', () => {
    const ctx = context('fr');
    expect(renderEmail('call', ctx).subject).toBe(renderEmail('reminder-1', ctx).subject);
  });
});

describe('renderSms', () => {
  it.each(['fr', 'en'] as const)('fits one GSM-7 segment (160 septets) in %s', (language) => {
    const sms = renderSms('reminder-2', context(language));
    expect(sms).toContain('DOS-CLIENT-000042');
    const septets = gsmSeptets(sms);
    // Any character outside GSM-7 (e.g. a narrow no-break space) switches the SMS to UCS-2: 70 characters a segment.
    expect(septets, `not GSM-7: ${JSON.stringify(sms)}`).toBeDefined();
    expect(septets!).toBeLessThanOrEqual(160);
  });

  it('states the amount and how to opt out', () => {
    expect(renderSms('reminder-2', context('fr'))).toMatch(/12 745,67 €.*STOP/);
    expect(renderSms('reminder-2', context('en'))).toMatch(/EUR 12,745\.67.*STOP/);
  });

  it('uses the second reminder wording for any template', () => {
    const ctx = context('fr');
    expect(renderSms('courtesy', ctx)).toBe(renderSms('reminder-2', ctx));
  });
});

describe('renderLetterText', () => {
  it('gives the formal notice wording for a letter', () => {
    const words = renderLetterText('formal-notice', context('fr'));
    expect(words.opening).toBe('Madame, Monsieur,');
    expect(words.body).toContain('mettons en demeure');
    expect(words.closing).toContain('salutations distinguées');
  });
});
