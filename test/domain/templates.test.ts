import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../shared/domain/errors';
import { escapeHtml } from '../../shared/domain/messages/format';
import { buildMessageContext } from '../../shared/domain/messages/message-context';
import { isGsm7, smsSegments, toGsm7 } from '../../shared/domain/messages/sms';
import { renderTemplate } from '../../shared/domain/messages/template-engine';
import { renderEmail, renderSms, TEMPLATES, templateIds } from '../../shared/domain/messages/templates';
import { firstWorkingDayOfMonth } from '../../shared/domain/statement';
import { composeMessage } from '../../shared/use-cases/escalation/compose-message';
import { letterText } from '../../shared/use-cases/escalation/formal-notice';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';

describe('template engine', () => {
  it('fills values, repeats sections over lists, and shows inverted sections on empty values', () => {
    const source = '{{title}}:{{#items}} [{{n}} of {{title}}]{{/items}}{{^items}} none{{/items}}';
    expect(renderTemplate(source, { title: 'T', items: [{ n: 1 }, { n: 2 }] })).toBe('T: [1 of T] [2 of T]');
    expect(renderTemplate(source, { title: 'T', items: [] })).toBe('T: none');
    expect(renderTemplate('{{a.b}}', { a: { b: 'deep' } })).toBe('deep');
  });

  it('escapes every value with the escaper and has no raw form', () => {
    const hostile = '<script>alert("x")</script>';
    expect(renderTemplate('<p>{{v}}</p>', { v: hostile }, escapeHtml)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
    // Triple braces are not a raw form here: the value is still escaped.
    expect(renderTemplate('{{{v}}}', { v: hostile }, escapeHtml)).toBe(
      '{&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;}',
    );
  });

  it('fails on an unknown value, a non-text value and an unbalanced section', () => {
    expect(() => renderTemplate('Dear {{debtorNmae}}', { debtorName: 'x' })).toThrow(/unknown value/);
    expect(() => renderTemplate('{{list}}', { list: [] })).toThrow(/not a text value/);
    expect(() => renderTemplate('{{#a}}x', { a: true })).toThrow(/unclosed/);
    expect(() => renderTemplate('x{{/a}}', {})).toThrow(/unexpected/);
  });

  it('renders every level, channel and language of the catalogue', () => {
    const dossier = aDossier({ invoices: [anInvoice({ number: 'F-1' })] });
    for (const language of ['fr', 'en'] as const) {
      const ctx = { ...buildMessageContext(dossier, aTenant('t'), '2026-03-25', 8), language };
      for (const id of templateIds()) {
        const email = renderEmail(id, ctx);
        expect(email.text, `${language} ${id}`).toContain('F-1');
        expect(email.html, `${language} ${id}`).toContain(`<html lang="${language}">`);
        expect(email.text).not.toMatch(/\{\{|\}\}/);
        const sms = renderSms(id, ctx);
        expect(smsSegments(sms)).toBeLessThanOrEqual(2);
      }
      expect(Object.keys(TEMPLATES[language].levels).sort()).toEqual(templateIds().sort());
    }
  });
});

describe('SMS length check', () => {
  const ctx = (creditorName: string) => ({
    ...buildMessageContext(aDossier(), { name: creditorName, email: 'c@x.example' }, '2026-03-25'),
  });

  it('transliterates values out of GSM-7 so the SMS stays in 160-septet segments', () => {
    expect(toGsm7('Façade Côté\u202fSud « Öl »')).toBe('Facade Coté Sud " Öl "');
    const sms = renderSms('reminder-2', ctx('Maçonnerie Gâteau & Fils'));
    expect(isGsm7(sms)).toBe(true);
    expect(sms).toContain('Maconnerie Gateau & Fils');
    expect(smsSegments(sms)).toBe(1);
  });

  it('refuses to render an SMS over two segments', () => {
    const error = (() => {
      try {
        renderSms('reminder-2', ctx('X'.repeat(300)));
      } catch (caught) {
        return caught as ValidationError;
      }
    })();
    expect(error?.field).toBe('sms');
    expect(error?.message).toMatch(/3 segments \(at most 2\)/);
  });

  it('counts GSM-7 and UCS-2 segments as operators bill them', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('ê'.repeat(71))).toBe(2);
  });
});

describe('letters', () => {
  const agency = aTenant('agency', {
    mode: 'agency',
    name: 'Recouvra SAS',
    principal: {
      name: 'Menuiserie Dupont SARL',
      address: { line1: '1 rue Neuve', postalCode: '69001', city: 'Lyon', country: 'FR' },
    },
  });
  const dossier = aDossier({
    tenantId: 'agency',
    invoices: [anInvoice({ number: 'F-9', dueDate: '2026-02-01' })],
  });

  it('states the formal notice deadline from receipt, without a date the sender cannot know', () => {
    const message = composeMessage({
      dossier,
      tenant: aTenant('t'),
      timeline: [],
      template: 'formal-notice',
      levelKind: 'formal-notice',
      channel: 'letter',
      day: '2026-03-25',
      paymentDeadlineDays: 8,
    });
    if (message.channel !== 'letter') throw new Error('letter expected');
    const text = letterText(message.content);
    expect(text).toContain('dans un délai de 8 jours à compter de la réception de la présente');
    expect(text).not.toMatch(/Date limite|au plus tard le/);
  });

  it('in agency mode, puts the CPCE R124-4 mentions on a reminder letter and recalls the first letter', () => {
    const first = composeMessage({
      dossier,
      tenant: agency,
      timeline: [],
      template: 'reminder-1',
      levelKind: 'reminder',
      channel: 'letter',
      day: '2026-02-10',
    });
    if (first.channel !== 'letter') throw new Error('letter expected');
    const firstText = letterText(first.content);
    expect(firstText).toContain('société de recouvrement amiable');
    expect(firstText).toContain('pour le compte de Menuiserie Dupont SARL, 1 rue Neuve, 69001 Lyon');
    expect(firstText).toMatch(/Pénalités/);
    expect(firstText).toContain('virement bancaire');
    expect(firstText).toContain('restent à la charge du créancier');
    expect(firstText).not.toContain('Notre première lettre');
    const later = composeMessage({
      dossier,
      tenant: agency,
      timeline: [
        {
          tenantId: 'agency',
          dossierId: dossier.dossierId,
          eventId: '2026-02-10#ACT#reminder-1#letter',
          type: 'action-sent',
          at: '2026-02-10T08:00:00.000Z',
          day: '2026-02-10',
          actor: 'pipeline',
          channel: 'letter',
          level: 'reminder-1',
          state: 'done',
        },
      ],
      template: 'formal-notice',
      levelKind: 'formal-notice',
      channel: 'letter',
      day: '2026-02-20',
      paymentDeadlineDays: 8,
    });
    if (later.channel !== 'letter') throw new Error('letter expected');
    expect(letterText(later.content)).toContain(
      `Notre première lettre : réf. ${dossier.dossierId}-20260210 du 10 février 2026.`,
    );
    expect(later.content.reference).toBe(`Réf. ${dossier.dossierId}-20260220`);
  });

  it('writes the agency letter in English too', () => {
    const message = composeMessage({
      dossier: { ...dossier, debtor: aDebtor({ language: 'en' }) },
      tenant: agency,
      timeline: [],
      template: 'reminder-2',
      levelKind: 'reminder',
      channel: 'letter',
      day: '2026-02-10',
    });
    if (message.channel !== 'letter') throw new Error('letter expected');
    expect(letterText(message.content)).toMatch(/amicable debt collection agency, writes on behalf of/);
  });
});

describe('first working day of the month', () => {
  it.each([
    ['2026-01-15', '2026-01-02'], // 1 January is a holiday
    ['2026-02-27', '2026-02-02'], // 1 February is a Sunday
    ['2026-05-20', '2026-05-04'], // 1 May holiday (Friday), then the weekend
    ['2026-04-30', '2026-04-01'],
  ])('%s → %s', (day, expected) => {
    expect(firstWorkingDayOfMonth(day)).toBe(expected);
  });
});
