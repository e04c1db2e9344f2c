import { toAsciiDigits } from '../platform/persian/digits.ts';

/**
 * An Iranian mobile number in its canonical 09xxxxxxxxx form, or null. Accepts Persian,
 * Arabic-Indic and ASCII digits, spaces, dashes, and the +98 / 0098 / 98 prefixes.
 */
export function parseIranMobile(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s\-()\u200c\u200f\u200e]/g, '');
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

/** 0912***4567: enough to recognise one's own number, not enough to harvest it from logs. */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 4)}***${mobile.slice(-4)}`;
}
