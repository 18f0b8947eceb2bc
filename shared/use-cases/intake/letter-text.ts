import { firstUnprintable } from '../../domain/messages/printable';
import { countControls, TAB } from './control-characters';
import type { Parsed } from './french-formats';

/**
 * Text printed on a letter (the debtor's name and address): one line each, every character in
 * the letters' font, short enough to stay on its line. Refused at intake with the field's
 * reason rather than printed wrong on a formal notice.
 */

/**
 * Characters per address line: NF Z10-011 (postal addressing norm, La Poste's "rédiger une
 * adresse"): 38 characters per line, spaces included, at most 6 lines. The last line is
 * "postal code + space + town", so the town gets 38 − 6 with a French code.
 */
export const MAX_ADDRESS_LINE = 38;
/**
 * The name heads the address block. Company names run longer than 38 characters ("SARL ... et
 * Fils"), so the bound is wider; 100 still keeps the recipient block inside the envelope window.
 */
export const MAX_NAME = 100;

/**
 * One line of printed text: controls refused, tabs and runs of spaces folded into one space,
 * stored in NFC (the form the renderer prints, so the same name read from a Windows-1252 or a
 * UTF-8 file is the same string), each character printable, at most `max` characters.
 */
export function printedLine(text: string, max: number): Parsed<string> {
  // Most names and addresses are plain printable ASCII: nothing to fold, normalise or look up.
  if (PLAIN.test(text) && !text.includes('  ')) {
    const line = text.trim();
    if (line === '') return { ok: false, reason: 'required' };
    if (line.length > max)
      return { ok: false, reason: `${line.length} characters, at most ${max} fit on a letter` };
    return { ok: true, value: line };
  }
  // A line break or another control: never printed as an extra recipient line.
  if (countControls(text, TAB) > 0)
    return { ok: false, reason: 'contains a line break or a control character (one line expected)' };
  const line = text
    .replace(/[\t ]+/g, ' ')
    .trim()
    .normalize('NFC');
  if (line === '') return { ok: false, reason: 'required' };
  const unprintable = firstUnprintable(line);
  if (unprintable !== undefined)
    return { ok: false, reason: `holds a character the letters cannot print (${codePointOf(unprintable)})` };
  const length = [...line].length;
  if (length > max) return { ok: false, reason: `${length} characters, at most ${max} fit on a letter` };
  return { ok: true, value: line };
}

/** Printable ASCII, space to tilde: no control, every character in the letters' font. */
const PLAIN = /^[ -~]*$/;

/** `U+00E9`: names the character without quoting the text around it. */
function codePointOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
