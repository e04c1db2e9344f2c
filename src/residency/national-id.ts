// The Iranian national ID (کد ملی): ten digits, the last a check digit over the first nine.

import { createHmac } from 'node:crypto';
import { toAsciiDigits } from '../platform/persian/digits.ts';

/** The ten ASCII digits of a typed national ID (any digit kind, spaces and dashes allowed), or null. */
export function parseNationalId(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s\-‐-―]/g, '');
  if (!/^\d{8,10}$/.test(digits)) return null;
  // Lists often drop leading zeros (a spreadsheet read the column as a number).
  const id = digits.padStart(10, '0');
  return isValidNationalId(id) ? id : null;
}

/**
 * The check digit: s = Σ dᵢ·(10 − i) over the first nine digits, r = s mod 11; the last digit is r
 * when r < 2, else 11 − r. Ten equal digits pass that sum but are never issued.
 */
export function isValidNationalId(id: string): boolean {
  if (!/^\d{10}$/.test(id) || /^(\d)\1{9}$/.test(id)) return false;
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(id[i]) * (10 - i);
  const r = s % 11;
  const check = Number(id[9]);
  return r < 2 ? check === r : check === 11 - r;
}

/** What is stored: an HMAC with the server's key (a plain hash of a billion possible IDs is reversed in seconds). */
export function nationalIdHash(secret: string, id: string): string {
  return createHmac('sha256', secret).update(`national-id:${id}`).digest('hex');
}

/** A valid ID built from nine digits (tests and benchmark fixtures). */
export function withCheckDigit(nine: string): string {
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(nine[i]) * (10 - i);
  const r = s % 11;
  return `${nine}${r < 2 ? r : 11 - r}`;
}
