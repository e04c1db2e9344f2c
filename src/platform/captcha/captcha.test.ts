import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { createChallenge as altchaV1Challenge, solveChallenge as altchaV1Solve } from 'altcha-lib/v1';
import type { DatabaseHandle } from '../db/database.ts';
import { openTestDatabase } from '../db/testing.ts';
import { toAsciiDigits, toPersianDigits } from '../persian/digits.ts';
import { CaptchaField, captchaErrorMessage } from './captcha-field.tsx';
import { dbCaptchaStore } from './captcha.repo.ts';
import {
  CAPTCHA_DEFAULT_MAX_NUMBER,
  issueCaptcha,
  memoryCaptchaStore,
  verifyCaptcha,
  type AltchaChallenge,
  type CaptchaStore,
} from './captcha.ts';

const secret = 'test-secret-'.repeat(4);
const now = new Date('2026-06-18T08:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const easy = { secret, now, maxNumber: 2_000 };

/** Solves as public/js/captcha.js does, with node:crypto in place of crypto.subtle. */
function solveInNode(challenge: AltchaChallenge): string {
  for (let n = 0; n <= challenge.maxnumber; n++) {
    if (createHash('sha256').update(challenge.salt + n).digest('hex') === challenge.challenge) return payloadFor(challenge, n);
  }
  throw new Error('unsolvable challenge');
}

function payloadFor(challenge: AltchaChallenge, number: number, changes: Record<string, unknown> = {}): string {
  const { algorithm, challenge: hash, salt, signature } = challenge;
  return Buffer.from(JSON.stringify({ algorithm, challenge: hash, number, salt, signature, ...changes })).toString('base64');
}

function decode(payload: string): { number: number } & Record<string, unknown> {
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
}

/** The two numbers and the operation of a question, read back from its Persian text. */
function answerOf(text: string): number {
  const m = /^(\d+) (به‌علاوهٔ|منهای) (\d+) چند می‌شود؟$/.exec(toAsciiDigits(text));
  assert.ok(m, `unexpected question: ${text}`);
  return m[2] === 'منهای' ? Number(m[1]) - Number(m[3]) : Number(m[1]) + Number(m[3]);
}

/** A repeatable stand-in for Math.random (mulberry32). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), s | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

type BrowserCaptcha = ((root?: unknown) => void) & { solve: (challenge: unknown) => Promise<string | null> };

/** public/js/captcha.js, run as the browser would run it, with node's WebCrypto. */
function loadBrowserScript(options: { messageChannel: boolean }): BrowserCaptcha {
  const code = readFileSync(new URL('../../../public/js/captcha.js', import.meta.url), 'utf8');
  const sandbox: Record<string, unknown> = {
    crypto: globalThis.crypto,
    TextEncoder,
    btoa,
    setTimeout,
    // A port left open would keep node (and this test) running: the script must close its own.
    ...(options.messageChannel ? { MessageChannel } : {}),
    document: { readyState: 'complete', querySelectorAll: () => [] },
  };
  sandbox.window = sandbox;
  vm.runInNewContext(code, sandbox, { filename: 'captcha.js' });
  return sandbox.mahalleCaptcha as BrowserCaptcha;
}

describe('proof of work (altcha)', () => {
  test('a solved challenge is accepted once, then refused as a replay', async () => {
    const store = memoryCaptchaStore();
    const { altcha } = issueCaptcha(easy);
    assert.equal(altcha.algorithm, 'SHA-256');
    assert.equal(altcha.maxnumber, 2_000);
    const payload = solveInNode(altcha);
    assert.deepEqual(await verifyCaptcha({ altcha: payload }, { secret, now, store }), { ok: true, method: 'altcha' });
    assert.deepEqual(await verifyCaptcha({ altcha: payload }, { secret, now, store }), { ok: false, reason: 'replayed' });
  });

  test('the challenge is altcha v1: altcha-lib hashes it alike and its solver solves it', async () => {
    const { altcha } = issueCaptcha(easy);
    const solution = await altchaV1Solve(altcha.challenge, altcha.salt, 'SHA-256', altcha.maxnumber).promise;
    assert.ok(solution);
    const again = await altchaV1Challenge({ hmacKey: 'irrelevant', number: solution.number, salt: altcha.salt });
    assert.equal(again.challenge, altcha.challenge);
    const result = await verifyCaptcha({ altcha: payloadFor(altcha, solution.number) }, { secret, now, store: memoryCaptchaStore() });
    assert.deepEqual(result, { ok: true, method: 'altcha' });
  });

  test('a tampered or foreign payload is invalid', async () => {
    const store = memoryCaptchaStore();
    const { altcha } = issueCaptcha(easy);
    const { number } = decode(solveInNode(altcha));
    const verify = (payload: string) => verifyCaptcha({ altcha: payload }, { secret, now, store });
    const refused = { ok: false, reason: 'invalid' };
    assert.deepEqual(await verify(payloadFor(altcha, number + 1)), refused);
    assert.deepEqual(await verify(payloadFor(altcha, number, { signature: 'f'.repeat(64) })), refused);
    // A later expiry in the salt no longer hashes to the signed challenge.
    const stretched = altcha.salt.replace(/expires=(\d+)/, (_, s: string) => `expires=${Number(s) + 86_400}`);
    assert.deepEqual(await verify(payloadFor(altcha, number, { salt: stretched })), refused);
    assert.deepEqual(await verify(payloadFor(altcha, number, { algorithm: 'SHA-1' })), refused);
    assert.deepEqual(await verify('not base64 json'), refused);
    assert.deepEqual(await verify(Buffer.from('[1,2]').toString('base64')), refused);
    assert.deepEqual(await verify('A'.repeat(5_000)), refused);
    const foreign = issueCaptcha({ ...easy, secret: 'another-secret-'.repeat(3) }).altcha;
    assert.deepEqual(await verify(solveInNode(foreign)), refused);
    // A challenge without expiry could be replayed once the store forgot it, so it is not ours.
    const salt = 'abcdef0123456789&';
    const endless = { ...altcha, salt, challenge: createHash('sha256').update(`${salt}7`).digest('hex') };
    assert.deepEqual(await verify(payloadFor(endless, 7)), refused);
    // Nothing refused was recorded: the genuine solution still passes.
    assert.deepEqual(await verify(payloadFor(altcha, number)), { ok: true, method: 'altcha' });
  });

  test('a challenge expires after its ttl', async () => {
    const { altcha } = issueCaptcha({ ...easy, ttlSeconds: 300 });
    const payload = solveInNode(altcha);
    assert.deepEqual(await verifyCaptcha({ altcha: payload }, { secret, now: later(300), store: memoryCaptchaStore() }), {
      ok: false,
      reason: 'expired',
    });
    assert.deepEqual(await verifyCaptcha({ altcha: payload }, { secret, now: later(299), store: memoryCaptchaStore() }), {
      ok: true,
      method: 'altcha',
    });
    const byDefault = solveInNode(issueCaptcha(easy).altcha);
    assert.equal((await verifyCaptcha({ altcha: byDefault }, { secret, now: later(601), store: memoryCaptchaStore() })).ok, false);
  });

  test('the default difficulty is the documented one', () => {
    assert.equal(issueCaptcha({ secret, now }).altcha.maxnumber, CAPTCHA_DEFAULT_MAX_NUMBER);
  });
});

describe('the browser script', () => {
  test('solves in node with WebCrypto, and the server accepts its payload', async () => {
    for (const messageChannel of [true, false]) {
      const browser = loadBrowserScript({ messageChannel });
      const { altcha } = issueCaptcha({ secret, now, maxNumber: 20_000 });
      const payload = await browser.solve(JSON.parse(JSON.stringify(altcha)));
      assert.ok(payload);
      assert.equal(decode(payload).number, decode(solveInNode(altcha)).number);
      const result = await verifyCaptcha({ altcha: payload }, { secret, now, store: memoryCaptchaStore() });
      assert.deepEqual(result, { ok: true, method: 'altcha' });
    }
  });

  test('gives up on what it cannot solve', async () => {
    const browser = loadBrowserScript({ messageChannel: true });
    const { altcha } = issueCaptcha(easy);
    assert.equal(await browser.solve({ ...altcha, challenge: '0'.repeat(64) }), null);
    assert.equal(await browser.solve({ ...altcha, algorithm: 'SHA-1' }), null);
  });

  test('stays small and exposes one global', () => {
    const code = readFileSync(new URL('../../../public/js/captcha.js', import.meta.url));
    assert.ok(code.length < 3_072, `captcha.js is ${code.length} bytes`);
    const sandbox: Record<string, unknown> = { document: { readyState: 'complete', querySelectorAll: () => [] } };
    sandbox.window = sandbox;
    vm.runInNewContext(code.toString('utf8'), sandbox);
    assert.deepEqual(Object.keys(sandbox).sort(), ['document', 'mahalleCaptcha', 'window']);
  });
});

describe('arithmetic question', () => {
  test('is Persian text with Persian digits, and its answer is a small non-negative number', () => {
    const operations = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const { text } = issueCaptcha({ ...easy, random: seeded(seed) }).question;
      assert.doesNotMatch(text, /[0-9\u0660-\u0669]/);
      assert.match(text, /^[۰-۹]+ (به‌علاوهٔ|منهای) [۰-۹]+ چند می‌شود؟$/);
      operations.add(text.includes('منهای') ? '-' : '+');
      const answer = answerOf(text);
      assert.ok(answer >= 0 && answer <= 18, text);
    }
    assert.deepEqual([...operations].sort(), ['+', '-']);
  });

  test('the token carries no answer in clear', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { text, token } = issueCaptcha({ ...easy, random: seeded(seed) }).question;
      const [, , nonce, mac] = token.split('.');
      assert.equal(token.split('.').length, 5);
      assert.notEqual(mac, createHash('sha256').update(String(answerOf(text))).digest('base64url').slice(0, mac!.length));
      assert.ok(nonce && nonce.length >= 16);
    }
  });

  test('accepts the right answer in Persian, Arabic-Indic or ASCII digits, with spaces', async () => {
    for (const write of [toPersianDigits, (n: number) => String(n), (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)))]) {
      const { question } = issueCaptcha(easy);
      const answer = `  ${write(answerOf(question.text))}\u200f `;
      const result = await verifyCaptcha({ token: question.token, answer }, { secret, now, store: memoryCaptchaStore() });
      assert.deepEqual(result, { ok: true, method: 'question' }, answer);
    }
  });

  test('a wrong answer is refused and uses the question up', async () => {
    const store = memoryCaptchaStore();
    const { question } = issueCaptcha(easy);
    const right = answerOf(question.text);
    const options = { secret, now, store };
    assert.deepEqual(await verifyCaptcha({ token: question.token, answer: String(right + 1) }, options), { ok: false, reason: 'wrong_answer' });
    assert.deepEqual(await verifyCaptcha({ token: question.token, answer: String(right) }, options), { ok: false, reason: 'replayed' });
    const other = issueCaptcha(easy).question;
    assert.deepEqual(await verifyCaptcha({ token: other.token, answer: 'هفت' }, options), { ok: false, reason: 'wrong_answer' });
  });

  test('a right answer is accepted once', async () => {
    const options = { secret, now, store: memoryCaptchaStore() };
    const { question } = issueCaptcha(easy);
    const input = { token: question.token, answer: toPersianDigits(answerOf(question.text)) };
    assert.deepEqual(await verifyCaptcha(input, options), { ok: true, method: 'question' });
    assert.deepEqual(await verifyCaptcha(input, options), { ok: false, reason: 'replayed' });
  });

  test('a tampered or foreign token is invalid, and uses nothing up', async () => {
    const store = memoryCaptchaStore();
    const options = { secret, now, store };
    const { question } = issueCaptcha(easy);
    const answer = String(answerOf(question.text));
    const [version, expires, nonce, mac, signature] = question.token.split('.') as [string, string, string, string, string];
    const tampered = [
      [version, String(Number(expires) + 86_400), nonce, mac, signature],
      [version, expires, nonce, 'A'.repeat(mac.length), signature],
      [version, expires, nonce, mac, signature.slice(0, -2)],
      [version, expires, nonce, mac],
    ].map((parts) => parts.join('.'));
    tampered.push(issueCaptcha({ ...easy, secret: 'another-secret-'.repeat(3) }).question.token, '', 'x'.repeat(1_000));
    for (const token of tampered) {
      assert.deepEqual(await verifyCaptcha({ token, answer }, options), { ok: false, reason: 'invalid' }, token);
    }
    assert.equal(store.size(), 0);
    assert.deepEqual(await verifyCaptcha({ token: question.token, answer }, options), { ok: true, method: 'question' });
  });

  test('a question expires after its ttl', async () => {
    const { question } = issueCaptcha({ ...easy, ttlSeconds: 120 });
    const input = { token: question.token, answer: String(answerOf(question.text)) };
    assert.deepEqual(await verifyCaptcha(input, { secret, now: later(121), store: memoryCaptchaStore() }), { ok: false, reason: 'expired' });
  });

  test('nothing posted is missing; the proof of work wins over the question', async () => {
    const options = { secret, now, store: memoryCaptchaStore() };
    const { altcha, question } = issueCaptcha(easy);
    assert.deepEqual(await verifyCaptcha({}, options), { ok: false, reason: 'missing' });
    assert.deepEqual(await verifyCaptcha({ altcha: ' ', token: question.token, answer: '  ' }, options), { ok: false, reason: 'missing' });
    const both = { altcha: solveInNode(altcha), token: question.token, answer: String(answerOf(question.text)) };
    assert.deepEqual(await verifyCaptcha(both, options), { ok: true, method: 'altcha' });
    // The question was left unused, so the person's answer still counts if the payload is replayed.
    assert.deepEqual(await verifyCaptcha(both, options), { ok: true, method: 'question' });
    assert.deepEqual(await verifyCaptcha(both, options), { ok: false, reason: 'replayed' });
  });
});

describe('with the database store', () => {
  let handle: DatabaseHandle;
  let store: CaptchaStore;
  before(async () => {
    handle = await openTestDatabase();
    store = dbCaptchaStore(handle.db);
  });
  after(() => handle.close());

  test('claims a key once and purges only what expired', async () => {
    assert.equal(await store.claim('k1', '2026-06-18T08:10:00.000Z'), true);
    assert.equal(await store.claim('k1', '2026-06-18T08:10:00.000Z'), false);
    assert.equal(await store.claim('k2', '2026-06-18T09:00:00.000Z'), true);
    assert.equal(await store.purgeExpired('2026-06-18T08:30:00.000Z'), 1);
    assert.equal(await store.claim('k2', '2026-06-18T09:00:00.000Z'), false);
    assert.equal(await store.claim('k1', '2026-06-18T08:40:00.000Z'), true);
    await handle.db.deleteFrom('captcha_uses').execute();
  });

  test('both methods are single use', async () => {
    const options = { secret, now, store };
    const { altcha, question } = issueCaptcha(easy);
    const payload = solveInNode(altcha);
    assert.deepEqual(await verifyCaptcha({ altcha: payload }, options), { ok: true, method: 'altcha' });
    assert.deepEqual(await verifyCaptcha({ altcha: payload }, options), { ok: false, reason: 'replayed' });
    const input = { token: question.token, answer: toPersianDigits(answerOf(question.text)) };
    assert.deepEqual(await verifyCaptcha(input, options), { ok: true, method: 'question' });
    assert.deepEqual(await verifyCaptcha(input, options), { ok: false, reason: 'replayed' });
    const row = await handle.db.selectFrom('captcha_uses').selectAll().orderBy('key').executeTakeFirstOrThrow();
    assert.equal(row.expires_at, later(600).toISOString());
    assert.equal(await store.purgeExpired(later(601).toISOString()), 2);
  });

  test('of two concurrent uses of one solution exactly one wins', async () => {
    for (const memory of [false, true]) {
      const options = { secret, now, store: memory ? memoryCaptchaStore() : store };
      const { altcha, question } = issueCaptcha(easy);
      const payload = solveInNode(altcha);
      const answer = String(answerOf(question.text));
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => verifyCaptcha({ altcha: payload }, options)),
        ...Array.from({ length: 4 }, () => verifyCaptcha({ token: question.token, answer }, options)),
      ]);
      assert.deepEqual(results.filter((r) => r.ok).map((r) => r.ok && r.method).sort(), ['altcha', 'question']);
      assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'replayed'));
    }
  });
});

describe('the form field', () => {
  const visibleText = (html: string) => html.replace(/<[^>]+>/g, ' ');

  test('renders the question, the hidden fields and the challenge, all in Persian', () => {
    const challenge = issueCaptcha(easy);
    const html = renderToString(h(CaptchaField, { challenge }));
    assert.match(html, /<fieldset class="captcha" data-altcha-challenge="[^"]+">/);
    const json = /data-altcha-challenge="([^"]+)"/.exec(html)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    assert.deepEqual(JSON.parse(json), challenge.altcha);
    assert.match(html, /<legend>تأیید اینکه شما ربات نیستید<\/legend>/);
    assert.match(html, /<input type="hidden" name="altcha" value\/>/);
    assert.ok(html.includes(`name="captcha_token" value="${challenge.question.token}"`));
    assert.match(html, /<label for="captcha_answer">[^<]+<\/label>/);
    for (const attribute of ['name="captcha_answer"', 'inputmode="numeric"', 'autocomplete="off"', 'required', 'aria-describedby="captcha_answer-hint"']) {
      assert.ok(html.includes(attribute), attribute);
    }
    assert.match(html, /role="status" aria-live="polite"/);
    assert.ok(html.includes('data-text-working="در حال بررسی خودکار…"'));
    assert.ok(html.includes('data-text-done="تأیید شد؛ نیازی به پاسخ نیست."'));
    assert.ok(html.includes('data-text-failed="بررسی خودکار نشد؛ لطفاً به پرسش پاسخ دهید."'));
    assert.doesNotMatch(visibleText(html), /[0-9A-Za-z]/);
    assert.doesNotMatch(html, /aria-invalid/);
  });

  test('shows an error as the platform fields do', () => {
    const error = captchaErrorMessage('wrong_answer');
    const html = renderToString(h(CaptchaField, { challenge: issueCaptcha(easy), error, id: 'reply-captcha' }));
    assert.match(html, /class="field captcha-question field-invalid"/);
    assert.ok(html.includes(`<p class="field-error" id="reply-captcha-error">${error}</p>`));
    assert.ok(html.includes('aria-invalid="true"'));
    assert.ok(html.includes('aria-describedby="reply-captcha-hint reply-captcha-error"'));
    assert.ok(html.includes('<label for="reply-captcha">'));
    for (const reason of ['missing', 'invalid', 'expired', 'replayed', 'wrong_answer'] as const) {
      assert.match(captchaErrorMessage(reason), /[\u0600-\u06FF]/);
    }
  });
});
