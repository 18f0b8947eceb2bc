import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvRecordBlocks } from '../../../shared/use-cases/intake/csv-record-blocks';
import { decodeIntakeStream, SAMPLE_BYTES } from '../../../shared/use-cases/intake/decode-intake-stream';
import { ingestInvoices } from '../../../shared/use-cases/intake/ingest-invoices';
import { delimiterOf } from '../../../shared/use-cases/intake/parse-intake-file';
import { HEADER, RECEIVED, row, useIntake } from './intake-harness';

const intake = useIntake();

/** The bytes cut at the given offsets, as a stream delivers them (S3 chunks fall anywhere). */
async function* cutAt(bytes: Uint8Array, offsets: number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const to of [...offsets, bytes.length]) {
    yield bytes.subarray(from, to);
    from = to;
  }
}

async function* texts(parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

async function decodedText(chunks: AsyncIterable<Uint8Array>) {
  const decoded = await decodeIntakeStream(chunks);
  let text = '';
  for await (const part of decoded.text) text += part;
  return { text, encoding: decoded.encoding };
}

describe('the intake file decoded as a stream', () => {
  it('keeps a UTF-8 character whole when a chunk boundary past the sample cuts it', async () => {
    const text = `${'Société;Cœur\n'.repeat(SAMPLE_BYTES / 8)}12 000,00 €\n`;
    const bytes = iconv.encode(text, 'utf8');
    const euro = bytes.lastIndexOf(0xe2); // € is E2 82 AC: cut after its first and its second byte
    expect(euro).toBeGreaterThan(SAMPLE_BYTES);
    const decoded = await decodedText(cutAt(bytes, [SAMPLE_BYTES + 1, euro + 1, euro + 2]));
    expect(decoded).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads Windows-1252 in chunks, and switches to it when only a later chunk shows it is not UTF-8', async () => {
    const tail = 'Société Générale;Cœur;1\u00a0234,56 €\n';
    const opening = `${'ascii;only;line\n'.repeat(Math.ceil(SAMPLE_BYTES / 16) + 10)}`;
    const bytes = iconv.encode(opening + tail, 'win1252');
    // The first chunk (the sample) is pure ASCII: a reader deciding there that the file is UTF-8
    // would fail, or print U+FFFD, on the é of the last line.
    const decoded = await decodedText(cutAt(bytes, [1000, SAMPLE_BYTES + 7, bytes.length - 20]));
    expect(decoded.text).toBe(opening + tail);
    expect(decoded.encoding).toBe('windows-1252');
    const latinFirst = iconv.encode(tail + opening, 'win1252');
    expect(await decodedText(cutAt(latinFirst, [3, 9, 4000]))).toEqual({
      text: tail + opening,
      encoding: 'windows-1252',
    });
  });

  it('keeps a UTF-16 code unit whole across chunks past the sample, byte order mark read on the first', async () => {
    const text = 'Müller;Chênes\r\n'.repeat(SAMPLE_BYTES / 16);
    const bytes = iconv.encode(text, 'utf16le', { addBOM: true });
    expect(await decodedText(cutAt(bytes, [1, SAMPLE_BYTES + 3, SAMPLE_BYTES + 1001]))).toEqual({
      text,
      encoding: 'utf-16le',
    });
  });
});

describe('CSV records read in blocks', () => {
  it('counts a CRLF cut by a chunk boundary as one line break, and keeps a quoted value spanning a block boundary whole', async () => {
    const lines = ['a;b', ...Array.from({ length: 1998 }, (_, i) => `${i};x`), '"multi', 'line";y', 'last;z'];
    const text = lines.join('\r\n');
    const cut = text.indexOf('\r\n', 100) + 1; // between the CR and the LF of line 3
    const blocks = [];
    for await (const block of csvRecordBlocks(
      texts([text.slice(0, cut), text.slice(cut)]),
      delimiterOf,
      () => 2,
    ))
      blocks.push(block);
    const records = blocks.flatMap((block) => block.records);
    expect(blocks.flatMap((block) => block.malformed)).toEqual([]);
    expect(records).toHaveLength(2001); // the header, 1,998 rows, the two-line record, the last
    expect(records.at(-2)).toEqual({ line: 2000, fields: ['multi\nline', 'y'] });
    expect(records.at(-1)).toEqual({ line: 2002, fields: ['last', 'z'] });
  });
});

describe('an intake file larger than a chunk', () => {
  it('groups a debtor whose rows open and close the file, with Latin names and line numbers intact', async () => {
    const tenantId = await intake.newTenant();
    const fillers = Array.from({ length: 1500 }, (_, i) =>
      row({
        invoice_number: `F-${i}`,
        debtor_ref: `D-${i % 40}`,
        debtor_name: `Client n° ${i} — Île-de-France`,
      }),
    );
    const lines = [
      HEADER,
      row({ invoice_number: 'S-1', debtor_ref: 'SPLIT', debtor_name: 'Société Générale d’Éclairage' }),
      ...fillers,
      row({ invoice_number: 'BAD', debtor_ref: 'SPLIT', amount: 'douze' }),
      row({ invoice_number: 'S-2', debtor_ref: 'SPLIT', debtor_name: 'Société Générale d’Éclairage' }),
    ];
    const bytes = iconv.encode(lines.join('\r\n'), 'win1252');
    expect(bytes.length).toBeGreaterThan(2 * SAMPLE_BYTES);
    const report = await ingestInvoices(intake.deps(), {
      tenantId,
      key: `${tenantId}/big.csv`,
      body: cutAt(bytes, [SAMPLE_BYTES - 1, SAMPLE_BYTES + 5, 2 * SAMPLE_BYTES - 3]),
      receivedAt: RECEIVED,
      // A few rows at a time: the split debtor's two rows are stored by two flushes.
      bufferedRows: 100,
    });
    expect(report).toMatchObject({ rows: 1503, accepted: 1502, dossiers: 41, encoding: 'windows-1252' });
    expect(report.rejected).toEqual([
      expect.objectContaining({ row: 1503, invoiceNumber: 'BAD', field: 'amount' }),
    ]);
    const split = await intake.deps().repository.getDossier(tenantId, 'DOS-SPLIT');
    expect(split?.invoices.map((invoice) => invoice.number)).toEqual(['S-1', 'S-2']);
    expect(split?.debtor.name).toBe('Société Générale d’Éclairage');
    const filler = await intake.deps().repository.getDossier(tenantId, 'DOS-D-7');
    expect(filler?.debtor.name).toBe('Client n° 1487 — Île-de-France');
  });
});
