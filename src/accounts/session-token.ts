import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh session token for the cookie; only its SHA-256 is ever stored. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(20).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One-time codes are stored as a keyed hash bound to the number, so a leaked table reveals nothing usable. */
export function hashOtp(secret: string, mobile: string, code: string): string {
  return createHmac('sha256', secret).update(`${mobile}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
