/**
 * SMS length in the units operators bill. GSM 03.38: the basic set costs one septet, the
 * extension set two (escape + char); 160 septets fit one segment, 153 each once concatenated.
 * One character outside GSM-7 switches the whole SMS to UCS-2: 70, then 67 UTF-16 units.
 */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Most an SMS template may take once rendered: two concatenated GSM-7 segments. */
export const MAX_SMS_SEGMENTS = 2;

export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return false;
  return true;
}

export function smsSegments(text: string): number {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else {
      const units = text.length;
      return units <= 70 ? 1 : Math.ceil(units / 67);
    }
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/**
 * A value as it can travel in GSM-7: French no-break spaces become spaces, typographic quotes
 * and dashes their ASCII twins, and a letter the alphabet lacks (ç, ê, ô…) loses its accent.
 * Applied to the values put in an SMS (names come from files), so one "ç" never turns a
 * 1-segment SMS into a 3-segment UCS-2 one.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text.replace(/[\u00a0\u202f\u2007]/g, ' ')) {
    if (GSM_BASIC.has(char) || GSM_EXTENSION.has(char)) {
      out += char;
      continue;
    }
    const mapped =
      { '’': "'", '‘': "'", '“': '"', '”': '"', '«': '"', '»': '"', '–': '-', '—': '-', '…': '...' }[char] ??
      char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += [...mapped].every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c)) ? mapped : '?';
  }
  return out;
}
