import { describe, expect, it } from 'vitest';
import {
  buildEml,
  documentKey,
  safeSegment,
  sha256Hex,
  smsSegments,
  toBytes,
} from '../../shared/adapters/message-files';
import { parseEml } from '../support/eml';
import { anEmail } from '../support/messages';

describe('smsSegments', () => {
  it.each([
    ['empty', '', 1],
    ['160 GSM-7 characters: one part', 'a'.repeat(160), 1],
    ['161 GSM-7 characters: two parts of 153', 'a'.repeat(161), 2],
    ['306 = 2 × 153', 'a'.repeat(306), 2],
    ['307', 'a'.repeat(307), 3],
    ['GSM-7 accents of the basic set (é è à ù) stay GSM-7', `éèàù${'a'.repeat(156)}`, 1],
    ['80 euro signs = 160 septets (escape + €)', '€'.repeat(80), 1],
    ['81 euro signs = 162 septets', '€'.repeat(81), 2],
    ['extension characters [ ] { } count two', `[]{}${'a'.repeat(152)}`, 1],
    ['extension characters push over 160', `[]{}${'a'.repeat(153)}`, 2],
    ['one ê: UCS-2, 70 fit in one part', `ê${'a'.repeat(69)}`, 1],
    ['one ê: UCS-2, 71 need two parts of 67', `ê${'a'.repeat(70)}`, 2],
    ['UCS-2 134 = 2 × 67', `ç${'a'.repeat(133)}`, 2],
    ['UCS-2 135', `ç${'a'.repeat(134)}`, 3],
    ['typographic apostrophe forces UCS-2', `l’${'a'.repeat(70)}`, 2],
    ['an emoji counts two UTF-16 units', `🙂${'a'.repeat(68)}`, 1],
    ['an emoji counts two UTF-16 units (over)', `🙂${'a'.repeat(69)}`, 2],
  ])('%s', (_, text, parts) => {
    expect(smsSegments(text)).toBe(parts);
  });
});

describe('safeSegment', () => {
  it.each([
    ['DOS-CLI_001.v2', 'DOS-CLI_001.v2'],
    ['tenant#DOS#2026-11-23#level#email', 'tenant_DOS_2026-11-23_level_email'],
    ['../../etc/passwd', '__.._etc_passwd'],
    ['..', '_'],
    ['.hidden', '_hidden'],
    ['a/b\\c', 'a_b_c'],
    ['Dupont é', 'Dupont__'],
    ['', '_'],
  ])('%j → %j', (input, expected) => {
    expect(safeSegment(input)).toBe(expected);
  });

  it('never yields a separator or a leading dot', () => {
    for (const input of ['../x', '/abs', 'a/../b', '...', 'C:\\x', '%2e%2e%2f']) {
      const out = safeSegment(input);
      expect(out).not.toMatch(/[/\\]/);
      expect(out.startsWith('.')).toBe(false);
    }
  });
});

describe('documentKey / sha256Hex / toBytes', () => {
  it('places evidence under tenant/dossier/kind with a safe file name', () => {
    const key = documentKey(
      { tenantId: 'tenant/a', dossierId: '../DOS', idempotencyKey: 'k#1' },
      'email',
      'eml',
    );
    expect(key).toBe('tenant_a/__DOS/email/k_1.eml');
  });

  it('hashes bytes and strings alike (SHA-256 test vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(toBytes('abc'))).toBe(sha256Hex('abc'));
    expect(Buffer.from(toBytes('é')).toString('hex')).toBe('c3a9');
  });
});

describe('buildEml', () => {
  it('is byte-identical for the same message, and differs with the idempotency key', () => {
    const first = buildEml(anEmail());
    expect(buildEml(anEmail())).toBe(first);
    const other = buildEml(anEmail({ idempotencyKey: 'another-key' }));
    expect(other).not.toBe(first);
    const id = (eml: string) => parseEml(eml).headers.get('message-id');
    expect(id(other)).not.toBe(id(first));
  });

  it('uses CRLF only, and no line over 76 characters', () => {
    const eml = buildEml(anEmail({ text: 'x'.repeat(5000), html: `<p>${'é'.repeat(3000)}</p>` }));
    expect(eml).not.toMatch(/[^\r]\n/);
    expect(eml).not.toMatch(/\r(?!\n)/);
    expect(eml.endsWith('\r\n')).toBe(true);
    for (const line of eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('has the headers of the message, the instant as Date and the key as a header', () => {
    const { headers } = parseEml(buildEml(anEmail()));

    expect(headers.get('date')).toBe('Mon, 23 Nov 2026 07:00:00 +0000');
    expect(headers.get('from')).toBe('Atelier Martin <recouvrement@martin.example>');
    expect(headers.get('to')).toContain('compta@dupont.example');
    expect(headers.get('reply-to')).toContain('contentieux@martin.example');
    expect(headers.get('subject')).toBe('Rappel — 1\u202f200,00\u00a0€ restent dus');
    expect(headers.get('x-recouvrement-key')).toBe('tenant-a#DOS-CLI-001#2026-11-23#reminder-1#email');
    expect(headers.get('message-id')).toMatch(/^<[0-9a-f]{32}@martin\.example>$/);
    expect(headers.get('mime-version')).toBe('1.0');
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative; boundary=/);
  });

  it('omits Reply-To when there is none', () => {
    const { headers } = parseEml(buildEml(anEmail({ replyTo: undefined })));
    expect(headers.has('reply-to')).toBe(false);
  });

  it('carries the text and the HTML as base64 parts that decode to the originals', () => {
    const message = anEmail({
      text: 'Ligne 1 — é\nLigne 2 €',
      html: '<p>Échéance : 1\u202f200,00\u00a0€</p>',
    });
    const { parts } = parseEml(buildEml(message));

    expect(parts.map((part) => part.contentType)).toEqual([
      'text/plain; charset=UTF-8',
      'text/html; charset=UTF-8',
    ]);
    expect(parts.every((part) => part.encoding === 'base64')).toBe(true);
    expect(parts[0]?.text).toBe(message.text);
    expect(parts[1]?.text).toBe(message.html);
  });

  it('folds a long subject into encoded words that decode back to it', () => {
    const subject = `Mise en demeure de payer — 12\u202f345,67\u00a0€ — factures ${Array.from(
      { length: 12 },
      (_, i) => `F-2026-${String(i).padStart(3, '0')}`,
    ).join(', ')} — échéances dépassées`;
    const eml = buildEml(anEmail({ subject }));
    const { headers, rawHeaderLines } = parseEml(eml);

    const start = rawHeaderLines.findIndex((line) => line.startsWith('Subject:'));
    const folded = [rawHeaderLines[start] ?? ''];
    for (const line of rawHeaderLines.slice(start + 1)) {
      if (!line.startsWith(' ')) break;
      folded.push(line);
    }
    expect(folded.length).toBeGreaterThan(3);
    for (const line of folded) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^(Subject: | )=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    }
    expect(headers.get('subject')).toBe(subject);
  });
});
