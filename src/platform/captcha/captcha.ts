// The comment form's captcha, in two forms that share one single-use store:
//
// - altcha (proof of work): the classic altcha v1 SHA-256 challenge, which a few lines of
//   browser script (public/js/captcha.js) solve with crypto.subtle, so people with JavaScript
//   answer nothing. altcha-lib's default export is its v2 protocol (key derivation with a
//   prefix target, no upper bound on the work); v1 is what a tiny script solves in bounded time.
//   Challenge and payload are altcha-lib/v1's formats (captcha.test.ts checks them against the
//   library), but they are built here with node:crypto so that issuing stays synchronous for page
//   rendering and verification can compare signatures in constant time and judge expiry by the
//   injected clock (the library reads Date.now() and compares with ===).
// - an arithmetic question in Persian digits, for browsers without JavaScript or crypto.subtle
//   (plain http on a non-localhost origin). Its token is HMAC-signed and carries the expiry,
//   a nonce and a keyed hash of the answer, never the answer itself.

import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { t } from '../i18n/t.ts';
import { toAsciiDigits } from '../persian/digits.ts';

/** The challenge the browser solves: altcha v1, serialised as JSON into the form. */
export type AltchaChallenge = {
  algorithm: 'SHA-256';
  /** Hex SHA-256 of salt + the secret number. */
  challenge: string;
  /** The solver tries 0…maxnumber. */
  maxnumber: number;
  /** Random hex, then `?expires=<unix seconds>&`, as altcha writes it; covered by the signature through `challenge`. */
  salt: string;
  /** Hex HMAC-SHA-256 of `challenge`. */
  signature: string;
};

export type CaptchaChallenge = {
  altcha: AltchaChallenge;
  question: { text: string; token: string };
};

export type CaptchaFailure = 'missing' | 'invalid' | 'expired' | 'replayed' | 'wrong_answer';

export type CaptchaResult = { ok: true; method: 'altcha' | 'question' } | { ok: false; reason: CaptchaFailure };

/** Remembers accepted solutions until they expire, so each is accepted once. */
export interface CaptchaStore {
  /** Records key; false if it was already recorded (the solution is a replay). Must be atomic. */
  claim(key: string, expiresAt: string): Promise<boolean>;
  /** Forgets keys whose expiry is before now; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

export type IssueCaptchaOptions = {
  secret: string;
  now: Date;
  /** How long both the proof of work and the question stay valid. */
  ttlSeconds?: number;
  /** Proof-of-work difficulty: the solver needs maxNumber / 2 hashes on average. */
  maxNumber?: number;
  /** Picks the question (tests pin it); the proof-of-work number and nonces always use node:crypto. */
  random?: () => number;
};

export type VerifyCaptchaInput = {
  /** The base64 JSON payload public/js/captcha.js writes into the hidden `altcha` field. */
  altcha?: string;
  token?: string;
  answer?: string;
};

export type VerifyCaptchaOptions = { secret: string; now: Date; store: CaptchaStore };

export const CAPTCHA_DEFAULT_TTL_SECONDS = 600;
/**
 * About 25 000 SHA-256 digests on average: a fraction of a second on a desktop, a second or
 * two on a slow phone, while a spammer pays the same for every comment.
 */
export const CAPTCHA_DEFAULT_MAX_NUMBER = 50_000;

const SALT_BYTES = 12;
const NONCE_BYTES = 12;
const ANSWER_MAC_BYTES = 16;
const TOKEN_VERSION = 'q1';
// Generous bounds on what a genuine form posts; anything longer is not ours.
const MAX_PAYLOAD_CHARS = 1024;
const MAX_TOKEN_CHARS = 256;
const MAX_ANSWER_CHARS = 32;

// The session secret also signs cookies; a derived key keeps the captcha's MACs from ever
// being usable as (or obtainable through) anything else the secret signs.
function captchaKey(secret: string): Buffer {
  if (!secret) throw new Error('captcha secret is empty');
  return createHmac('sha256', secret).update('mahalle:captcha:v1').digest();
}

function hmac(key: Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function secureRandom(): number {
  return randomInt(0, 2 ** 32) / 2 ** 32;
}

function expiresAtSeconds(now: Date, ttlSeconds: number): number {
  return Math.floor(now.getTime() / 1000) + ttlSeconds;
}

function isExpired(expiresSeconds: number, now: Date): boolean {
  return now.getTime() >= expiresSeconds * 1000;
}

function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** A fresh proof-of-work challenge and arithmetic question, both expiring after ttlSeconds. */
export function issueCaptcha(options: IssueCaptchaOptions): CaptchaChallenge {
  const ttlSeconds = options.ttlSeconds ?? CAPTCHA_DEFAULT_TTL_SECONDS;
  const maxNumber = options.maxNumber ?? CAPTCHA_DEFAULT_MAX_NUMBER;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error('ttlSeconds must be a positive integer');
  if (!Number.isInteger(maxNumber) || maxNumber < 1 || maxNumber > 10_000_000) throw new Error('maxNumber must be 1…10 000 000');
  const key = captchaKey(options.secret);
  const expires = expiresAtSeconds(options.now, ttlSeconds);
  return {
    altcha: issueAltcha(key, expires, maxNumber),
    question: issueQuestion(key, expires, options.random ?? secureRandom),
  };
}

function issueAltcha(key: Buffer, expires: number, maxNumber: number): AltchaChallenge {
  // The trailing '&' ends the parameters, so no digits of the number can be read as part of them.
  const salt = `${randomBytes(SALT_BYTES).toString('hex')}?expires=${expires}&`;
  const secretNumber = randomInt(0, maxNumber + 1);
  const challenge = sha256Hex(salt + secretNumber);
  return { algorithm: 'SHA-256', challenge, maxnumber: maxNumber, salt, signature: hmac(key, challenge).toString('hex') };
}

function issueQuestion(key: Buffer, expires: number, random: () => number): { text: string; token: string } {
  const between = (min: number, max: number) => min + Math.floor(Math.min(Math.max(random(), 0), 0.999999) * (max - min + 1));
  let text: string;
  let answer: number;
  if (random() < 0.5) {
    const a = between(1, 9);
    const b = between(1, 9);
    answer = a + b;
    text = t('captcha.question.plus', { a, b });
  } else {
    const a = between(4, 18);
    const b = between(1, Math.min(a, 9));
    answer = a - b;
    text = t('captcha.question.minus', { a, b });
  }
  const nonce = randomBytes(NONCE_BYTES).toString('base64url');
  const body = `${TOKEN_VERSION}.${expires}.${nonce}.${answerMac(key, nonce, String(answer))}`;
  return { text, token: `${body}.${hmac(key, `question|${body}`).toString('base64url')}` };
}

// Keyed, so the token's hash of an answer that can only be 0…18 cannot be reversed by trying them.
function answerMac(key: Buffer, nonce: string, answer: string): string {
  return hmac(key, `answer|${nonce}|${answer}`).subarray(0, ANSWER_MAC_BYTES).toString('base64url');
}

/**
 * Accepts a solved proof of work or a right answer, once. The proof of work wins when both
 * are posted; a failed one falls back to the question when the person also answered it.
 */
export async function verifyCaptcha(input: VerifyCaptchaInput, options: VerifyCaptchaOptions): Promise<CaptchaResult> {
  const key = captchaKey(options.secret);
  const altcha = (input.altcha ?? '').trim();
  const answer = (input.answer ?? '').trim();
  if (altcha) {
    const result = await verifyAltcha(key, altcha, options);
    if (result.ok || !answer) return result;
  }
  if (!answer) return { ok: false, reason: 'missing' };
  return verifyQuestion(key, (input.token ?? '').trim(), answer, options);
}

type AltchaPayload = { algorithm: string; challenge: string; number: number; salt: string; signature: string };

function decodeAltchaPayload(raw: string): AltchaPayload | null {
  if (raw.length > MAX_PAYLOAD_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  if (
    p.algorithm !== 'SHA-256' ||
    typeof p.challenge !== 'string' || !/^[0-9a-f]{64}$/.test(p.challenge) ||
    typeof p.signature !== 'string' || !/^[0-9a-f]{64}$/.test(p.signature) ||
    typeof p.salt !== 'string' || p.salt.length > 200 || !p.salt.endsWith('&') ||
    typeof p.number !== 'number' || !Number.isSafeInteger(p.number) || p.number < 0
  ) {
    return null;
  }
  return { algorithm: p.algorithm, challenge: p.challenge, number: p.number, salt: p.salt, signature: p.signature };
}

function saltExpiry(salt: string): number | null {
  const query = salt.slice(salt.indexOf('?') + 1);
  if (query.length === salt.length) return null;
  const expires = new URLSearchParams(query).get('expires');
  return expires && /^\d{1,12}$/.test(expires) ? Number(expires) : null;
}

async function verifyAltcha(key: Buffer, raw: string, options: VerifyCaptchaOptions): Promise<CaptchaResult> {
  const payload = decodeAltchaPayload(raw);
  if (!payload) return { ok: false, reason: 'invalid' };
  const signatureOk = sameBytes(Buffer.from(payload.signature, 'hex'), hmac(key, payload.challenge));
  // The salt (and its expiry) is trusted only once it hashes, with the number, to the signed challenge.
  const workOk = sameBytes(Buffer.from(payload.challenge, 'hex'), createHash('sha256').update(payload.salt + payload.number).digest());
  if (!signatureOk || !workOk) return { ok: false, reason: 'invalid' };
  const expires = saltExpiry(payload.salt);
  // Our challenges always carry an expiry; one without could be replayed once the store forgot it.
  if (expires === null) return { ok: false, reason: 'invalid' };
  if (isExpired(expires, options.now)) return { ok: false, reason: 'expired' };
  const claimed = await options.store.claim(sha256Hex(`altcha|${payload.signature}`), isoFromSeconds(expires));
  return claimed ? { ok: true, method: 'altcha' } : { ok: false, reason: 'replayed' };
}

async function verifyQuestion(key: Buffer, token: string, rawAnswer: string, options: VerifyCaptchaOptions): Promise<CaptchaResult> {
  if (!token || token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'invalid' };
  const parts = token.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'invalid' };
  const [version, expiresText, nonce, mac, signature] = parts as [string, string, string, string, string];
  const body = `${version}.${expiresText}.${nonce}.${mac}`;
  if (
    version !== TOKEN_VERSION || !/^\d{1,12}$/.test(expiresText) ||
    !sameBytes(Buffer.from(signature, 'base64url'), hmac(key, `question|${body}`))
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const expires = Number(expiresText);
  if (isExpired(expires, options.now)) return { ok: false, reason: 'expired' };
  // Claimed before the answer is checked: a wrong answer uses the question up too. Otherwise
  // one token would let a script try every possible answer (they are few), and a person who
  // mistypes loses nothing, since the form comes back with a new question anyway.
  const claimed = await options.store.claim(sha256Hex(`question|${signature}`), isoFromSeconds(expires));
  if (!claimed) return { ok: false, reason: 'replayed' };
  const answer = normaliseAnswer(rawAnswer);
  const right = answer !== null && sameBytes(Buffer.from(answerMac(key, nonce, answer)), Buffer.from(mac));
  return right ? { ok: true, method: 'question' } : { ok: false, reason: 'wrong_answer' };
}

/** The answer as canonical ASCII decimal, whatever digits and invisible marks were typed. */
function normaliseAnswer(raw: string): string | null {
  if (raw.length > MAX_ANSWER_CHARS) return null;
  // Persian keyboards and copy-paste add direction marks and joiners around digits.
  const digits = toAsciiDigits(raw).replace(/[\s\u200c\u200d\u200e\u200f\u061c]/g, '');
  return /^\d{1,4}$/.test(digits) ? String(Number(digits)) : null;
}

/** A store in one process's memory: for tests and single-process tools, not for the server. */
export function memoryCaptchaStore(): CaptchaStore & { size: () => number } {
  const used = new Map<string, string>();
  return {
    claim: async (key, expiresAt) => {
      if (used.has(key)) return false;
      used.set(key, expiresAt);
      return true;
    },
    purgeExpired: async (now) => {
      let purged = 0;
      for (const [key, expiresAt] of used) {
        if (expiresAt < now) {
          used.delete(key);
          purged++;
        }
      }
      return purged;
    },
    size: () => used.size,
  };
}
