/**
 * Control characters: C0 (0x00–0x1F), DEL and C1 (0x7F–0x9F), and the Unicode line and
 * paragraph separators. A code point test rather than a regex class of controls (which the
 * linter rightly flags as usually a mistake).
 */
export function isControl(codePoint: number, allowed: ReadonlySet<number> = NONE): boolean {
  if (allowed.has(codePoint)) return false;
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029
  );
}

const NONE: ReadonlySet<number> = new Set();
/** Tab, LF and CR: the controls a CSV text legitimately holds. */
export const TEXT_LAYOUT: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0d]);
/** Tab alone: folded into a space inside a printed line. */
export const TAB: ReadonlySet<number> = new Set([0x09]);

/** How many characters of `text` are controls (those in `allowed` aside). */
export function countControls(text: string, allowed: ReadonlySet<number> = NONE): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) if (isControl(text.charCodeAt(index), allowed)) count++;
  return count;
}
