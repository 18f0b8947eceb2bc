/**
 * A small reader of the .eml files the messengers write (one multipart/alternative
 * level, base64 parts): enough for tests to check what a mail client would show.
 */
export interface ParsedEml {
  /** Lower-case names; folded lines joined; RFC 2047 words decoded. */
  headers: Map<string, string>;
  /** Raw (still folded, still encoded) header lines. */
  rawHeaderLines: string[];
  parts: { contentType: string; encoding: string; raw: string; text: string }[];
}

const ENCODED_WORD = /=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi;

export function decodeHeaderValue(value: string): string {
  // White space between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(ENCODED_WORD, (_, base64: string) => Buffer.from(base64, 'base64').toString('utf8'));
}

function splitHeaders(block: string): { headers: Map<string, string>; lines: string[] } {
  const lines = block.split('\r\n');
  const headers = new Map<string, string>();
  let name = '';
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      headers.set(name, `${headers.get(name) ?? ''}${line}`);
      continue;
    }
    const colon = line.indexOf(':');
    name = line.slice(0, colon).toLowerCase();
    headers.set(name, line.slice(colon + 1).trim());
  }
  for (const [key, value] of headers) headers.set(key, decodeHeaderValue(value));
  return { headers, lines };
}

export function parseEml(raw: string): ParsedEml {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('no blank line between headers and body');
  const { headers, lines } = splitHeaders(raw.slice(0, split));
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error('not a multipart message');
  const body = raw.slice(split + 4);
  const chunks = body.split(`--${boundary}`);
  const parts = chunks
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .map((chunk) => {
      const content = chunk.replace(/^\r\n/, '');
      const end = content.indexOf('\r\n\r\n');
      const part = splitHeaders(content.slice(0, end)).headers;
      const partRaw = content.slice(end + 4).replace(/(\r\n)+$/, '');
      const encoding = (part.get('content-transfer-encoding') ?? '').toLowerCase();
      const text =
        encoding === 'base64'
          ? Buffer.from(partRaw.replace(/\r\n/g, ''), 'base64').toString('utf8')
          : partRaw;
      return { contentType: part.get('content-type') ?? '', encoding, raw: partRaw, text };
    });
  return { headers, rawHeaderLines: lines, parts };
}
