// Receipt codes let a voter check that their ballot is in the count without anyone else learning
// who cast it. The code is derived from the server's key, the round and the voter, so the voter
// can see it again on the ballot page; the database keeps only a hash of it, and the published
// `.pb` file names each ballot by a prefix of that hash.

import { createHash, createHmac } from 'node:crypto';
import { toAsciiDigits, toPersianDigits } from '../platform/persian/digits.ts';

/** 16 decimal digits (about 53 bits): a collision inside one round of 100,000 voters has odds near 1 in 2 million. */
export const RECEIPT_DIGITS = 16;

export function receiptCode(secret: string, roundId: number, userId: number): string {
  const mac = createHmac('sha256', secret).update(`ballot-receipt:${roundId}:${userId}`).digest();
  const n = mac.readBigUInt64BE(0) % 10n ** BigInt(RECEIPT_DIGITS);
  return n.toString().padStart(RECEIPT_DIGITS, '0');
}

/** The code as shown: Persian digits in groups of four, written left to right. */
export function formatReceipt(code: string): string {
  return toPersianDigits(code.match(/.{1,4}/g)!.join('-'));
}

/** The code typed by a person (any digit kind, spaces or dashes), or null when it cannot be one. */
export function parseReceipt(input: string): string | null {
  // Copied from a page, the code may carry bidi isolates or marks around it.
  const digits = toAsciiDigits(input).replace(/[\s\-‐-―_.\u200E\u200F\u2066-\u2069]/g, '');
  return /^\d+$/.test(digits) && digits.length === RECEIPT_DIGITS ? digits : null;
}

/** What the database keeps: the hash of the round and the code together. */
export function receiptHash(roundId: number, code: string): string {
  return createHash('sha256').update(`${roundId}:${code}`).digest('hex');
}

/** The ballot's name in the published `.pb` file. */
export const VOTER_ID_LENGTH = 12;
export function voterIdOf(receiptHashHex: string): string {
  return receiptHashHex.slice(0, VOTER_ID_LENGTH);
}
