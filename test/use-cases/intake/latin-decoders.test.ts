import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeLatin } from '../../../shared/use-cases/intake/latin-decoders';

/** Our two single-byte tables agree with a maintained codec library on every byte. */
describe('decodeLatin', () => {
  const everyByte = Uint8Array.from({ length: 256 }, (_, byte) => byte);

  it.each([
    ['windows-1252', 'win1252'],
    ['iso-8859-15', 'iso885915'],
  ] as const)('decodes every byte of %s as iconv-lite does', (encoding, iconvName) => {
    const ours = [...decodeLatin(everyByte, encoding)];
    const theirs = [...iconv.decode(Buffer.from(everyByte), iconvName)];
    const differ = ours
      .map((char, byte) => ({ byte, ours: char.codePointAt(0), theirs: theirs[byte]?.codePointAt(0) }))
      // iconv-lite maps the five unassigned Windows-1252 bytes to U+FFFD; we keep them as C1
      // controls, which intake then refuses as control characters: either way never printed.
      .filter((d) => d.ours !== d.theirs && d.theirs !== 0xfffd);
    expect(differ).toEqual([]);
  });

  it('reads what French Excel writes: accents, the no-break space, ’, œ and €', () => {
    const bytes = iconv.encode('Société d’Éclairage, Cœur 1\u00a0234,56 €', 'win1252');
    expect(decodeLatin(bytes, 'windows-1252')).toBe('Société d’Éclairage, Cœur 1\u00a0234,56 €');
  });
});
