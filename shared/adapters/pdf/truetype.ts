/**
 * Just enough of a TrueType (glyf-outline) font file to print with it: the table directory,
 * the Unicode cmap, advance widths, the metrics a PDF font descriptor quotes, and each glyph's
 * outline bytes with the components a composite glyph borrows. Read by hand rather than with
 * fontkit, whose brotli decoder alone would put 480 KB in the escalation Lambda's bundle;
 * tests check every figure read here against fontkit.
 */

export interface TableRecord {
  offset: number;
  length: number;
}

/** Composite glyph flags (OpenType spec, 'glyf' table). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export class TrueTypeFont {
  readonly tables = new Map<string, TableRecord>();
  readonly unitsPerEm: number;
  /** xMin, yMin, xMax, yMax in font units. */
  readonly bbox: readonly [number, number, number, number];
  readonly ascender: number;
  readonly descender: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly numGlyphs: number;
  readonly postScriptName: string;
  private readonly numberOfHMetrics: number;
  private readonly longLoca: boolean;
  private readonly cmap: Map<number, number>;

  constructor(readonly data: Buffer) {
    if (data.readUInt32BE(0) !== 0x00010000) throw new Error('not a TrueType font (glyf outlines)');
    const count = data.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + 16 * i;
      this.tables.set(data.toString('latin1', at, at + 4), {
        offset: data.readUInt32BE(at + 8),
        length: data.readUInt32BE(at + 12),
      });
    }
    const head = this.table('head');
    this.unitsPerEm = data.readUInt16BE(head + 18);
    this.bbox = [
      data.readInt16BE(head + 36),
      data.readInt16BE(head + 38),
      data.readInt16BE(head + 40),
      data.readInt16BE(head + 42),
    ];
    this.longLoca = data.readInt16BE(head + 50) === 1;
    const hhea = this.table('hhea');
    this.ascender = data.readInt16BE(hhea + 4);
    this.descender = data.readInt16BE(hhea + 6);
    this.numberOfHMetrics = data.readUInt16BE(hhea + 34);
    this.numGlyphs = data.readUInt16BE(this.table('maxp') + 4);
    const os2 = this.tables.get('OS/2');
    const post = this.tables.get('post');
    this.italicAngle = post ? data.readInt32BE(post.offset + 4) / 65536 : 0;
    this.postScriptName = this.readPostScriptName() ?? 'Embedded';
    this.cmap = this.readCmap();
    // sCapHeight exists from OS/2 version 2 on; before (DejaVu has version 1), the top of "H".
    const h = this.glyphData(this.glyphId(0x48) ?? 0);
    this.capHeight =
      os2 && data.readUInt16BE(os2.offset) >= 2
        ? data.readInt16BE(os2.offset + 88)
        : h.length >= 10
          ? h.readInt16BE(8)
          : this.ascender;
  }

  /** Offset of a table the font must have. */
  table(tag: string): number {
    const record = this.tables.get(tag);
    if (!record) throw new Error(`font has no '${tag}' table`);
    return record.offset;
  }

  /** Glyph id of a code point, undefined when the font has no glyph for it (id 0 is .notdef). */
  glyphId(codePoint: number): number | undefined {
    const id = this.cmap.get(codePoint);
    return id === undefined || id === 0 ? undefined : id;
  }

  /** Advance width in font units. */
  advanceWidth(glyph: number): number {
    const hmtx = this.table('hmtx');
    return this.data.readUInt16BE(hmtx + 4 * Math.min(glyph, this.numberOfHMetrics - 1));
  }

  /** Left side bearing in font units (after the long metrics, only bearings are stored). */
  leftSideBearing(glyph: number): number {
    const hmtx = this.table('hmtx');
    if (glyph < this.numberOfHMetrics) return this.data.readInt16BE(hmtx + 4 * glyph + 2);
    return this.data.readInt16BE(hmtx + 4 * this.numberOfHMetrics + 2 * (glyph - this.numberOfHMetrics));
  }

  /** The glyph's outline bytes in 'glyf' (empty for a blank glyph such as the space). */
  glyphData(glyph: number): Buffer {
    const loca = this.table('loca');
    const at = (index: number) =>
      this.longLoca ? this.data.readUInt32BE(loca + 4 * index) : 2 * this.data.readUInt16BE(loca + 2 * index);
    const glyf = this.table('glyf');
    return this.data.subarray(glyf + at(glyph), glyf + at(glyph + 1));
  }

  /** Glyphs a composite glyph is drawn from (é = e + ´), recursively; none for a simple glyph. */
  components(glyph: number, found = new Set<number>()): Set<number> {
    const data = this.glyphData(glyph);
    if (data.length === 0 || data.readInt16BE(0) >= 0) return found;
    let at = 10;
    let flags: number;
    do {
      flags = data.readUInt16BE(at);
      const component = data.readUInt16BE(at + 2);
      if (!found.has(component)) {
        found.add(component);
        this.components(component, found);
      }
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    } while (flags & MORE_COMPONENTS);
    return found;
  }

  /** Unicode code point → glyph id, from the (3,10) format 12 subtable, else the (3,1) or (0,x) format 4 one. */
  private readCmap(): Map<number, number> {
    const cmap = this.table('cmap');
    const count = this.data.readUInt16BE(cmap + 2);
    const subtables: { platform: number; encoding: number; offset: number }[] = [];
    for (let i = 0; i < count; i++) {
      const at = cmap + 4 + 8 * i;
      subtables.push({
        platform: this.data.readUInt16BE(at),
        encoding: this.data.readUInt16BE(at + 2),
        offset: cmap + this.data.readUInt32BE(at + 4),
      });
    }
    const format = (offset: number) => this.data.readUInt16BE(offset);
    const full = subtables.find((s) => s.platform === 3 && s.encoding === 10 && format(s.offset) === 12);
    if (full) return this.readFormat12(full.offset);
    const bmp = subtables.find(
      (s) => (s.platform === 3 && s.encoding === 1) || (s.platform === 0 && format(s.offset) === 4),
    );
    if (!bmp || format(bmp.offset) !== 4) throw new Error('font has no Unicode cmap');
    return this.readFormat4(bmp.offset);
  }

  private readFormat4(at: number): Map<number, number> {
    const d = this.data;
    const map = new Map<number, number>();
    const segments = d.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const end = d.readUInt16BE(ends + 2 * s);
      const start = d.readUInt16BE(starts + 2 * s);
      const delta = d.readInt16BE(deltas + 2 * s);
      const rangeOffsetAt = rangeOffsets + 2 * s;
      const rangeOffset = d.readUInt16BE(rangeOffsetAt);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const raw = d.readUInt16BE(rangeOffsetAt + rangeOffset + 2 * (c - start));
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) map.set(c, glyph);
      }
    }
    return map;
  }

  private readFormat12(at: number): Map<number, number> {
    const map = new Map<number, number>();
    const groups = this.data.readUInt32BE(at + 12);
    for (let g = 0; g < groups; g++) {
      const group = at + 16 + 12 * g;
      const start = this.data.readUInt32BE(group);
      const end = this.data.readUInt32BE(group + 4);
      const first = this.data.readUInt32BE(group + 8);
      for (let c = start; c <= end; c++) map.set(c, first + c - start);
    }
    return map;
  }

  /** nameID 6 from a Windows (UTF-16BE) or Macintosh (Roman) record of the 'name' table. */
  private readPostScriptName(): string | undefined {
    const name = this.tables.get('name');
    if (!name) return undefined;
    const d = this.data;
    const count = d.readUInt16BE(name.offset + 2);
    const strings = name.offset + d.readUInt16BE(name.offset + 4);
    for (let i = 0; i < count; i++) {
      const at = name.offset + 6 + 12 * i;
      if (d.readUInt16BE(at + 6) !== 6) continue;
      const platform = d.readUInt16BE(at);
      const start = strings + d.readUInt16BE(at + 10);
      const raw = d.subarray(start, start + d.readUInt16BE(at + 8));
      const text = platform === 3 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1');
      // A PDF name: letters, digits and hyphens only.
      const clean = text.replace(/[^A-Za-z0-9-]/g, '');
      if (clean !== '') return clean;
    }
    return undefined;
  }
}
