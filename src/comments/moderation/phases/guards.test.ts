// Table tests (Isso `Guard` / Coral phase style: a hand-built context per case) for the phases
// that guard the form and the author: length.ts (length and rate limits), captcha.ts,
// normalize.ts, reply.ts, spam.ts, trust.ts and reports.ts. One file for several phases keeps
// `npm test` fast (each test file is a process).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createContext } from '../context.ts';
import type { ModerationInput, PhaseResult } from '../types.ts';
import { captcha } from './captcha.ts';
import { lengthAndRate } from './length.ts';
import { normalize } from './normalize.ts';
import { replyTarget } from './reply.ts';
import { reports } from './reports.ts';
import { similarity, spam } from './spam.ts';
import { trust } from './trust.ts';

const input = (over: Partial<ModerationInput>): ModerationInput => ({ text: 'نظر من درباره‌ی این طرح مثبت است', subject: null, ...over });
const summary = (r: PhaseResult | undefined) => (r ? `${r.decision ?? '-'}:${(r.reasons ?? []).map((x) => x.code + (x.detail ? `/${x.detail}` : '')).join(',')}` : 'pass');
const persian = /[\u0600-\u06FF]/;

describe('length and rate limits', () => {
  const cases: [string, Partial<ModerationInput>, Record<string, number>, string][] = [
    ['ordinary comment', {}, {}, 'pass'],
    ['empty', { text: '' }, {}, 'rejected:too_short'],
    ['spaces only', { text: '   \n ' }, {}, 'rejected:too_short'],
    ['emoji only', { text: '👍👍👍' }, {}, 'rejected:too_short'],
    ['digits only', { text: '۱۲۳۴' }, {}, 'rejected:too_short'],
    ['one letter', { text: 'ع !' }, {}, 'rejected:too_short'],
    ['harakat and tatweel are not letters', { text: 'ـَـُـ' }, {}, 'rejected:too_short'],
    ['two letters pass', { text: 'نه' }, {}, 'pass'],
    ['max length exactly', { text: 'ا'.repeat(1500) }, {}, 'pass'],
    ['over max length', { text: 'ا'.repeat(1501) }, {}, 'rejected:too_long'],
    ['spaces collapse before counting', { text: `${'ا'.repeat(1000)}${' '.repeat(800)}ب` }, {}, 'pass'],
    ['custom maximum', { text: 'سلام دوستان' }, { maxChars: 5 }, 'rejected:too_long'],
    ['user under the rate limit', { author: { approvedCount: 5, recentCount: 2, recentTexts: [] } }, {}, 'pass'],
    ['user at the rate limit', { author: { approvedCount: 5, recentCount: 3, recentTexts: [] } }, {}, 'rejected:rate_limited/user'],
    ['IP at the rate limit', { ipRecentCount: 10 }, {}, 'rejected:rate_limited/ip'],
    ['rate limit checked before length', { text: '', ipRecentCount: 50 }, {}, 'rejected:rate_limited/ip'],
  ];
  for (const [name, over, config, expected] of cases) {
    test(name, () => {
      const r = lengthAndRate(createContext(input(over), config));
      assert.equal(summary(r), expected);
      for (const reason of r?.reasons ?? []) assert.match(reason.message, persian);
    });
  }
  test('the too_long message gives both numbers in Persian digits', () => {
    const r = lengthAndRate(createContext(input({ text: 'ب'.repeat(20) }), { maxChars: 10 }));
    assert.match(r!.reasons![0]!.message, /۱۰.*۲۰/);
  });
});

describe('captcha', () => {
  const cases: [string, boolean | undefined, string][] = [
    ['not checked here (CLI, tests)', undefined, 'pass'],
    ['solved', true, 'pass'],
    ['failed, expired or replayed', false, 'rejected:captcha_failed'],
  ];
  for (const [name, captchaOk, expected] of cases) {
    test(name, () => assert.equal(summary(captcha(createContext(input(captchaOk === undefined ? {} : { captchaOk })))), expected));
  }
});

describe('normalize', () => {
  test('fills the derived text once and reports letters and words', () => {
    const ctx = createContext(input({ text: 'كتاب   خوب ' }));
    const r = normalize(ctx);
    assert.deepEqual(r?.scores, { letters: 7, words: 2 });
    assert.equal(ctx.memo.text?.normalized, 'کتاب خوب');
  });
});

describe('reply target', () => {
  const ok = { parentExists: true, sameSubject: true, parentRejected: false, depth: 1 };
  const cases: [string, ModerationInput['reply'], string][] = [
    ['top-level comment', undefined, 'pass'],
    ['valid reply', ok, 'pass'],
    ['reply at depth 3', { ...ok, depth: 3 }, 'pass'],
    ['reply at depth 4', { ...ok, depth: 4 }, 'rejected:invalid_reply/too_deep'],
    ['parent missing', { ...ok, parentExists: false }, 'rejected:invalid_reply/parent_missing'],
    ['parent under another subject', { ...ok, sameSubject: false }, 'rejected:invalid_reply/other_subject'],
    ['parent rejected (Coral AncestorRejectedError)', { ...ok, parentRejected: true }, 'rejected:invalid_reply/parent_rejected'],
  ];
  for (const [name, reply, expected] of cases) {
    test(name, () => {
      const r = replyTarget(createContext(input(reply ? { reply } : {})));
      assert.equal(summary(r), expected);
      for (const reason of r?.reasons ?? []) assert.match(reason.message, persian);
    });
  }
});

describe('trust', () => {
  const cases: [string, ModerationInput['author'], Record<string, number>, string][] = [
    ['no history available', undefined, {}, 'pass'],
    ['first comment', { approvedCount: 0, recentCount: 0, recentTexts: [] }, {}, 'held:new_user/approved=0'],
    ['one approved', { approvedCount: 1, recentCount: 0, recentTexts: [] }, {}, 'held:new_user/approved=1'],
    ['two approved (Coral default)', { approvedCount: 2, recentCount: 0, recentTexts: [] }, {}, 'pass'],
    ['threshold configurable', { approvedCount: 2, recentCount: 0, recentTexts: [] }, { trustApprovedCount: 5 }, 'held:new_user/approved=2'],
  ];
  for (const [name, author, config, expected] of cases) {
    test(name, () => assert.equal(summary(trust(createContext(input(author ? { author } : {}), config))), expected));
  }
});

describe('reports', () => {
  const cases: [string, number | undefined, Record<string, number>, string][] = [
    ['none', undefined, {}, 'pass'],
    ['below the threshold', 2, {}, 'pass'],
    ['at the threshold', 3, {}, 'held:reported/reports=3'],
    ['threshold configurable', 1, { reportHideCount: 1 }, 'held:reported/reports=1'],
  ];
  for (const [name, reportCount, config, expected] of cases) {
    test(name, () => {
      const r = reports(createContext(input(reportCount === undefined ? {} : { reportCount }), config));
      assert.equal(summary(r), expected);
      if (r) assert.match(r.reasons![0]!.message, /۳|۱/);
    });
  }
});

describe('spam', () => {
  const runSpam = (text: string, over: Partial<ModerationInput> = {}) => {
    const r = spam(createContext({ text, subject: null, ...over }));
    return {
      got: r ? r.reasons!.map((x) => `${x.code}/${x.detail}`).join(',') : 'pass',
      spans: (r?.reasons ?? []).flatMap((x) => (x.spans ?? []).map((s) => text.slice(s.start, s.end))),
    };
  };

  const spamCases: [string, string, string, string[]][] = [
    ['no spam', 'لطفا زمین بازی را زودتر بسازید', 'pass', []],
    ['http link', 'ببینید https://example.com/a?b=1 را', 'spam_link/link', ['https://example.com/a?b=1']],
    ['www link', 'سایت www.takhfif.ir', 'spam_link/link', ['www.takhfif.ir']],
    ['bare domain', 'به shop.example.com سر بزنید', 'spam_link/link', ['shop.example.com']],
    ['telegram', 'کانال t.me/mychannel', 'spam_link/link', ['t.me/mychannel']],
    ['handle', 'آیدی @takhfif_shop پیام بدید', 'spam_link/link', ['@takhfif_shop']],
    ['e-mail is not a handle', 'ایمیل من ali.r@example.com است', 'spam_link/email', ['ali.r@example.com']],
    ['mobile in Persian digits', 'تماس: ۰۹۱۲۳۴۵۶۷۸۹', 'spam_link/phone', ['۰۹۱۲۳۴۵۶۷۸۹']],
    ['mobile in Arabic-Indic digits with spaces', 'شماره ٠٩١٢ ٣٤٥ ٦٧٨٩', 'spam_link/phone', ['٠٩١٢ ٣٤٥ ٦٧٨٩']],
    ['mobile with +98 and dashes', 'واتساپ +98-912-345-6789', 'spam_link/phone', ['+98-912-345-6789']],
    ['landline with area code', 'دفتر ۰۲۸-۳۳۳۴۴۵۵۶', 'spam_link/phone', ['۰۲۸-۳۳۳۴۴۵۵۶']],
    ['money is not a phone', 'هزینه ۲،۰۰۰،۰۰۰،۰۰۰ ریال و ۱۲۰ ۰۰۰ تومان', 'pass', []],
    ['a Jalali date is not a phone', 'از ۱۴۰۵/۰۳/۲۸ شروع شد', 'pass', []],
    ['a decimal is not a link', 'نمره ۱۷.۵ گرفت', 'pass', []],
    ['one word over and over', 'خرید خرید خرید خرید خرید خرید خرید ارزان', 'spam_repeat/self', []],
  ];
  for (const [name, text, expected, spans] of spamCases) {
    test(name, () => {
      const r = runSpam(text);
      assert.equal(r.got, expected);
      assert.deepEqual(r.spans, spans);
    });
  }

  test('repeat of a recent comment by the same author (Coral repeatPost), after normalisation', () => {
    const author = { approvedCount: 3, recentCount: 1, recentTexts: ['لطفا زمين بازي را زودتر بسازيد!!!'] };
    assert.equal(runSpam('لطفا زمین بازی را زودتر بسازید', { author }).got, 'spam_repeat/similarity=1');
    assert.equal(runSpam('کفپوش لاستیکی یادتان نرود', { author }).got, 'pass');
  });

  test('similarity of shingles', () => {
    assert.equal(similarity('abc def', 'abc def'), 1);
    assert.equal(similarity('abcdef', 'uvwxyz'), 0);
    assert.ok(similarity('زمین بازی کودکان', 'زمین بازی کودکان ما') > 0.8);
  });
});
