import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { TrueTypeFont } from '../../shared/adapters/pdf/truetype';
import { subsetFont } from '../../shared/adapters/pdf/truetype-subset';
import { PRINTABLE_RANGES } from '../../shared/domain/messages/printable';

// Our reader of the letter font against fontkit's, an independent implementation.
const FONT_DIR = join(import.meta.dirname, '..', '..', 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

const printable = PRINTABLE_RANGES.flatMap(([first, last]) =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i),
);

describe.each(FILES)('TrueTypeFont %s', (file) => {
  const bytes = readFileSync(join(FONT_DIR, file));
  const ours = new TrueTypeFont(bytes);
  const theirs = fontkit.create(bytes) as fontkit.Font;

  it('reads the metrics fontkit reads', () => {
    expect(ours.unitsPerEm).toBe(theirs.unitsPerEm);
    expect(ours.numGlyphs).toBe(theirs.numGlyphs);
    expect(ours.ascender).toBe(theirs.ascent);
    expect(ours.descender).toBe(theirs.descent);
    expect(ours.italicAngle).toBe(theirs.italicAngle);
    expect(ours.bbox).toEqual([theirs.bbox.minX, theirs.bbox.minY, theirs.bbox.maxX, theirs.bbox.maxY]);
    expect(ours.postScriptName).toBe(theirs.postscriptName);
  });

  it('maps every printable code point to fontkit’s glyph, with its advance width', () => {
    for (const codePoint of printable) {
      const glyph = theirs.glyphForCodePoint(codePoint);
      expect(ours.glyphId(codePoint), codePoint.toString(16)).toBe(glyph.id);
      expect(ours.advanceWidth(glyph.id)).toBe(glyph.advanceWidth);
    }
    expect(ours.glyphId(0x1f642)).toBeUndefined();
    expect(ours.glyphId(0x0d)).toBeUndefined();
  });

  it('subsets to the glyphs asked for, keeping their ids, outlines and widths', () => {
    // Prepare: "Łukasz Żółć" draws composite glyphs (Ż = Z + dot above).
    const glyphs = [...'Łukasz Żółć Dvořák €'].map((char) => ours.glyphId(char.codePointAt(0)!)!);

    // Act
    const subset = subsetFont(ours, glyphs);

    // Assess: fontkit opens it, and each glyph kept draws the same outline as in the full font.
    const reread = fontkit.create(subset) as fontkit.Font;
    expect(reread.numGlyphs).toBe(Math.max(...glyphs, ...glyphs.flatMap((g) => [...ours.components(g)])) + 1);
    for (const id of glyphs) {
      expect(reread.getGlyph(id).path.toSVG()).toBe(theirs.getGlyph(id).path.toSVG());
      expect(reread.getGlyph(id).advanceWidth).toBe(theirs.getGlyph(id).advanceWidth);
    }
    const unused = ours.glyphId('W'.codePointAt(0)!)!;
    expect(reread.getGlyph(unused).path.commands).toHaveLength(0);
    // Empty glyphs repeat one 'loca' and one 'hmtx' entry: once deflated as in the PDF, they cost next to nothing.
    expect(deflateSync(subset).length).toBeLessThan(bytes.length / 50);
    // The whole-font checksum rule: every 32-bit word sums to 0xB1B0AFBA.
    let sum = 0;
    for (let i = 0; i < subset.length; i += 4) sum = (sum + subset.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});
