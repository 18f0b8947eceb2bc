import type { TrueTypeFont } from './truetype';

/**
 * A TrueType subset keeping glyph ids: the glyphs a letter uses (with the components of the
 * composite ones) keep their outlines, every other glyph becomes empty, and the font stops
 * after the highest id used. Keeping ids lets the PDF use them as CIDs with /CIDToGIDMap
 * /Identity, so a content stream is final when drawn and composites need no renumbering.
 * The empty entries of 'loca' and 'hmtx' repeat one value and cost next to nothing once
 * Flate-compressed. Tables are those a PDF TrueType font program needs (as fontkit's own
 * subsets write them): no cmap, the PDF maps codes to glyphs.
 */
const KEPT_AS_IS = ['cvt ', 'fpgm', 'prep'];

export function subsetFont(font: TrueTypeFont, used: Iterable<number>): Buffer {
  const keep = new Set<number>([0]); // .notdef is always glyph 0
  for (const glyph of used) {
    keep.add(glyph);
    for (const component of font.components(glyph)) keep.add(component);
  }
  const count = Math.max(...keep) + 1;

  const glyphs: Buffer[] = [];
  const loca = Buffer.alloc(4 * (count + 1));
  const hmtx = Buffer.alloc(4 * count);
  let offset = 0;
  for (let glyph = 0; glyph < count; glyph++) {
    loca.writeUInt32BE(offset, 4 * glyph);
    if (!keep.has(glyph)) continue;
    const data = font.glyphData(glyph);
    // Long offsets need no alignment, but 4-byte glyph starts are what rasterisers expect.
    const padded = Buffer.alloc(data.length + ((4 - (data.length % 4)) % 4));
    data.copy(padded);
    glyphs.push(padded);
    offset += padded.length;
    hmtx.writeUInt16BE(font.advanceWidth(glyph), 4 * glyph);
    hmtx.writeInt16BE(font.leftSideBearing(glyph), 4 * glyph + 2);
  }
  loca.writeUInt32BE(offset, 4 * count);

  const head = Buffer.from(copyTable(font, 'head'));
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set once the whole file is known
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  const hhea = Buffer.from(copyTable(font, 'hhea'));
  hhea.writeUInt16BE(count, 34); // numberOfHMetrics: every glyph has its long metric
  const maxp = Buffer.from(copyTable(font, 'maxp'));
  maxp.writeUInt16BE(count, 4);

  const tables = new Map<string, Buffer>([
    ['glyf', Buffer.concat(glyphs)],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
  ]);
  for (const tag of KEPT_AS_IS) if (font.tables.has(tag)) tables.set(tag, copyTable(font, tag));
  return assemble(tables);
}

function copyTable(font: TrueTypeFont, tag: string): Buffer {
  const record = font.tables.get(tag)!;
  return font.data.subarray(record.offset, record.offset + record.length);
}

/** Sum of big-endian 32-bit words, the data zero-padded to a multiple of four. */
function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word =
      ((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

/** Offset table, table records sorted by tag, then each table 4-byte aligned. */
function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const power = 2 ** Math.floor(Math.log2(tags.length));
  const header = Buffer.alloc(12 + 16 * tags.length);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(power * 16, 6); // searchRange
  header.writeUInt16BE(Math.log2(power), 8); // entrySelector
  header.writeUInt16BE(tags.length * 16 - power * 16, 10); // rangeShift
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, index) => {
    const table = tables.get(tag)!;
    const at = 12 + 16 * index;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(table), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.length, at + 12);
    const padded = Buffer.alloc(table.length + ((4 - (table.length % 4)) % 4));
    table.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = Buffer.concat([header, ...bodies]);
  const headOffset = header.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headOffset + 8);
  return file;
}
