import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { firstUnprintable, PRINTABLE_RANGES } from '../../shared/domain/messages/printable';

// The font the letters embed (shared/adapters/pdf/letter-fonts.ts), read by fontkit, an
// independent reader: the domain's list of printable characters must never promise a glyph
// the font does not have.
const FONT_DIR = join(import.meta.dirname, '..', '..', 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(
  (file) => fontkit.openSync(join(FONT_DIR, file)) as fontkit.Font,
);

describe('firstUnprintable', () => {
  it('accepts only characters both letter fonts have a glyph for, scanning every code point', () => {
    let accepted = 0;
    const missing: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue; // lone surrogates are not characters
      const char = String.fromCodePoint(codePoint);
      if (firstUnprintable(char) !== undefined) continue;
      accepted++;
      // What is printed is the NFC form (U+212B ANGSTROM SIGN prints as Å).
      for (const printed of char.normalize('NFC')) {
        for (const font of fonts) {
          if (!font.hasGlyphForCodePoint(printed.codePointAt(0)!)) missing.push(codePoint.toString(16));
        }
      }
    }
    expect(missing).toEqual([]);
    // The list is not accidentally empty: Latin, Greek, Cyrillic and punctuation are in.
    expect(accepted).toBeGreaterThan(1200);
  });

  it('keeps its ranges inside the code points the fonts cover, holes included', () => {
    for (const [first, last] of PRINTABLE_RANGES) {
      for (let codePoint = first; codePoint <= last; codePoint++) {
        for (const font of fonts)
          expect(font.hasGlyphForCodePoint(codePoint), codePoint.toString(16)).toBe(true);
      }
    }
  });

  it('accepts the names of debtors from all over Europe, decomposed accents included', () => {
    for (const name of [
      'Łukasz Żółć',
      'Dvořák',
      'Ştefan Țăranu',
      'Ümit Güneş',
      "Société Générale d'Éclairage",
      'Ελένη Παπαδοπούλου',
      'Пётр Иванов',
      'Nguyễn Văn Đức',
      '1\u202f234,56\u00a0€ — « ok » …',
      'Cafe\u0301', // e + combining acute, as macOS writes file names
    ]) {
      expect(firstUnprintable(name), name).toBeUndefined();
    }
  });

  it('names the first character it cannot print: controls, emoji, CJK, unassigned', () => {
    expect(firstUnprintable('Dupont\r\nSARL')).toBe('\r');
    expect(firstUnprintable('Dupont\nSARL')).toBe('\n');
    expect(firstUnprintable('a\tb')).toBe('\t');
    expect(firstUnprintable('a\u0085b')).toBe('\u0085');
    expect(firstUnprintable('x\u2028y')).toBe('\u2028');
    expect(firstUnprintable('Zoé 🙂 李')).toBe('🙂');
    expect(firstUnprintable('李雷')).toBe('李');
    expect(firstUnprintable('q\u0303')).toBe('\u0303'); // no precomposed q̃
    expect(firstUnprintable('\u1efc')).toBe('\u1efc');
    expect(firstUnprintable('\u0378')).toBe('\u0378');
    expect(firstUnprintable('zero\u200bwidth')).toBe('\u200b');
  });
});
