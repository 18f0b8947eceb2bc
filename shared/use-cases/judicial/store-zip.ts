import { crc32 } from 'node:zlib';
import type { LocalDate } from '../../domain/calendar';

/**
 * A minimal ZIP writer (APPNOTE 6.3.x): entries STOREd, uncompressed (PDFs and small JSON gain
 * little from deflate, and a stored entry is readable by every tool), names in UTF-8 (flag bit
 * 11), CRC-32 from node:zlib. No ZIP64: at most 65,535 entries and 4 GiB, far beyond a court file.
 * Every entry carries the same date, so the same files give the same bytes.
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

/** MS-DOS date and time of `day` at noon (the ZIP format's own timestamps are local and coarse). */
function dosDateTime(day: LocalDate): { date: number; time: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { date: ((y - 1980) << 9) | (m << 5) | d, time: 12 << 11 };
}

export function storeZip(entries: readonly ZipEntry[], day: LocalDate): Uint8Array {
  if (entries.length > MAX_ENTRIES)
    throw new RangeError(`zip: ${entries.length} entries, at most ${MAX_ENTRIES}`);
  const names = new Set<string>();
  const { date, time } = dosDateTime(day);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (names.has(entry.name)) throw new Error(`zip: duplicate entry ${entry.name}`);
    names.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.data.byteLength;
    const crc = crc32(entry.data) >>> 0;
    if (size > MAX_SIZE || offset > MAX_SIZE) throw new RangeError('zip: entry beyond 4 GiB (no ZIP64)');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // method: store
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, Buffer.from(entry.data.buffer, entry.data.byteOffset, size));

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + size;
  }
  const centralSize = centrals.reduce((total, part) => total + part.length, 0);
  if (offset > MAX_SIZE) throw new RangeError('zip: archive beyond 4 GiB (no ZIP64)');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
